"""Every write to the APV. Views call these; each runs in a transaction.

A closed APV is kept as it was: writes to it are refused (`APVClosed`); a revision starts a new
APV from it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apv import catalogue
from apv.models import (
    APV,
    Absence,
    Area,
    Change,
    ChangeRiskRow,
    DialogSession,
    Evaluation,
    FactorAssessment,
    Gennemgang,
    Incident,
    Input,
    Problem,
    RiskAssessment,
    SurveyImport,
    SurveyResult,
    TaskBalance,
    ViolenceGuideline,
)
from apv.survey_csv import Row
from forkant.models import AMG, Membership
from forkant.services import bump_board_revision
from handleplan import services as board
from handleplan.models import Action, Status, Theme


class APVClosed(ValidationError):
    pass


def _open(apv: APV) -> None:
    if apv.is_closed:
        raise APVClosed(
            _("APV'en er afsluttet og bevares, som den var. Start en revision for at ændre den.")
        )


def _same_amg(amg: AMG, *objects: object) -> None:
    for obj in objects:
        owner = getattr(obj, "amg_id", amg.pk)
        if owner != amg.pk:
            raise ValidationError(_("Det hører til en anden arbejdsmiljøgruppe."))


# Areas and changes ----------------------------------------------------------------------------


@transaction.atomic
def create_area(
    *, amg: AMG, name: str, kind: str, last_assessed: datetime.date | None = None
) -> Area:
    return Area.objects.create(amg=amg, name=name, kind=kind, last_assessed=last_assessed)


@transaction.atomic
def update_area(*, area: Area, name: str, kind: str, last_assessed: datetime.date | None) -> Area:
    area.name, area.kind, area.last_assessed = name, kind, last_assessed
    area.save()
    return area


@transaction.atomic
def register_change(
    *, amg: AMG, date: datetime.date, kind: str, description: str, areas: Iterable[Area]
) -> Change:
    """A change flags the areas it touches: they need revision until assessed after it."""
    areas = list(areas)
    _same_amg(amg, *areas)
    change = Change.objects.create(amg=amg, date=date, kind=kind, description=description)
    change.areas.set(areas)
    return change


# The APV itself -------------------------------------------------------------------------------


@transaction.atomic
def start_apv(
    *,
    amg: AMG,
    title: str,
    method: str,
    start_date: datetime.date,
    scope: str = "",
    areas: Iterable[Area] = (),
    members: Iterable[Membership] = (),
    other_participants: str = "",
    previous: APV | None = None,
) -> APV:
    """A new APV; with `previous`, a revision that starts from the last one (its problems, with
    their links to actions, are carried over; the old APV stays as it was)."""
    areas, members = list(areas), list(members)
    _same_amg(amg, *areas, *members, *([previous] if previous else []))
    apv = APV.objects.create(
        amg=amg,
        title=title,
        method=method,
        start_date=start_date,
        scope=scope,
        other_participants=other_participants,
        previous=previous,
    )
    apv.areas.set(areas)
    apv.members.set(members)
    if previous is not None:
        links = Problem.actions.through.objects.filter(problem__apv=previous)
        action_ids: dict[int, list[int]] = {}
        for link in links:
            action_ids.setdefault(link.problem_id, []).append(link.action_id)
        for problem in previous.problems.all():
            old_pk = problem.pk
            problem.pk = problem.id = None
            problem.apv = apv
            problem.actions_at_close = []
            problem._state.adding = True
            problem.save()
            problem.actions.set(action_ids.get(old_pk, []))
        bump_board_revision(apv.amg)  # the cards' APV marks now point to the revision
    return apv


@transaction.atomic
def update_apv(
    *,
    apv: APV,
    title: str,
    method: str,
    start_date: datetime.date,
    scope: str,
    areas: Iterable[Area],
    members: Iterable[Membership],
    other_participants: str,
    status: str,
) -> APV:
    _open(apv)
    areas, members = list(areas), list(members)
    _same_amg(apv.amg, *areas, *members)
    if status == APV.Status.AFSLUTTET:
        raise ValidationError(_("Brug “Afslut APV'en” for at afslutte den."))
    apv.title, apv.method, apv.start_date = title, method, start_date
    apv.scope, apv.other_participants, apv.status = scope, other_participants, status
    apv.save()
    apv.areas.set(areas)
    apv.members.set(members)
    return apv


@transaction.atomic
def close_apv(*, apv: APV, today: datetime.date) -> APV:
    """Close the APV: it is kept as it was, and its areas count as assessed today."""
    _open(apv)
    if not apv.problems.exists() and not apv.no_problems_found:
        raise ValidationError(
            _(
                "APV'en har hverken problemer eller en registrering af, at kortlægningen ikke "
                "fandt nogen. Registrér det ene eller det andet, før den afsluttes."
            )
        )
    apv.status = APV.Status.AFSLUTTET
    apv.closed_on = today
    apv.save(update_fields=["status", "closed_on"])
    problems = list(apv.problems.prefetch_related("actions"))
    for problem in problems:
        problem.actions_at_close = [
            {"title": a.title, "status": a.status} for a in problem.actions.order_by("pk")
        ]
    Problem.objects.bulk_update(problems, ["actions_at_close"])
    apv.areas.update(last_assessed=today)
    return apv


@transaction.atomic
def record_no_problems(*, apv: APV, on: datetime.date, with_whom: str) -> APV:
    _open(apv)
    if apv.problems.exists():
        raise ValidationError(_("APV'en har allerede registrerede problemer."))
    apv.no_problems_on, apv.no_problems_with = on, with_whom
    apv.save(update_fields=["no_problems_on", "no_problems_with"])
    return apv


@transaction.atomic
def set_availability(*, apv: APV, on: datetime.date, how: str) -> APV:
    """Where and since when the employees can read the APV. Allowed on a closed APV too: making
    it available changes nothing in it."""
    if not how.strip():
        raise ValidationError(_("Skriv, hvor de ansatte kan læse APV’en."))
    apv.made_available_on, apv.made_available_how = on, how.strip()
    apv.save(update_fields=["made_available_on", "made_available_how"])
    return apv


@transaction.atomic
def set_absence_assessment(*, apv: APV, contributes: str, assessment: str) -> APV:
    _open(apv)
    apv.absence_contributes, apv.absence_assessment = contributes, assessment
    apv.save(update_fields=["absence_contributes", "absence_assessment"])
    return apv


@transaction.atomic
def assess_factors(
    *, apv: APV, assessments: Sequence[tuple[str, str, str]], on: datetime.date
) -> list[FactorAssessment]:
    """Save (factor, verdict, why) for the APV's psychosocial risk factors; a factor left out
    keeps what it had. Every verdict needs its why."""
    _open(apv)
    codes = {item.code for item in catalogue.RISK_FACTORS}
    verdicts = set(FactorAssessment.Verdict.values)
    saved = []
    for factor, verdict, why in assessments:
        if factor not in codes or verdict not in verdicts:
            raise ValidationError(_("Ukendt risikofaktor eller vurdering."))
        if not why.strip():
            raise ValidationError(_("Skriv, hvorfor I vurderer sådan."))
        assessment, _created = FactorAssessment.objects.update_or_create(
            apv=apv,
            factor=factor,
            defaults={
                "amg_id": apv.amg_id,
                "verdict": verdict,
                "why": why.strip(),
                "assessed_on": on,
            },
        )
        saved.append(assessment)
    return saved


# Kortlægning ----------------------------------------------------------------------------------


@transaction.atomic
def import_survey(
    *,
    apv: APV,
    title: str,
    filename: str,
    rows: Sequence[Row],
    scale_low: Decimal | None = None,
    scale_high: Decimal | None = None,
    low_means: str = "",
    high_means: str = "",
) -> SurveyImport:
    """All rows or none: the caller has already refused files with unreadable lines."""
    _open(apv)
    if not rows:
        raise ValidationError(_("Der er ingen resultater at gemme."))
    _check_scale([row.value for row in rows], scale_low, scale_high)
    survey = SurveyImport.objects.create(
        apv=apv,
        amg=apv.amg,
        title=title,
        filename=filename[:200],
        imported_at=timezone.now(),
        scale_low=scale_low,
        scale_high=scale_high,
        low_means=low_means[:80],
        high_means=high_means[:80],
    )
    SurveyResult.objects.bulk_create(
        SurveyResult(
            survey=survey,
            question=row.question,
            unit=row.unit,
            value=row.value,
            respondents=row.respondents,
        )
        for row in rows
    )
    return survey


def _check_scale(values: Sequence[Decimal], low: Decimal | None, high: Decimal | None) -> None:
    """Every result must lie on the scale the AMG says the survey used."""
    if low is None or high is None:
        return
    if low >= high:
        raise ValidationError(_("Skalaens højeste værdi skal være større end den laveste."))
    outside = [v for v in values if not low <= v <= high]
    if outside:
        raise ValidationError(
            _(
                "Resultaterne går fra %(min)s til %(max)s, men skalaen er %(low)s–%(high)s. "
                "Vælg den skala, målingen brugte."
            )
            % {
                "min": _decimal(min(values)),
                "max": _decimal(max(values)),
                "low": _decimal(low),
                "high": _decimal(high),
            }
        )


def _decimal(value: Decimal) -> str:
    return f"{value.normalize():f}".replace(".", ",")


@transaction.atomic
def set_survey_scale(
    *,
    survey: SurveyImport,
    scale_low: Decimal,
    scale_high: Decimal,
    low_means: str,
    high_means: str,
) -> SurveyImport:
    """Say (or correct) what an imported survey's scale is and what its ends mean."""
    _open(survey.apv)
    _check_scale(list(survey.results.values_list("value", flat=True)), scale_low, scale_high)
    survey.scale_low, survey.scale_high = scale_low, scale_high
    survey.low_means, survey.high_means = low_means[:80], high_means[:80]
    survey.save(update_fields=["scale_low", "scale_high", "low_means", "high_means"])
    return survey


