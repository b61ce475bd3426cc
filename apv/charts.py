"""Charts as inline SVG, drawn on the server: the same picture in the browser and in the PDF.

Only presentation attributes (fill, stroke, font-size), no style attributes (strict CSP), and
every text is escaped through format_html.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from apv import catalogue
from forkant.lib import small_groups
from forkant.lib.svg import (
    BLUE,
    BRAND,
    GREEN,
    GRID,
    INK,
    MUTED,
    OCHRE,
    PURPLE,
    RED,
    SLATE,
    WHITE,
    svg,
)

PALETTE = [BRAND, BLUE, OCHRE, PURPLE, RED, GREEN, SLATE]


def dialog_histograms(session: object) -> list[tuple[object, SafeString]] | None:
    """A dialogisk APV's five histograms, or None when fewer than MIN_GROUP took part: each bar
    counts people, so a small session would show where each of them stood (the small-group rule,
    `forkant.lib.small_groups`)."""
    if small_groups.is_small(session.participants):  # type: ignore[attr-defined]
        return None
    counts = session.counts  # type: ignore[attr-defined]
    return [
        (theme, histogram(counts.get(theme.code, [0] * 10), label=str(theme.text)))
        for theme in catalogue.DIALOG_THEMES
    ]


def histogram(counts: Sequence[int], *, label: str) -> SafeString:
    """Counts of people at each point 1–10 of the dialogisk APV's line."""
    width, height, left, bottom, top = 320, 130, 24, 22, 14
    top_count = max(max(counts, default=0), 1)
    bar_w = (width - left - 6) / len(counts)
    bars = []
    for i, count in enumerate(counts):
        h = (height - bottom - top) * count / top_count
        x = left + i * bar_w + 2
        y = height - bottom - h
        bars.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}</title></rect>'
                '<text x="{}" y="{}" font-size="11" text-anchor="middle" fill="{}">{}</text>'
                '<text x="{}" y="{}" font-size="11" text-anchor="middle" fill="{}">{}</text>',
                f"{x:.1f}",
                f"{y:.1f}",
                f"{bar_w - 4:.1f}",
                f"{h:.1f}",
                BRAND,
                _("%(n)s personer ved %(point)s") % {"n": count, "point": i + 1},
                f"{x + (bar_w - 4) / 2:.1f}",
                height - 8,
                MUTED,
                i + 1,
                f"{x + (bar_w - 4) / 2:.1f}",
                f"{max(y - 2, 10):.1f}",
                INK,
                count if count else "",
            )
        )
    axis = format_html(
        '<line x1="{l}" y1="{b}" x2="{r}" y2="{b}" stroke="{line}" stroke-width="1"/>',
        l=left,
        r=width - 4,
        b=height - bottom,
        line=GRID,
    )
    return svg(
        [axis, *bars], css_class="chart chart-histogram", width=width, height=height, label=label
    )


MATRIX_FILL = {
    "low": "#dff3e4",
    "medium": "#fff1d6",
    "high": "#fbd5c0",
    "top": "#f4b4b0",
}


def _level(score: int) -> str:
    return "low" if score <= 4 else "medium" if score <= 9 else "high" if score <= 16 else "top"


