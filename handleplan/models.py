"""The handleplan board (Metode 2 in "På forkant"): themes as rows, columns, actions as cards."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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

    class Meta:
        verbose_name = _("tema")
        verbose_name_plural = _("temaer")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["amg", "name"], name="unique_theme_name_per_amg")
        ]

    def __str__(self) -> str:
        return self.name


class Action(models.Model):
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
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

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
        return (
            self.deadline is not None
            and self.deadline < timezone.localdate()
            and self.status in Status.unfinished()
        )

    @property
    def follow_up_overdue(self) -> bool:
        return (
            self.follow_up_on is not None
            and self.follow_up_on < timezone.localdate()
            and self.status != Status.AFSLUTTET
        )


class Tavlemoede(models.Model):
    """A tavlemøde (board meeting, Metode 2 Forslag 3): when, and who leads it."""

    amg = models.ForeignKey(AMG, on_delete=models.CASCADE, related_name="tavlemoeder")
    starts_at = models.DateTimeField(_("tidspunkt"))
    moedeleder = models.CharField(_("mødeleder"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("tavlemøde")
        verbose_name_plural = _("tavlemøder")
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return f"{self.amg}: {self.starts_at:%Y-%m-%d %H:%M}"
