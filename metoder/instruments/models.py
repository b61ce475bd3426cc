"""Self-assessment rounds: one engine for every instrument.

The instruments themselves (items, scales, guidance, dialogue questions, sources) are data files
in `metoder/instruments/data/`; a round only names its instrument by key. A round is opened for
an AMG, its participants answer on their own (`Participant` + `Answer`), and the group compares
and decides (`Decision`: a handleplan action, or a kompetencenet outcome).
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from forkant.models import AMG, Membership

__all__ = ["Answer", "Decision", "DecisionKind", "Participant", "Round"]


class Round(models.Model):
    amg = models.ForeignKey(AMG, on_delete=models.CASCADE, related_name="instrument_rounds")
    instrument_key = models.CharField(_("instrument"), max_length=60)
    # Optionally about what: one action (the tjekliste) or a free title (the kompetencenet's
    # focus area).
    about = models.CharField(_("om hvad"), max_length=200, blank=True)
    action = models.ForeignKey(
        "handleplan.Action",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="instrument_rounds",
        verbose_name=_("handling"),
    )
    # The group's own items (the kompetencenet's focus points), for instruments that take them.
    custom_items = models.JSONField(default=list, blank=True)
    deadline = models.DateField(_("frist"), null=True, blank=True)
    opened_by = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    opened_at = models.DateTimeField(_("åbnet"))
    # Once revealed, every participant's saved answers show in the comparison, submitted or not.
    revealed_at = models.DateTimeField(_("vist for alle"), null=True, blank=True)
    closed_at = models.DateTimeField(_("afsluttet"), null=True, blank=True)
    notes = models.TextField(_("noter"), blank=True, max_length=8000)
    # The search's stored vector (PostgreSQL; kept current by a trigger, forkant/lib/fulltext.py).
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("selvevaluering")
        verbose_name_plural = _("selvevalueringer")
        ordering = ["-opened_at", "-pk"]
        indexes = [models.Index(fields=["amg", "instrument_key", "opened_at"])]

    def __str__(self) -> str:
        return f"{self.instrument_key} {self.opened_at:%d.%m.%Y}"


class Participant(models.Model):
    """One member asked to answer a round; `submitted_at` set when they hand in their answers."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="participants")
    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="instrument_participations"
    )
    saved_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["round", "membership"], name="one_participant_per_round"
            )
        ]
        indexes = [models.Index(fields=["round", "submitted_at"])]

    def __str__(self) -> str:
        return f"{self.round_id}:{self.membership_id}"


class Answer(models.Model):
    """One participant's answer to one item: a number (the scales), a choice, and/or text."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="answers")
    item_key = models.CharField(max_length=60)
    number = models.SmallIntegerField(null=True, blank=True)
    choice = models.CharField(max_length=60, blank=True)
    text = models.TextField(blank=True, max_length=4000)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["participant", "item_key"], name="one_answer_per_item")
        ]

    def __str__(self) -> str:
        return f"{self.item_key}={self.number if self.number is not None else self.choice}"


class DecisionKind(models.TextChoices):
    ACTION = "action", _("Handling på tavlen")
    ROLE = "role", _("Rollefordeling")
    COMPETENCE = "competence", _("Kompetenceudvikling")
    HELP = "help", _("Hjælp udefra")
    NOTE = "note", _("Aftale")


class Decision(models.Model):
    """What the group decided after comparing: a card on the board, or a kompetencenet outcome."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="decisions")
    kind = models.CharField(_("type"), max_length=20, choices=DecisionKind.choices)
    item_key = models.CharField(max_length=60, blank=True)
    text = models.CharField(_("beslutning"), max_length=200)
    action = models.ForeignKey(
        "handleplan.Action",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="instrument_decisions",
    )
    created_by = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text
