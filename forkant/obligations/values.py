"""The engine's values: a state, a law, a rule (data), a finding (what a check says), and the
inspector's thirteen points with their findings. Plain frozen dataclasses: the readiness page,
the front page, the reminders, the organisation overview and the bundle's status page read them.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    """How one obligation stands. Ordered by `severity`: a finding that is overdue is worse than
    one that is missing, which is worse than one due soon."""

    OK = "ok", _("I orden")
    DUE_SOON = "due_soon", _("Snart")
    OVERDUE = "overdue", _("Overskredet")
    MISSING = "missing", _("Mangler")

    @property
    def severity(self) -> int:
        return _SEVERITY[self.value]

    @property
    def colour(self) -> str:
        """green, amber or red: the page's colour (always shown with the state's text too)."""
        return {0: "green", 1: "amber"}.get(self.severity, "red")

    @property
    def is_ok(self) -> bool:
        return self.value == "ok"

    @property
    def is_breach(self) -> bool:
        """Red: overdue or missing. An AMG with none is ready for an inspection."""
        return self.severity >= 2


_SEVERITY = {"ok": 0, "due_soon": 1, "missing": 2, "overdue": 3}


def worst(states: list[State] | tuple[State, ...]) -> State:
    """The worst of the states; OK for none."""
    return max(states, key=lambda s: s.severity, default=State.OK)


@dataclass(frozen=True)
class Law:
    key: str
    title: (
        str  # "Bekendtgørelse om systematisk arbejdsmiljøarbejde" (a proper name: not translated)
    )
    citation: str  # "BEK nr. 1838 af 14/12/2023"
    url: str
    checked_on: datetime.date
    note: str = ""  # where the citation was checked


@dataclass(frozen=True)
class Rule:
    key: str
    point: int  # 1–13: the point of the inspector's checklist the rule belongs to
    title: str
    law: Law
    paragraph: str  # "§ 2, stk. 2, nr. 1"; "" where the source gives none
    text: str  # what it requires, in plain Danish
    # Deadlines and thresholds, e.g. {"years": 3, "warn_days": 90}; not part of equality
    parameters: Mapping[str, Any] = field(default_factory=dict, compare=False)
    checked_on: datetime.date = datetime.date.min
    source_url: str = ""

    @property
    def reference(self) -> str:
        """ "BEK nr. 1838 af 14/12/2023, § 2, stk. 2, nr. 1" – the citation with its paragraph."""
        return f"{self.law.citation}, {self.paragraph}" if self.paragraph else self.law.citation


@dataclass(frozen=True)
class Finding:
    rule: Rule
    state: State
    reason: str  # plain Danish and specific: what, when, and what the deadline was
    url: str  # straight to the form that fixes it; "" if there is none
    subject: str = ""  # what it is about, e.g. "Ulykke 3. marts 2026" or an area's name
    due: datetime.date | None = None
    # A stable name for what the finding is about ("incident:12"), so a reminder about it is
    # sent once; the subject when empty.
    ref: str = ""

    @property
    def point(self) -> int:
        return self.rule.point

    @property
    def identity(self) -> str:
        return f"{self.rule.key}:{self.ref or self.subject}"


@dataclass(frozen=True)
class Point:
    number: int
    title: str


@dataclass(frozen=True)
class PointSummary:
    """One of the thirteen points: its worst state and its findings (worst first)."""

    number: int
    title: str
    state: State
    findings: list[Finding]
    rules: list[Rule]

    @property
    def attention(self) -> list[Finding]:
        return [f for f in self.findings if not f.state.is_ok]


@dataclass(frozen=True)
class Summary:
    """An AMG at a glance, for the front page and the organisation overview."""

    amg_id: int
    findings: list[Finding]  # every finding, worst first

    @property
    def state(self) -> State:
        return worst([f.state for f in self.findings])

    @property
    def ready(self) -> bool:
        """Ready for an inspection: nothing overdue or missing."""
        return not any(f.state.is_breach for f in self.findings)

    @property
    def attention(self) -> list[Finding]:
        """What needs attention now: every finding not in order, worst and nearest first."""
        return [f for f in self.findings if not f.state.is_ok]

    @property
    def breaches(self) -> int:
        return sum(1 for f in self.findings if f.state.is_breach)

    @property
    def due_soon(self) -> int:
        return sum(1 for f in self.findings if f.state == State.DUE_SOON)

    @property
    def points_in_order(self) -> int:
        by_point: dict[int, State] = {}
        for f in self.findings:
            by_point[f.point] = worst([by_point.get(f.point, State.OK), f.state])
        return sum(1 for state in by_point.values() if state.is_ok)
