"""The APV (arbejdspladsvurdering) and what keeps it true between APVs.

An APV covers areas and has five parts (kortlægning, analyse, handlingsplan, opfølgning,
sygefravær). Its problems become handleplan actions; the link lives here (`Problem.actions`), so
`handleplan` never needs to know about the APV. Risk assessments (Metode 5) and the incident
register belong to the AMG and may be tied to an APV.
"""

from __future__ import annotations

import datetime

from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apv import catalogue
from forkant.lib.dates import add_months, add_years
from forkant.models import AMG, Membership
from forkant.obligations import parameter
from handleplan.models import Action, Status

# An area must be assessed at least every three years; warn this many days before (the rule's
# data, forkant/obligations/data.py). Small groups: forkant.lib.small_groups.
REVISION_YEARS = int(parameter("apv-revision", "years"))
WARN_DAYS = int(parameter("apv-revision", "warn_days"))


def three_years_after(day: datetime.date) -> datetime.date:
    """The day an area assessed on `day` must be assessed again (29 February: the 28th)."""
    return add_years(day, REVISION_YEARS)


class Area(models.Model):
    """A unit, room or team the AMG keeps an eye on."""

    class Kind(models.TextChoices):
        ENHED = "enhed", _("Enhed/afdeling")
        LOKALE = "lokale", _("Lokale/bygning")
        TEAM = "team", _("Team")

    amg = models.ForeignKey(AMG, on_delete=models.CASCADE, related_name="apv_areas")
    name = models.CharField(_("navn"), max_length=120)
    kind = models.CharField(_("slags"), max_length=10, choices=Kind.choices, default=Kind.ENHED)
    last_assessed = models.DateField(_("sidst vurderet"), null=True, blank=True)

    class Meta:
        verbose_name = _("område")
        verbose_name_plural = _("områder")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["amg", "name"], name="unique_area_name_per_amg")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def due(self) -> datetime.date | None:
        return three_years_after(self.last_assessed) if self.last_assessed else None

    def assessment_state(self, today: datetime.date) -> str:
        """ "never", "overdue", "soon" or "ok" – the 3-year rule."""
        if self.due is None:
            return "never"
        if self.due < today:
            return "overdue"
        if self.due <= today + datetime.timedelta(days=WARN_DAYS):
            return "soon"
        return "ok"