@transaction.atomic
def add_dialog_session(
    *,
    apv: APV,
    date: datetime.date,
    participants: int,
    counts: dict[str, list[int]],
    reflections: str = "",
    proposals: str = "",
) -> DialogSession:
    _open(apv)
    if set(counts) != set(catalogue.DIALOG_THEME_CODES) or any(
        len(v) != 10 or min(v) < 0 for v in counts.values()
    ):
        raise ValidationError(_("Angiv antal personer ved hvert punkt 1–10 for de fem temaer."))
    for code, values in counts.items():
        if sum(values) > participants:
            raise ValidationError(
                _("Flere personer på linjen for “%(theme)s” end deltagere.")
                % {"theme": catalogue.label(catalogue.DIALOG_THEMES, code)}
            )
    return DialogSession.objects.create(
        apv=apv,
        amg=apv.amg,
        date=date,
        participants=participants,
        counts=counts,
        reflections=reflections,
        proposals=proposals,
    )


@transaction.atomic
def park_proposals(*, session: DialogSession, theme: Theme) -> list[Action]:
    """Every proposal of the session becomes a card in the handleplan's Parkeringsplads."""
    _same_amg(session.amg, theme)
    session = DialogSession.objects.select_for_update().get(pk=session.pk)
    if session.pulse_id is not None:
        raise ValidationError(
            _(
                "Forslagene fra en temperaturmåling sættes på tavlen ét ad gangen "
                "fra målingens side."
            )
        )
    if session.proposals_parked_at is not None:
        raise ValidationError(_("Forslagene er allerede sat på Parkeringspladsen."))
    lines = session.proposal_lines
    if not lines:
        raise ValidationError(_("Der er ingen forslag at sætte på tavlen."))
    why = _("Forslag fra dialogisk APV %(date)s") % {"date": f"{session.date:%d.%m.%Y}"}
    actions = [
        board.create_action(
            amg=session.amg, theme=theme, status=Status.PARKERET, title=line[:200], why=why
        )
        for line in lines
    ]
    session.proposals_parked_at = timezone.now()
    session.save(update_fields=["proposals_parked_at"])
    return actions


