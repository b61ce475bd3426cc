"""The annual evaluation: årlig arbejdsmiljødrøftelse (Metode 7 in "På forkant", page 21).

One per AMG and year. A draft is edited freely; concluding it freezes it (the date, who took
part, and the year's look back as it stood) as the referat kept for Arbejdstilsynet.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from forkant.models import AMG
from handleplan.models import Action

TEXT_MAX = 4000

__all__ = ["AnnualEvaluation", "EvaluationGoal", "Expertise", "WorkplaceInput"]


class Expertise(models.TextChoices):
    JA = "ja", _("Ja")
    DELVIST = "delvist", _("Delvist")
    NEJ = "nej", _("Nej")


class AnnualEvaluation(models.Model):
    amg = models.ForeignKey(AMG, on_delete=models.CASCADE, related_name="annual_evaluations")
    year = models.PositiveSmallIntegerField(_("år"))
    # The group's own reading of the look back (the rows themselves come from the history).
    looking_back = models.TextField(
        _("Hvad lykkedes, og hvad lærte vi?"), blank=True, max_length=TEXT_MAX
    )
    # Answers to the booklet's "looking ahead" questions, keyed by the question's code
    # (metoder.evaluation.services.AHEAD_QUESTIONS).
    answers = models.JSONField(_("svar"), default=dict, blank=True)
    # The required points of the årlige arbejdsmiljødrøftelse.
    goals_met = models.TextField(
        _("Er målene fra det foregående år nået?"), blank=True, max_length=TEXT_MAX
    )
    focus = models.TextField(
        _("Hvad skal være fokus på i det kommende år?"), blank=True, max_length=TEXT_MAX
    )
    cooperation = models.TextField(
        _("Hvordan skal samarbejdet om arbejdsmiljøet foregå, og hvordan vil vi nå målene?"),
        blank=True,
        max_length=TEXT_MAX,
    )
    training = models.TextField(
        _("Hvordan bruger arbejdsmiljøorganisationen sin supplerende uddannelse?"),
        blank=True,
        max_length=TEXT_MAX,
    )
    expertise_present = models.CharField(
        _("Har arbejdsmiljøorganisationen den nødvendige ekspertise?"),
        max_length=10,
        choices=Expertise.choices,
        blank=True,
    )
    expertise = models.TextField(
        _("Hvilke kompetencer mangler, og hvordan får vi dem?"), blank=True, max_length=TEXT_MAX
    )
    # Filled in when the evaluation is concluded, then frozen.
    held_on = models.DateField(_("drøftelsen holdt den"), null=True, blank=True)
    participants = models.JSONField(_("deltagere"), default=list, blank=True)
    other_participants = models.CharField(
        _("andre deltagere"),
        max_length=300,
        blank=True,
        help_text=_("Fx MED-udvalget eller en arbejdsmiljøkonsulent."),
    )
    looking_back_snapshot = models.JSONField(default=dict, blank=True)
    concluded_at = models.DateTimeField(_("afsluttet"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)
    # The search's stored vector (PostgreSQL; kept current by a trigger, forkant/lib/fulltext.py).
    search_vector = SearchVectorField(null=True, editable=False)
    history = HistoricalRecords(excluded_fields=["updated_at", "search_vector"])

    class Meta:
        verbose_name = _("årlig evaluering")
        verbose_name_plural = _("årlige evalueringer")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["amg", "year"], name="unique_evaluation_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.amg}: {self.year}"

    @property
    def is_concluded(self) -> bool:
        return self.concluded_at is not None


class WorkplaceInput(models.Model):
    """Something the workplace said for the evaluation: a dørkarm-interview, a staff meeting."""

    amg = models.ForeignKey(AMG, on_delete=models.CASCADE, related_name="+")
    evaluation = models.ForeignKey(
        AnnualEvaluation, on_delete=models.CASCADE, related_name="inputs"
    )
    source = models.CharField(
        _("hvorfra"), max_length=200, help_text=_("Fx “Dørkarmsinterview i indskolingen”.")
    )
    text = models.TextField(_("hvad blev der sagt?"), max_length=TEXT_MAX)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("input fra arbejdspladsen")
        verbose_name_plural = _("input fra arbejdspladsen")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.source


class EvaluationGoal(models.Model):
    """A goal for the coming year; it becomes an action on the board in one step."""

    amg = models.ForeignKey(AMG, on_delete=models.CASCADE, related_name="+")
    evaluation = models.ForeignKey(AnnualEvaluation, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(_("mål"), max_length=200)
    why = models.TextField(_("hvorfor"), blank=True, max_length=TEXT_MAX)
    action = models.ForeignKey(
        Action,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="evaluation_goals",
        verbose_name=_("handling"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mål")
        verbose_name_plural = _("mål")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.title
