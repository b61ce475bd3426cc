"""The instruments' charts as inline SVG, drawn on the server: the same picture in the browser
and in the PDF. Presentation attributes only (strict CSP: no style attributes), every text
escaped through format_html.

- `radar`: one axis per item, one line per member (solid, its own colour and mark at every
  point), the group's average (thick, dark, shaded) and an earlier round's average (the only
  dashed line); `legend_key` draws each line's key exactly so.
- `profile`: one row per item, a dot per member and the average as a bar (for instruments with
  few items or many, where a radar reads badly).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from forkant.lib.svg import BLUE, BROWN, GREEN, GRID, INK, MUTED, OCHRE, PURPLE, RED, SLATE, svg

AVERAGE = INK
PREVIOUS = BROWN
PREVIOUS_DASH = "5 4"  # the only dashed line: the previous round's average
# Each member's line: solid, in its own colour, with its own mark at every point, so lines stay
# apart in grey print too; the legend draws the same line and mark (`legend_key`).
PALETTE = [BLUE, OCHRE, GREEN, PURPLE, RED, "#0b7a8a", "#8a5a44", SLATE]
MARKS = ["circle", "square", "triangle", "diamond", "triangle-down", "ring", "plus", "box"]


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | None]
    kind: str = "member"  # member | average | previous
    index: int = 0  # the member's colour and mark


@dataclass(frozen=True)
class Style:
    stroke: str
    width: str
    dash: str  # "" for a solid line
    mark: str  # "" for no mark at the points


def _n(value: float) -> str:
    return f"{value:.1f}"


def colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def mark_of(index: int) -> str:
    return MARKS[index % len(MARKS)]


def style(series: Series) -> Style:
    if series.kind == "average":
        return Style(AVERAGE, "3.5", "", "")
    if series.kind == "previous":
        return Style(PREVIOUS, "2", PREVIOUS_DASH, "")
    return Style(colour(series.index), "1.8", "", mark_of(series.index))


def mark(shape: str, x: float, y: float, fill: str, *, size: float = 4.2) -> SafeString:
    """A member's mark at (x, y): filled shapes, or outlined ones ("ring", "box", "plus")."""
    s = size
    if shape == "circle":
        return format_html('<circle cx="{}" cy="{}" r="{}" fill="{}"/>', _n(x), _n(y), _n(s), fill)
    if shape == "ring":
        return format_html(
            '<circle cx="{}" cy="{}" r="{}" fill="#ffffff" stroke="{}" stroke-width="1.8"/>',
            _n(x), _n(y), _n(s - 0.6), fill,
        )  # fmt: skip
    if shape in ("square", "box"):
        outline = shape == "box"
        return format_html(
            '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="{}" stroke-width="{}"/>',
            _n(x - s * 0.85), _n(y - s * 0.85), _n(s * 1.7), _n(s * 1.7),
            "#ffffff" if outline else fill, fill, "1.8" if outline else "0",
        )  # fmt: skip
    if shape == "plus":
        return format_html(
            '<path d="M{} {}H{}M{} {}V{}" stroke="{}" stroke-width="2.4" fill="none"/>',
            _n(x - s), _n(y), _n(x + s), _n(x), _n(y - s), _n(y + s), fill,
        )  # fmt: skip
    points = {
        "triangle": [(0, -1.15), (1.05, 0.75), (-1.05, 0.75)],
        "triangle-down": [(0, 1.15), (1.05, -0.75), (-1.05, -0.75)],
        "diamond": [(0, -1.2), (1.1, 0), (0, 1.2), (-1.1, 0)],
    }[shape]
    return format_html(
        '<polygon points="{}" fill="{}"/>',
        " ".join(f"{_n(x + dx * s)},{_n(y + dy * s)}" for dx, dy in points),
        fill,
    )


def legend_key(series: Series) -> SafeString:
    """The series' line and mark as the chart draws them, for the legend (decorative: the
    legend's text names it)."""
    look = style(series)
    parts = [
        format_html(
            '<line x1="2" y1="8" x2="34" y2="8" stroke="{}" stroke-width="{}"'
            ' stroke-dasharray="{}" stroke-linecap="butt"/>',
            look.stroke,
            look.width,
            look.dash or "none",
        )
    ]
    if look.mark:
        parts.append(mark(look.mark, 18, 8, look.stroke))
    return format_html(
        '<svg class="legend-key" width="36" height="16" viewBox="0 0 36 16" aria-hidden="true"'
        ' focusable="false">{}</svg>',
        format_html_join("", "{}", ((p,) for p in parts)),
    )