@transaction.atomic
def add_gennemgang(*, apv: APV, **fields: object) -> Gennemgang:
    _open(apv)
    return Gennemgang.objects.create(apv=apv, amg=apv.amg, **fields)  # type: ignore[arg-type]


@transaction.atomic
def add_input(*, apv: APV, channel: str, date: datetime.date, summary: str) -> Input:
    _open(apv)
    return Input.objects.create(apv=apv, amg=apv.amg, channel=channel, date=date, summary=summary)


# Analyse --------------------------------------------------------------------------------------

PROBLEM_FIELDS = (
    "title",
    "description",
    "area",
    "affected",
    "affected_count",
    "probability",
    "consequence",
    "cause",
    "risk_factors",
    "focus_points",
    "sources",
    "urgency",
    "permanent",
)


@transaction.atomic
def save_problem(*, apv: APV, problem: Problem | None = None, **fields: object) -> Problem:
    _open(apv)
    unknown = set(fields) - set(PROBLEM_FIELDS)
    if unknown:
        raise TypeError(f"Not a problem field: {', '.join(sorted(unknown))}")
    _same_amg(apv.amg, fields.get("area"))
    if problem is None:
        problem = Problem(apv=apv, amg=apv.amg)
    for name, value in fields.items():
        setattr(problem, name, value)
    problem.full_clean(exclude=["apv", "amg", "actions"])
    problem.save()
    bump_board_revision(apv.amg)  # its cards' APV marks name the problem
    if apv.no_problems_found:
        apv.no_problems_on, apv.no_problems_with = None, ""
        apv.save(update_fields=["no_problems_on", "no_problems_with"])
    return problem


