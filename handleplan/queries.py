"""Reads for the board: one shape for the members' board, the wall screen and the documentation.

A board is read in a fixed number of queries (themes, actions with their responsible member, the
next tavlemøde), however many cards it holds.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from django.db import connection
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from forkant.models import AMG
from handleplan import annotations
from handleplan.models import (
    Action,
    BoardSettings,
    Effect,
    EventKind,
    Idea,
    IdeaStatus,
    Meeting,
    MeetingEvent,
    MeetingKind,
    Reach,
    Status,
    Theme,
)


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
    next_meeting: Meeting | None

    @property
    def count(self) -> int:
        return sum(row.count for row in self.rows)

    def column_counts(self) -> list[tuple[Status, int]]:
        return [
            (status, sum(len(row.cells[i].actions) for row in self.rows))
            for i, status in enumerate(self.columns)
        ]


def actions_of(amg: AMG, *, public_only: bool = False) -> QuerySet[Action]:
    """The AMG's cards; for the members' board each with `raised_by`, the number of colleagues'
    ideas behind it (the one published as the card and the duplicates merged with it)."""
    actions = Action.objects.filter(amg=amg).select_related("responsible__user", "theme")
    if public_only:
        return actions.filter(confidential=False).order_by("position", "pk")
    return actions.annotate(raised_by=raised_by(OuterRef("pk"))).order_by("position", "pk")


@dataclass
class CardStamp:
    """What the members' board needs of a card to find its rendered HTML in the cache (and to
    place it): read as plain values, so a board whose cards are cached instantiates no models.
    `cards.attach_card_html` loads the full `Action` only for a card it must render."""

    pk: int
    amg_id: int
    version: int
    theme_id: int
    status: str
    moved_at: datetime.datetime
    deadline: datetime.date | None
    follow_up_on: datetime.date | None
    raised_by: int
    responsible_name: str
    marks: list[annotations.Mark] = field(default_factory=list)
    stalled: bool = False

    # The same rules as the card's (Action's own, on these values).
    is_overdue = property(Action.is_overdue.fget)  # type: ignore[attr-defined]
    is_overdue_on = Action.is_overdue_on
    follow_up_overdue = property(Action.follow_up_overdue.fget)  # type: ignore[attr-defined]
    follow_up_overdue_on = Action.follow_up_overdue_on


_STAMP_FIELDS = (
    "pk", "amg_id", "version", "theme_id", "status", "moved_at", "deadline", "follow_up_on",
    "responsible__user__first_name", "responsible__user__last_name",
    "responsible__user__email",
)  # fmt: skip


def card_stamps(amg: AMG) -> list[CardStamp]:
    """The members' board's cards as stamps, in the board's order (two queries: the cards, and
    the ideas behind them counted for the whole board at once, as `raised_by` counts them)."""
    actions = Action.objects.filter(amg=amg).order_by("position", "pk").values_list(*_STAMP_FIELDS)
    raised: dict[int, int] = {}
    with connection.cursor() as cursor:
        cursor.execute(_raised_sql(), [amg.pk, amg.pk, IdeaStatus.MERGED.value])
        for action_id, n in cursor.fetchall():
            raised[action_id] = raised.get(action_id, 0) + n
    stamps = []
    for row in actions:
        first, last, email = row[8:]
        # As Membership.display_name: the full name, else the e-mail address.
        name = f"{first or ''} {last or ''}".strip() or (email or "")
        stamps.append(CardStamp(*row[:8], raised_by=raised.get(row[0], 0), responsible_name=name))
    return stamps


@cache
def _raised_sql() -> str:
    """The ideas behind each card of an AMG, as `raised_by` counts them: those published as the
    card, and the duplicates merged into one of those. Written out, not built with the ORM:
    compiling the ORM's union cost twice running it, on every first view after a change."""
    idea = connection.ops.quote_name(Idea._meta.db_table)
    return f"""
        SELECT action_id, COUNT(*) FROM {idea}
        WHERE amg_id = %s AND action_id IS NOT NULL GROUP BY action_id
        UNION ALL
        SELECT target.action_id, COUNT(*) FROM {idea} merged
        JOIN {idea} target ON target.id = merged.merged_into_id
        WHERE merged.amg_id = %s AND merged.status = %s AND target.action_id IS NOT NULL
        GROUP BY target.action_id
    """  # noqa: S608 - the table's name from the model, values as parameters


