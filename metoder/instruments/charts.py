"""The instruments' charts as inline SVG, drawn on the server: the same picture in the browser
and in the PDF. Presentation attributes only (strict CSP: no style attributes), every text
escaped through format_html.

- `radar`: one axis per item, one line per member and the group's average (thick, dark); an
  earlier round's average dashed.
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
# Distinct on screen and on paper, each with its own dash so lines stay apart in grey print.
PALETTE = [BLUE, OCHRE, GREEN, PURPLE, RED, "#0b7a8a", "#8a5a44", SLATE]
DASHES = ["", "6 3", "2 3", "8 3 2 3", "4 4", "1 2", "10 4", "3 3 1 3"]


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | None]
    kind: str = "member"  # member | average | previous
    index: int = 0  # the member's colour


def _n(value: float) -> str:
    return f"{value:.1f}"


def colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def dash(index: int) -> str:
    return DASHES[index % len(DASHES)]


def _style(series: Series) -> tuple[str, str, str]:
    """stroke colour, width, dasharray"""
    if series.kind == "average":
        return AVERAGE, "3.5", ""
    if series.kind == "previous":
        return PREVIOUS, "2", "5 4"
    return colour(series.index), "1.8", dash(series.index)


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
        stroke, width, dasharray = _style(s)
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
        if s.kind != "previous":
            parts.append(
                format_html_join(
                    "",
                    '<circle cx="{}" cy="{}" r="{}" fill="{}"/>',
                    (
                        (_n(x), _n(y), "3.5" if s.kind == "average" else "2.5", stroke)
                        for x, y in points
                    ),
                )
            )
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
            stroke, _w, _d = _style(s)
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
                        'stroke-width="2" stroke-dasharray="3 2"><title>{n}</title></line>',
                        x=_n(x_of(value)),
                        a=_n(y - 10),
                        b=_n(y + 10),
                        c=stroke,
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
            stroke, _w, _d = _style(s)
            nudge = (0, -6, 6, -12, 12, -3, 3, -9)[k % 8]
            parts.append(
                format_html(
                    '<circle cx="{}" cy="{}" r="5" fill="{}" stroke="#fff" '
                    'stroke-width="1"><title>{}: {}</title></circle>',
                    _n(x_of(value)),
                    _n(y + nudge),
                    stroke,
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
