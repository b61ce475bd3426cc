"""The pulse's tables (gathered into the `apv` app by apv/models.py)."""

from __future__ import annotations

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from apv import catalogue
from forkant.models import AMG, Membership
from handleplan.models import Idea

MAX_OWN_THEMES = 3
MAX_UNITS = 12
OWN_PREFIX = "egen-"  # the codes of the AMG's own themes: egen-1, egen-2, egen-3


class Pulse(models.Model):
    """One temperature taken on the five themes of Metode 1 (and up to three of the AMG's own)."""

    amg = models.ForeignKey(AMG, on_delete=models.CASCADE, related_name="pulses")
    # The public address behind the wall's QR code (random, like the idea form's).
    code = models.CharField(max_length=16, unique=True)
    own_themes = models.JSONField(_("egne temaer"), default=list, blank=True)
    units = models.JSONField(_("enheder"), default=list, blank=True)
    opens_at = models.DateTimeField(_("åbner"))
    closes_at = models.DateTimeField(_("lukker"))
    # Set when it was closed by a member before its time, or when its record was made.
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("temperaturmåling")
        verbose_name_plural = _("temperaturmålinger")
        ordering = ["-opens_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.opens_at:%d.%m.%Y}"

    def is_open(self, now: datetime.datetime) -> bool:
        return self.closed_at is None and self.opens_at <= now < self.closes_at

    def has_closed(self, now: datetime.datetime) -> bool:
        return self.closed_at is not None or now >= self.closes_at

    @property
    def ended_at(self) -> datetime.datetime:
        return min(self.closed_at, self.closes_at) if self.closed_at else self.closes_at

    @property
    def themes(self) -> list[catalogue.Item]:
        """Metode 1's five themes, then the AMG's own, as the catalogue's items."""
        own = [
            catalogue.Item(f"{OWN_PREFIX}{i}", text, _("Eget tema"))
            for i, text in enumerate(self.own_themes, start=1)
        ]
        return [*catalogue.DIALOG_THEMES, *own]

    @property
    def theme_codes(self) -> list[str]:
        return [theme.code for theme in self.themes]

    @property
    def unit_keys(self) -> list[str]:
        """The counters' units: "" (not given, or no units) and each unit the pulse covers."""
        return ["", *self.units]


class PulseCount(models.Model):
    """How many chose `point` on `theme` (in `unit`): the only trace an answer leaves."""

    pulse = models.ForeignKey(Pulse, on_delete=models.CASCADE, related_name="counts")
    theme = models.CharField(max_length=20)
    unit = models.CharField(max_length=120, blank=True)
    point = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["pulse", "theme", "unit", "point"], name="pulse_count_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.theme} {self.point}: {self.count}"


class PulseTally(models.Model):
    """How many have answered (in `unit`): the group size the small-group rule is about."""

    pulse = models.ForeignKey(Pulse, on_delete=models.CASCADE, related_name="tallies")
    unit = models.CharField(max_length=120, blank=True)
    answers = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["pulse", "unit"], name="pulse_tally_unique")]

    def __str__(self) -> str:
        return f"{self.unit or '–'}: {self.answers}"


class ProposalStatus(models.TextChoices):
    NEW = "ny", _("Venter")
    APPROVED = "godkendt", _("Godkendt")
    DECLINED = "afvist", _("Afvist")


class PulseProposal(models.Model):
    """A proposal written with an answer, kept apart from the scores (no time, no unit, no link
    to the counters). Shown nowhere but to the AMG's members until one of them approves it."""

    pulse = models.ForeignKey(Pulse, on_delete=models.CASCADE, related_name="proposals")
    amg = models.ForeignKey(AMG, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("forslag"), max_length=1000)
    status = models.CharField(
        max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.NEW
    )
    decline_reason = models.CharField(_("begrundelse"), max_length=500, blank=True)
    # The idea (put on the board) it became.
    idea = models.ForeignKey(
        Idea, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    handled_by = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("forslag fra temperaturmåling")
        verbose_name_plural = _("forslag fra temperaturmålinger")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text[:80]
