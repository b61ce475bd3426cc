"""When the AMG does not meet: Danish public holidays and the AMG's own closed periods.

The holidays come from the `holidays` package (kept up to date by its maintainers, Store
bededag's abolition in 2024 included), with its Danish names: the public holidays and the days
most workplaces close although the law does not say so (1. maj, Grundlovsdag, juleaftensdag,
nytårsaftensdag – the package's "optional" category). The closed periods are the AMG's own
(`ClosedPeriod`): school holidays differ by municipality, so the app only suggests the school
summer holiday and the AMG confirms or corrects it.

The generator never plans a meeting on a closed day: a meeting keeps its weekday and moves a
week at a time within its month (an AMG-møde within its quarter, if the month has no open day);
where there is none, the meeting is not planned. Items move to the next open weekday.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import holidays
from django.utils.translation import gettext_lazy as _

from forkant.models import AMG
from metoder.year.models import ClosedPeriod

HOLIDAY_CATEGORIES = ("public", "optional")
WEEK = datetime.timedelta(days=7)

# The school summer holiday, as the app suggests it: from the last Saturday of June to the
# Sunday before the Monday of ISO week 33 (the municipalities set the dates; most follow this).
SUMMER_SOURCE = _(
    "Skolernes sommerferie begynder som regel den sidste lørdag i juni og slutter søndagen før "
    "uge 33. Kommunen fastsætter ferieplanen – ret datoerne, så de passer til jeres."
)


@lru_cache(maxsize=64)
def _holidays_of(year: int) -> dict[datetime.date, str]:
    return dict(
        holidays.country_holidays(
            "DK", years=year, language="da", categories=HOLIDAY_CATEGORIES
        ).items()
    )


def danish_holidays(years: Iterable[int]) -> dict[datetime.date, str]:
    """The public holidays (and the days most workplaces close) of the years, by date."""
    days: dict[datetime.date, str] = {}
    for year in years:
        days.update(_holidays_of(year))
    return days


@dataclass
class ClosedDays:
    holidays: dict[datetime.date, str] = field(default_factory=dict)
    periods: list[ClosedPeriod] = field(default_factory=list)

    def reason(self, day: datetime.date) -> str:
        """Why nobody meets that day ("Kristi himmelfartsdag", "Sommerferie"), or ""."""
        if day in self.holidays:
            return self.holidays[day]
        for period in self.periods:
            if period.starts_on <= day <= period.ends_on:
                return period.name
        return ""

    def is_open(self, day: datetime.date) -> bool:
        return day.weekday() < 5 and not self.reason(day)


def closed_days(amg: AMG, years: Iterable[int]) -> ClosedDays:
    """The holidays of the years and the AMG's closed periods that touch them (one query)."""
    years = sorted(set(years))
    start, end = datetime.date(years[0], 1, 1), datetime.date(years[-1], 12, 31)
    periods = list(
        ClosedPeriod.objects.filter(amg=amg, starts_on__lte=end, ends_on__gte=start).order_by(
            "starts_on", "pk"
        )
    )
    return ClosedDays(danish_holidays(range(years[0] - 1, years[-1] + 2)), periods)


def month_of(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    first = day.replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return first, following - datetime.timedelta(days=1)


def quarter_of(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    first_month = (day.month - 1) // 3 * 3 + 1
    first = datetime.date(day.year, first_month, 1)
    return first, month_of(first.replace(month=first_month + 2))[1]


def open_meeting_day(
    nominal: datetime.date, closed: ClosedDays, *, within: tuple[datetime.date, datetime.date]
) -> datetime.date | None:
    """The meeting's day: `nominal` if open, else the same weekday one, two, … weeks later, then
    earlier, as long as it stays `within` the range; None when no such day is open."""
    start, end = within
    later = [nominal + n * WEEK for n in range(0, 60) if nominal + n * WEEK <= end]
    earlier = [nominal - n * WEEK for n in range(1, 60) if nominal - n * WEEK >= start]
    return next((day for day in later + earlier if closed.is_open(day)), None)


def meeting_day(
    nominal: datetime.date, closed: ClosedDays, *, quarterly: bool
) -> datetime.date | None:
    """A tavlemøde stays in its month; an AMG-møde may leave its month but not its quarter."""
    day = open_meeting_day(nominal, closed, within=month_of(nominal))
    if day is None and quarterly:
        day = open_meeting_day(nominal, closed, within=quarter_of(nominal))
    return day


def item_day(nominal: datetime.date, closed: ClosedDays) -> datetime.date:
    """The first open weekday from `nominal` on, in the same year (else `nominal` itself)."""
    day = nominal
    while day.year == nominal.year:
        if closed.is_open(day):
            return day
        day += datetime.timedelta(days=1)
    return nominal


def school_summer(year: int) -> tuple[datetime.date, datetime.date]:
    """The suggested school summer holiday of the year (see SUMMER_SOURCE)."""
    last_saturday = datetime.date(year, 6, 30)
    while last_saturday.weekday() != 5:
        last_saturday -= datetime.timedelta(days=1)
    week_33_monday = datetime.date.fromisocalendar(year, 33, 1)
    return last_saturday, week_33_monday - datetime.timedelta(days=1)
