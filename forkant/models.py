"""Tenancy: organisations, their arbejdsmiljøgrupper (AMG), their members, and wall screens."""

from __future__ import annotations

from importlib import import_module

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.contrib.sessions.base_session import AbstractBaseSession
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: object) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username: str | None) -> User:
        # E-mail addresses are stored lower-case; logging in with "Leder@Demo.dk" works too.
        return self.get(email__iexact=username or "")


class User(AbstractUser):
    """A person who logs in with e-mail and password."""

    username = None  # type: ignore[assignment]
    email = models.EmailField(_("e-mail"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    # Bumped by "log out everywhere": part of the session hash, so every session ends at once.
    session_generation = models.PositiveIntegerField(default=0, editable=False)
    # Set when the person deleted their account: the row stays (their name is gone) so the AMG's
    # records that point at it stay whole.
    anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = UserManager()  # type: ignore[misc]

    class Meta:
        verbose_name = _("bruger")
        verbose_name_plural = _("brugere")

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        # Django's hash covers the password (a password change ends other sessions); ours also
        # covers the generation. Generation 0 gives Django's own hash, so no session is lost
        # when this code is deployed.
        if not self.session_generation:
            return super()._get_session_auth_hash(secret=secret)  # type: ignore[misc]
        key_salt = "forkant.User.session_auth_hash"
        value = f"{self.password}:{self.session_generation}"
        return salted_hmac(key_salt, value, secret=secret, algorithm="sha256").hexdigest()


# The registers' numbers, as ASCII digits only (\d would let other scripts' digits through).
validate_cvr = RegexValidator(r"\A[0-9]{8}\Z", _("Et CVR-nummer er 8 cifre (0–9)."), code="cvr")
validate_p_number = RegexValidator(
    r"\A[0-9]{10}\Z", _("Et P-nummer er 10 cifre (0–9)."), code="p_number"
)


class Organisation(models.Model):
    name = models.CharField(_("navn"), max_length=200, unique=True)
    # For the inspection bundle's cover: the legal entity's CVR and address.
    cvr = models.CharField(_("CVR-nummer"), max_length=8, blank=True, validators=[validate_cvr])
    address = models.CharField(_("adresse"), max_length=300, blank=True)
    require_two_factor = models.BooleanField(
        _("kræv totrinslogin"),
        default=False,
        help_text=_("Alle organisationens brugere skal logge ind med en kode fra en app."),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OrganisationAdmin(models.Model):
    """An arbejdsmiljøkoordinator or HR person who oversees every AMG of one organisation."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="admins",
        verbose_name=_("organisation"),
    )
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="organisation_admin_roles"
    )

    class Meta:
        verbose_name = _("organisationsadministrator")
        verbose_name_plural = _("organisationsadministratorer")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="unique_org_admin")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.organisation})"


class AMG(models.Model):
    """An arbejdsmiljøgruppe: the unit that owns every piece of data in the app."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="amgs", verbose_name=_("organisation")
    )
    name = models.CharField(_("navn"), max_length=200)
    # For the inspection bundle's cover: the workplace (the production unit) the AMG covers.
    address = models.CharField(_("arbejdsstedets adresse"), max_length=300, blank=True)
    p_number = models.CharField(
        _("P-nummer"), max_length=10, blank=True, validators=[validate_p_number]
    )
    # Bumped in the same transaction as every change to what the wall screen shows; the wall
    # screen's ETag is built from it, so an unchanged board costs one small query to confirm.
    board_revision = models.PositiveBigIntegerField(default=0, editable=False)
    # An archived AMG is never deleted: it is read-only (forkant.access) and off the dashboards.
    archived_at = models.DateTimeField(_("arkiveret"), null=True, blank=True)

    class Meta:
        verbose_name = _("arbejdsmiljøgruppe")
        verbose_name_plural = _("arbejdsmiljøgrupper")
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unique_amg_name")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class Role(models.TextChoices):
    LEDER = "leder", _("Leder")
    AMR = "amr", _("Arbejdsmiljørepræsentant")
    TR = "tr", _("Tillidsrepræsentant")
    ANDET = "andet", _("Andet medlem")


class ActiveMembershipManager(models.Manager["Membership"]):
    """Only current members. A removed member's row stays, so the cards, history and referater
    that point at it keep their name (foreign keys read through the unfiltered base manager)."""

    def get_queryset(self) -> models.QuerySet[Membership]:
        return super().get_queryset().filter(removed_at__isnull=True)


class Membership(models.Model):
    amg = models.ForeignKey(
        AMG, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("AMG")
    )
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("rolle"), max_length=10, choices=Role.choices)
    read_only = models.BooleanField(
        _("kun læseadgang"),
        default=False,
        help_text=_("Fx en observatør fra MED/AMO, der kan læse men ikke ændre noget."),
    )
    removed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # When the member took office in the arbejdsmiljøorganisation:
    # the mandatory arbejdsmiljøuddannelse is due 3 months later and the supplementary training
    # years count from it. New memberships start today; None = not known (set it on the
    # member's training page).
    took_office = models.DateField(_("tiltrådt"), null=True, blank=True, default=timezone.localdate)

    all_objects = models.Manager()
    objects = ActiveMembershipManager()

    class Meta:
        verbose_name = _("medlemskab")
        verbose_name_plural = _("medlemskaber")
        ordering = ["amg", "role", "user__first_name"]
        constraints = [models.UniqueConstraint(fields=["amg", "user"], name="unique_membership")]
        default_manager_name = "objects"
        base_manager_name = "all_objects"

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"

    @property
    def display_name(self) -> str:
        return self.user.get_full_name() or self.user.email


class WallScreen(models.Model):
    """A TV's browser, paired once through a single-use link, that shows the public board."""

    amg = models.ForeignKey(AMG, on_delete=models.CASCADE, related_name="wall_screens")
    name = models.CharField(_("navn"), max_length=100)
    # Only the SHA-256 of the pairing token is stored; cleared when the link is used.
    pairing_token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    pairing_expires_at = models.DateTimeField(null=True, blank=True)
    # A secret carried in the signed pairing cookie; re-pairing or revoking invalidates old ones.
    device_key = models.CharField(max_length=64, blank=True)
    paired_at = models.DateTimeField(null=True, blank=True)
    last_seen_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vægskærm")
        verbose_name_plural = _("vægskærme")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_paired(self) -> bool:
        return self.paired_at is not None and not self.is_revoked


class ScreenPairingCode(models.Model):
    """A short code an unpaired TV shows, so that a member can pair it by typing the code into
    the app (the way TVs pair) instead of a long link into the TV.

    The TV holds the code and a claim secret in a signed cookie; only keyed hashes of both are
    stored. A member who enters the code (rate limited) sets `screen`; the TV's next poll then
    pairs that screen and the code is deleted: it works once, and it expires within minutes.
    """

    code_hash = models.CharField(max_length=64, unique=True)
    claim_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)
    screen = models.ForeignKey(
        WallScreen, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    entered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("parringskode")
        verbose_name_plural = _("parringskoder")

    def __str__(self) -> str:
        return f"{self.pk}: {self.expires_at:%H:%M}"


class RateLimitBucket(models.Model):
    """One token bucket of `forkant.ratelimit`, shared by every app-server process.

    The key is a keyed hash of scope and caller (an IP address, an e-mail address), so the
    table never holds the caller itself.
    """

    key = models.CharField(max_length=64, unique=True)
    tokens = models.FloatField()
    updated_at = models.DateTimeField()

    class Meta:
        verbose_name = _("hastighedsgrænse")
        verbose_name_plural = _("hastighedsgrænser")

    def __str__(self) -> str:
        return self.key[:12]


class Invitation(models.Model):
    """A single-use, expiring link that makes someone a member of an AMG (or an organisation
    admin). Only the SHA-256 of the token is stored; the token itself is only in the e-mail."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    # None for an invitation to become the organisation's admin.
    amg = models.ForeignKey(
        AMG, on_delete=models.CASCADE, related_name="invitations", null=True, blank=True
    )
    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("rolle"), max_length=10, choices=Role.choices, blank=True)
    read_only = models.BooleanField(_("kun læseadgang"), default=False)
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField()
    invited_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitationer")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.email

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None

    @property
    def for_org_admin(self) -> bool:
        return self.amg_id is None


class Session(AbstractBaseSession):
    """A browser's session, as Django's own, with the signed-in user as a column of its own
    (kept from the session's data on every save), so the session and its user are read in one
    statement on every request (`forkant/sessions.py`). A deleted user's sessions go with them."""

    user = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    @classmethod
    def get_session_store_class(cls) -> type:
        return import_module(settings.SESSION_ENGINE).SessionStore  # forkant.sessions
