"""The årshjul (Metode 8): a year of AMG-møder, tavlemøder and the AMG's other items.

AMG-møder and tavlemøder are `handleplan.Meeting` rows (the board, the wall and the referat
already know them); `PlannedMeeting` ties one to the wheel (its year, the key it was generated
under, its agenda and checklist). Everything else on the wheel is a `WheelItem`. A generated row
carries a `source_key`, unique per AMG, so generating a year twice creates nothing twice.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forkant.models import AMG, Membership
from handleplan.models import Meeting

__all__ = [
    "AgendaTemplate",
    "CalendarFeed",
    "ClosedPeriod",
    "ItemKind",
    "PlannedMeeting",
    "WheelItem",
]


class ItemKind(models.TextChoices):
    EVALUERING = "evaluering", _("Årlig evaluering")
    GENNEMGANG = "gennemgang", _("Gennemgang")
    APV = "apv", _("APV")
    UDDANNELSE = "uddannelse", _("Uddannelse")
    EGET = "eget", _("Andet")


class AgendaTemplate(models.Model):
    """The AMG's standing agenda for its AMG-møde in one quarter (the booklet's example agendas
    to begin with); each new AMG-møde starts with a copy."""

    amg = models.ForeignKey(AMG, on_delete=models.CASCADE, related_name="agenda_templates")
    quarter = models.PositiveSmallIntegerField(_("kvartal"))
    focus = models.CharField(_("fokus"), max_length=200, blank=True)
    items = models.TextField(_("punkter"), max_length=5000, help_text=_("Ét punkt pr. linje."))

    class Meta:
        verbose_name = _("dagsordensskabelon")
        verbose_name_plural = _("dagsordensskabeloner")
        ordering = ["quarter"]
        constraints = [
            models.UniqueConstraint(fields=["amg", "quarter"], name="unique_agenda_template"),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="agenda_template_quarter"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quarter}. kvartal"


class PlannedMeeting(models.Model):
    """A meeting on the wheel: the handleplan's Meeting plus what the year adds to it."""

    amg = models.ForeignKey(AMG, on_delete=models.CASCADE, related_name="planned_meetings")
    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="plan")
    year = models.PositiveSmallIntegerField(_("år"))
    quarter = models.PositiveSmallIntegerField(_("kvartal"))
    source_key = models.CharField(max_length=80, blank=True)
    focus = models.CharField(_("fokus"), max_length=200, blank=True)
    agenda = models.TextField(
        _("dagsorden"), blank=True, max_length=5000, help_text=_("Ét punkt pr. linje.")
    )
    checklist = models.JSONField(default=list, blank=True)  # the ticked checklist keys
    agenda_sent_at = models.DateTimeField(null=True, blank=True)
    # iCalendar: SEQUENCE goes up with every change a calendar should notice.
    sequence = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("planlagt møde")
        verbose_name_plural = _("planlagte møder")
        constraints = [
            models.UniqueConstraint(
                fields=["amg", "source_key"],
                condition=~Q(source_key=""),
                name="unique_planned_meeting_source",
            )
        ]
        indexes = [models.Index(fields=["amg", "year"])]

    def __str__(self) -> str:
        return str(self.meeting)

    @property
    def agenda_lines(self) -> list[str]:
        return [line.strip() for line in self.agenda.splitlines() if line.strip()]


class WheelItem(models.Model):
    """Anything else on the wheel: the annual evaluation, a gennemgang, an APV milestone,
    training, or the AMG's own item."""

    amg = models.ForeignKey(AMG, on_delete=models.CASCADE, related_name="wheel_items")
    year = models.PositiveSmallIntegerField(_("år"))
    kind = models.CharField(_("slags"), max_length=12, choices=ItemKind.choices)
    title = models.CharField(_("titel"), max_length=200)
    date = models.DateField(_("dato"))
    note = models.TextField(_("note"), blank=True, max_length=2000)
    source_key = models.CharField(max_length=80, blank=True)
    sequence = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("punkt i årshjulet")
        verbose_name_plural = _("punkter i årshjulet")
        ordering = ["date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["amg", "source_key"],
                condition=~Q(source_key=""),
                name="unique_wheel_item_source",
            )
        ]
        indexes = [models.Index(fields=["amg", "year"])]

    def __str__(self) -> str:
        return self.title


class ClosedPeriod(models.Model):
    """Days the AMG does not meet, besides the public holidays: its own school holidays,
    closing weeks and the like (from–to, both included). The year's generator plans no meeting
    in one; saving one moves the planned meetings out of it (metoder/year/closed_days.py)."""

    amg = models.ForeignKey(AMG, on_delete=models.CASCADE, related_name="closed_periods")
    name = models.CharField(_("navn"), max_length=80)
    starts_on = models.DateField(_("fra"))
    ends_on = models.DateField(_("til og med"))
    # Suggested by the app (the school summer holiday) and not yet confirmed by the AMG.
    suggested = models.BooleanField(default=False)
    source_key = models.CharField(max_length=80, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("lukket periode")
        verbose_name_plural = _("lukkede perioder")
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="closed_period_order"
            ),
            models.UniqueConstraint(
                fields=["amg", "source_key"],
                condition=~Q(source_key=""),
                name="unique_closed_period_source",
            ),
        ]
        indexes = [models.Index(fields=["amg", "starts_on"])]

    def __str__(self) -> str:
        return self.name


class CalendarFeed(models.Model):
    """A member's secret calendar link. Only the SHA-256 of the token is kept; revoking deletes
    the row, renewing replaces the hash, and either way the old link answers 404."""

    membership = models.OneToOneField(
        Membership, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("kalenderabonnement")
        verbose_name_plural = _("kalenderabonnementer")

    def __str__(self) -> str:
        return str(self.membership)