def raised_by(action: OuterRef | int) -> Coalesce:
    """How many ideas a card stands for, as an expression (two small subqueries)."""

    def count(**lookup: object) -> Coalesce:
        ideas = Idea.objects.filter(**lookup).order_by().values("amg").annotate(n=Count("pk"))
        return Coalesce(Subquery(ideas.values("n")[:1]), 0)

    return count(action=action) + count(merged_into__action=action, status=IdeaStatus.MERGED)


def _planned() -> QuerySet[Meeting]:
    return Meeting.objects.filter(kind=MeetingKind.TAVLEMOEDE, started_at__isnull=True)


def next_tavlemoede(amg: AMG, *, now: datetime.datetime) -> Meeting | None:
    return _planned().filter(amg=amg, starts_at__gte=now).order_by("starts_at").first()


def next_tavlemoeder(amgs: QuerySet[AMG], *, now: datetime.datetime) -> dict[int, Meeting]:
    """Each AMG's next tavlemøde, in one query."""
    meetings = _planned().filter(amg__in=amgs, starts_at__gte=now).order_by("-starts_at")
    # Latest first, so each AMG's entry ends up being its earliest upcoming meeting.
    return {meeting.amg_id: meeting for meeting in meetings}


def board_for(
    amg: AMG,
    *,
    now: datetime.datetime,
    public_only: bool = False,
    stalled_weeks: int | None = None,
    stamps: bool = False,
) -> Board:
    """The whole board. `public_only` leaves out confidential cards (the wall screen);
    with `stalled_weeks`, cards in progress that have not moved for so long are marked; with
    `stamps`, the cells hold `CardStamp`s instead of actions (the members' board, whose cards
    come from the cache: `cards.attach_card_html`)."""
    cutoff = now - datetime.timedelta(weeks=stalled_weeks) if stalled_weeks else None
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
    actions: list[Action] | list[CardStamp] = (
        card_stamps(amg)
        if stamps and not public_only
        else list(actions_of(amg, public_only=public_only))
    )
    # Marks from other apps (e.g. "answers an APV problem"); never on the wall screen.
    marks = {} if public_only else annotations.marks_for(amg, (a.pk for a in actions))
    for action in actions:
        action.marks = marks.get(action.pk, [])
        cell = cells.get((action.theme_id, action.status))
        if cutoff is not None:
            action.stalled = action.status in Status.in_progress() and action.moved_at < cutoff
            if action.stalled and not public_only:
                action.marks = action.marks + annotations.stalled_marks(amg, action)
        if cell is not None:
            cell.actions.append(action)
    return Board(amg=amg, columns=columns, rows=rows, next_meeting=next_tavlemoede(amg, now=now))


@dataclass
class BoardPatch:
    """What one card's move or edit changed: its old and new cells, the rows' heads and the
    column counts. Read in four queries, whatever the size of the board."""

    cells: list[Cell]
    rows: list[Row]
    column_counts: list[tuple[Status, int]]


def board_patch(
    amg: AMG,
    cells: set[tuple[int, str]],
    *,
    now: datetime.datetime,
    stalled_weeks: int | None = None,
    heads: Iterable[int] = (),
) -> BoardPatch:
    """The cells (theme id, status) with their cards, the row heads of their themes and of
    `heads` (theme ids), and the column counts."""
    cutoff = now - datetime.timedelta(weeks=stalled_weeks) if stalled_weeks else None
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
    heads = {theme_id for theme_id in heads if theme_id in by_theme} | theme_ids
    patch_cells = {
        key: Cell(theme=by_theme[key[0]], status=Status(key[1]))
        for key in cells
        if key[0] in by_theme
    }
    if patch_cells:
        statuses = {status for _theme, status in patch_cells}
        patch_actions = list(actions_of(amg).filter(theme_id__in=theme_ids, status__in=statuses))
        marks = annotations.marks_for(amg, (a.pk for a in patch_actions))
        for action in patch_actions:
            action.marks = marks.get(action.pk, [])
            cell = patch_cells.get((action.theme_id, action.status))
            if cell is not None:
                if cutoff is not None:
                    action.stalled = (
                        action.status in Status.in_progress() and action.moved_at < cutoff
                    )
                    if action.stalled:
                        action.marks = action.marks + annotations.stalled_marks(amg, action)
                cell.actions.append(action)
    rows = []
    for index, theme in enumerate(themes):
        if theme.pk in heads:
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


# Stalled work, ideas, the matrix, meetings -------------------------------------------------------


