"""“Dokumentation til Arbejdstilsynet”: one document, as a web page and as a PDF.

Both are pure functions of the AMG's primary key: the same data and template give the same
document, whoever asks and from wherever.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Count
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from apv import charts
from apv.absence import MIN_GROUP, PeriodTable, absence_table
from apv.models import APV, Area, Incident, Problem, RiskAssessment
from apv.queries import areas_of, followed_actions, matrix_cells, problems_of
from forkant.lib.pdf import html_to_pdf
from forkant.models import AMG, Membership, Role
from handleplan.models import Action, Meeting, Status, Theme
from handleplan.queries import actions_of, next_tavlemoede


@dataclass(frozen=True)
class ExtraSection:
    """A section a higher layer adds to the document (the årshjul, the annual evaluation, the
    training record, the group's profiles): `build(amg, now)` returns what `template` shows as
    `data`, or None to leave the section out. Registered from the app's `ready()`, so apv never
    imports the apps above it."""

    key: str
    order: int
    template: str
    build: Callable[[AMG, datetime.datetime], object | None]


@dataclass(frozen=True)
class RenderedSection:
    key: str
    template: str
    data: object


_SECTIONS: dict[str, ExtraSection] = {}


def register_section(
    key: str,
    *,
    order: int,
    template: str,
    build: Callable[[AMG, datetime.datetime], object | None],
) -> None:
    """Add a section after the APV's own; `order` sorts the added sections among themselves.
    Registering the same key again replaces it (ready() may run twice in tests)."""
    _SECTIONS[key] = ExtraSection(key, order, template, build)


def extra_sections(amg: AMG, now: datetime.datetime) -> list[RenderedSection]:
    rendered = []
    for section in sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key)):
        data = section.build(amg, now)
        if data is not None:
            rendered.append(RenderedSection(section.key, section.template, data))
    return rendered


@dataclass(frozen=True)
class ThemeSection:
    theme: Theme
    actions: list[Action]


@dataclass(frozen=True)
class APVSection:
    """The current APV as the inspector reads it; everything shown through the same rules as the
    pages (sickness absence through `absence_table`, so small units stay suppressed)."""

    apv: APV
    earlier: list[APV]
    members: list[Membership]
    areas: list[Area]
    dialogs: list[tuple[object, list[tuple[object, str]]]]
    surveys: list[object]
    gennemgange: list[object]
    input_count: int
    problems: list[Problem]
    permanent: list[Problem]
    matrix: str
    followed: list[Action]
    absence: list[PeriodTable]
    today: datetime.date
    min_group: int = MIN_GROUP


@dataclass(frozen=True)
class InspectionDocument:
    amg: AMG
    members: list[Membership]
    sections: list[ThemeSection]
    status_counts: list[tuple[Status, int]]
    next_meeting: Meeting | None
    exported_at: datetime.datetime
    apv: APVSection | None = None
    risk_assessments: list[RiskAssessment] | None = None
    incidents: list[Incident] | None = None
    extras: list[RenderedSection] = field(default_factory=list)

    @property
    def action_count(self) -> int:
        return sum(len(section.actions) for section in self.sections)


def inspection_document(amg_id: int, *, now: datetime.datetime | None = None) -> InspectionDocument:
    now = now or timezone.now()
    amg = AMG.objects.select_related("organisation").get(pk=amg_id)
    role_order = {role.value: i for i, role in enumerate(Role)}
    members = sorted(
        Membership.objects.filter(amg=amg).select_related("user"),
        key=lambda m: (role_order.get(m.role, 99), m.display_name),
    )
    themes = list(Theme.objects.filter(amg=amg).order_by("position", "pk"))
    column = {status.value: i for i, status in enumerate(Status)}
    actions = sorted(
        actions_of(amg),
        key=lambda a: (column[a.status], a.position, a.pk),
    )
    by_theme = {
        theme_id: list(group)
        for theme_id, group in groupby(
            sorted(actions, key=lambda a: a.theme_id), lambda a: a.theme_id
        )
    }
    # sorted() is stable, so each theme's actions stay in board order (column, then position).
    sections = [ThemeSection(theme, by_theme.get(theme.pk, [])) for theme in themes]
    counts = [(status, sum(1 for a in actions if a.status == status)) for status in Status]
    return InspectionDocument(
        amg=amg,
        members=members,
        sections=sections,
        status_counts=counts,
        next_meeting=next_tavlemoede(amg, now=now),
        exported_at=now,
        apv=apv_section(amg, today=timezone.localdate(now)),
        risk_assessments=list(RiskAssessment.objects.filter(amg=amg).order_by("-date", "-pk")),
        incidents=list(Incident.objects.filter(amg=amg).order_by("-date", "-pk")),
        extras=extra_sections(amg, now),
    )


def apv_section(amg: AMG, *, today: datetime.date) -> APVSection | None:
    """The latest APV with its parts, in a fixed number of queries."""
    apvs = list(APV.objects.filter(amg=amg).order_by("-start_date", "-pk"))
    if not apvs:
        return None
    apv, earlier = apvs[0], apvs[1:]
    dialogs = [
        (session, charts.dialog_histograms(session.counts)) for session in apv.dialog_sessions.all()
    ]
    problems = problems_of(apv)
    area_list = list(areas_of(amg))
    for area in area_list:
        area.state = area.assessment_state(today)
    return APVSection(
        apv=apv,
        earlier=earlier,
        members=list(apv.members.select_related("user")),
        areas=area_list,
        dialogs=dialogs,
        surveys=list(apv.surveys.annotate(result_count=Count("results"))),
        gennemgange=list(apv.gennemgange.all()),
        input_count=apv.inputs.count(),
        problems=[p for p in problems if not p.permanent],
        permanent=[p for p in problems if p.permanent],
        matrix=charts.risk_matrix(matrix_cells(problems), label=_("Risikomatrix")),
        followed=followed_actions(apv),
        absence=absence_table(apv.absences.select_related("area")),
        today=today,
    )


def render_inspection_html(amg_id: int, *, now: datetime.datetime | None = None) -> str:
    """The document as a standalone HTML page with the print stylesheet: what the PDF shows."""
    return render_to_string(
        "apv/inspection_print.html", {"doc": inspection_document(amg_id, now=now)}
    )


def render_inspection_pdf(amg_id: int, *, now: datetime.datetime | None = None) -> bytes:
    return html_to_pdf(render_inspection_html(amg_id, now=now))


def inspection_filename(amg: AMG, now: datetime.datetime) -> str:
    return f"dokumentation-{slugify(amg.name)}-{timezone.localtime(now):%Y-%m-%d}.pdf"
