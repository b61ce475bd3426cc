"""The annual evaluation: årlig arbejdsmiljødrøftelse (Metode 7 in "På forkant", page 21).

One per AMG and year. A draft is edited freely; concluding it freezes it (the date, who took
part, and the year's look back as it stood) as the referat kept for Arbejdstilsynet.
"""

from __future__ import annotations

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
    # (metoder.services.evaluation.AHEAD_QUESTIONS).
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
    history = HistoricalRecords(excluded_fields=["updated_at"])

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


# The booklet's words, as data with where they come from ("På forkant", BFA). ------------------


class Question:
    """A question from the booklet, with its source; `code` keys the answer in `answers`."""

    def __init__(self, code: str, text: str, source: str, detail: str = "") -> None:
        self.code = code
        self.text = text
        self.detail = detail
        self.source = source

    @property
    def field_name(self) -> str:
        return f"q_{self.code}"


_M7 = _("Metode 7, s. 21")

# "Først i bakspejlet": what the look-back table answers, column by column.
BACK_QUESTIONS = [
    Question(
        "planlagt",
        _("Hvad havde vi planlagt og aftalt?"),
        _M7,
        _("Hvad skulle der helt konkret udføres i handleplanen?"),
    ),
    Question(
        "hvorfor",
        _("Hvorfor skulle det ske?"),
        _M7,
        _(
            "Tænk tilbage på dengang I lavede handleplanen: Hvilket forhold skulle indsatsen "
            "påvirke positivt?"
        ),
    ),
    Question("lykkedes", _("Lykkedes det så?"), _M7, _("Havde indsatsen den ønskede virkning?")),
]

# "Så mod arbejdsmiljøet i dag og fremadrettet": each answered in a field of its own.
AHEAD_QUESTIONS = [
    Question(
        "nu",
        _("Hvordan er jeres arbejdsmiljø, sådan som det er lige nu?"),
        _M7,
    ),
    Question(
        "apv",
        _("Er APV-resultater og -indsatser stadig dækkende?"),
        _M7,
        _("Er det stadig de vigtigste forhold, som I ser det?"),
    ),
    Question(
        "aendringer", _("Er der sket vigtige ændringer siden jeres seneste kortlægning?"), _M7
    ),
    Question("forbedringer", _("Hvor får I lyst til at lave forbedringer?"), _M7),
    Question(
        "krav",
        _("Er der krav, som I gerne vil skrue ned for?"),
        _M7,
        _("Er der ressourcer, som I gerne vil skrue op for?"),
    ),
    Question("andet", _("Er der andre idéer og forslag til input til den årlige drøftelse?"), _M7),
]
AHEAD_CODES = [q.code for q in AHEAD_QUESTIONS]

# The dørkarm-interview's three questions for collecting the workplace's input (Metode 7, p. 21,
# with the dørkarmsinterview of page 13).
DOORSTEP_QUESTIONS = [
    _("Hvad har fungeret godt?"),
    _("Hvad er I endnu ikke kommet i mål med?"),
    _("Hvad er der brug for at rette fokus på fremadrettet?"),
]

# The box "Krav til den årlige drøftelse" (Metode 7, p. 21): the points the drøftelse must cover,
# each answered by a field of AnnualEvaluation (the new goals are EvaluationGoal rows).
REQUIRED_POINTS = [
    ("goals_met", _("Er målene fra det foregående år nået?")),
    ("focus", _("Hvad skal være fokus på i det kommende år?")),
    ("goals", _("Hvad er de nye mål for det kommende år?")),
    (
        "cooperation",
        _("Hvordan skal samarbejdet om arbejdsmiljøet foregå, og hvordan vil vi nå målene?"),
    ),
    ("training", _("Hvordan vil I bruge jeres ret til årlig supplerende arbejdsmiljøuddannelse?")),
    ("expertise_present", _("Har arbejdsmiljøorganisationen den nødvendige ekspertise?")),
]
REQUIREMENTS_SOURCE = _("Metode 7, boksen “Krav til den årlige drøftelse”, s. 21")

TRAINING_RIGHT = _(
    "Både arbejdsmiljørepræsentanter og ledere har ret til to dages supplerende "
    "arbejdsmiljøuddannelse inden for det første år og 1,5 dag de følgende år."
)

# "Fire gode råd til arbejdsmiljøarbejdet fra Arbejdsmiljørådet" (2017), quoted in the booklet.
FOUR_ADVICE = [
    (
        _("Et godt samarbejde er vejen til et godt arbejdsmiljø"),
        _("Jeres lokale samarbejde er centrum for indsatsen."),
    ),
    (
        _("Tænk arbejdsmiljø ind i alle arbejdspladsens aktiviteter"),
        _("Både den strategiske ledelse og den daglige drift."),
    ),
    (
        _("Sæt mål for arbejdsmiljøet og målret kompetencerne"),
        _(
            "Tal strategisk om arbejdsmiljøet mindst én gang om året, hvor I også drøfter, "
            "hvilke kompetencer og uddannelser der er brug for."
        ),
    ),
    (
        _("Brug den supplerende uddannelse til at styrke jeres arbejdsmiljøarbejde"),
        _(
            "Husk, at arbejdsmiljørepræsentanter og ledere har ret til to dages supplerende "
            "arbejdsmiljøuddannelse inden for det første år – og 1,5 dag de følgende år."
        ),
    ),
]
FOUR_ADVICE_SOURCE = _("Arbejdsmiljørådet 2017, gengivet i “På forkant”")
