"""What the inspection bundle holds, read in a fixed number of queries: a pure function of the
AMG's primary key and the moment of the export (the same data give the same document).

`SECTIONS` is the order an inspector reads it in; the table of contents, the web page and the
PDF all follow it.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apv.documentation import (
    APVSection,
    RiskInFull,
    ThemePlan,
    action_plan,
    apv_section,
    incidents_of,
    parked_actions,
    risk_assessments_in_full,
    violence_guidelines,
)
from apv.models import Incident, ViolenceGuideline
from forkant import obligations
from forkant.models import AMG, Membership, Role
from forkant.obligations import Finding, Law, PointSummary, Rule
from handleplan.models import Action, Meeting
from handleplan.queries import next_tavlemoede
from handleplan.referat import Block, referat_blocks
from metoder.evaluation.inspection import InspectionData
from metoder.evaluation.inspection import inspection_section as evaluation_section
from metoder.training.inspection import training_section
from metoder.training.queries import TrainingRow
from metoder.year.inspection import inspection_section as year_section


@dataclass(frozen=True)
class Section:
    key: str  # the anchor (#key) the contents link to
    title: str
    template: str
    appendix: str = ""  # "A", "B", … for the appendices


SECTIONS = [
    Section("amo", _("Arbejdsmiljøorganisationen"), "composition/inspection/s_amo.html"),
    Section("apv", _("APV: planlægning og gennemførelse"), "composition/inspection/s_apv.html"),
    Section("kortlaegning", _("Kortlægning"), "composition/inspection/s_kortlaegning.html"),
    Section(
        "problemer",
        _("Problemer, risikovurdering og psykosociale risikofaktorer"),
        "composition/inspection/s_problems.html",
    ),
    Section("handlingsplan", _("Handlingsplan"), "composition/inspection/s_plan.html"),
    Section("permanente", _("Permanente risici"), "composition/inspection/s_permanent.html"),
    Section(
        "opfoelgning", _("Opfølgning på handlingsplanen"), "composition/inspection/s_follow.html"
    ),
    Section("sygefravaer", _("Sygefravær"), "composition/inspection/s_absence.html"),
    Section(
        "haendelser",
        _("Arbejdsulykker, nærved-hændelser, vold og trusler"),
        "composition/inspection/s_incidents.html",
    ),
    Section("moeder", _("Arbejdsmiljøgruppens møder"), "composition/inspection/s_meetings.html"),
    Section(
        "droeftelse", _("Årlig arbejdsmiljødrøftelse"), "composition/inspection/s_evaluation.html"
    ),
    Section("uddannelse", _("Arbejdsmiljøuddannelse"), "composition/inspection/s_training.html"),
    Section("aarshjul", _("Årshjul"), "composition/inspection/s_year.html"),
    Section(
        "risikovurderinger",
        _("Risikovurderinger"),
        "composition/inspection/a_risks.html",
        appendix="A",
    ),
    Section(
        "retningslinjer",
        _("Retningslinjer om vold og trusler"),
        "composition/inspection/a_guidelines.html",
        appendix="B",
    ),
    Section(
        "referater",
        _("Referater fra årets møder"),
        "composition/inspection/a_referater.html",
        appendix="C",
    ),
    Section(
        "parkerede",
        _("Idéer på parkeringspladsen"),
        "composition/inspection/a_parked.html",
        appendix="D",
    ),
    Section(
        "lovgrundlag",
        _("Lovgrundlag"),
        "composition/inspection/a_legal.html",
        appendix="E",
    ),
]
# The appendices' letters by key, for the sections that point to them ("see appendix C").
APPENDIX = {s.key: s.appendix for s in SECTIONS if s.appendix}

# The engine's rule for reporting accidents in EASY: its findings are the incidents' status.
EASY_RULE = "easy-report"


@dataclass(frozen=True)
class HeldMeeting:
    meeting: Meeting
    attendees: list[str]
    blocks: list[Block]


@dataclass(frozen=True)
class IncidentRow:
    """An incident with what the engine of obligations found about its EASY report (None for an
    incident without absence, or one reported in time)."""

    incident: Incident
    easy: Finding | None


@dataclass(frozen=True)
class Bundle:
    amg: AMG
    exported_at: datetime.datetime
    document_id: str
    members: list[Membership]
    next_meeting: Meeting | None
    apv: APVSection | None
    plan: list[ThemePlan]
    incidents: list[IncidentRow]
    meetings: list[HeldMeeting]
    evaluation: InspectionData | None
    training: list[TrainingRow] | None
    year: dict[str, object] | None
    risks: list[RiskInFull]
    guidelines: list[ViolenceGuideline]
    parked: list[Action]
    # The checks as they stood at the export (forkant.obligations): the status page.
    findings: list[Finding]
    points: list[PointSummary]
    laws: list[Law]
    rules: list[Rule]
    sections: list[Section] = field(default_factory=lambda: list(SECTIONS))
    appendix: dict[str, str] = field(default_factory=lambda: dict(APPENDIX))

    @property
    def findings_data(self) -> list[dict[str, object]]:
        """The status page's findings as data, kept with the export."""
        return [finding_data(f) for f in self.findings]

    @property
    def status_rows(self) -> list[tuple[PointSummary, str]]:
        """The thirteen points with their rules' references, each named once."""
        return [(p, "; ".join(dict.fromkeys(r.reference for r in p.rules))) for p in self.points]

    @property
    def breaches(self) -> int:
        return sum(1 for p in self.points if p.state.is_breach)

    @property
    def rules_by_point(self) -> list[tuple[PointSummary, list[tuple[Rule, str]]]]:
        """Each point's rules with what they require, as the legal appendix prints them."""
        return [
            (p, [(r, for_inspector(str(r.text))) for r in self.rules if r.point == p.number])
            for p in self.points
        ]

    @property
    def today(self) -> datetime.date:
        return timezone.localdate(self.exported_at)

    @property
    def plan_count(self) -> int:
        return sum(len(theme.rows) for theme in self.plan)

    @property
    def plan_gaps(self) -> int:
        return sum(1 for theme in self.plan for row in theme.rows if row.missing)

    @property
    def referater(self) -> list[HeldMeeting]:
        return [m for m in self.meetings if m.blocks]

    @property
    def numbered(self) -> list[tuple[str, Section]]:
        """Each section with its number ("1", …) or its appendix letter ("Bilag A")."""
        out, n = [], 0
        for section in self.sections:
            if section.appendix:
                out.append((str(_("Bilag %(letter)s")) % {"letter": section.appendix}, section))
            else:
                n += 1
                out.append((str(n), section))
        return out