def member_swatch(index: int) -> SafeString:
    """A member's mark alone, beside their name in lists and table heads."""
    return format_html(
        '<svg class="legend-mark" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true"'
        ' focusable="false">{}</svg>',
        mark(mark_of(index), 7, 7, colour(index), size=5),
    )


def _wrap(label: str, width: int = 16, lines_max: int = 3) -> list[str]:
    words, lines, line = label.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    if len(lines) > lines_max:
        lines = lines[:lines_max]
        lines[-1] = lines[-1][: width - 1].rstrip() + "…"
    return lines


def radar(
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    minimum: int,
    maximum: int,
    title: str,
) -> SafeString:
    """A radar chart with one axis per label (at least three)."""
    n = len(labels)
    if n < 3:
        return profile(labels, series, minimum=minimum, maximum=maximum, title=title)
    # long labels (the group's own focus points) need wider margins
    size = 440 if max(len(label) for label in labels) <= 24 else 520
    cx, cy, r = size / 2, 212, 132
    span = maximum - minimum or 1

    def point(i: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * i / n
        dist = r * (value - minimum) / span
        return cx + dist * math.cos(angle), cy + dist * math.sin(angle)

    parts: list[SafeString] = []
    ticks = list(range(minimum, maximum + 1)) if span <= 5 else list(range(minimum, maximum + 1, 2))
    for tick in ticks:
        ring = " ".join(f"{x},{y:.1f}" for x, y in (point(i, tick) for i in range(n)))
        parts.append(
            format_html(
                '<polygon points="{}" fill="none" stroke="{}" stroke-width="{}"/>',
                ring,
                GRID,
                "1.2" if tick == maximum else "0.8",
            )
        )
        if tick != minimum:
            x, y = point(0, tick)
            parts.append(
                format_html(
                    '<text x="{}" y="{}" font-size="10" fill="{}" text-anchor="start">{}</text>',
                    f"{x + 4:.1f}",
                    f"{y + 3:.1f}",
                    MUTED,
                    tick,
                )
            )
    for i, label in enumerate(labels):
        x, y = point(i, maximum)
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="0.8"/>',
                cx,
                cy,
                _n(x),
                _n(y),
                GRID,
            )
        )
        angle = -math.pi / 2 + 2 * math.pi * i / n
        lx, ly = cx + (r + 14) * math.cos(angle), cy + (r + 14) * math.sin(angle)
        anchor = (
            "middle" if abs(math.cos(angle)) < 0.3 else ("start" if math.cos(angle) > 0 else "end")
        )
        lines = _wrap(label)
        if math.sin(angle) < -0.3:
            ly -= 14 * (len(lines) - 1)
        elif abs(math.sin(angle)) <= 0.3:
            ly -= 7 * (len(lines) - 1)
        else:
            ly += 8
        tspans = format_html_join(
            "",
            '<tspan x="{}" dy="{}">{}</tspan>',
            ((f"{lx:.1f}", 0 if j == 0 else 14, line) for j, line in enumerate(lines)),
        )
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="13" fill="{}" text-anchor="{}">{}</text>',
                _n(lx),
                _n(ly + 4),
                INK,
                anchor,
                tspans,
            )
        )
    ordered = (
        [s for s in series if s.kind == "previous"]
        + [s for s in series if s.kind == "member"]
        + [s for s in series if s.kind == "average"]
    )
    for s in ordered:
        look = style(s)
        stroke, width, dasharray = look.stroke, look.width, look.dash
        points = [point(i, v) for i, v in enumerate(s.values) if v is not None]
        if not points:
            continue
        coords = " ".join(f"{x},{y:.1f}" for x, y in points)
        complete = len(points) == n
        parts.append(
            format_html(
                '<{} points="{}" fill="{}" fill-opacity="{}" stroke="{}" stroke-width="{}"'
                ' stroke-dasharray="{}" stroke-linejoin="round"><title>{}</title></{}>',
                "polygon" if complete else "polyline",
                coords,
                stroke if s.kind == "average" else "none",
                "0.08" if s.kind == "average" else "0",
                stroke,
                width,
                dasharray or "none",
                s.name,
                "polygon" if complete else "polyline",
            )
        )
        if look.mark:
            parts.extend(mark(look.mark, x, y, stroke) for x, y in points)
    return svg(
        parts,
        css_class="chart chart-radar",
        width=size,
        height=2 * r + 128,
        top=cy - r - 62,
        label=title,
        font_family="sans-serif",
    )