def stalled_actions(amg: AMG, *, now: datetime.datetime, weeks: int) -> QuerySet[Action]:
    """Cards in Startet or Godt i gang that have not changed column for `weeks` weeks."""
    return (
        Action.objects.filter(
            amg=amg,
            status__in=Status.in_progress(),
            moved_at__lt=now - datetime.timedelta(weeks=weeks),
        )
        .select_related("theme", "responsible__user")
        .order_by("moved_at", "pk")
    )


DEFAULT_STALLED_WEEKS = 6  # BoardSettings.stalled_weeks' default, for an AMG without settings


@dataclass
class BoardExtras:
    """What the board shows besides its cards: the stalled-card rule, a running meeting and the
    ideas waiting for moderation."""

    stalled_weeks: int
    running: Meeting | None
    pending_ideas: int

    FIELDS = ("stalled_weeks", "running", "pending_ideas")

    def as_context(self) -> dict[str, object]:
        return {
            "stalled_weeks": self.stalled_weeks,
            "running": self.running,
            "pending_ideas": self.pending_ideas,
        }


def board_extras(amg: AMG) -> BoardExtras:
    """In one statement (two while a meeting runs), for every view and poll of the board."""
    with connection.cursor() as cursor:
        cursor.execute(_extras_sql(), [amg.pk, amg.pk, amg.pk, IdeaStatus.NEW.value])
        weeks, running_id, pending = cursor.fetchone()
    running = Meeting.objects.get(pk=running_id) if running_id else None
    weeks = weeks if weeks is not None else DEFAULT_STALLED_WEEKS
    return BoardExtras(stalled_weeks=weeks, running=running, pending_ideas=pending or 0)


@cache
def _extras_sql() -> str:
    """The AMG's stalled-card rule, its running meeting and the ideas waiting. Written out, not
    built with the ORM: compiling the ORM's three subqueries cost three times running them, on
    every first view and poll after a change."""
    quote = connection.ops.quote_name
    settings, meeting, idea = (
        quote(model._meta.db_table) for model in (BoardSettings, Meeting, Idea)
    )
    return f"""
        SELECT
            (SELECT stalled_weeks FROM {settings} WHERE amg_id = %s LIMIT 1),
            (SELECT id FROM {meeting}
             WHERE amg_id = %s AND started_at IS NOT NULL AND ended_at IS NULL LIMIT 1),
            (SELECT COUNT(*) FROM {idea} WHERE amg_id = %s AND status = %s)
    """  # noqa: S608 - table names from the models, values as parameters


def stalled_weeks_of(amg: AMG) -> int:
    settings = BoardSettings.objects.filter(amg=amg).only("stalled_weeks").first()
    return settings.stalled_weeks if settings else DEFAULT_STALLED_WEEKS


def pending_ideas(amg: AMG) -> QuerySet[Idea]:
    return Idea.objects.filter(amg=amg, status=IdeaStatus.NEW).order_by("created_at", "pk")


def pending_idea_count(amg: AMG) -> int:
    return pending_ideas(amg).count()


def pending_idea_counts(amgs: QuerySet[AMG]) -> dict[int, int]:
    """Ideas waiting for moderation per AMG, in one query."""
    rows = (
        Idea.objects.filter(amg__in=amgs, status=IdeaStatus.NEW)
        .values("amg")
        .annotate(n=Count("pk"))
        .values_list("amg", "n")
    )
    return dict(rows)


def handled_ideas(amg: AMG, *, limit: int = 30) -> QuerySet[Idea]:
    return (
        Idea.objects.filter(amg=amg)
        .exclude(status=IdeaStatus.NEW)
        .select_related("action", "merged_into", "handled_by__user")
        .order_by("-handled_at", "-pk")[:limit]
    )


@dataclass
class Quadrant:
    effect: str
    reach: str
    label: str
    items: list[Action | Idea] = field(default_factory=list)


@dataclass
class Matrix:
    quadrants: list[Quadrant]  # stor/mange, stor/få, lille/mange, lille/få (reading order)
    unplaced: list[Action | Idea]

    @property
    def count(self) -> int:
        return len(self.unplaced) + sum(len(q.items) for q in self.quadrants)


