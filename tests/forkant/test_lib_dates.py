"""today() is the date where the app lives (forkant/lib/dates.py)."""

from __future__ import annotations

import datetime

from django.test import override_settings
from django.utils import timezone

from forkant.lib.dates import today


@override_settings(TIME_ZONE="Europe/Copenhagen")
def test_today_is_the_date_in_copenhagen_not_in_utc(monkeypatch):
    late_on_new_years_eve_utc = datetime.datetime(2024, 12, 31, 23, 30, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: late_on_new_years_eve_utc)
    assert today() == datetime.date(2025, 1, 1)


@override_settings(TIME_ZONE="Europe/Copenhagen")
def test_today_is_the_same_day_in_the_afternoon(monkeypatch):
    afternoon_utc = datetime.datetime(2025, 6, 1, 14, 0, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: afternoon_utc)
    assert today() == datetime.date(2025, 6, 1)