@transaction.atomic
def problem_to_actions(
    *,
    problem: Problem,
    titles: Sequence[str],
    theme: Theme,
    responsible: Membership | None = None,
    deadline: datetime.date | None = None,
) -> list[Action]:
    """One step from a problem to one or more actions on the board, linked both ways."""
    _open(problem.apv)
    _same_amg(problem.amg, theme, *([responsible] if responsible else []))
    titles = [" ".join(t.split())[:200] for t in titles if t.strip()]
    if not titles:
        raise ValidationError(_("Skriv mindst én handling."))
    why = _("APV: %(problem)s (risiko %(score)s)") % {
        "problem": problem.title,
        "score": problem.risk_score,
    }
    actions = [
        board.create_action(
            amg=problem.amg,
            theme=theme,
            status=Status.STARTET,
            title=title,
            why=why[:4000],
            responsible=responsible,
            deadline=deadline,
        )
        for title in titles
    ]
    problem.actions.add(*actions)
    return actions


@transaction.atomic
def link_actions(*, problem: Problem, actions: Iterable[Action]) -> None:
    _open(problem.apv)
    actions = list(actions)
    _same_amg(problem.amg, *actions)
    problem.actions.set(actions)
    bump_board_revision(problem.amg)  # the cards' APV marks change


# Opfølgning -----------------------------------------------------------------------------------


@transaction.atomic
def set_follow_up(
    *, action: Action, follow_up_on: datetime.date | None, follow_up_how: str, follow_up_who: str
) -> Action:
    return board.update_action(
        action=action,
        follow_up_on=follow_up_on,
        follow_up_how=follow_up_how,
        follow_up_who=follow_up_who,
    )


@transaction.atomic
def add_evaluation(
    *, action: Action, date: datetime.date, who: str, verdict: str, note: str = ""
) -> Evaluation:
    return Evaluation.objects.create(
        amg_id=action.amg_id, action=action, date=date, who=who, verdict=verdict, note=note
    )


# Sygefravær -----------------------------------------------------------------------------------


@transaction.atomic
def save_absence(
    *,
    apv: APV,
    area: Area,
    period: str,
    employees: int,
    short_days: Decimal,
    long_days: Decimal,
) -> Absence:
    _open(apv)
    _same_amg(apv.amg, area)
    absence, _created = Absence.objects.update_or_create(
        apv=apv,
        area=area,
        period=period,
        defaults={
            "amg": apv.amg,
            "employees": employees,
            "short_days": short_days,
            "long_days": long_days,
        },
    )
    return absence


@transaction.atomic
def delete_absence(*, absence: Absence) -> None:
    _open(absence.apv)
    absence.delete()


# Risikovurderinger ----------------------------------------------------------------------------


@transaction.atomic
def save_risk_assessment(
    *, amg: AMG, assessment: RiskAssessment | None = None, kind: str = "", **fields: object
) -> RiskAssessment:
    apv = fields.get("apv")
    if apv is not None:
        _same_amg(amg, apv)
    if assessment is None:
        assessment = RiskAssessment(amg=amg, kind=kind)
    kind = assessment.kind
    for name, value in fields.items():
        setattr(assessment, name, value)
    assessment.save()
    if kind == RiskAssessment.Kind.FORANDRING and not assessment.rows.exists():
        ChangeRiskRow.objects.bulk_create(
            ChangeRiskRow(assessment=assessment, theme=str(item.text))
            for item in catalogue.CHANGE_THEMES
        )
    return assessment


