"""The pulse's drawings: the wall's histograms, read from 3 m, and a theme's trend over pulses.

Inline SVG drawn on the server (forkant/lib/svg.py): presentation attributes only, every text
escaped. Callers pass only figures the small-group rule let through (apv/pulse/queries.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from forkant.lib.svg import BRAND, GRID, INK, MUTED, svg


def wall_histogram(counts: Sequence[int], *, label: str) -> SafeString:
    """Ten bars, their counts above them and the points under them in type large enough for a
    room: the drawing scales to its box (wall.css), about 350 px wide on a 1080p screen."""
    width, left, top, plot, bottom = 300, 4, 24, 64, 26
    height = top + plot + bottom
    most = max(max(counts, default=0), 1)
    bar = (width - 2 * left) / len(counts)
    parts = [
        format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1.5"/>',
            left,
            top + plot,
            width - left,
            top + plot,
            GRID,
        )
    ]
    for i, count in enumerate(counts):
        h = plot * count / most
        x = left + i * bar + 2
        centre = f"{x + (bar - 4) / 2:.1f}"
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" rx="2" fill="{}">'
                "<title>{}</title></rect>"
                '<text x="{}" y="{}" font-size="20" font-weight="700" text-anchor="middle" '
                'fill="{}">{}</text>'
                '<text x="{}" y="{}" font-size="19" text-anchor="middle" fill="{}">{}</text>',
                f"{x:.1f}",
                f"{top + plot - h:.1f}",
                f"{bar - 4:.1f}",
                f"{h:.1f}",
                BRAND,
                ngettext("%(n)s person ved %(point)s", "%(n)s personer ved %(point)s", count)
                % {"n": count, "point": i + 1},
                centre,
                f"{top + plot - h - 5:.1f}",
                INK,
                count if count else "",
                centre,
                height - 6,
                MUTED,
                i + 1,
            )
        )
    return svg(
        parts,
        css_class="chart pulse-histogram",
        width=width,
        height=height,
        label=label,
        sized=False,
    )


def theme_trend(
    dates: Sequence[str], averages: Sequence[float | None], *, label: str
) -> SafeString:
    """One theme's average (1–10) in each pulse, oldest first; None is a gap (fewer than five
    answered, or not asked that time)."""
    width, height, left, right, top, bottom = 360, 150, 34, 20, 18, 30
    # The points stand in from the axis, so the first one's value never covers a tick's number.
    inset = 18
    first = left + inset
    step = (width - first - right - inset) / max(len(dates) - 1, 1)

    def y(value: float) -> float:
        return top + (height - top - bottom) * (10 - value) / 9

    parts = []
    for tick in (1, 5, 10):
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"/>'
                '<text x="{}" y="{}" font-size="11" text-anchor="end" fill="{}">{}</text>',
                left,
                f"{y(tick):.1f}",
                width - right,
                f"{y(tick):.1f}",
                GRID,
                left - 5,
                f"{y(tick) + 4:.1f}",
                MUTED,
                tick,
            )
        )
    for i, date in enumerate(dates):
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="11" text-anchor="middle" fill="{}">{}</text>',
                f"{first + i * step:.1f}",
                height - 10,
                MUTED,
                date,
            )
        )
    segments: list[list[tuple[float, float, float]]] = [[]]
    for i, value in enumerate(averages):
        if value is None:
            segments.append([])
        else:
            segments[-1].append((first + i * step, y(value), value))
    for segment in segments:
        if len(segment) > 1:
            points = " ".join(f"{x:.1f},{yy:.1f}" for x, yy, _v in segment)
            parts.append(
                format_html(
                    '<polyline points="{}" fill="none" stroke="{}" stroke-width="2.5"/>',
                    points,
                    BRAND,
                )
            )
        for x, yy, value in segment:
            parts.append(
                format_html(
                    '<circle cx="{}" cy="{}" r="4" fill="{}"><title>{}</title></circle>'
                    '<text x="{}" y="{}" font-size="11" text-anchor="middle" fill="{}">{}</text>',
                    f"{x:.1f}",
                    f"{yy:.1f}",
                    BRAND,
                    _("Gennemsnit %(value)s") % {"value": f"{value:.1f}".replace(".", ",")},
                    f"{x:.1f}",
                    f"{yy - 8:.1f}",
                    INK,
                    f"{value:.1f}".replace(".", ","),
                )
            )
    return svg(parts, css_class="chart chart-trend", width=width, height=height, label=label)
