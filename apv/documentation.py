"""The APV's parts of the inspection bundle (assembled in `composition.inspection`).

Each builder reads one part in a fixed number of queries and returns plain data for the bundle's
templates: the current APV (how it was planned and carried out, the kortlægning in summary, the
problems and the psychosocial factor table, permanent risks, follow-up, sickness absence), the
handlingsplan as the spine problem → cause → action → responsible → deadline → follow-up →
status, the incident register, the violence guidelines and the risk assessments in full. Staff
aggregates go through the small-group rule (`forkant.lib.small_groups`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Prefetch
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from apv import catalogue, charts
from apv.absence import PeriodTable, absence_table, trend_series
from apv.models import (
    APV,
    Area,
    ChangeRiskRow,
    DialogSession,
    FactorAssessment,
    Incident,
    Problem,
    RiskAssessment,
    SurveyImport,
    TaskBalance,
    ViolenceGuideline,
)
from apv.queries import areas_of, followed_actions, matrix_cells, problems_of
from apv.surveys import QuestionResults, survey_table
from forkant.lib.small_groups import MIN_GROUP
from forkant.models import AMG, Membership
from handleplan.models import Action, Status, Theme


@dataclass(frozen=True)
class FactorRow:
    """One of the five psychosocial risk factors (BEK 1406/2020): the group's assessment for the
    APV (found, not found, not relevant, and why; None when not assessed) and the problems that
    name it."""

    factor: catalogue.Item
    assessment: FactorAssessment | None
    problems: list[Problem]


@dataclass(frozen=True)
class SurveySummary:
    survey: SurveyImport
    questions: list[QuestionResults]


@dataclass(frozen=True)
class APVSection:
    """The current APV as the inspector reads it."""

    apv: APV
    earlier: list[APV]
    members: list[Membership]
    areas: list[Area]
    dialogs: list[tuple[DialogSession, list[tuple[object, SafeString]] | None]]
    surveys: list[SurveySummary]
    gennemgange: list[object]
    inputs: list[object]
    problems: list[Problem]
    permanent: list[Problem]
    matrix: SafeString
    factors: list[FactorRow]
    followed: list[Action]
    absence: list[PeriodTable]
    absence_chart: SafeString | None
    today: datetime.date
    min_group: int = MIN_GROUP


def apv_section(amg: AMG, *, today: datetime.date) -> APVSection | None:
    """The latest APV with its parts, in a fixed number of queries."""
    apvs = list(APV.objects.filter(amg=amg).order_by("-start_date", "-pk"))
    if not apvs:
        return None
    apv, earlier = apvs[0], apvs[1:]
    problems = problems_of(apv)
    area_list = list(areas_of(amg))
    for area in area_list:
        area.state = area.assessment_state(today)
    surveys = list(
        apv.surveys.prefetch_related("results").order_by("imported_at", "pk")  # type: ignore[attr-defined]
    )
    absence = absence_table(apv.absences.select_related("area"))  # type: ignore[attr-defined]
    assessed = {a.factor: a for a in apv.factor_assessments.all()}  # type: ignore[attr-defined]
    periods, series = trend_series(absence)
    return APVSection(
        apv=apv,
        earlier=earlier,
        members=list(apv.members.select_related("user")),
        areas=area_list,
        dialogs=[
            (s, charts.dialog_histograms(s)) for s in apv.dialog_sessions.select_related("pulse")
        ],  # type: ignore[attr-defined]
        surveys=[SurveySummary(s, survey_table(s.results.all())) for s in surveys],
        gennemgange=list(apv.gennemgange.all()),  # type: ignore[attr-defined]
        inputs=list(apv.inputs.order_by("date", "pk")),  # type: ignore[attr-defined]
        problems=[p for p in problems if not p.permanent],
        permanent=[p for p in problems if p.permanent],
        matrix=charts.risk_matrix(matrix_cells(problems), label=_("Risikomatrix")),
        factors=[
            FactorRow(
                factor,
                assessed.get(factor.code),
                [p for p in problems if factor.code in p.risk_factors],
            )
            for factor in catalogue.RISK_FACTORS
        ],
        followed=followed_actions(apv),
        absence=absence,
        absence_chart=(
            charts.trend(periods, series, label=_("Sygefraværsdage pr. ansat pr. enhed"))
            if series
            else None
        ),
        today=today,
    )


# The handlingsplan ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanRow:
    """One action of the handlingsplan with the APV problems it answers and what it lacks."""

    action: Action
    problems: list[Problem]
    missing: list[str]
    overdue: bool


@dataclass(frozen=True)
class ThemePlan:
    theme: Theme
    rows: list[PlanRow]


# Columns where the work is still to be done: an action there needs a responsible and a deadline.
ACTIVE = (Status.STARTET, Status.GODT_I_GANG)


def _missing(action: Action) -> list[str]:
    """The fields the rules ask of an action that it does not have (the table marks them): a
    cause always; a responsible and a deadline while the work is under way; a follow-up date
    until the action is closed."""
    gaps = []
    if not action.why.strip():
        gaps.append("cause")
    if action.status in ACTIVE and not action.responsible_id:
        gaps.append("responsible")
    if action.status in ACTIVE and not action.deadline:
        gaps.append("deadline")
    if action.status != Status.AFSLUTTET and not action.follow_up_on:
        gaps.append("follow_up")
    return gaps


def action_plan(amg: AMG, *, today: datetime.date) -> list[ThemePlan]:
    """The handlingsplan: every action that is not parked, by theme, in the board's column
    order, each with the problems it answers. Parked ideas are not part of it (see
    `parked_actions`). Three queries."""
    column = {status.value: i for i, status in enumerate(Status)}
    actions = sorted(
        Action.objects.filter(amg=amg)
        .exclude(status=Status.PARKERET)
        .select_related("responsible__user", "theme")
        .prefetch_related(
            Prefetch("apv_problems", queryset=Problem.objects.order_by("-pk"), to_attr="problems")
        ),
        key=lambda a: (a.theme.position, a.theme_id, column[a.status], a.position, a.pk),
    )
    return [
        ThemePlan(
            theme=group[0].theme,
            rows=[
                PlanRow(
                    a,
                    a.problems,  # type: ignore[attr-defined]
                    _missing(a),
                    overdue=a.status in ACTIVE and a.deadline is not None and a.deadline < today,
                )
                for a in group
            ],
        )
        for _theme_id, grouped in groupby(actions, key=lambda a: a.theme_id)
        for group in [list(grouped)]
    ]


def parked_actions(amg: AMG) -> list[Action]:
    """The Parkeringsplads: ideas the group has kept for later, not (yet) actions."""
    return list(
        Action.objects.filter(amg=amg, status=Status.PARKERET)
        .select_related("theme")
        .order_by("theme__position", "theme_id", "position", "pk")
    )


# Incidents -----------------------------------------------------------------------------------


def incidents_of(amg: AMG) -> list[Incident]:
    """The incident register, newest first, with the preventive actions: two queries. Whether
    each was reported in EASY in time is the engine of obligations' finding (rule easy-report)."""
    return list(
        Incident.objects.filter(amg=amg).prefetch_related("actions").order_by("-date", "-pk")
    )


def violence_guidelines(amg: AMG) -> list[ViolenceGuideline]:
    return list(ViolenceGuideline.objects.filter(amg=amg).order_by("-last_reviewed", "-pk"))


# Risk assessments in full --------------------------------------------------------------------


@dataclass(frozen=True)
class RiskInFull:
    a: RiskAssessment
    rows: list[ChangeRiskRow]
    tasks: list[TaskBalance]
    answers: list[tuple[catalogue.Item, str]] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)


def risk_assessments_in_full(amg: AMG) -> list[RiskInFull]:
    """Every risk assessment with its whole content (the booklet's forms), oldest first, in a
    fixed number of queries."""
    assessments = RiskAssessment.objects.filter(amg=amg).prefetch_related(
        "rows",
        "tasks",
        Prefetch("actions", queryset=Action.objects.select_related("responsible__user")),
    )
    return [
        RiskInFull(
            a=a,
            rows=list(a.rows.all()),
            tasks=list(a.tasks.all()),
            answers=[(q, a.answers.get(q.code, "")) for q in catalogue.VOLD_QUESTIONS],
            actions=list(a.actions.all()),
        )
        for a in assessments.order_by("date", "pk")
    ]
