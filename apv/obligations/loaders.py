"""The APV checks' loaders: each reads what the checks need for every AMG of a run at once
(`forkant.obligations.load`), in the number of queries its docstring says."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count, Max, OuterRef, Prefetch, Q, Subquery

from apv.models import (
    APV,
    Absence,
    Area,
    Change,
    FactorAssessment,
    Incident,
    Problem,
    RiskAssessment,
    ViolenceGuideline,
)
from handleplan.models import Action, Status


def _latest_apv() -> Subquery:
    """Each row's AMG's newest APV (for a queryset with an `amg_id`)."""
    newest = APV.objects.filter(amg_id=OuterRef("amg_id")).order_by("-start_date", "-pk")
    return Subquery(newest.values("pk")[:1])


def apvs_by_amg(amg_ids: Sequence[int], today: datetime.date) -> dict[int, list[APV]]:
    """Every APV, newest first, each with `area_ids`: two queries."""
    areas: dict[int, set[int]] = defaultdict(set)
    links = APV.areas.through.objects.filter(apv__amg_id__in=amg_ids)
    for apv_id, area_id in links.values_list("apv_id", "area_id"):
        areas[apv_id].add(area_id)
    found: dict[int, list[APV]] = defaultdict(list)
    for apv in APV.objects.filter(amg_id__in=amg_ids).order_by("-start_date", "-pk"):
        apv.area_ids = areas.get(apv.pk, set())
        found[apv.amg_id].append(apv)
    return found


@dataclass
class AreaInfo:
    area: Area
    change: Change | None  # the newest change that touched it after its last assessment


def areas_by_amg(amg_ids: Sequence[int], today: datetime.date) -> dict[int, list[AreaInfo]]:
    """Every area with the newest change since its last assessment: three queries."""
    changes: dict[int, list[Change]] = defaultdict(list)
    for change in Change.objects.filter(amg_id__in=amg_ids).prefetch_related("areas"):
        for area in change.areas.all():
            changes[area.pk].append(change)
    found: dict[int, list[AreaInfo]] = defaultdict(list)
    for area in Area.objects.filter(amg_id__in=amg_ids).order_by("name", "pk"):
        since = [
            c
            for c in changes.get(area.pk, [])
            if area.last_assessed is None or c.date > area.last_assessed
        ]
        newest = max(since, key=lambda c: (c.date, c.pk), default=None)
        found[area.amg_id].append(AreaInfo(area, newest))
    return found


def problems_by_amg(amg_ids: Sequence[int], today: datetime.date) -> dict[int, list[Problem]]:
    """The current APV's problems with their actions and who is responsible: two queries."""
    actions = Action.objects.select_related("responsible__user").order_by("pk")
    found: dict[int, list[Problem]] = defaultdict(list)
    problems = (
        Problem.objects.filter(amg_id__in=amg_ids, apv_id=_latest_apv())
        .prefetch_related(Prefetch("actions", queryset=actions))
        .order_by("pk")
    )
    for problem in problems:
        found[problem.amg_id].append(problem)
    return found


def previous_permanent_by_amg(
    amg_ids: Sequence[int], today: datetime.date
) -> dict[int, list[Problem]]:
    """The permanent risks of the APV the current one revises: one query."""
    newest = APV.objects.filter(amg_id=OuterRef("amg_id")).order_by("-start_date", "-pk")
    found: dict[int, list[Problem]] = defaultdict(list)
    for problem in Problem.objects.filter(
        amg_id__in=amg_ids, permanent=True, apv_id=Subquery(newest.values("previous_id")[:1])
    ).select_related("apv"):
        found[problem.amg_id].append(problem)
    return found


def factors_by_amg(
    amg_ids: Sequence[int], today: datetime.date
) -> dict[int, dict[str, FactorAssessment]]:
    found: dict[int, dict[str, FactorAssessment]] = defaultdict(dict)
    for item in FactorAssessment.objects.filter(amg_id__in=amg_ids, apv_id=_latest_apv()):
        found[item.amg_id][item.factor] = item
    return found


def absence_counts(amg_ids: Sequence[int], today: datetime.date) -> dict[int, int]:
    rows = (
        Absence.objects.filter(amg_id__in=amg_ids, apv_id=_latest_apv())
        .values("amg_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["amg_id"]: row["n"] for row in rows}


def follow_ups_by_amg(amg_ids: Sequence[int], today: datetime.date) -> dict[int, list[Action]]:
    """Every action not closed with a follow-up date, and its newest evaluation: one query."""
    found: dict[int, list[Action]] = defaultdict(list)
    actions = (
        Action.objects.filter(amg_id__in=amg_ids, follow_up_on__isnull=False)
        .exclude(status=Status.AFSLUTTET)
        .annotate(last_evaluated=Max("apv_evaluations__date"))
        .only("pk", "amg_id", "title", "status", "follow_up_on", "follow_up_who")
        .order_by("follow_up_on", "pk")
    )
    for action in actions:
        found[action.amg_id].append(action)
    return found


def incidents_by_amg(amg_ids: Sequence[int], today: datetime.date) -> dict[int, list[Incident]]:
    """Incidents with absence or of violence or threats: one query."""
    found: dict[int, list[Incident]] = defaultdict(list)
    violent = [Incident.Kind.VOLD, Incident.Kind.TRUSLER]
    for incident in Incident.objects.filter(
        Q(absence_from__isnull=False) | Q(kind__in=violent), amg_id__in=amg_ids
    ).order_by("date", "pk"):
        found[incident.amg_id].append(incident)
    return found


@dataclass
class ViolenceSigns:
    guidelines: list[ViolenceGuideline]
    risk_assessments: int


def violence_by_amg(amg_ids: Sequence[int], today: datetime.date) -> dict[int, ViolenceSigns]:
    """The guidelines (most recently reviewed first) and the violence risk assessments: two
    queries."""
    guidelines: dict[int, list[ViolenceGuideline]] = defaultdict(list)
    for guideline in ViolenceGuideline.objects.filter(amg_id__in=amg_ids):
        guidelines[guideline.amg_id].append(guideline)
    risks = dict(
        RiskAssessment.objects.filter(amg_id__in=amg_ids, kind=RiskAssessment.Kind.VOLD)
        .values("amg_id")
        .annotate(n=Count("pk"))
        .values_list("amg_id", "n")
        .order_by()
    )
    return {i: ViolenceSigns(guidelines.get(i, []), risks.get(i, 0)) for i in amg_ids}