@transaction.atomic
def save_change_rows(*, assessment: RiskAssessment, rows: Sequence[dict[str, str]]) -> None:
    """Replace the change assessment's rows (empty rows are dropped)."""
    assessment.rows.all().delete()
    ChangeRiskRow.objects.bulk_create(
        ChangeRiskRow(assessment=assessment, **row) for row in rows if any(row.values())
    )


@transaction.atomic
def save_task_balance(*, assessment: RiskAssessment, rows: Sequence[dict[str, object]]) -> None:
    assessment.tasks.all().delete()
    TaskBalance.objects.bulk_create(
        TaskBalance(assessment=assessment, **row)  # type: ignore[arg-type]
        for row in rows
        if row.get("initials")
    )


@transaction.atomic
def save_vold_answers(*, assessment: RiskAssessment, answers: dict[str, str]) -> None:
    known = {q.code for q in catalogue.VOLD_QUESTIONS}
    assessment.answers = {k: v for k, v in answers.items() if k in known and v}
    assessment.save(update_fields=["answers"])


@transaction.atomic
def risk_to_action(
    *,
    assessment: RiskAssessment,
    title: str,
    theme: Theme,
    responsible: Membership | None = None,
    deadline: datetime.date | None = None,
) -> Action:
    _same_amg(assessment.amg, theme, *([responsible] if responsible else []))
    action = board.create_action(
        amg=assessment.amg,
        theme=theme,
        status=Status.STARTET,
        title=title,
        why=_("Risikovurdering: %(title)s") % {"title": assessment.title},
        responsible=responsible,
        deadline=deadline,
    )
    assessment.actions.add(action)
    return action


# Hændelser ------------------------------------------------------------------------------------

INCIDENT_FIELDS = (
    "date",
    "kind",
    "where",
    "before",
    "what",
    "handling",
    "names",
    "absence_from",
    "reported_easy",
    "reported_on",
    "amo_informed",
)


@transaction.atomic
def save_incident(
    *,
    amg: AMG,
    incident: Incident | None = None,
    actions: Iterable[Action] = (),
    **fields: object,
) -> Incident:
    from apv.validators import reject_cpr

    unknown = set(fields) - set(INCIDENT_FIELDS)
    if unknown:
        raise TypeError(f"Not an incident field: {', '.join(sorted(unknown))}")
    for value in fields.values():
        if isinstance(value, str):
            reject_cpr(value)
    actions = list(actions)
    _same_amg(amg, *actions)
    incident = incident or Incident(amg=amg)
    for name, value in fields.items():
        setattr(incident, name, value)
    incident.save()
    incident.actions.set(actions)
    return incident


# Retningslinjer om vold og trusler ------------------------------------------------------------

GUIDELINE_FIELDS = ("title", "text", "document", "agreed_by", "agreed_on", "last_reviewed")


@transaction.atomic
def save_guideline(
    *, amg: AMG, guideline: ViolenceGuideline | None = None, **fields: object
) -> ViolenceGuideline:
    """The guidelines themselves or where they are kept – one of the two is needed."""
    from apv.validators import reject_cpr

    unknown = set(fields) - set(GUIDELINE_FIELDS)
    if unknown:
        raise TypeError(f"Not a guideline field: {', '.join(sorted(unknown))}")
    for value in fields.values():
        if isinstance(value, str):
            reject_cpr(value)
    guideline = guideline or ViolenceGuideline(amg=amg)
    _same_amg(amg, guideline)
    for name, value in fields.items():
        setattr(guideline, name, value.strip() if isinstance(value, str) else value)
    if not (guideline.text or guideline.document):
        raise ValidationError(
            _("Skriv retningslinjerne, eller skriv hvor de findes (dokument eller link).")
        )
    guideline.save()
    return guideline


@transaction.atomic
def mark_guideline_reviewed(
    *, guideline: ViolenceGuideline, on: datetime.date
) -> ViolenceGuideline:
    guideline.last_reviewed = on
    guideline.save(update_fields=["last_reviewed", "updated_at"])
    return guideline