APP_SENTENCE = re.compile(r"\b[Aa]ppen\b")


def for_inspector(text: str) -> str:
    """A rule's text without what the app itself does about it (when it warns, what it counts
    on): that is for the members; the inspector reads what the rule requires."""
    # Sentences end at a full stop before a capital letter ("hver 12. måned" is one sentence);
    # a semicolon separates clauses that stand on their own.
    parts = re.split(r"(?<=\.)\s+(?=[A-ZÆØÅ])|(?<=;)\s+", text.strip())
    kept = [part for part in parts if not APP_SENTENCE.search(part)]
    joined = " ".join(kept).strip()
    if joined.endswith(";"):
        joined = joined[:-1] + "."
    return joined


def finding_data(finding: Finding) -> dict[str, object]:
    """One finding as JSON: what the status page said, and under which rule."""
    return {
        "point": finding.point,
        "rule": finding.rule.key,
        "reference": finding.rule.reference,
        "state": finding.state.value,
        "reason": str(finding.reason),
        "subject": str(finding.subject),
        "due": finding.due.isoformat() if finding.due else None,
    }


def _members(amg: AMG) -> list[Membership]:
    role_order = {role.value: i for i, role in enumerate(Role)}
    return sorted(
        Membership.objects.filter(amg=amg).select_related("user"),
        key=lambda m: (m.read_only, role_order.get(m.role, 99), m.display_name),
    )


def held_meetings(amg: AMG, *, now: datetime.datetime) -> list[HeldMeeting]:
    """The meetings held in the 12 months before the export, oldest first, with who attended
    and their referat: two queries."""
    since = now - datetime.timedelta(days=365)
    meetings = (
        Meeting.objects.filter(amg=amg, started_at__isnull=False, started_at__gte=since)
        .filter(started_at__lte=now)
        .prefetch_related(
            Prefetch(
                "attendees",
                queryset=Membership.all_objects.select_related("user").order_by(
                    "user__first_name", "pk"
                ),
            )
        )
        .order_by("started_at", "pk")
    )
    held = []
    for meeting in meetings:
        names = [m.display_name for m in meeting.attendees.all()]
        held.append(
            HeldMeeting(
                meeting=meeting,
                attendees=names,
                blocks=referat_blocks(meeting.referat) if meeting.referat.strip() else [],
            )
        )
    return held


def incident_rows(amg: AMG, found: list[Finding]) -> list[IncidentRow]:
    easy = {f.ref: f for f in found if f.rule.key == EASY_RULE and f.ref.startswith("incident:")}
    return [IncidentRow(i, easy.get(f"incident:{i.pk}")) for i in incidents_of(amg)]


def build(amg_id: int, *, now: datetime.datetime | None = None, document_id: str = "") -> Bundle:
    now = now or timezone.now()
    amg = AMG.objects.select_related("organisation").get(pk=amg_id)
    today = timezone.localdate(now)
    found = obligations.findings(amg, today=today)
    return Bundle(
        amg=amg,
        exported_at=now,
        document_id=document_id,
        members=_members(amg),
        next_meeting=next_tavlemoede(amg, now=now),
        apv=apv_section(amg, today=today),
        plan=action_plan(amg, today=today),
        incidents=incident_rows(amg, found),
        meetings=held_meetings(amg, now=now),
        evaluation=evaluation_section(amg, now),
        training=training_section(amg, now),
        year=year_section(amg, now),
        risks=risk_assessments_in_full(amg),
        guidelines=violence_guidelines(amg),
        parked=parked_actions(amg),
        findings=found,
        points=obligations.group(found),
        laws=obligations.laws(),
        rules=obligations.rules(),
    )
