"""What the pulse's pages and the wall read, through the small-group rule: no histogram, count or
average of a theme (or of a unit) about fewer than MIN_GROUP answers is ever returned."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Sum

from apv import catalogue
from apv.pulse.models import OWN_PREFIX, ProposalStatus, Pulse, PulseTally
from apv.pulse.services import counts_of
from forkant.lib import small_groups
from forkant.models import AMG


def pulse_by_code(code: str) -> Pulse | None:
    if not code or len(code) > 16:
        return None
    return Pulse.objects.select_related("amg").filter(code=code).first()


def open_pulse(amg_id: int, now: datetime.datetime) -> Pulse | None:
    return (
        Pulse.objects.filter(
            amg_id=amg_id, closed_at__isnull=True, opens_at__lte=now, closes_at__gt=now
        )
        .order_by("opens_at", "pk")
        .first()
    )


@dataclass(frozen=True)
class ThemeResult:
    theme: catalogue.Item
    counts: list[int]
    ends: catalogue.ScaleEnds | None

    @property
    def average(self) -> float:
        total = sum(self.counts)
        return sum(p * c for p, c in enumerate(self.counts, start=1)) / total if total else 0.0


@dataclass(frozen=True)
class UnitResult:
    unit: str
    shown: bool  # False: fewer than five, or hidden so that a small unit cannot be derived
    themes: list[ThemeResult]


@dataclass(frozen=True)
class Results:
    pulse: Pulse
    shown: bool  # at least MIN_GROUP answers in all
    themes: list[ThemeResult]  # empty unless shown
    units: list[UnitResult]  # the units the pulse covers, each through the rule


def _themes(pulse: Pulse, counts: dict[str, list[int]]) -> list[ThemeResult]:
    return [
        ThemeResult(theme, counts[theme.code], catalogue.DIALOG_SCALES.get(theme.code))
        for theme in pulse.themes
    ]


def results(pulse: Pulse) -> Results:
    """The pulse's figures, each shown only about MIN_GROUP answers or more."""
    sizes = dict(PulseTally.objects.filter(pulse=pulse).values_list("unit", "answers"))
    total = sum(sizes.values())
    if small_groups.is_small(total):
        return Results(pulse, False, [], [])
    units: list[UnitResult] = []
    if pulse.units:
        # The parts are the units and "not given"; the whole (all answers) is shown, so a
        # hidden part must not be the whole minus the rest. A part nobody answered in tells
        # nothing about anyone and takes no part in the rule.
        keys = [key for key in pulse.unit_keys if sizes.get(key, 0) > 0]
        rule = small_groups.suppress([sizes[key] for key in keys], whole=total)
        visible = {key for key, hidden in zip(keys, rule.hidden, strict=True) if not hidden}
        for key in pulse.units:
            shown = key in visible
            units.append(
                UnitResult(key, shown, _themes(pulse, counts_of(pulse, key)) if shown else [])
            )
    return Results(pulse, True, _themes(pulse, counts_of(pulse)), units)


@dataclass(frozen=True)
class Trend:
    theme: catalogue.Item
    # One per pulse of `trend()`'s list, in its order: the average, or None (fewer than five
    # answered, or the theme was not asked).
    averages: list[float | None]


def _key(theme: catalogue.Item) -> str:
    return f"egen:{theme.text}" if theme.code.startswith(OWN_PREFIX) else theme.code


def trend(amg: AMG, *, now: datetime.datetime, limit: int = 12) -> tuple[list[Pulse], list[Trend]]:
    """The AMG's closed pulses, oldest first, and each theme's average in each of them: Metode
    1's five themes, then own themes (the same text in several pulses is one theme)."""
    pulses = list(
        Pulse.objects.filter(amg=amg)
        .exclude(closed_at__isnull=True, closes_at__gt=now)
        .annotate(total=Sum("tallies__answers"))
        .order_by("-opens_at", "-pk")[:limit]
    )[::-1]
    themes: dict[str, catalogue.Item] = {t.code: t for t in catalogue.DIALOG_THEMES}
    averages: dict[str, list[float | None]] = {key: [] for key in themes}
    for pulse in pulses:
        shown = not small_groups.is_small(pulse.total)
        counts = counts_of(pulse) if shown else {}
        asked = {_key(theme): theme for theme in pulse.themes}
        for key, theme in asked.items():
            if key not in themes:
                themes[key] = theme
                averages[key] = [None] * (len(averages["samlet"]))
        for key in themes:
            theme = asked.get(key)
            if theme is None or theme.code not in counts:
                averages[key].append(None)
            else:
                averages[key].append(ThemeResult(theme, counts[theme.code], None).average)
    return pulses, [Trend(themes[key], averages[key]) for key in themes]


def previous_averages(pulse: Pulse) -> dict[str, float]:
    """Each theme's average in the AMG's closest earlier pulse with at least five answers (own
    themes matched by their text): what this pulse is read against."""
    earlier = (
        Pulse.objects.filter(amg_id=pulse.amg_id, opens_at__lt=pulse.opens_at)
        .annotate(total=Sum("tallies__answers"))
        .filter(total__gte=small_groups.MIN_GROUP)
        .order_by("-opens_at", "-pk")
        .first()
    )
    if earlier is None:
        return {}
    counts = counts_of(earlier)
    by_key = {_key(theme): theme.code for theme in earlier.themes}
    result = {}
    for theme in pulse.themes:
        code = by_key.get(_key(theme))
        if code is not None and sum(counts[code]):
            result[theme.code] = ThemeResult(theme, counts[code], None).average
    return result


def pulses_of(amg: AMG) -> list[Pulse]:
    """The AMG's pulses, newest first, each with `total` answers and `waiting` proposals."""
    return list(
        Pulse.objects.filter(amg=amg)
        .select_related("record")
        .annotate(total=Sum("tallies__answers"))
        .order_by("-opens_at", "-pk")
    )


def waiting_proposals(pulse: Pulse) -> int:
    return pulse.proposals.filter(status=ProposalStatus.NEW).count()
