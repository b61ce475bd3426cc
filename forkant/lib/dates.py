"""Today's date where the app lives (settings.TIME_ZONE), not the server's or UTC's."""

from __future__ import annotations

import calendar
import datetime

from django.utils import timezone


def today() -> datetime.date:
    """The local date now: what a deadline, a form's default date or the 3-year rule count from."""
    return timezone.localdate()


def add_months(day: datetime.date, months: int) -> datetime.date:
    """`day` plus whole months (minus, for negative); the 31st becomes the month's last day
    where needed."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_years(day: datetime.date, years: int) -> datetime.date:
    """`day` plus whole years; 29 February becomes 28 February in a year without it."""
    return add_months(day, 12 * years)
