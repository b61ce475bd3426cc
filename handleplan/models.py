"""The handleplan board (Metode 2 in "På forkant"): themes as rows, columns, actions as cards."""

from __future__ import annotations

import datetime

from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from forkant.models import AMG, Membership


class Status(models.TextChoices):
    """The board's columns, left to right (Metode 2, Forslag 3)."""

    PARKERET = "parkeret", _("Parkeringsplads")
    STARTET = "startet", _("Startet")
    GODT_I_GANG = "godt_i_gang", _("Godt i gang")
    I_MAAL = "i_maal", _("I mål")
    OPFOELGNING = "opfoelgning", _("Opfølgning")
    AFSLUTTET = "afsluttet", _("Afsluttet")

    @classmethod
    def unfinished(cls) -> list[Status]:
        """Columns where a passed deadline means the action is overdue."""
        return [cls.PARKERET, cls.STARTET, cls.GODT_I_GANG]

    @classmethod
    def in_progress(cls) -> list[Status]:
        return [cls.STARTET, cls.GODT_I_GANG]

    def neighbour(self, step: int) -> Status | None:
        columns = list(Status)
        index = columns.index(self) + step
        return columns[index] if 0 <= index < len(columns) else None


class Theme(models.Model):
    """A row on the board, e.g. "Forebyggelse af stress"."""

    amg = models.ForeignKey(AMG, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(_("navn"), max_length=120)
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords(excluded_fields=["position"])

    class Meta:
        verbose_name = _("tema")
        verbose_name_plural = _("temaer")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["amg", "name"], name="unique_theme_name_per_amg")
        ]

    def __str__(self) -> str:
        return self.name


class Effect(models.TextChoices):
    STOR = "stor", _("Stor effekt")
    LILLE = "lille", _("Lille effekt")


class Reach(models.TextChoices):
    MANGE = "mange", _("Berører mange")
    FAA = "faa", _("Berører få")


class Radius(models.TextChoices):
    """Aktionsradius (Metode 6): can the AMG do it itself, or does it need others?"""

    SELV = "selv", _("Det kan vi selv")
    ANDRE = "andre", _("Vi skal have andre med")


class Decision(models.TextChoices):
    """What the AMG decides from the matrix (Metode 6, "Prioritering")."""

    NU = "nu", _("Handling nu")
    SENERE = "senere", _("Senere")
    KOLLEGER = "kolleger", _("Kollegerne kører den selv")


class Prioritisation(models.Model):
    """A place on the effect × reach matrix (Metode 6), for ideas and parked cards alike."""

    effect = models.CharField(_("effekt"), max_length=10, choices=Effect.choices, blank=True)
    reach = models.CharField(_("rækkevidde"), max_length=10, choices=Reach.choices, blank=True)
    radius = models.CharField(_("aktionsradius"), max_length=10, choices=Radius.choices, blank=True)
    decision = models.CharField(
        _("beslutning"), max_length=10, choices=Decision.choices, blank=True
    )

    class Meta:
        abstract = True

    @property
    def is_placed(self) -> bool:
        return bool(self.effect and self.reach)


