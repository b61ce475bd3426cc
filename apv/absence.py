"""Sickness absence shown without ever revealing a small group.

A unit with fewer than MIN_GROUP employees is never shown on its own, nor derivable from the
period's total: the small-group rule of `forkant.lib.small_groups`, which the survey results and
the dialogisk APV follow too. Every page, chart and PDF reads absence through `absence_table`,
so the rule holds everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from apv.models import Absence
from forkant.lib import small_groups
from forkant.lib.small_groups import MIN_GROUP  # noqa: F401 (for the pages)


@dataclass
class Figure:
    unit: str
    employees: int
    short_days: Decimal
    long_days: Decimal
    suppressed: bool = False
    complementary: bool = False  # hidden only so that a small unit cannot be derived

    @property
    def days_per_employee(self) -> Decimal:
        return ((self.short_days + self.long_days) / self.employees).quantize(Decimal("0.1"))


@dataclass
class PeriodTable:
    period: str
    figures: list[Figure] = field(default_factory=list)
    total: Figure | None = None  # None when the total itself is suppressed

    @property
    def any_suppressed(self) -> bool:
        return any(f.suppressed for f in self.figures)


def suppress(figures: list[Figure]) -> Figure | None:
    """Mark figures as suppressed in place (the small-group rule, `forkant.lib.small_groups`);
    return the total, or None if it must be hidden."""
    rule = small_groups.suppress([f.employees for f in figures])
    for figure, hidden, complementary in zip(figures, rule.hidden, rule.complementary, strict=True):
        figure.suppressed, figure.complementary = hidden, complementary
    if rule.whole_hidden:
        return None
    return Figure(
        unit="",
        employees=sum(f.employees for f in figures),
        short_days=sum((f.short_days for f in figures), Decimal(0)),
        long_days=sum((f.long_days for f in figures), Decimal(0)),
    )


def absence_table(records: Iterable[Absence]) -> list[PeriodTable]:
    by_period: dict[str, list[Figure]] = {}
    for record in records:
        by_period.setdefault(record.period, []).append(
            Figure(record.area.name, record.employees, record.short_days, record.long_days)
        )
    tables = []
    for period in sorted(by_period):
        figures = sorted(by_period[period], key=lambda f: f.unit)
        total = suppress(figures)
        # Small units go last, so not even their place in the alphabet hints at which they are.
        figures.sort(key=lambda f: (f.suppressed and not f.complementary, f.unit))
        tables.append(PeriodTable(period=period, figures=figures, total=total))
    return tables


def trend_series(
    tables: list[PeriodTable],
) -> tuple[list[str], list[tuple[str, list[float | None]]]]:
    """Days per employee per unit over the periods, with suppressed figures left out (None).

    A unit that is suppressed in every period does not appear at all (not even its name).
    """
    periods = [t.period for t in tables]
    units = sorted({f.unit for t in tables for f in t.figures if not f.suppressed})
    series = []
    for unit in units:
        values: list[float | None] = []
        for table in tables:
            figure = next((f for f in table.figures if f.unit == unit), None)
            shown = figure is not None and not figure.suppressed
            values.append(float(figure.days_per_employee) if shown else None)  # type: ignore[union-attr]
        series.append((unit, values))
    return periods, series
