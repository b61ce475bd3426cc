"""The overview's pictures: each AMG's profile in the organisation's band, and every profile in
one comparison chart."""

from __future__ import annotations

from collections.abc import Callable

from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from composition.overview.data import SCALE, Spread, _number
from forkant.lib.svg import BLUE, BROWN, INK, MUTED, svg
from metoder.instruments.queries import GroupProfile

# Inline SVG, drawn on the server (presentation attributes only, strict CSP) ---------------------

GRID = "#d5dddc"  # lighter than the charts' usual grid: the band lies over it
BAND = "#dbe7e5"  # the organisation's lowest–highest band
LINE = BLUE  # one AMG's profile
MEDIAN = BROWN


def _profile_text(profile: GroupProfile) -> str:
    separator = formats.get_format("DECIMAL_SEPARATOR")
    return "; ".join(
        f"{label} {_number(mean, separator)}"
        for label, mean in zip(profile.labels, profile.means, strict=False)
    )


def _geometry(
    n: int, width: float, height: float, left: float, right: float, top: float, bottom: float
) -> tuple[Callable[[int], float], Callable[[float], float]]:
    step = (width - left - right) / max(n - 1, 1)
    low, high = SCALE

    def x(i: int) -> float:
        return left + i * step

    def y(v: float) -> float:
        return top + (height - top - bottom) * (high - v) / (high - low)

    return x, y


def _path(points: list[tuple[float, float] | None]) -> str:
    """An SVG path through the points, broken where a value is missing."""
    parts, pen_down = [], False
    for point in points:
        if point is None:
            pen_down = False
            continue
        parts.append(f"{'L' if pen_down else 'M'}{point[0]:.1f} {point[1]:.1f}")
        pen_down = True
    return " ".join(parts)


def _band(spread: Spread, x: Callable[[int], float], y: Callable[[float], float]) -> str:
    indexes = [i for i in range(len(spread.labels)) if spread.low[i] is not None]
    if not indexes:
        return ""
    upper = [f"{x(i):.1f},{y(spread.high[i]):.1f}" for i in indexes]  # type: ignore[arg-type]
    lower = [f"{x(i):.1f},{y(spread.low[i]):.1f}" for i in reversed(indexes)]  # type: ignore[arg-type]
    return " ".join(upper + lower)


def profile_chart(profile: GroupProfile, spread: Spread, *, name: str) -> SafeString:
    """A small picture for the AMG's row: its profile (line) in the organisation's band."""
    width, height = 150, 46
    x, y = _geometry(len(spread.labels), width, height, 5, 5, 5, 5)
    means = profile.means if profile.labels == spread.labels else []
    line = _path([(x(i), y(m)) if m is not None else None for i, m in enumerate(means)])
    median = _path([(x(i), y(m)) if m is not None else None for i, m in enumerate(spread.median)])
    label = _("%(name)s: %(values)s. Organisationens spredning vises som et felt.") % {
        "name": name,
        "values": _profile_text(profile),
    }
    dots = mark_safe(  # noqa: S308 (numbers only)
        "".join(
            f'<circle cx="{x(i):.1f}" cy="{y(m):.1f}" r="2.5" fill="{LINE}"/>'
            for i, m in enumerate(means)
            if m is not None
        )
    )
    drawing = format_html(
        '<polygon points="{band}" fill="{band_fill}"/>'
        '<path d="{median}" fill="none" stroke="{median_ink}" stroke-width="1" '
        'stroke-dasharray="3 2"/>'
        '<path d="{line}" fill="none" stroke="{ink}" stroke-width="2"/>{dots}',
        band=_band(spread, x, y),
        band_fill=BAND,
        median=median,
        median_ink=MEDIAN,
        line=line,
        ink=LINE,
        dots=dots,
    )
    return svg([drawing], css_class="profile-spark", width=width, height=height, label=label)


def comparison_chart(profiles: list[tuple[str, GroupProfile]], spread: Spread) -> SafeString:
    """Every AMG's profile in one picture, like the slides' 64 departments: one thin line per
    AMG over the factors, the organisation's band (lowest to highest) and its median."""
    labels = spread.labels
    width, height, left, right, top, bottom = 880, 340, 56, 64, 16, 58
    x, y = _geometry(len(labels), width, height, left, right, top, bottom)
    low, high = SCALE
    grid = mark_safe(  # noqa: S308 (numbers only)
        "".join(
            f'<line x1="{left}" y1="{y(v):.1f}" x2="{width - right}" y2="{y(v):.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{left - 8}" y="{y(v) + 5:.1f}" font-size="14" text-anchor="end" '
            f'fill="{MUTED}">{v}</text>'
            for v in range(low, high + 1)
        )
    )
    axes = format_html_join(
        "",
        '<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="{3}" stroke-width="1"/>'
        '<text x="{0}" y="{4}" font-size="14" text-anchor="middle" fill="{5}">{6}</text>'
        '<text x="{0}" y="{7}" font-size="14" text-anchor="middle" fill="{5}">{8}</text>',
        (
            (
                f"{x(i):.1f}",
                f"{y(high):.1f}",
                f"{y(low):.1f}",
                GRID,
                f"{height - bottom + 20:.1f}",
                INK,
                _two_lines(label)[0],
                f"{height - bottom + 38:.1f}",
                _two_lines(label)[1],
            )
            for i, label in enumerate(labels)
        ),
    )
    lines = format_html_join(
        "",
        '<path d="{}" fill="none" stroke="{}" stroke-width="1.5" stroke-opacity="0.55">'
        "<title>{}</title></path>",
        (
            (
                _path([(x(i), y(m)) if m is not None else None for i, m in enumerate(p.means)]),
                LINE,
                f"{name}: {_profile_text(p)}",
            )
            for name, p in profiles
            if p.labels == labels
        ),
    )
    median = _path([(x(i), y(m)) if m is not None else None for i, m in enumerate(spread.median)])
    label = ngettext(
        "Arbejdsmiljøkompetence i %(n)s gruppe: en linje pr. gruppe over de seks faktorer "
        "(1 lav – 5 høj), organisationens spredning som et felt og medianen som en stiplet "
        "linje. Tallene står i tabellen under figuren.",
        "Arbejdsmiljøkompetence i %(n)s grupper: en linje pr. gruppe over de seks faktorer "
        "(1 lav – 5 høj), organisationens spredning som et felt og medianen som en stiplet "
        "linje. Tallene står i tabellen under figuren.",
        spread.count,
    ) % {"n": spread.count}
    drawing = format_html(
        '{grid}<polygon points="{band}" fill="{band_fill}" fill-opacity="0.8"/>{axes}{lines}'
        '<path d="{median}" fill="none" stroke="{median_ink}" stroke-width="3" '
        'stroke-dasharray="8 5"/>',
        grid=grid,
        band=_band(spread, x, y),
        band_fill=BAND,
        axes=axes,
        lines=lines,
        median=median,
        median_ink=MEDIAN,
    )
    return svg(
        [drawing], css_class="chart profile-comparison", width=width, height=height, label=label
    )


def _two_lines(label: str) -> tuple[str, str]:
    """A factor's name over at most two lines under its axis."""
    words = label.split()
    if len(words) < 2:
        return label, ""
    cut = max(range(1, len(words)), key=lambda k: -abs(len(" ".join(words[:k])) - len(label) / 2))
    return " ".join(words[:cut]), " ".join(words[cut:])
