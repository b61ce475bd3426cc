"""The årshjul drawn as inline SVG on the server: the same picture on the page, on a phone and
in the PDF.

Four quarters, twelve months, the year starting at the top and running clockwise; tavlemøder are
small dots on the outer lane, every other entry is a numbered marker (the number is the entry's
number in the list beside the wheel, which is the text alternative); today is a line from the
centre. Presentation attributes only (strict CSP: no style attributes); every text is escaped.
"""

from __future__ import annotations

import calendar
import datetime
import math
from collections.abc import Sequence

from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from forkant.lib.svg import BLUE, BRAND, GRID, INK, PURPLE, WHITE, svg
from metoder.year.models import ItemKind
from metoder.year.queries import KIND_AMG, KIND_TAVLE, Entry

SIZE = 600
CENTRE = SIZE / 2
R_OUTER = 290
R_MONTHS = 248  # inner edge of the month ring
R_QUARTERS = 222  # inner edge of the quarter ring
R_TAVLE = 208
LANES = (180, 148, 116, 84)  # numbered markers, outside in
MARKER = 12
TODAY = "#c2410c"
MONTH_FILLS = ("#e1f0ed", "#f4f8f7")
QUARTER_FILLS = (BRAND, BLUE, PURPLE, "#8a5a12")
COLOURS = {
    KIND_AMG: BRAND,
    KIND_TAVLE: "#3d8f86",
    "evaluering": "#6b3f96",
    "gennemgang": "#2a62a0",
    "apv": "#8a5a12",
    "uddannelse": "#23703b",
    "eget": "#4f5961",
}


def colour(kind: str) -> str:
    return COLOURS.get(kind, COLOURS["eget"])


def _angle(day: datetime.date) -> float:
    """Radians clockwise from the top; a day sits in the middle of its own slice."""
    days = 366 if calendar.isleap(day.year) else 365
    return (day.timetuple().tm_yday - 0.5) / days * 2 * math.pi


def _point(angle: float, radius: float) -> tuple[float, float]:
    return CENTRE + radius * math.sin(angle), CENTRE - radius * math.cos(angle)


def _f(value: float) -> str:
    return f"{value:.1f}"


def _ring_segment(a0: float, a1: float, r_out: float, r_in: float, fill: str) -> SafeString:
    x0, y0 = _point(a0, r_out)
    x1, y1 = _point(a1, r_out)
    x2, y2 = _point(a1, r_in)
    x3, y3 = _point(a0, r_in)
    large = 1 if a1 - a0 > math.pi else 0
    path = (
        f"M{_f(x0)} {_f(y0)} A{r_out} {r_out} 0 {large} 1 {_f(x1)} {_f(y1)} "
        f"L{_f(x2)} {_f(y2)} A{r_in} {r_in} 0 {large} 0 {_f(x3)} {_f(y3)} Z"
    )
    return format_html('<path d="{}" fill="{}" stroke="{}" stroke-width="1.5"/>', path, fill, WHITE)


def _month_angles(year: int, month: int) -> tuple[float, float]:
    days = 366 if calendar.isleap(year) else 365
    start = datetime.date(year, month, 1).timetuple().tm_yday - 1
    length = calendar.monthrange(year, month)[1]
    return start / days * 2 * math.pi, (start + length) / days * 2 * math.pi


# Spreading the numbered markers: each is tried at its date on the outermost lane, then further
# in, then a little earlier or later along the lane, and takes the first spot where it overlaps
# no marker placed before it (the boxes around the drawn shapes, white strokes included, a gap
# apart). Stepping inwards costs as much as sliding LANE_COST units along the lane, so markers of
# one day stack first and then spread sideways.
GAP = 3
STEP = 3
LANE_COST = 12
MAX_SLIDE = 300
CANDIDATES = sorted(
    (
        (slide, lane)
        for slide in range(-MAX_SLIDE, MAX_SLIDE + 1, STEP)
        for lane in range(len(LANES))
    ),
    key=lambda c: (abs(c[0]) + c[1] * LANE_COST, c[1], c[0] < 0, abs(c[0])),
)
CELL = 40  # the grid the placed markers are looked up in (more than two markers wide)


