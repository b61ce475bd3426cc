"""Reads for the board: one shape for the members' board, the wall screen and the documentation.

A board is read in a fixed number of queries (themes, actions with their responsible member, the
next tavlemøde), however many cards it holds.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet

from forkant.models import AMG
from handleplan.models import Action, Status, Tavlemoede, Theme


@dataclass
class Cell:
    theme: Theme
    status: Status
    actions: list[Action] = field(default_factory=list)


@dataclass
class Row:
    theme: Theme
    cells: list[Cell]
    is_first: bool = False
    is_last: bool = False
    card_count: int | None = None  # known without the cells' cards (a BoardPatch)

    @property
    def count(self) -> int:
        if self.card_count is not None:
            return self.card_count
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
    if rows:
        rows[0].is_first = rows[-1].is_last = True
    for action in actions_of(amg, public_only=public_only):
        cell = cells.get((action.theme_id, action.status))
        if cell is not None:
            cell.actions.append(action)
    return Board(amg=amg, columns=columns, rows=rows, next_meeting=next_tavlemoede(amg, now=now))


@dataclass
class BoardPatch:
    """What one card's move or edit changed: its old and new cells, the rows' heads and the
    column counts. Read in three queries, whatever the size of the board."""

    cells: list[Cell]
    rows: list[Row]
    column_counts: list[tuple[Status, int]]


def board_patch(amg: AMG, cells: set[tuple[int, str]]) -> BoardPatch:
    themes = list(Theme.objects.filter(amg=amg).order_by("position", "pk"))
    counts: dict[tuple[int, str], int] = {
        (row["theme_id"], row["status"]): row["n"]
        for row in Action.objects.filter(amg=amg)
        .values("theme_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    }
    by_theme = {theme.pk: theme for theme in themes}
    theme_ids = {theme_id for theme_id, _status in cells if theme_id in by_theme}
    patch_cells = {
        key: Cell(theme=by_theme[key[0]], status=Status(key[1]))
        for key in cells
        if key[0] in by_theme
    }
    if patch_cells:
        statuses = {status for _theme, status in patch_cells}
        for action in actions_of(amg).filter(theme_id__in=theme_ids, status__in=statuses):
            cell = patch_cells.get((action.theme_id, action.status))
            if cell is not None:
                cell.actions.append(action)
    rows = []
    for index, theme in enumerate(themes):
        if theme.pk in theme_ids:
            total = sum(n for (theme_id, _s), n in counts.items() if theme_id == theme.pk)
            rows.append(
                Row(
                    theme=theme,
                    cells=[],
                    is_first=index == 0,
                    is_last=index == len(themes) - 1,
                    card_count=total,
                )
            )
    column_counts = [
        (status, sum(n for (_t, s), n in counts.items() if s == status.value)) for status in Status
    ]
    return BoardPatch(
        cells=sorted(patch_cells.values(), key=lambda c: (c.theme.pk, c.status.value)),
        rows=rows,
        column_counts=column_counts,
    )