def risk_matrix(cells: dict[tuple[int, int], int], *, label: str) -> SafeString:
    """5 × 5: probability (x) × consequence (y), each cell holding how many problems sit there."""
    size, left, bottom = 38, 34, 34
    width, height = left + 5 * size + 6, 5 * size + bottom + 6
    parts = []
    for p in range(1, 6):
        for c in range(1, 6):
            x = left + (p - 1) * size
            y = (5 - c) * size + 4
            n = cells.get((p, c), 0)
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="{}" '
                    'stroke-width="2"><title>{}</title></rect>',
                    x,
                    y,
                    size,
                    size,
                    MATRIX_FILL[_level(p * c)],
                    WHITE,
                    _("Sandsynlighed %(p)s × konsekvens %(c)s: %(n)s problem(er)")
                    % {"p": p, "c": c, "n": n},
                )
            )
            if n:
                parts.append(
                    format_html(
                        '<circle cx="{}" cy="{}" r="11" fill="{}"/><text x="{}" y="{}" '
                        'font-size="11" font-weight="bold" text-anchor="middle" fill="{}">{}'
                        "</text>",
                        x + size / 2,
                        y + size / 2,
                        INK,
                        x + size / 2,
                        y + size / 2 + 4,
                        WHITE,
                        n,
                    )
                )
    for i in range(1, 6):
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="10" text-anchor="middle" fill="{}">{}</text>'
                '<text x="{}" y="{}" font-size="10" text-anchor="end" fill="{}">{}</text>',
                left + (i - 0.5) * size,
                5 * size + 18,
                MUTED,
                i,
                left - 6,
                (5 - i) * size + 4 + size / 2 + 4,
                MUTED,
                i,
            )
        )
    parts.append(
        format_html(
            '<text x="{}" y="{}" font-size="10" text-anchor="middle" fill="{}">{}</text>'
            '<text x="10" y="{}" font-size="10" text-anchor="middle" fill="{}" '
            'transform="rotate(-90 10 {})">{}</text>',
            left + 2.5 * size,
            height - 4,
            INK,
            _("Sandsynlighed"),
            2.5 * size + 4,
            INK,
            2.5 * size + 4,
            _("Konsekvens"),
        )
    )
    return svg(parts, css_class="chart chart-matrix", width=width, height=height, label=label)


def trend(
    periods: Sequence[str], series: Sequence[tuple[str, Sequence[float | None]]], *, label: str
) -> SafeString:
    """One line per unit over the periods; None leaves a gap (e.g. a suppressed figure)."""
    width, height, left, right, top, bottom = 560, 200, 40, 30, 12, 56
    values = [v for _name, vals in series for v in vals if v is not None]
    top_value = max(values, default=1.0) or 1.0
    step = (width - left - right) / max(len(periods) - 1, 1)

    def xy(i: int, v: float) -> tuple[float, float]:
        return left + i * step, top + (height - top - bottom) * (1 - v / top_value)

    parts = [
        format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"/>',
            left,
            height - bottom,
            width - right,
            height - bottom,
            GRID,
        ),
        format_html(
            '<text x="{}" y="{}" font-size="9" text-anchor="end" fill="{}">{}</text>'
            '<text x="{}" y="{}" font-size="9" text-anchor="end" fill="{}">0</text>',
            left - 4,
            top + 4,
            MUTED,
            f"{top_value:.1f}".replace(".", ","),
            left - 4,
            height - bottom,
            MUTED,
        ),
    ]
    for i, period in enumerate(periods):
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="9" text-anchor="middle" fill="{}">{}</text>',
                f"{left + i * step:.1f}",
                height - bottom + 14,
                MUTED,
                period,
            )
        )
    for n, (name, vals) in enumerate(series):
        colour = PALETTE[n % len(PALETTE)]
        segments: list[list[tuple[float, float]]] = [[]]
        for i, v in enumerate(vals):
            if v is None:
                segments.append([])
            else:
                segments[-1].append(xy(i, v))
        for segment in segments:
            if len(segment) > 1:
                points = " ".join(f"{x:.1f},{y:.1f}" for x, y in segment)
                parts.append(
                    format_html(
                        '<polyline points="{}" fill="none" stroke="{}" stroke-width="2"/>',
                        points,
                        colour,
                    )
                )
            for x, y in segment:
                parts.append(
                    format_html(
                        '<circle cx="{}" cy="{}" r="3" fill="{}"/>', f"{x:.1f}", f"{y:.1f}", colour
                    )
                )
        legend_x = left + (n % 3) * 170
        legend_y = height - 22 + (n // 3) * 12
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="10" height="4" fill="{}"/>'
                '<text x="{}" y="{}" font-size="9" fill="{}">{}</text>',
                legend_x,
                legend_y - 4,
                colour,
                legend_x + 14,
                legend_y,
                INK,
                name,
            )
        )
    return svg(parts, css_class="chart chart-trend", width=width, height=height, label=label)