def matrix_for(amg: AMG) -> Matrix:
    """Ideas waiting for moderation and parked cards, by their place on the matrix: 2 queries."""
    labels = {
        (Effect.STOR, Reach.FAA): _("Stor effekt for få"),
        (Effect.STOR, Reach.MANGE): _("Stor effekt for mange"),
        (Effect.LILLE, Reach.FAA): _("Lille effekt for få"),
        (Effect.LILLE, Reach.MANGE): _("Lille effekt for mange"),
    }
    quadrants = {key: Quadrant(key[0], key[1], label) for key, label in labels.items()}
    unplaced: list[Action | Idea] = []
    parked = Action.objects.filter(amg=amg, status=Status.PARKERET).select_related("theme")
    items: list[Action | Idea] = [*pending_ideas(amg), *parked.order_by("position", "pk")]
    for item in items:
        quadrant = quadrants.get((item.effect, item.reach))
        (quadrant.items if quadrant else unplaced).append(item)
    return Matrix(quadrants=list(quadrants.values()), unplaced=unplaced)


def meetings_of(amg: AMG) -> QuerySet[Meeting]:
    """Held meetings, newest first."""
    return Meeting.objects.filter(amg=amg, started_at__isnull=False).order_by("-started_at")


@dataclass
class MeetingSummary:
    """What changed on the board while a meeting ran, grouped for the referat."""

    created: list[MeetingEvent]
    moved: list[MeetingEvent]
    finished: list[MeetingEvent]
    edited: list[MeetingEvent]
    deleted: list[MeetingEvent]
    ideas: list[MeetingEvent]
    decided: list[MeetingEvent]
    themes: list[MeetingEvent]


FINISHED = (Status.I_MAAL, Status.AFSLUTTET)


def meeting_summary(meeting: Meeting) -> MeetingSummary:
    summary = MeetingSummary([], [], [], [], [], [], [], [])
    for event in meeting.events.all():
        if event.kind == EventKind.CREATED:
            summary.created.append(event)
        elif event.kind == EventKind.MOVED:
            finished = event.to_status in FINISHED and event.from_status not in FINISHED
            (summary.finished if finished else summary.moved).append(event)
        elif event.kind == EventKind.EDITED:
            summary.edited.append(event)
        elif event.kind == EventKind.DELETED:
            summary.deleted.append(event)
        elif event.kind in (
            EventKind.IDEA_PUBLISHED,
            EventKind.IDEA_MERGED,
            EventKind.IDEA_DECLINED,
        ):
            summary.ideas.append(event)
        elif event.kind == EventKind.THEME:
            summary.themes.append(event)
        else:
            summary.decided.append(event)
    return summary


def idea_box(code: str) -> BoardSettings | None:
    """The AMG behind a public idea-form code (None for an unknown or replaced code)."""
    code = code.strip().lower()
    if not code or len(code) > 12:
        return None
    return BoardSettings.objects.select_related("amg").filter(idea_code=code).first()


# What became of an idea: its sender's private link ------------------------------------------


@dataclass(frozen=True)
class IdeaFate:
    """What the sender of an idea may know of it: never another colleague's words or name, never
    a confidential card; the reason only if the group chose to share one."""

    idea: Idea
    state: str  # "waiting", "board", "closed", "removed", "private", "declined"
    merged: bool = False  # joined with a similar idea; the state is that idea's
    column: str = ""  # the card's column now
    theme: str = ""
    card_title: str = ""
    shared_reason: str = ""


def idea_by_fate_token(token_hash: str) -> Idea | None:
    if not token_hash:
        return None
    return Idea.objects.select_related("amg").filter(fate_token_hash=token_hash).first()


def fate_of(idea: Idea) -> IdeaFate:
    """Follows a merged idea to the one it joined (merging always points at the original, and a
    merged idea's own duplicates move along: at most one step, read in one query)."""
    merged = idea.status == IdeaStatus.MERGED and idea.merged_into_id is not None
    target = (
        Idea.objects.select_related("action__theme").get(pk=idea.merged_into_id)
        if merged
        else Idea.objects.select_related("action__theme").get(pk=idea.pk)
    )
    if target.status == IdeaStatus.DECLINED:
        return IdeaFate(idea, "declined", merged, shared_reason=target.shared_reason)
    if target.status != IdeaStatus.PUBLISHED:
        return IdeaFate(idea, "waiting", merged)
    action = target.action
    if action is None:
        return IdeaFate(idea, "removed", merged)
    if action.confidential:
        return IdeaFate(idea, "private", merged)
    state = "closed" if action.status == Status.AFSLUTTET else "board"
    return IdeaFate(
        idea,
        state,
        merged,
        column=str(action.status_enum.label),
        theme=action.theme.name,
        card_title=action.title,
    )
