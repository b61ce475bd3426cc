"""The wheel's numbered markers never overlap: they are spread around their dates (checked on
the drawn SVG itself), stay close to their dates when there is room, and keep clear of the year
in the middle."""

from __future__ import annotations

import datetime
import random
import re

import pytest

from metoder.year import wheel
from metoder.year.queries import KIND_AMG, Entry

YEAR = 2026
GAP = 2  # at least this much white between two markers' boxes
RECT = re.compile(
    r'<g class="wheel-marker"><rect x="([\d.]+)" y="([\d.]+)" width="(\d+)" height="(\d+)"'
)
CIRCLE = re.compile(r'<g class="wheel-marker"><circle cx="([\d.]+)" cy="([\d.]+)" r="(\d+)"')


def entries(days: list[datetime.date], kinds: list[str] | None = None) -> list[Entry]:
    kinds = kinds or ["apv"] * len(days)
    result = [
        Entry(kind=kind, kind_label="", title=f"Punkt {n}", date=day, number=n + 1)
        for n, (day, kind) in enumerate(zip(days, kinds, strict=True))
    ]
    return sorted(result, key=lambda e: e.date)


def boxes(svg: str) -> list[tuple[float, float, float, float]]:
    """(left, top, right, bottom) of every marker as drawn, its stroke included."""
    found = []
    for x, y, w, h in RECT.findall(svg):
        x, y, w, h = float(x), float(y), float(w), float(h)
        found.append((x - 1, y - 1, x + w + 1, y + h + 1))
    for cx, cy, r in CIRCLE.findall(svg):
        cx, cy, r = float(cx), float(cy), float(r) + 1
        found.append((cx - r, cy - r, cx + r, cy + r))
    return found


def overlapping(found: list[tuple[float, float, float, float]]) -> list[tuple[int, int]]:
    pairs = []
    for i, a in enumerate(found):
        for j in range(i + 1, len(found)):
            b = found[j]
            apart = (
                a[2] + GAP <= b[0] or b[2] + GAP <= a[0] or a[3] + GAP <= b[1] or b[3] + GAP <= a[1]
            )
            if not apart:
                pairs.append((i, j))
    return pairs


def draw(items: list[Entry]) -> str:
    return str(wheel.wheel_svg(YEAR, items, today=None, title="Årshjul"))


def test_thirteen_markers_on_one_day_do_not_overlap():
    day = datetime.date(YEAR, 11, 17)
    svg = draw(entries([day] * 13, [KIND_AMG, *["apv"] * 12]))
    found = boxes(svg)
    assert len(found) == 13
    assert overlapping(found) == []


@pytest.mark.parametrize("seed", range(6))
def test_forty_markers_on_random_days_do_not_overlap(seed):
    rng = random.Random(seed)  # noqa: S311 (repeatable test data, not secrets)
    start = datetime.date(YEAR, 1, 1)
    days = [start + datetime.timedelta(days=rng.randrange(365)) for _ in range(40)]
    kinds = [rng.choice([KIND_AMG, "apv", "eget", "gennemgang"]) for _ in days]
    found = boxes(draw(entries(days, kinds)))
    assert len(found) == 40
    assert overlapping(found) == []


def test_markers_of_a_busy_month_stay_near_their_dates():
    days = [datetime.date(YEAR, 11, d) for d in (17, 17, 17, 17, 24, 24, 8)]
    placed = wheel._place(entries(days))
    for entry, angle, radius in placed:
        slid = abs(angle - wheel._angle(entry.date)) * radius
        assert slid < 60, (entry.date, slid)  # within a couple of markers' width


def test_a_lone_marker_sits_on_its_date_on_the_outer_lane():
    ((entry, angle, radius),) = wheel._place(entries([datetime.date(YEAR, 5, 19)]))
    assert angle == wheel._angle(entry.date)
    assert radius == wheel.LANES[0]


def test_markers_keep_clear_of_the_year_in_the_middle():
    day = datetime.date(YEAR, 3, 1)
    found = boxes(draw(entries([day + datetime.timedelta(days=n) for n in range(0, 300, 5)])))
    centre = (wheel.CENTRE - 60, wheel.CENTRE - 26, wheel.CENTRE + 60, wheel.CENTRE + 26)
    assert overlapping([centre, *found]) == []


def test_the_check_finds_overlapping_markers():
    assert overlapping([(0, 0, 26, 26), (20, 20, 46, 46)]) == [(0, 1)]
    assert overlapping([(0, 0, 26, 26), (30, 0, 56, 26)]) == []