class Change(models.Model):
    """A change that calls for a revision of the APV for the areas it touches."""

    class Kind(models.TextChoices):
        OMORGANISERING = "omorganisering", _("Omorganisering")
        FLYTNING = "flytning", _("Flytning/ombygning")
        IT = "it", _("Nyt IT-system")
        METODER = "metoder", _("Nye arbejdsmetoder")
        ANDET = "andet", _("Andet")

    amg = models.ForeignKey(AMG, on_delete=models.CASCADE, related_name="apv_changes")
    date = models.DateField(_("dato"))
    kind = models.CharField(_("slags"), max_length=20, choices=Kind.choices)
    description = models.CharField(_("hvad ændres"), max_length=300)
    areas = models.ManyToManyField(Area, related_name="changes", verbose_name=_("berørte områder"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ændring")
        verbose_name_plural = _("ændringer")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return self.description


class APV(models.Model):
    class Status(models.TextChoices):
        PLANLAGT = "planlagt", _("Planlagt")
        I_GANG = "i_gang", _("I gang")
        AFSLUTTET = "afsluttet", _("Afsluttet")

    class Method(models.TextChoices):
        SPOERGESKEMA = "spoergeskema", _("Spørgeskema/trivselsmåling")
        DIALOGISK = "dialogisk", _("Dialogisk APV (Metode 1)")
        GENNEMGANG = "gennemgang", _("Arbejdsmiljøgennemgang (Metode 4)")
        KOMBINERET = "kombineret", _("Flere metoder kombineret")

    class Contributes(models.TextChoices):
        UAFKLARET = "", _("Ikke vurderet endnu")
        NEJ = "nej", _("Nej, ikke efter vores vurdering")
        DELVIST = "delvist", _("Delvist")
        JA = "ja", _("Ja")

    amg = models.ForeignKey(AMG, on_delete=models.CASCADE, related_name="apvs")
    title = models.CharField(_("titel"), max_length=200)
    scope = models.TextField(
        _("omfang"),
        max_length=4000,
        blank=True,
        help_text=_("Hvad APV'en dækker – både fysisk og psykisk arbejdsmiljø."),
    )
    areas = models.ManyToManyField(Area, related_name="apvs", blank=True, verbose_name=_("områder"))
    method = models.CharField(_("metode"), max_length=20, choices=Method.choices)
    start_date = models.DateField(_("startdato"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.I_GANG
    )
    members = models.ManyToManyField(
        Membership, related_name="apvs", blank=True, verbose_name=_("deltagende medlemmer")
    )
    other_participants = models.CharField(
        _("andre deltagere"),
        max_length=400,
        blank=True,
        help_text=_("Fx MED-udvalget, teamkoordinatorerne, en konsulent."),
    )
    previous = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revisions",
        verbose_name=_("revision af"),
    )
    # "No problems found" is recorded explicitly (done, when, with whom).
    no_problems_on = models.DateField(_("ingen problemer fundet den"), null=True, blank=True)
    no_problems_with = models.CharField(_("hvem deltog"), max_length=400, blank=True)
    absence_contributes = models.CharField(
        _("bidrager arbejdsforholdene til sygefraværet?"),
        max_length=10,
        choices=Contributes.choices,
        blank=True,
        default="",
    )
    absence_assessment = models.TextField(_("gruppens vurdering"), max_length=4000, blank=True)
    closed_on = models.DateField(_("afsluttet den"), null=True, blank=True)
    # Where and since when the employees can read it (arbejdsmiljøloven § 15 a).
    made_available_on = models.DateField(
        _("tilgængelig for de ansatte siden"), null=True, blank=True
    )
    made_available_how = models.CharField(
        _("hvor kan de ansatte læse den?"),
        max_length=300,
        blank=True,
        help_text=_("Fx på intranettet under Arbejdsmiljø og udskrevet i personalerummet."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("APV")
        verbose_name_plural = _("APV'er")
        ordering = ["-start_date", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.AFSLUTTET

    @property
    def no_problems_found(self) -> bool:
        return self.no_problems_on is not None

    @property
    def is_available(self) -> bool:
        return self.made_available_on is not None and bool(self.made_available_how.strip())


class SurveyImport(models.Model):
    """Results of a questionnaire/trivselsmåling, imported from a CSV file."""

    apv = models.ForeignKey(APV, on_delete=models.CASCADE, related_name="surveys")
    amg = models.ForeignKey(AMG, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("navn på målingen"), max_length=200)
    filename = models.CharField(max_length=200, blank=True)
    imported_at = models.DateTimeField(default=timezone.now)
    # What the results are measured on, and what its two ends mean (the AMG confirms it when
    # importing; imports from before this was asked have none until someone fills it in).
    scale_low = models.DecimalField(
        _("skalaens laveste værdi"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    scale_high = models.DecimalField(
        _("skalaens højeste værdi"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    low_means = models.CharField(_("den laveste værdi betyder"), max_length=80, blank=True)
    high_means = models.CharField(_("den højeste værdi betyder"), max_length=80, blank=True)

    class Meta:
        verbose_name = _("spørgeskemaresultat")
        verbose_name_plural = _("spørgeskemaresultater")
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def has_scale(self) -> bool:
        return self.scale_low is not None and self.scale_high is not None


class SurveyResult(models.Model):
    survey = models.ForeignKey(SurveyImport, on_delete=models.CASCADE, related_name="results")
    question = models.CharField(max_length=300)
    unit = models.CharField(max_length=120, blank=True)
    value = models.DecimalField(max_digits=8, decimal_places=2)
    respondents = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.question


class DialogSession(models.Model):
    """Metode 1: a dialogisk APV – the 1–10 line on five themes, and what people proposed."""

    apv = models.ForeignKey(APV, on_delete=models.CASCADE, related_name="dialog_sessions")
    amg = models.ForeignKey(AMG, on_delete=models.CASCADE, related_name="+")
    date = models.DateField(_("dato"))
    participants = models.PositiveIntegerField(_("antal deltagere"))
    # {theme code: [count at 1, …, count at 10]}
    counts = models.JSONField(default=dict)
    reflections = models.TextField(_("refleksioner"), max_length=4000, blank=True)
    proposals = models.TextField(
        _("forslag"), max_length=4000, blank=True, help_text=_("Ét forslag pr. linje.")
    )
    proposals_parked_at = models.DateTimeField(null=True, blank=True)
    # Taken on the staff's phones through the wall (apv/pulse/): its counts, and its proposals
    # once approved.
    pulse = models.OneToOneField(
        "apv.Pulse", on_delete=models.SET_NULL, null=True, blank=True, related_name="record"
    )

    class Meta:
        verbose_name = _("dialogisk APV")
        verbose_name_plural = _("dialogiske APV'er")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y}"

    @property
    def proposal_lines(self) -> list[str]:
        return [line.strip() for line in self.proposals.splitlines() if line.strip()]

    @property
    def themes(self) -> list[catalogue.Item]:
        """Metode 1's five themes, and a pulse's own themes when it came from one."""
        return self.pulse.themes if self.pulse is not None else list(catalogue.DIALOG_THEMES)


class Gennemgang(models.Model):
    """Metode 4: an arbejdsmiljøgennemgang."""

    class Kind(models.TextChoices):
        FOKUSERET = "fokuseret", _("Fokuseret gennemgang")
        AABEN = "aaben", _("Åben gennemgang")

    class Form(models.TextChoices):
        RUNDGANG = "rundgang", _("Rundgang")
        DOERKARM = "doerkarm", _("Dørkarmsinterview")
        SIDEMAND = "sidemand", _("Sidemandsinterview")
        TEAM = "team", _("Dialog i teamet")

    class Urgency(models.TextChoices):
        HURTIGT = "hurtigt", _("Skal løses hurtigt")
        LAENGERE = "laengere", _("Kan løses på længere sigt")
        INGEN = "ingen", _("Intet at løse")

    apv = models.ForeignKey(APV, on_delete=models.CASCADE, related_name="gennemgange")
    amg = models.ForeignKey(AMG, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("slags"), max_length=10, choices=Kind.choices)
    form = models.CharField(_("form"), max_length=10, choices=Form.choices)
    where = models.CharField(_("hvor"), max_length=200)
    date = models.DateField(_("hvornår"))
    participants = models.CharField(_("hvem deltog"), max_length=400)
    focus = models.CharField(_("fokus"), max_length=200, blank=True)
    general_themes = models.TextField(_("generelle temaer"), max_length=4000, blank=True)
    positive = models.TextField(_("positive temaer"), max_length=4000, blank=True)
    negative = models.TextField(_("negative temaer"), max_length=4000, blank=True)
    conflicts = models.TextField(
        _("observerede konflikter eller vold"), max_length=4000, blank=True
    )
    urgency = models.CharField(_("hastende?"), max_length=10, choices=Urgency.choices)

    class Meta:
        verbose_name = _("arbejdsmiljøgennemgang")
        verbose_name_plural = _("arbejdsmiljøgennemgange")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, {self.where}"


class Input(models.Model):
    """Anonymised input from MUS, GRUS, TUS and informal talks (Metode 4, Forslag 1)."""

    class Channel(models.TextChoices):
        MUS = "mus", _("MUS")
        GRUS = "grus", _("GRUS")
        TUS = "tus", _("TUS")
        UFORMEL = "uformel", _("Uformel snak")
        MOEDE = "moede", _("Personale- eller teammøde")

    apv = models.ForeignKey(APV, on_delete=models.CASCADE, related_name="inputs")
    amg = models.ForeignKey(AMG, on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(_("kanal"), max_length=10, choices=Channel.choices)
    date = models.DateField(_("dato"))
    summary = models.TextField(
        _("hvad kom frem"),
        max_length=2000,
        help_text=_("Anonymiseret: ingen navne, ingen CPR-numre, ingen helbredsoplysninger."),
    )

    class Meta:
        verbose_name = _("input")
        verbose_name_plural = _("input")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.date:%d.%m.%Y}"


def score_validators() -> list:  # type: ignore[type-arg]
    return [MinValueValidator(1), MaxValueValidator(5)]


class Problem(models.Model):
    """A problem found in the kortlægning, analysed: how likely, how bad, why, for whom."""

    class Urgency(models.TextChoices):
        HURTIGT = "hurtigt", _("Skal løses hurtigt")
        LAENGERE = "laengere", _("Længere sigt")

    class Source(models.TextChoices):
        SPOERGESKEMA = "spoergeskema", _("Spørgeskema")
        DIALOGISK = "dialogisk", _("Dialogisk APV")
        GENNEMGANG = "gennemgang", _("Gennemgang")
        INPUT = "input", _("MUS/GRUS/TUS og uformelle samtaler")
        HAENDELSE = "haendelse", _("Hændelser")
        RISIKO = "risiko", _("Risikovurdering")
        SYGEFRAVAER = "sygefravaer", _("Sygefravær")

    apv = models.ForeignKey(APV, on_delete=models.CASCADE, related_name="problems")
    amg = models.ForeignKey(AMG, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("problem"), max_length=200)
    description = models.TextField(_("beskrivelse"), max_length=4000, blank=True)
    area = models.ForeignKey(
        Area, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("område")
    )
    affected = models.CharField(_("hvem rammer det"), max_length=200, blank=True)
    affected_count = models.PositiveIntegerField(_("hvor mange"), null=True, blank=True)
    probability = models.PositiveSmallIntegerField(
        _("sandsynlighed (1–5)"), validators=score_validators()
    )
    consequence = models.PositiveSmallIntegerField(
        _("konsekvens (1–5)"), validators=score_validators()
    )
    cause = models.TextField(_("årsag"), max_length=4000, blank=True)
    risk_factors = models.JSONField(_("risikofaktorer"), default=list, blank=True)
    focus_points = models.JSONField(_("fokuspunkter"), default=list, blank=True)
    sources = models.JSONField(_("kilder i kortlægningen"), default=list, blank=True)
    urgency = models.CharField(_("hastende?"), max_length=10, choices=Urgency.choices)
    permanent = models.BooleanField(
        _("permanent risiko"),
        default=False,
        help_text=_(
            "En risiko, der hører til arbejdet og ikke forsvinder, fx udadreagerende borgere."
        ),
    )
    actions = models.ManyToManyField(
        Action, related_name="apv_problems", blank=True, verbose_name=_("handlinger")
    )
    # When the APV is closed, its actions as they stood then ([{"title", "status"}]): the closed
    # APV keeps showing them so, while the cards live on on the board.
    actions_at_close = models.JSONField(default=list, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # The search's stored vector (PostgreSQL; kept current by a trigger, forkant/lib/fulltext.py).
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("problem")
        verbose_name_plural = _("problemer")
        ordering = ["-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def risk_score(self) -> int:
        return self.probability * self.consequence

    @property
    def severity(self) -> str:
        return severity_label(self.risk_score)

    @property
    def severity_level(self) -> str:
        score = self.risk_score
        return "low" if score <= 4 else "medium" if score <= 9 else "high" if score <= 16 else "top"

    @property
    def closed_actions(self) -> list[dict[str, str]]:
        """The actions as they stood when the APV was closed, with their status labels."""
        labels = dict(Status.choices)
        return [
            {**a, "label": str(labels.get(a["status"], a["status"]))} for a in self.actions_at_close
        ]

    @property
    def risk_factor_labels(self) -> list[str]:
        return [catalogue.label(catalogue.RISK_FACTORS, code) for code in self.risk_factors]

    @property
    def focus_point_labels(self) -> list[str]:
        return [catalogue.label(catalogue.FOCUS_POINTS, code) for code in self.focus_points]

    @property
    def source_labels(self) -> list[str]:
        names = dict(self.Source.choices)
        return [str(names.get(code, code)) for code in self.sources]


def severity_label(score: int) -> str:
    if score <= 4:
        return str(_("Lav risiko"))
    if score <= 9:
        return str(_("Moderat risiko"))
    if score <= 16:
        return str(_("Høj risiko"))
    return str(_("Meget høj risiko"))


class Evaluation(models.Model):
    """The evaluation log of an action: has it worked?"""

    class Verdict(models.TextChoices):
        VIRKET = "virket", _("Ja, det har virket")
        DELVIST = "delvist", _("Delvist")
        IKKE = "ikke", _("Nej, ikke endnu")

    amg = models.ForeignKey(AMG, on_delete=models.CASCADE, related_name="+")
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="apv_evaluations")
    date = models.DateField(_("dato"))
    who = models.CharField(_("hvem vurderede"), max_length=200)
    verdict = models.CharField(_("har det virket?"), max_length=10, choices=Verdict.choices)
    note = models.TextField(_("note"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("evaluering")
        verbose_name_plural = _("evalueringer")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.action} {self.date:%d.%m.%Y}"


class Absence(models.Model):
    """Sickness absence for one unit and period, as aggregates only (no person, no diagnosis)."""

    amg = models.ForeignKey(AMG, on_delete=models.CASCADE, related_name="+")
    apv = models.ForeignKey(APV, on_delete=models.CASCADE, related_name="absences")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, verbose_name=_("enhed"))
    period = models.CharField(
        _("periode"), max_length=20, help_text=_("Fx 2025 eller 2025-K3 (kvartal).")
    )
    employees = models.PositiveIntegerField(_("antal ansatte"))
    short_days = models.DecimalField(_("korttidsfravær (dage)"), max_digits=8, decimal_places=1)
    long_days = models.DecimalField(_("langtidsfravær (dage)"), max_digits=8, decimal_places=1)

    class Meta:
        verbose_name = _("sygefravær")
        verbose_name_plural = _("sygefravær")
        ordering = ["period", "area__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["apv", "area", "period"], name="unique_absence_per_unit_and_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.area} {self.period}"


class RiskAssessment(models.Model):
    """Metode 5: one risk assessment of one of the booklet's four kinds."""

    class Kind(models.TextChoices):
        SKEMA = "skema", _("Skema til risikovurdering")
        FORANDRING = "forandring", _("Risikovurdering af forandringer")
        VOLD = "vold", _("Risikovurdering af vold og trusler")
        OPGAVER = "opgaver", _("Røde, gule og grønne opgaver")

    amg = models.ForeignKey(AMG, on_delete=models.CASCADE, related_name="risk_assessments")
    apv = models.ForeignKey(
        APV,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="risk_assessments",
        verbose_name=_("del af APV"),
    )
    kind = models.CharField(_("slags"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("arbejdssituation/emne"), max_length=200)
    department = models.CharField(_("afdeling/team"), max_length=200, blank=True)
    date = models.DateField(_("dato"))
    done_by = models.CharField(_("udført af"), max_length=300, blank=True)
    # Skema til risikovurdering
    description = models.TextField(
        _("beskrivelse af arbejdssituationen"), max_length=4000, blank=True
    )
    previous_incidents = models.TextField(
        _("tidligere uønskede hændelser i lignende situationer"), max_length=4000, blank=True
    )
    risks = models.TextField(_("mulige risici"), max_length=4000, blank=True)
    prevention = models.TextField(_("forebyggelse"), max_length=4000, blank=True)
    guidelines = models.TextField(_("retningslinjer"), max_length=4000, blank=True)
    training = models.TextField(_("oplæring og instruktion"), max_length=4000, blank=True)
    follow_up = models.TextField(
        _("sådan følger vi op (hvornår, hvordan, hvem)"), max_length=4000, blank=True
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    # Vold og trusler: {question code: answer}
    answers = models.JSONField(default=dict, blank=True)
    revisit_on = models.DateField(_("vendes igen den"), null=True, blank=True)
    actions = models.ManyToManyField(Action, related_name="apv_risk_assessments", blank=True)
    # The search's stored vector (PostgreSQL; kept current by a trigger, forkant/lib/fulltext.py).
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("risikovurdering")
        verbose_name_plural = _("risikovurderinger")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return self.title


class ChangeRiskRow(models.Model):
    """A row of the change risk assessment: tema · opmærksomhedspunkter · … · status til MED."""

    assessment = models.ForeignKey(RiskAssessment, on_delete=models.CASCADE, related_name="rows")
    theme = models.CharField(_("tema"), max_length=200)
    attention = models.TextField(_("opmærksomhedspunkter"), max_length=2000, blank=True)
    prevention = models.TextField(_("forebyggende handlinger"), max_length=2000, blank=True)
    responsible = models.CharField(_("ansvarlig/tidsfrist"), max_length=200, blank=True)
    status = models.TextField(_("status til MED/HMU"), max_length=2000, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.theme


class TaskBalance(models.Model):
    """One person's tasks by colour (initials only)."""

    assessment = models.ForeignKey(RiskAssessment, on_delete=models.CASCADE, related_name="tasks")
    initials = models.CharField(_("initialer"), max_length=6)
    red = models.PositiveSmallIntegerField(_("røde"), default=0)
    yellow = models.PositiveSmallIntegerField(_("gule"), default=0)
    green = models.PositiveSmallIntegerField(_("grønne"), default=0)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["initials", "pk"]

    def __str__(self) -> str:
        return self.initials

    @property
    def total(self) -> int:
        return self.red + self.yellow + self.green

    @property
    def shares(self) -> tuple[int, int, int]:
        """Percent red, yellow, green (rounded, summing to 100 when there are tasks)."""
        if not self.total:
            return (0, 0, 0)
        red = round(100 * self.red / self.total)
        yellow = round(100 * self.yellow / self.total)
        return (red, yellow, 100 - red - yellow)


class Incident(models.Model):
    """An accident, near-miss, violence or threat. No CPR numbers, no health details."""

    class Kind(models.TextChoices):
        ULYKKE = "ulykke", _("Arbejdsulykke")
        NAERVED = "naerved", _("Nærved-hændelse")
        VOLD = "vold", _("Vold")
        TRUSLER = "trusler", _("Trusler")

    amg = models.ForeignKey(AMG, on_delete=models.CASCADE, related_name="incidents")
    date = models.DateField(_("dato"))
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    where = models.CharField(_("hvor"), max_length=200)
    before = models.TextField(_("hvad skete der forud"), max_length=4000, blank=True)
    what = models.TextField(_("hvad skete der"), max_length=4000)
    handling = models.TextField(_("hvordan blev det håndteret"), max_length=4000, blank=True)
    names = models.CharField(
        _("involverede"),
        max_length=200,
        blank=True,
        help_text=_("Kun hvis det er nødvendigt. Aldrig CPR-numre."),
    )
    absence_from = models.DateField(_("første fraværsdag"), null=True, blank=True)
    reported_easy = models.BooleanField(_("anmeldt i EASY"), default=False)
    reported_on = models.DateField(_("anmeldt den"), null=True, blank=True)
    amo_informed = models.BooleanField(_("AMO orienteret"), default=False)
    actions = models.ManyToManyField(
        Action, related_name="apv_incidents", blank=True, verbose_name=_("forebyggende handlinger")
    )
    # The search's stored vector (PostgreSQL; kept current by a trigger, forkant/lib/fulltext.py).
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("hændelse")
        verbose_name_plural = _("hændelser")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d.%m.%Y}"

    @property
    def easy_deadline(self) -> datetime.date | None:
        """An incident with absence must be reported in EASY within the rule's days (14) of the
        first day of absence (forkant/obligations/data.py, "easy-report")."""
        if self.absence_from is None:
            return None
        return self.absence_from + datetime.timedelta(days=parameter("easy-report", "days"))

    def easy_overdue(self, today: datetime.date) -> bool:
        deadline = self.easy_deadline
        return deadline is not None and not self.reported_easy and today > deadline


class FactorAssessment(models.Model):
    """One of the five psychosocial risk factors of the rules (bekendtgørelse om psykisk
    arbejdsmiljø), assessed for one APV: found, not found or not relevant, and why."""

    class Verdict(models.TextChoices):
        FOUND = "fundet", _("Fundet")
        NOT_FOUND = "ikke_fundet", _("Ikke fundet")
        NOT_RELEVANT = "ikke_relevant", _("Ikke relevant")

    amg = models.ForeignKey(AMG, on_delete=models.CASCADE, related_name="+")
    apv = models.ForeignKey(APV, on_delete=models.CASCADE, related_name="factor_assessments")
    factor = models.CharField(
        _("risikofaktor"),
        max_length=30,
        choices=[(item.code, item.text) for item in catalogue.RISK_FACTORS],
    )
    verdict = models.CharField(_("vurdering"), max_length=15, choices=Verdict.choices)
    why = models.TextField(_("hvorfor"), max_length=2000)
    assessed_on = models.DateField(_("vurderet den"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("vurdering af en risikofaktor")
        verbose_name_plural = _("vurderinger af risikofaktorer")
        ordering = ["apv", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["apv", "factor"], name="unique_factor_per_apv")
        ]

    def __str__(self) -> str:
        return f"{self.get_factor_display()}: {self.get_verdict_display()}"


class ViolenceGuideline(models.Model):
    """The workplace's written guidelines on violence and threats: the text itself or where it
    is kept, who agreed it and when it was last reviewed."""

    amg = models.ForeignKey(AMG, on_delete=models.CASCADE, related_name="violence_guidelines")
    title = models.CharField(_("titel"), max_length=200)
    text = models.TextField(
        _("retningslinjerne"),
        max_length=20_000,
        blank=True,
        help_text=_("Hvordan I identificerer, forebygger og håndterer vold og trusler."),
    )
    document = models.CharField(
        _("dokument eller link"),
        max_length=300,
        blank=True,
        help_text=_(
            "Hvis retningslinjerne står et andet sted: fx et link til intranettet eller "
            "“Personalehåndbogen, afsnit 4”."
        ),
    )
    agreed_by = models.CharField(
        _("aftalt af"), max_length=300, help_text=_("Fx MED-udvalget eller AMG og ledelsen.")
    )
    agreed_on = models.DateField(_("aftalt den"))
    last_reviewed = models.DateField(_("sidst gennemgået"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("retningslinjer om vold og trusler")
        verbose_name_plural = _("retningslinjer om vold og trusler")
        ordering = ["-last_reviewed", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def review_due(self) -> datetime.date:
        """When the guidelines must be reviewed again (the rule's data: every 12 months)."""
        return add_months(self.last_reviewed, parameter("violence-guideline", "review_months"))


# The pulse's tables live with the pulse (apv/pulse/models.py); Django finds them through here.
from apv.pulse.models import Pulse, PulseCount, PulseProposal, PulseTally  # noqa: E402, F401