class Action(Prioritisation):
    """A card on the board: Hvad? Hvorfor? Hvem? Hvordan? Status (Metode 2, Forslag 1)."""

    amg = models.ForeignKey(AMG, on_delete=models.CASCADE, related_name="actions")
    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, related_name="actions", verbose_name=_("tema")
    )
    title = models.CharField(_("hvad"), max_length=200)
    why = models.TextField(_("hvorfor"), blank=True, max_length=4000)
    responsible = models.ForeignKey(
        Membership,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsible_for",
        verbose_name=_("hvem rykker"),
    )
    others = models.CharField(
        _("andre der er med"),
        max_length=200,
        blank=True,
        help_text=_("Fx kolleger, teamet eller en konsulent."),
    )
    how = models.TextField(_("hvordan"), blank=True, max_length=4000)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PARKERET
    )
    deadline = models.DateField(_("frist"), null=True, blank=True)
    confidential = models.BooleanField(
        _("fortrolig"),
        default=False,
        help_text=_("Fortrolige kort vises aldrig på vægskærmen."),
    )
    # Opfølgning: when, how and by whom the effect is checked (the APV's evaluation log is kept
    # by the apv app, which links to actions; this app never imports it).
    follow_up_on = models.DateField(_("opfølgning den"), null=True, blank=True)
    follow_up_how = models.CharField(_("hvordan følges op"), max_length=300, blank=True)
    follow_up_who = models.CharField(_("hvem følger op"), max_length=120, blank=True)
    position = models.PositiveIntegerField(default=0)
    # Bumped by every save through the services; a save or move based on an older version is
    # refused (handleplan.services.StaleVersion), so nobody silently overwrites someone else.
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)
    # When the card last changed column: a card in Startet/Godt i gang that has not moved for
    # the AMG's number of weeks counts as stalled.
    moved_at = models.DateTimeField(_("flyttet"), default=timezone.now)
    # The search's stored vector (PostgreSQL; kept current by a trigger, forkant/lib/fulltext.py).
    search_vector = SearchVectorField(null=True, editable=False)
    history = HistoricalRecords(excluded_fields=["position", "updated_at", "search_vector"])

    # Set by the board query when the AMG's stalled-card rule applies (not a column).
    stalled: bool = False

    class Meta:
        verbose_name = _("handling")
        verbose_name_plural = _("handlinger")
        ordering = ["position", "pk"]
        indexes = [models.Index(fields=["amg", "status"])]

    def __str__(self) -> str:
        return self.title

    @property
    def status_enum(self) -> Status:
        return Status(self.status)

    @property
    def previous_status(self) -> Status | None:
        return self.status_enum.neighbour(-1)

    @property
    def next_status(self) -> Status | None:
        return self.status_enum.neighbour(1)

    @property
    def is_overdue(self) -> bool:
        return self.is_overdue_on(timezone.localdate())

    def is_overdue_on(self, today: datetime.date) -> bool:
        return (
            self.deadline is not None
            and self.deadline < today
            and self.status in Status.unfinished()
        )

    @property
    def follow_up_overdue(self) -> bool:
        return self.follow_up_overdue_on(timezone.localdate())

    def follow_up_overdue_on(self, today: datetime.date) -> bool:
        return (
            self.follow_up_on is not None
            and self.follow_up_on < today
            and self.status != Status.AFSLUTTET
        )


class MeetingKind(models.TextChoices):
    TAVLEMOEDE = "tavlemoede", _("Tavlemøde")
    AMG_MOEDE = "amg_moede", _("AMG-møde")


class Meeting(models.Model):
    """A tavlemøde or an AMG-møde: planned (when, mødeleder), then held (attendees, what changed
    while it ran) and finally written up as a referat."""

    amg = models.ForeignKey(AMG, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(
        _("slags møde"), max_length=12, choices=MeetingKind.choices, default=MeetingKind.TAVLEMOEDE
    )
    starts_at = models.DateTimeField(_("tidspunkt"))
    moedeleder = models.CharField(_("mødeleder"), max_length=120, blank=True)
    referent = models.CharField(_("referent"), max_length=120, blank=True)
    attendees = models.ManyToManyField(
        Membership, blank=True, related_name="meetings_attended", verbose_name=_("deltagere")
    )
    other_attendees = models.PositiveSmallIntegerField(_("andre deltagere"), default=0)
    apologies = models.ManyToManyField(
        Membership, blank=True, related_name="meetings_missed", verbose_name=_("afbud")
    )
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    decisions = models.TextField(_("beslutninger"), blank=True, max_length=10_000)
    notes = models.TextField(_("noter"), blank=True, max_length=10_000)
    referat = models.TextField(_("referat"), blank=True, max_length=50_000)
    referat_sent_at = models.DateTimeField(null=True, blank=True)
    # The search's stored vector (PostgreSQL; kept current by a trigger, forkant/lib/fulltext.py).
    search_vector = SearchVectorField(null=True, editable=False)
    history = HistoricalRecords(excluded_fields=["search_vector"])

    class Meta:
        verbose_name = _("møde")
        verbose_name_plural = _("møder")
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["amg", "started_at", "ended_at"])]

    def __str__(self) -> str:
        when = timezone.localtime(self.starts_at)
        return f"{self.amg}: {self.get_kind_display()} {when:%d.%m.%Y %H.%M}"

    @property
    def is_running(self) -> bool:
        return self.started_at is not None and self.ended_at is None


class EventKind(models.TextChoices):
    CREATED = "created", _("Nyt kort")
    MOVED = "moved", _("Flyttet")
    EDITED = "edited", _("Rettet")
    DELETED = "deleted", _("Slettet")
    DECIDED = "decided", _("Beslutning")
    IDEA_PUBLISHED = "idea_published", _("Idé sat på tavlen")
    IDEA_MERGED = "idea_merged", _("Idé flettet")
    IDEA_DECLINED = "idea_declined", _("Idé afvist")
    NUDGE = "nudge", _("Nudging-plan")
    PLACED = "placed", _("Placeret på matricen")
    THEME = "theme", _("Tema")


