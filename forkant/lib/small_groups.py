"""The small-group rule: figures about fewer than MIN_GROUP people are never shown.

It covers every aggregate about the staff that the app shows — sickness absence per unit, imported
survey results per unit, a dialogisk APV's histogram — on pages, in charts and in the PDF. Each
of them decides what to show through this module, so the rule is written once.

A small group must not be derivable either: when a whole (a period's total, a question's
result for the whole workplace) is shown beside all its parts but one, the hidden part is "the
whole minus the rest". So when parts are hidden, more parts are hidden (the smallest first)
until the hidden remainder spans at least two parts and at least MIN_GROUP people; if that is
impossible, the whole is hidden too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MIN_GROUP = 5


def is_small(size: int | None) -> bool:
    """Too few people to show on their own. An unknown number counts as too few: the rule can
    only be kept when it is known how many the figure is about."""
    return size is None or size < MIN_GROUP


@dataclass(frozen=True)
class Suppression:
    """What to hide of one whole and its parts (the parts in the order they were given)."""

    hidden: tuple[bool, ...]
    # Hidden although large enough, only so that a small part cannot be derived.
    complementary: tuple[bool, ...]
    whole_hidden: bool


def suppress(sizes: Sequence[int | None], *, whole: int | None = None) -> Suppression:
    """Decide which parts (of the given sizes) and whether their whole may be shown.

    `whole` is the size of the whole when it is known on its own (an imported total); without
    it the whole is the parts added up (a period's total of sickness absence)."""
    hidden = [is_small(size) for size in sizes]
    complementary = [False] * len(sizes)

    def hidden_people() -> int:
        return sum(size or 0 for size, h in zip(sizes, hidden, strict=True) if h)

    if any(hidden):
        visible = sorted((i for i, h in enumerate(hidden) if not h), key=lambda i: sizes[i] or 0)
        while (sum(hidden) < 2 or hidden_people() < MIN_GROUP) and visible:
            extra = visible.pop(0)
            hidden[extra] = complementary[extra] = True
    total = whole if whole is not None else sum(size or 0 for size in sizes)
    whole_hidden = is_small(total) or (
        any(hidden) and (sum(hidden) < 2 or hidden_people() < MIN_GROUP)
    )
    return Suppression(tuple(hidden), tuple(complementary), whole_hidden)
