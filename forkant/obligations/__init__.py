"""The engine of obligations: what the rules require of an AMG, computed.

Each rule an AMG is held to (data: `data.py`, validated by `catalogue.py`) has a check,
registered by the app that owns the data it reads (`register_check` from its AppConfig.ready()).
A check returns findings: a state (in order, due soon, overdue, missing), the reason in plain
Danish, and a link to the form that fixes it. The readiness page, the front page, the reminders,
the organisation overview and the inspection bundle's status page all read the same findings:

    findings(amg, today=…)   every finding, worst first, then the nearest deadline
    points(amg, today=…)     the inspector's thirteen points, each with its worst state
    summaries(ids, today=…)  many AMGs at once, in a fixed number of queries
    laws(), rules()          the legal basis

See docs/ARCHITECTURE.md, "The engine of obligations".
"""

from __future__ import annotations

from forkant.obligations.catalogue import laws, parameter, rule, rules
from forkant.obligations.catalogue import points as point_titles
from forkant.obligations.engine import (
    findings,
    group,
    load,
    points,
    register_check,
    registered,
    summaries,
)
from forkant.obligations.values import (
    Finding,
    Law,
    Point,
    PointSummary,
    Rule,
    State,
    Summary,
    worst,
)

__all__ = [
    "Finding",
    "Law",
    "Point",
    "PointSummary",
    "Rule",
    "State",
    "Summary",
    "findings",
    "group",
    "laws",
    "load",
    "parameter",
    "point_titles",
    "points",
    "register_check",
    "registered",
    "rule",
    "rules",
    "summaries",
    "worst",
]
