"""Running the checks: the registry, one AMG's findings and points, many AMGs' summaries.

A check belongs to the app that owns the data it reads and is registered from that app's
`AppConfig.ready()` with `register_check(rule_key, check)`; `check(amg, today)` yields the
rule's findings for one AMG. To answer for many AMGs in a fixed number of queries (the front
page, the organisation overview, the reminders), a check reads through `load(loader, amg,
today)`: `loader(amg_ids, today)` reads the data of every AMG being checked at once and returns
it by AMG id, and is called once per loader and run, however many AMGs. Outside a run (a check
called on its own) the run is that one AMG.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeVar

from forkant.models import AMG
from forkant.obligations import catalogue
from forkant.obligations.values import Finding, PointSummary, State, Summary, worst

T = TypeVar("T")
Check = Callable[[AMG, datetime.date], Iterable[Finding]]
Loader = Callable[[Sequence[int], datetime.date], Mapping[int, Any]]

_checks: dict[str, Check] = {}


def register_check(rule_key: str, check: Check) -> None:
    """Register the check of one rule (from an AppConfig.ready()). Registering a rule's check
    again replaces it; a rule key the data does not know is reported by `forkant.E003`."""
    _checks[rule_key] = check


def registered() -> dict[str, Check]:
    return dict(_checks)


# Runs over many AMGs ---------------------------------------------------------------------------


@dataclass
class _Run:
    amg_ids: tuple[int, ...]
    today: datetime.date
    loaded: dict[Loader, Mapping[int, Any]] = field(default_factory=dict)


_run: ContextVar[_Run | None] = ContextVar("obligations_run", default=None)


@contextmanager
def _running(amg_ids: Sequence[int], today: datetime.date):  # type: ignore[no-untyped-def]
    token = _run.set(_Run(tuple(amg_ids), today))
    try:
        yield
    finally:
        _run.reset(token)


def load(loader: Loader, amg: AMG, today: datetime.date) -> Any:
    """The loader's data for this AMG, read for every AMG of the run at once (None if the loader
    returned nothing for it)."""
    run = _run.get()
    if run is None or amg.pk not in run.amg_ids or run.today != today:
        return loader([amg.pk], today).get(amg.pk)
    if loader not in run.loaded:
        run.loaded[loader] = loader(list(run.amg_ids), today)
    return run.loaded[loader].get(amg.pk)


# Answers ---------------------------------------------------------------------------------------


def _order(today: datetime.date) -> Callable[[Finding], tuple]:  # type: ignore[type-arg]
    """Worst first; then the nearest deadline (passed or coming), findings without one last;
    then by point and rule, and what they are about."""

    def key(finding: Finding) -> tuple:  # type: ignore[type-arg]
        due = finding.due
        distance = abs((due - today).days) if due else 0
        return (
            -finding.state.severity,
            due is None,
            distance,
            finding.point,
            finding.rule.key,
            finding.subject,
        )

    return key


def _check_all(amg: AMG, today: datetime.date) -> list[Finding]:
    known = {r.key for r in catalogue.rules()}
    found: list[Finding] = []
    for rule_key, check in _checks.items():
        if rule_key in known:
            found.extend(check(amg, today))
    found.sort(key=_order(today))
    return found


def findings(amg: AMG, *, today: datetime.date) -> list[Finding]:
    """Every registered check's findings for the AMG, worst first, then nearest deadline."""
    with _running([amg.pk], today):
        return _check_all(amg, today)


def group(found: Sequence[Finding]) -> list[PointSummary]:
    """The findings as the thirteen points, each with its worst state (findings keep their
    order)."""
    by_point: dict[int, list[Finding]] = {}
    for finding in found:
        by_point.setdefault(finding.point, []).append(finding)
    all_rules = catalogue.rules()
    summaries = []
    for point in catalogue.points():
        mine = by_point.get(point.number, [])
        summaries.append(
            PointSummary(
                number=point.number,
                title=point.title,
                state=worst([f.state for f in mine]) if mine else State.MISSING,
                findings=mine,
                rules=[r for r in all_rules if r.point == point.number],
            )
        )
    return summaries


def points(amg: AMG, *, today: datetime.date) -> list[PointSummary]:
    """The thirteen points, each with its worst state and its findings."""
    return group(findings(amg, today=today))


def summaries(amg_ids: Iterable[int], *, today: datetime.date) -> dict[int, Summary]:
    """Every AMG's findings at a glance, by AMG id: one query for the AMGs plus one per loader,
    however many AMGs (ids that are no AMG are left out)."""
    ids = list(dict.fromkeys(amg_ids))
    if not ids:
        return {}
    amgs = list(AMG.objects.filter(pk__in=ids).select_related("organisation"))
    with _running([a.pk for a in amgs], today):
        return {amg.pk: Summary(amg.pk, _check_all(amg, today)) for amg in amgs}
