"""Reads the APV pages share. Each page costs a fixed number of queries, however many problems,
actions or areas it shows."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from apv import catalogue
from apv.models import (
    APV,
    Area,
    Change,
    Evaluation,
    FactorAssessment,
    Problem,
)
from forkant.models import AMG
from handleplan.annotations import Mark
from handleplan.models import Action, Status


def areas_of(amg: AMG) -> QuerySet[Area]:
    """The AMG's areas, each annotated with `flagged`: a change touched it after (or with no)
    last assessment, so it needs a revision."""
    touched_after = Change.areas.through.objects.filter(area_id=OuterRef("pk")).filter(
        Q(change__date__gt=OuterRef("last_assessed")) | Q(area__last_assessed__isnull=True)
    )
    return Area.objects.filter(amg=amg).annotate(flagged=Exists(touched_after)).order_by("name")


@dataclass
class AreaRow:
    area: Area
    state: str  # never / overdue / soon / ok
    flagged: bool

    @property
    def needs_attention(self) -> bool:
        return self.flagged or self.state in ("never", "overdue", "soon")


def area_rows(amg: AMG, today: datetime.date) -> list[AreaRow]:
    return [AreaRow(a, a.assessment_state(today), a.flagged) for a in areas_of(amg)]


def problems_of(apv: APV) -> list[Problem]:
    """The APV's problems by risk score (highest first), with their actions: two queries."""
    problems = list(
        apv.problems.select_related("area").prefetch_related(
            Prefetch(
                "actions",
                queryset=Action.objects.select_related("responsible__user").order_by("pk"),
            )
        )
    )
    problems.sort(key=lambda p: (-p.risk_score, -p.consequence, p.pk))
    return problems


def matrix_cells(problems: Iterable[Problem]) -> dict[tuple[int, int], int]:
    cells: dict[tuple[int, int], int] = {}
    for problem in problems:
        key = (problem.probability, problem.consequence)
        cells[key] = cells.get(key, 0) + 1
    return cells


@dataclass
class Part:
    code: str
    label: str
    done: bool
    summary: str
    missing: list[str] = field(default_factory=list)


@dataclass
class Overview:
    apv: APV
    parts: list[Part]
    overdue_follow_ups: list[Action]

    @property
    def elements(self) -> list[tuple[catalogue.RuleElement, list[Part], bool]]:
        by_code = {part.code: part for part in self.parts}
        rows = []
        for element in catalogue.RULE_ELEMENTS:
            parts = [by_code[code] for code in element.parts]
            rows.append((element, parts, all(p.done for p in parts)))
        return rows

    @property
    def done_count(self) -> int:
        return sum(1 for p in self.parts if p.done)


