"""Reads for the board: one shape for the members' board, the wall screen and the documentation.

A board is read in a fixed number of queries (themes, actions with their responsible member, the
next tavlemøde), however many cards it holds.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import QuerySet

from forkant.models import AMG
from handleplan import annotations
from handleplan.models import Action, Status, Tavlemoede, Theme


@dataclass
class Cell:
    theme: Theme
    status: Status
    actions: list[Action] = field(default_factory=list)
    limit: int | None = None  # the wall screen shows only so many cards per cell

    @property
    def shown(self) -> list[Action]:
        return self.actions if self.limit is None else self.actions[: self.limit]

    @property
    def more(self) -> int:
        return len(self.actions) - len(self.shown)


@dataclass
class Row:
    theme: Theme
    cells: list[Cell]

    @property
    def count(self) -> int:
        return sum(len(cell.actions) for cell in self.cells)


@dataclass
class Board:
    amg: AMG
    columns: list[Status]
    rows: list[Row]
    next_meeting: Tavlemoede | None

    @property
    def count(self) -> int:
        return sum(row.count for row in self.rows)

    def limit_cells(self, limit: int) -> None:
        for row in self.rows:
            for cell in row.cells:
                cell.limit = limit

    def column_counts(self) -> list[tuple[Status, int]]:
        return [
            (status, sum(len(row.cells[i].actions) for row in self.rows))
            for i, status in enumerate(self.columns)
        ]


def actions_of(amg: AMG, *, public_only: bool = False) -> QuerySet[Action]:
    actions = Action.objects.filter(amg=amg).select_related("responsible__user", "theme")
    if public_only:
        actions = actions.filter(confidential=False)
    return actions.order_by("position", "pk")


def next_tavlemoede(amg: AMG, *, now: datetime.datetime) -> Tavlemoede | None:
    return Tavlemoede.objects.filter(amg=amg, starts_at__gte=now).order_by("starts_at").first()


def next_tavlemoeder(amgs: QuerySet[AMG], *, now: datetime.datetime) -> dict[int, Tavlemoede]:
    """Each AMG's next tavlemøde, in one query."""
    meetings = Tavlemoede.objects.filter(amg__in=amgs, starts_at__gte=now).order_by("-starts_at")
    # Latest first, so each AMG's entry ends up being its earliest upcoming meeting.
    return {meeting.amg_id: meeting for meeting in meetings}


def board_for(amg: AMG, *, now: datetime.datetime, public_only: bool = False) -> Board:
    """The whole board. `public_only` leaves out confidential cards (the wall screen)."""
    themes = list(Theme.objects.filter(amg=amg).order_by("position", "pk"))
    columns = list(Status)
    cells: dict[tuple[int, str], Cell] = {}
    rows = []
    for theme in themes:
        row_cells = [Cell(theme=theme, status=status) for status in columns]
        cells.update({(theme.pk, cell.status.value): cell for cell in row_cells})
        rows.append(Row(theme=theme, cells=row_cells))
    actions = list(actions_of(amg, public_only=public_only))
    # Marks from other apps (e.g. "answers an APV problem"); never on the wall screen.
    marks = {} if public_only else annotations.marks_for(amg, (a.pk for a in actions))
    for action in actions:
        action.marks = marks.get(action.pk, [])
        cell = cells.get((action.theme_id, action.status))
        if cell is not None:
            cell.actions.append(action)
    return Board(amg=amg, columns=columns, rows=rows, next_meeting=next_tavlemoede(amg, now=now))


def wall_cell_limit(row_count: int) -> int:
    """The most cards that could fit in one cell of the wall screen with this many rows.

    The wall's script hides whatever still does not fit (long titles) and counts it in "+ N mere".
    """
    if row_count <= 3:
        return 6
    if row_count <= 5:
        return 4
    if row_count <= 7:
        return 3
    return 2
