"""Sorting the overview by a column (?sorter= and ?retning=), on the server."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from composition.overview.data import Row


@dataclass(frozen=True)
class Column:
    key: str  # the value of ?sorter=
    label: object
    value: Callable[[Row], object]
    descending_first: bool  # counts: most first; dates and names: earliest first


NO_APV = datetime.date.min


def _name_key(name: str) -> str:
    """Danish alphabetical order: æ, ø and å after z."""
    return name.casefold().translate({ord("æ"): "{0", ord("ø"): "{1", ord("å"): "{2"})


COLUMNS = [
    Column("gruppe", gettext_lazy("Gruppe"), lambda r: _name_key(r.amg.name), False),
    Column(
        "tilsyn",
        gettext_lazy("Klar til tilsyn"),
        lambda r: r.readiness.sort_key if r.readiness else None,
        True,
    ),
    # No APV at all is the most serious gap: it sorts before the oldest APV.
    Column("apv", gettext_lazy("APV"), lambda r: r.apv.start_date if r.apv else NO_APV, False),
    Column("frist", gettext_lazy("Næste 3-års frist"), lambda r: r.areas.sort_date, False),
    Column("handlinger", gettext_lazy("Handlinger over frist"), lambda r: r.overdue_actions, True),
    Column(
        "opfoelgninger",
        gettext_lazy("Opfølgninger over frist"),
        lambda r: r.overdue_follow_ups,
        True,
    ),
    Column("stille", gettext_lazy("Står stille"), lambda r: r.stalled, True),
    Column("sidste-moede", gettext_lazy("Sidste møde"), lambda r: r.last_meeting, False),
    Column("naeste-moede", gettext_lazy("Næste møde"), lambda r: r.next_meeting, False),
    Column("ideer", gettext_lazy("Idéer venter"), lambda r: r.ideas_waiting, True),
    Column("uddannelse", gettext_lazy("Uddannelse forfalder"), lambda r: r.training_due, True),
    Column("profil", gettext_lazy("Kompetenceprofil"), lambda r: r.level, False),
]
COLUMN_KEYS = {column.key: column for column in COLUMNS}
ASCENDING, DESCENDING = "stigende", "faldende"


class BadSort(ValueError):
    pass


def parse_sort(key: str | None, direction: str | None) -> tuple[Column, bool]:
    """The column and whether descending, from ?sorter= and ?retning= (BadSort if unknown)."""
    column = COLUMN_KEYS.get(key or "gruppe")
    if column is None:
        raise BadSort(key)
    if direction in (None, ""):
        return column, column.descending_first
    if direction not in (ASCENDING, DESCENDING):
        raise BadSort(direction)
    return column, direction == DESCENDING


def sort_rows(rows: list[Row], column: Column, descending: bool) -> list[Row]:
    """Sorted by the column, ties by name; an empty value (no APV, no meeting) always last."""
    by_name = sorted(rows, key=lambda r: (_name_key(r.amg.name), r.amg.pk))
    filled = [r for r in by_name if column.value(r) is not None]
    empty = [r for r in by_name if column.value(r) is None]
    filled.sort(key=column.value, reverse=descending)  # stable: ties keep the name order
    return filled + empty
