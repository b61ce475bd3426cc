"""Charts as inline SVG, drawn on the server: the same picture in the browser and in the PDF.

Only presentation attributes (fill, stroke, font-size), no style attributes (strict CSP), and
every text is escaped through format_html.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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


def _text_width(text: str, size: float) -> float:
    """A generous estimate of a text's width in a sans-serif font (no font metrics here)."""
    return len(text) * size * 0.58


def _fit(text: str, width: float, size: float) -> str:
    """The text, cut with "…" where it would not fit `width` (the full text is its <title>)."""
    if _text_width(text, size) <= width:
        return text
    while text and _text_width(text + "…", size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _scale_ends(
    left: float, right: float, y: float, low: str, high: str, *, size: float = 10
) -> tuple[list[SafeString], float]:
    """The meaning of a scale's two ends under its axis: the low end's words at the left, the
    high end's at the right, on one line where they fit, else on two. Returns the drawing and
    the height it takes."""
    if not low and not high:
        return [], 0
    two_lines = _text_width(low, size) + _text_width(high, size) + 12 > right - left
    parts = [
        format_html(
            '<text x="{}" y="{}" font-size="{}" text-anchor="start" fill="{}">{}</text>',
            f"{left:.1f}",
            f"{y:.1f}",
            size,
            INK,
            low,
        ),
        format_html(
            '<text x="{}" y="{}" font-size="{}" text-anchor="end" fill="{}">{}</text>',
            f"{right:.1f}",
            f"{y + (size + 3 if two_lines else 0):.1f}",
            size,
            INK,
            high,
        ),
    ]
    return parts, (2 if two_lines else 1) * (size + 3)


def histogram(
    counts: Sequence[int], *, label: str, ends: catalogue.ScaleEnds | None = None
) -> SafeString:
    """Counts of people at each point 1–10 of the dialogisk APV's line; with `ends`, what the
    line's two ends mean under it ("1: alt for meget" … "10: passer godt")."""
    width, left, bottom, top = 320, 24, 22, 14
    plot_height = 94
    height = top + plot_height + bottom
    top_count = max(max(counts, default=0), 1)
    bar_w = (width - left - 6) / len(counts)
    bars = []
    for i, count in enumerate(counts):
        h = plot_height * count / top_count
        x = left + i * bar_w + 2
        y = top + plot_height - h
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
                ngettext("%(n)s person ved %(point)s", "%(n)s personer ved %(point)s", count)
                % {"n": count, "point": i + 1},
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
        b=top + plot_height,
        line=GRID,
    )
    parts = [axis, *bars]
    if ends is not None:
        drawn, extra = _scale_ends(
            left + 2,
            width - 6,
            height + 6,
            f"{ends.low}: {ends.low_means}",
            f"{ends.high}: {ends.high_means}",
        )
        parts += drawn
        height += extra + 2
    return svg(parts, css_class="chart chart-histogram", width=width, height=height, label=label)


def dialog_histograms(session: object) -> list[tuple[catalogue.Item, SafeString]] | None:
    """A dialogisk APV's five themes (and a pulse's own), each with its histogram and what its
    ends mean; None when fewer than MIN_GROUP took part: each bar counts people, so a small
    session would show where each of them stood (the small-group rule, forkant.lib.small_groups)."""
    if small_groups.is_small(session.participants):  # type: ignore[attr-defined]
        return None
    counts = session.counts  # type: ignore[attr-defined]
    return [
        (
            theme,
            histogram(
                counts.get(theme.code, [0] * 10),
                label=str(theme.text),
                ends=catalogue.DIALOG_SCALES.get(theme.code),
            ),
        )
        for theme in getattr(session, "themes", catalogue.DIALOG_THEMES)
    ]


def survey_bars(
    units: Sequence[tuple[str, float | None, str]],
    *,
    low: float,
    high: float,
    low_means: str,
    high_means: str,
    label: str,
) -> SafeString:
    """One question of a survey: a bar per unit on the survey's own scale (`low`–`high`), the
    value at its end, and under the axis what the two ends mean. A unit whose value is None is
    not shown; its `note` says why (e.g. too few answers)."""
    # Drawn near its real size (app.css), so a phone shrinks it only a little: 14-unit text.
    width, label_w, value_w, row_h, top = 360, 118, 46, 28, 6
    plot_left, plot_right = label_w, width - value_w
    span = (high - low) or 1

    def x_of(value: float) -> float:
        value = min(max(value, low), high)
        return plot_left + (plot_right - plot_left) * (value - low) / span

    parts: list[SafeString] = []
    rows_bottom = top + row_h * len(units)
    step = 1 if span <= 10 else span / 4
    tick = low
    while tick <= high + 1e-9:
        parts.append(
            format_html(
                '<line x1="{x}" y1="{t}" x2="{x}" y2="{b}" stroke="{c}" stroke-width="0.8"/>'
                '<text x="{x}" y="{ty}" font-size="12" text-anchor="middle" fill="{m}">{v}</text>',
                x=f"{x_of(tick):.1f}",
                t=top,
                b=rows_bottom,
                c=GRID,
                ty=rows_bottom + 14,
                m=MUTED,
                v=_number(tick),
            )
        )
        tick += step
    for i, (unit, value, note) in enumerate(units):
        y = top + row_h * i
        name = _fit(unit, label_w - 8, 14)
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="14" text-anchor="end" fill="{}">{}<title>{}'
                "</title></text>",
                label_w - 6,
                f"{y + row_h / 2 + 4:.1f}",
                INK,
                name,
                unit,
            )
        )
        if value is None:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" font-size="13" font-style="italic" fill="{}">{}</text>',
                    plot_left + 4,
                    f"{y + row_h / 2 + 4:.1f}",
                    MUTED,
                    note,
                )
            )
            continue
        end = x_of(value)
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {}</title>'
                '</rect><text x="{}" y="{}" font-size="14" font-weight="bold" fill="{}">{}</text>',
                plot_left,
                f"{y + 4:.1f}",
                f"{max(end - plot_left, 1.5):.1f}",
                row_h - 8,
                BRAND,
                unit,
                _number(value),
                f"{end + 4:.1f}",
                f"{y + row_h / 2 + 4:.1f}",
                INK,
                _number(value),
            )
        )
    height = rows_bottom + 18
    drawn, extra = _scale_ends(
        plot_left,
        plot_right,
        height + 10,
        f"{_number(low)}: {low_means}" if low_means else "",
        f"{_number(high)}: {high_means}" if high_means else "",
        size=12,
    )
    parts += drawn
    height += extra + 4
    return svg(parts, css_class="chart chart-survey", width=width, height=height, label=label)


def _number(value: float) -> str:
    """A Danish number: a decimal comma, and no decimals where there are none."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


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
                    ngettext(
                        "Sandsynlighed %(p)s × konsekvens %(c)s: %(n)s problem",
                        "Sandsynlighed %(p)s × konsekvens %(c)s: %(n)s problemer",
                        n,
                    )
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