def half_size(kind: str) -> float:
    """Half the width of a marker's box: the circle (AMG-møde) or the square, with its stroke."""
    return MARKER + 3 if kind == KIND_AMG else MARKER + 1


class _Taken:
    """The boxes placed so far, in a grid for quick lookups."""

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[tuple[float, float, float]]] = {}

    def free(self, x: float, y: float, half: float) -> bool:
        cx, cy = int(x // CELL), int(y // CELL)
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for ox, oy, oh in self.cells.get((cx + dx, cy + dy), ()):
                    reach = half + oh + GAP
                    if abs(x - ox) < reach and abs(y - oy) < reach:
                        return False
        return True

    def add(self, x: float, y: float, half: float) -> None:
        self.cells.setdefault((int(x // CELL), int(y // CELL)), []).append((x, y, half))


def _place(entries: Sequence[Entry]) -> list[tuple[Entry, float, float]]:
    """(entry, angle, radius) for each numbered entry: near its date, never on another marker.
    Only when the wheel is full (about ninety markers) does one sit on its date regardless."""
    taken = _Taken()
    placed = []
    for entry in entries:
        date_angle, half = _angle(entry.date), half_size(entry.kind)
        spot = (date_angle, LANES[-1])
        for slide, lane in CANDIDATES:
            radius = LANES[lane]
            angle = date_angle + slide / radius
            x, y = _point(angle, radius)
            if taken.free(x, y, half):
                spot = (angle, radius)
                break
        x, y = _point(*spot)
        taken.add(x, y, half)
        placed.append((entry, *spot))
    return placed


def wheel_svg(
    year: int,
    entries: Sequence[Entry],
    *,
    today: datetime.date | None,
    title: str,
    css_class: str = "wheel",
) -> SafeString:
    parts: list[SafeString] = []
    # The twelve months: alternating shades, the name upright in the middle of the ring.
    for month in range(1, 13):
        a0, a1 = _month_angles(year, month)
        parts.append(_ring_segment(a0, a1, R_OUTER, R_MONTHS, MONTH_FILLS[month % 2]))
        x, y = _point((a0 + a1) / 2, (R_OUTER + R_MONTHS) / 2)
        name = date_format(datetime.date(year, month, 1), "M").rstrip(".")
        parts.append(
            format_html(
                '<text class="wheel-month" x="{}" y="{}" font-size="16" text-anchor="middle" '
                'dominant-baseline="central" fill="{}">{}</text>',
                _f(x),
                _f(y),
                INK,
                name,
            )
        )
    # The four quarters: a coloured ring, and the name in the corner of the picture.
    corners = [
        (SIZE - 8, 22, "end"),
        (SIZE - 8, SIZE - 12, "end"),
        (8, SIZE - 12, "start"),
        (8, 22, "start"),
    ]
    for quarter in range(4):
        a0 = _month_angles(year, quarter * 3 + 1)[0]
        a1 = _month_angles(year, quarter * 3 + 3)[1]
        parts.append(_ring_segment(a0, a1, R_MONTHS, R_QUARTERS, QUARTER_FILLS[quarter]))
        x, y, anchor = corners[quarter]
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="17" font-weight="bold" text-anchor="{}" '
                'fill="{}">{}</text>',
                x,
                y,
                anchor,
                QUARTER_FILLS[quarter],
                _("%(n)s. kvartal") % {"n": quarter + 1},
            )
        )
        x0, y0 = _point(a0, 40)
        x1, y1 = _point(a0, R_QUARTERS)
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#9fb3b0" stroke-width="1.2"/>',
                _f(x0),
                _f(y0),
                _f(x1),
                _f(y1),
            )
        )
    parts.append(
        format_html(
            '<circle cx="{c}" cy="{c}" r="{r}" fill="none" stroke="{grid}" stroke-width="1"/>',
            c=CENTRE,
            r=R_TAVLE,
            grid=GRID,
        )
    )
    # Today.
    if today is not None and today.year == year:
        angle = _angle(today)
        x0, y0 = _point(angle, R_QUARTERS - 4)
        x1, y1 = _point(angle, R_OUTER + 7)
        parts.append(
            format_html(
                '<g class="wheel-today"><line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" '
                'stroke-width="4" stroke-linecap="round"/><circle cx="{}" cy="{}" r="6" '
                'fill="{}"/><title>{}</title></g>',
                _f(x0),
                _f(y0),
                _f(x1),
                _f(y1),
                TODAY,
                _f(x1),
                _f(y1),
                TODAY,
                _("I dag, %(date)s") % {"date": date_format(today, "j. F")},
            )
        )
    # Tavlemøder: small dots on their own lane.
    for entry in entries:
        if entry.kind != KIND_TAVLE:
            continue
        x, y = _point(_angle(entry.date), R_TAVLE)
        parts.append(
            format_html(
                '<circle cx="{}" cy="{}" r="5.5" fill="{}" stroke="{}" stroke-width="1.5">'
                "<title>{}</title></circle>",
                _f(x),
                _f(y),
                colour(KIND_TAVLE),
                WHITE,
                f"{date_format(entry.date, 'j. F')}: {entry.title}",
            )
        )
    # Numbered markers: AMG-møder as circles, other items as rounded squares.
    numbered = [e for e in entries if e.kind != KIND_TAVLE]
    for entry, angle, radius in _place(numbered):
        x, y = _point(angle, radius)
        if entry.kind == KIND_AMG:
            shape = format_html(
                '<circle cx="{}" cy="{}" r="{}" fill="{}" stroke="{}" stroke-width="2"/>',
                _f(x),
                _f(y),
                MARKER + 2,
                colour(entry.kind),
                WHITE,
            )
        else:
            shape = format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" rx="4" fill="{}" stroke="{}" '
                'stroke-width="2"/>',
                _f(x - MARKER),
                _f(y - MARKER),
                2 * MARKER,
                2 * MARKER,
                colour(entry.kind),
                WHITE,
            )
        parts.append(
            format_html(
                '<g class="wheel-marker">{}<text x="{}" y="{}" font-size="{}" font-weight="bold" '
                'text-anchor="middle" dominant-baseline="central" fill="{}">{}</text>'
                "<title>{}</title></g>",
                shape,
                _f(x),
                _f(y),
                12 if entry.number < 100 else 9,
                WHITE,
                entry.number,
                f"{entry.number}. {date_format(entry.date, 'j. F')}: {entry.title}",
            )
        )
    parts.append(
        format_html(
            '<text x="{c}" y="{c}" font-size="40" font-weight="bold" text-anchor="middle" '
            'dominant-baseline="central" fill="{ink}">{year}</text>',
            c=CENTRE,
            ink=INK,
            year=year,
        )
    )
    counts = {
        "amg": sum(1 for e in entries if e.kind == KIND_AMG),
        "tavle": sum(1 for e in entries if e.kind == KIND_TAVLE),
        "other": sum(1 for e in entries if e.kind not in (KIND_AMG, KIND_TAVLE)),
    }
    desc = _(
        "Året %(year)s som et hjul med fire kvartaler og tolv måneder, januar øverst og med uret: "
        "%(amg)s, %(tavle)s og %(other)s. Listen ved siden af hjulet har alle punkter med dato "
        "og nummer."
    ) % {
        "year": year,
        "amg": ngettext("%(n)s AMG-møde", "%(n)s AMG-møder", counts["amg"]) % {"n": counts["amg"]},
        "tavle": ngettext("%(n)s tavlemøde", "%(n)s tavlemøder", counts["tavle"])
        % {"n": counts["tavle"]},
        "other": ngettext("%(n)s andet punkt", "%(n)s andre punkter", counts["other"])
        % {"n": counts["other"]},
    }
    return svg(
        parts,
        css_class=css_class,
        width=SIZE,
        height=SIZE,
        sized=False,
        label=title,
        description=desc,
        label_id=f"wheel-title-{year}",
        description_id=f"wheel-desc-{year}",
    )


def legend() -> list[tuple[str, str, str]]:
    """(kind, label, colour) for the key under the wheel."""
    rows = [
        (KIND_AMG, _("AMG-møde"), colour(KIND_AMG)),
        (KIND_TAVLE, _("Tavlemøde"), colour(KIND_TAVLE)),
    ]
    rows += [(value, str(label), colour(value)) for value, label in ItemKind.choices]
    return rows


__all__ = ["legend", "wheel_svg"]