def overview(apv: APV, today: datetime.date) -> Overview:
    """The five parts with progress and what is missing, in a fixed number of queries."""
    counts = APV.objects.filter(pk=apv.pk).aggregate(
        surveys=Count("surveys", distinct=True),
        dialogs=Count("dialog_sessions", distinct=True),
        gennemgange=Count("gennemgange", distinct=True),
        inputs=Count("inputs", distinct=True),
        absences=Count("absences", distinct=True),
    )
    problems = apv.problems.aggregate(
        total=Count("pk", distinct=True),
        without_actions=Count("pk", filter=Q(actions__isnull=True), distinct=True),
    )
    linked = Action.objects.filter(apv_problems__apv=apv).distinct()
    actions = linked.aggregate(
        total=Count("pk", distinct=True),
        without_follow_up=Count("pk", filter=Q(follow_up_on__isnull=True), distinct=True),
        evaluated=Count("pk", filter=Q(apv_evaluations__isnull=False), distinct=True),
    )
    overdue = list(
        linked.filter(follow_up_on__lt=today)
        .exclude(status=Status.AFSLUTTET)
        .select_related("responsible__user")
        .order_by("follow_up_on", "pk")
    )
    sources = counts["surveys"] + counts["dialogs"] + counts["gennemgange"] + counts["inputs"]
    parts = []

    missing = []
    if not sources:
        missing.append(
            _("Ingen kilder endnu: importér en måling, hold en dialogisk APV eller en gennemgang.")
        )
    parts.append(
        Part(
            "kortlaegning",
            _("Kortlægning"),
            bool(sources),
            " · ".join(
                (
                    ngettext("%(n)s måling", "%(n)s målinger", counts["surveys"])
                    % {"n": counts["surveys"]},
                    ngettext("%(n)s dialogisk APV", "%(n)s dialogiske APV'er", counts["dialogs"])
                    % {"n": counts["dialogs"]},
                    ngettext("%(n)s gennemgang", "%(n)s gennemgange", counts["gennemgange"])
                    % {"n": counts["gennemgange"]},
                    ngettext("%(n)s input", "%(n)s input", counts["inputs"])
                    % {"n": counts["inputs"]},
                )
            ),
            missing,
        )
    )

    missing = []
    if not problems["total"] and not apv.no_problems_found:
        missing.append(_("Ingen problemer analyseret – og ikke registreret, at ingen blev fundet."))
    parts.append(
        Part(
            "analyse",
            _("Analyse"),
            bool(problems["total"]) or apv.no_problems_found,
            _("Ingen problemer fundet (registreret)")
            if apv.no_problems_found
            else ngettext(
                "%(total)s problem analyseret", "%(total)s problemer analyseret", problems["total"]
            )
            % problems,
            missing,
        )
    )

    missing = []
    if problems["without_actions"]:
        missing.append(
            ngettext(
                "%(n)s problem har ingen handling på tavlen.",
                "%(n)s problemer har ingen handling på tavlen.",
                problems["without_actions"],
            )
            % {"n": problems["without_actions"]}
        )
    parts.append(
        Part(
            "handlingsplan",
            _("Handlingsplan"),
            apv.no_problems_found or (problems["total"] > 0 and not problems["without_actions"]),
            ngettext("%(n)s handling på tavlen", "%(n)s handlinger på tavlen", actions["total"])
            % {"n": actions["total"]},
            missing,
        )
    )

    missing = []
    if actions["without_follow_up"]:
        missing.append(
            ngettext(
                "%(n)s handling har ingen opfølgningsdato.",
                "%(n)s handlinger har ingen opfølgningsdato.",
                actions["without_follow_up"],
            )
            % {"n": actions["without_follow_up"]}
        )
    if overdue:
        missing.append(
            ngettext(
                "%(n)s opfølgning er overskredet.",
                "%(n)s opfølgninger er overskredet.",
                len(overdue),
            )
            % {"n": len(overdue)}
        )
    parts.append(
        Part(
            "opfoelgning",
            _("Opfølgning"),
            apv.no_problems_found
            or (actions["total"] > 0 and not actions["without_follow_up"] and not overdue),
            ngettext(
                "%(evaluated)s af %(total)s handling evalueret",
                "%(evaluated)s af %(total)s handlinger evalueret",
                actions["total"],
            )
            % actions,
            missing,
        )
    )

    missing = []
    if not counts["absences"]:
        missing.append(_("Intet sygefravær registreret."))
    if not apv.absence_contributes:
        missing.append(_("Gruppens vurdering af, om arbejdsforholdene bidrager, mangler."))
    parts.append(
        Part(
            "sygefravaer",
            _("Sygefravær"),
            bool(counts["absences"]) and bool(apv.absence_contributes),
            ngettext(
                "%(n)s tal for enheder og perioder",
                "%(n)s tal for enheder og perioder",
                counts["absences"],
            )
            % {"n": counts["absences"]},
            missing,
        )
    )
    return Overview(apv=apv, parts=parts, overdue_follow_ups=overdue)


def followed_actions(apv: APV) -> list[Action]:
    """The actions that answer the APV's problems, with their evaluation log: two queries."""
    return list(
        Action.objects.filter(apv_problems__apv=apv)
        .distinct()
        .select_related("responsible__user", "theme")
        .prefetch_related(
            Prefetch("apv_evaluations", queryset=Evaluation.objects.order_by("-date", "-pk"))
        )
        .order_by("follow_up_on", "pk")
    )


def latest_apv(amg: AMG) -> APV | None:
    return APV.objects.filter(amg=amg).order_by("-start_date", "-pk").first()


def problem_marks(amg: AMG, action_ids: Iterable[int]) -> dict[int, list[Mark]]:
    """For the board: which APV problem each card answers. One query for the whole board (the
    AMG's links, few, rather than a parameter per card)."""
    wanted = set(action_ids)
    links = (
        Problem.actions.through.objects.filter(problem__amg=amg)
        .select_related("problem")
        .order_by("-problem__apv_id", "problem_id")
    )
    marks: dict[int, list[Mark]] = {}
    for link in links:
        if link.action_id not in wanted:
            continue
        problem = link.problem
        marks.setdefault(link.action_id, []).append(
            Mark(
                label=_("APV"),
                title=_("Svarer på: %(problem)s") % {"problem": problem.title},
                url=reverse("problem_detail", args=[amg.pk, problem.pk]),
            )
        )
    # A problem carried into a revision is linked twice; show each title once (the newest).
    for action_id, items in marks.items():
        seen: dict[str, Mark] = {}
        for mark in items:
            seen.setdefault(mark.title, mark)
        marks[action_id] = list(seen.values())
    return marks


def last_evaluations(action_ids: Iterable[int]) -> dict[int, datetime.date]:
    rows = (
        Evaluation.objects.filter(action_id__in=list(action_ids))
        .values("action_id")
        .annotate(last=Max("date"))
    )
    return {row["action_id"]: row["last"] for row in rows}


@dataclass
class FactorRow:
    item: catalogue.Item
    assessment: FactorAssessment | None


def factor_rows(apv: APV) -> list[FactorRow]:
    """The five psychosocial risk factors and how the APV assessed each (None: not yet): one
    query."""
    assessed = {a.factor: a for a in apv.factor_assessments.all()}
    return [FactorRow(item, assessed.get(item.code)) for item in catalogue.RISK_FACTORS]