def profile(
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    minimum: int,
    maximum: int,
    title: str,
    tick_labels: Sequence[str] = (),
) -> SafeString:
    """One row per item: a scale line, a dot per member, the group's average as a bar."""
    label_w, plot_w, row_h, top = 170, 280, 30, 24
    width = label_w + plot_w + 24
    height = top + row_h * len(labels) + 8
    span = maximum - minimum or 1

    def x_of(value: float) -> float:
        return label_w + plot_w * (value - minimum) / span

    parts: list[SafeString] = []
    step = 1 if span <= 10 else 2
    for tick in range(minimum, maximum + 1, step):
        parts.append(
            format_html(
                '<line x1="{x}" y1="{t}" x2="{x}" y2="{b}" stroke="{c}" '
                'stroke-width="0.8"/><text x="{x}" y="{ty}" font-size="10" fill="{m}" '
                'text-anchor="middle">{v}</text>',
                x=_n(x_of(tick)),
                t=top - 4,
                b=height - 6,
                c=GRID,
                ty=top - 9,
                m=MUTED,
                v=tick_labels[tick - minimum] if len(tick_labels) > tick - minimum else tick,
            )
        )
    members = [s for s in series if s.kind == "member"]
    for i, label in enumerate(labels):
        y = top + row_h * i + row_h / 2
        lines = _wrap(label, 26)[:2]
        parts.append(
            format_html(
                '<text x="0" y="{}" font-size="11.5" fill="{}">{}</text>',
                _n(y + (4 if len(lines) == 1 else -2)),
                INK,
                format_html_join(
                    "",
                    '<tspan x="0" dy="{}">{}</tspan>',
                    ((0 if j == 0 else 12, line) for j, line in enumerate(lines)),
                ),
            )
        )
        for s in series:
            if s.kind == "member" or i >= len(s.values) or s.values[i] is None:
                continue
            stroke = style(s).stroke
            value = s.values[i]
            if s.kind == "average":
                parts.append(
                    format_html(
                        '<rect x="{}" y="{}" width="{}" height="10" fill="{}" '
                        'fill-opacity="0.18" stroke="{}" stroke-width="1">'
                        "<title>{}: {}</title></rect>",
                        label_w,
                        _n(y - 5),
                        _n(max(x_of(value) - label_w, 1)),
                        AVERAGE,
                        AVERAGE,
                        s.name,
                        f"{value:.1f}",
                    )
                )
            else:
                parts.append(
                    format_html(
                        '<line x1="{x}" y1="{a}" x2="{x}" y2="{b}" stroke="{c}" '
                        'stroke-width="2" stroke-dasharray="{d}"><title>{n}</title></line>',
                        x=_n(x_of(value)),
                        a=_n(y - 10),
                        b=_n(y + 10),
                        c=stroke,
                        d=PREVIOUS_DASH,
                        n=s.name,
                    )
                )
        # members' dots, nudged apart vertically when they share a value
        seen: dict[float, int] = {}
        for s in members:
            if i >= len(s.values) or s.values[i] is None:
                continue
            value = s.values[i]
            k = seen.get(value, 0)
            seen[value] = k + 1
            nudge = (0, -6, 6, -12, 12, -3, 3, -9)[k % 8]
            parts.append(
                format_html(
                    "<g>{}<title>{}: {}</title></g>",
                    mark(mark_of(s.index), x_of(value), y + nudge, colour(s.index), size=5),
                    s.name,
                    value,
                )
            )
    return svg(
        parts,
        css_class="chart chart-profile",
        width=width,
        height=height,
        label=title,
        font_family="sans-serif",
    )


def chart(
    kind: str,
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    minimum: int,
    maximum: int,
    title: str = "",
    tick_labels: Sequence[str] = (),
) -> SafeString:
    title = title or _("Gruppens profil")
    if kind == "radar":
        return radar(labels, series, minimum=minimum, maximum=maximum, title=title)
    return profile(
        labels, series, minimum=minimum, maximum=maximum, title=title, tick_labels=tick_labels
    )