class MeetingEvent(models.Model):
    """One change made while a meeting ran, written by the service that made the change, in the
    same transaction. The referat is built from these, so it holds nothing from before."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    action = models.ForeignKey(
        Action, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    title = models.CharField(max_length=200)  # the card's or idea's title at the time
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    detail = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"


class IdeaStatus(models.TextChoices):
    NEW = "ny", _("Venter")
    PUBLISHED = "offentlig", _("Sat på tavlen")
    MERGED = "flettet", _("Flettet")
    DECLINED = "afvist", _("Afvist")


class Idea(Prioritisation):
    """An idea or observation a colleague sent through the wall's QR code, without an account.

    Nothing of it is shown anywhere public until a member has published it as a card.
    """

    amg = models.ForeignKey(AMG, on_delete=models.CASCADE, related_name="ideas")
    text = models.TextField(_("idé eller observation"), max_length=2000)
    name = models.CharField(_("navn"), max_length=100, blank=True)
    status = models.CharField(max_length=10, choices=IdeaStatus.choices, default=IdeaStatus.NEW)
    decline_reason = models.TextField(_("begrundelse"), blank=True, max_length=1000)
    # What the group chose to tell the sender when declining (their private link shows it).
    shared_reason = models.TextField(_("begrundelse til afsenderen"), blank=True, max_length=1000)
    # The sender's private link to the idea's fate: only the SHA-256 of its random token.
    fate_token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    merged_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="duplicates"
    )
    action = models.ForeignKey(
        Action, on_delete=models.SET_NULL, null=True, blank=True, related_name="ideas"
    )
    created_at = models.DateTimeField(default=timezone.now)
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The search's stored vector (PostgreSQL; kept current by a trigger, forkant/lib/fulltext.py).
    search_vector = SearchVectorField(null=True, editable=False)
    history = HistoricalRecords(excluded_fields=["fate_token_hash", "search_vector"])

    class Meta:
        verbose_name = _("idé")
        verbose_name_plural = _("idéer")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["amg", "status"])]

    def __str__(self) -> str:
        return self.short_text

    @property
    def short_text(self) -> str:
        return cut_at_word(self.text, 80)

    @property
    def title_suggestion(self) -> str:
        """A card's title from the idea: all of it when it fits a title (200), else cut
        between words."""
        return cut_at_word(self.text, 200)


def cut_at_word(text: str, limit: int) -> str:
    """`text` on one line, at most `limit` characters, cut between words with "…" (a single
    word longer than that is cut where it must be)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut and text[limit - 1] != " ":
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:–-") + "…"


class NudgeType(models.TextChoices):
    """The five ways to nudge (Metode 3, Forslag 3: "Tænk i nudging")."""

    FEEDBACK = "feedback", _("Giv feedback, som kan lede på rette vej")
    FEJL = "fejl", _("Forudse, at folk vil begå fejl")
    STANDARD = "standard", _("Brug standardindstillinger")
    FORSLAG = "forslag", _("Giv gode forslag")
    NORMER = "normer", _("Etabler sociale normer")


class NudgePlan(models.Model):
    """A nudging plan for one action: målsætning, barrierer, løsning (Metode 3)."""

    action = models.OneToOneField(Action, on_delete=models.CASCADE, related_name="nudge_plan")
    goal = models.TextField(_("målsætning: hvad vil vi opnå?"), max_length=2000)
    barriers = models.TextField(
        _("barrierer: hvorfor gør folk det ikke bare?"), blank=True, max_length=2000
    )
    solution = models.TextField(
        _("løsning: hvordan når vi frem til målet?"), blank=True, max_length=2000
    )
    types = models.JSONField(_("måder at nudge på"), default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("nudging-plan")
        verbose_name_plural = _("nudging-planer")

    def __str__(self) -> str:
        return f"Nudging: {self.action}"

    def type_labels(self) -> list[str]:
        return [str(NudgeType(t).label) for t in self.types if t in NudgeType.values]


class BoardSettings(models.Model):
    """Per-AMG settings of the handleplan: the idea form's short code, when a card is stalled."""

    amg = models.OneToOneField(AMG, on_delete=models.CASCADE, related_name="board_settings")
    # The public idea form's address (/ide/<code>/): random, short, readable off a wall screen,
    # and replaceable by a member, which makes the old link stop working.
    idea_code = models.CharField(max_length=12, unique=True)
    stalled_weeks = models.PositiveSmallIntegerField(
        _("uger før et kort står stille"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
    )

    class Meta:
        verbose_name = _("tavleindstillinger")
        verbose_name_plural = _("tavleindstillinger")

    def __str__(self) -> str:
        return f"{self.amg}"
