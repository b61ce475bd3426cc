"""The members' board rendered once and kept in the configured cache: the whole board per board
revision, and each card per card version.

A 200-card board would otherwise render its template (and instantiate 200 cards) on every page
view, and its 200 card templates again after every change.

- **The board** is cached under everything it depends on: the AMG's board revision (bumped by
  every board write, and when a member changes their name), whether the viewer may write, the
  language, the quarter-hour (the "next tavlemøde" moves on after a meeting; deadlines turn
  overdue at midnight) and the template itself. What the page shows around the board (a running
  meeting, the ideas waiting) is cached with it: starting or ending a meeting and ideas arriving
  or being handled bump the board revision too. An unchanged board is one cache read.
- **A card** is cached under its version (bumped by every save), its responsible member's
  name, the marks other apps put on it, the viewer's write access, the language, whether it is
  overdue or stalled, and the template. After a change, only changed cards are rendered again:
  one `get_many`, the misses, one `set_many`.

Both are rendered with a placeholder where the CSRF token goes; the viewer's own token is put in
as the board is served, so cached HTML never carries another session's token.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable, Iterable
from functools import cache

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache as django_cache
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from forkant.access import AMGContext
from forkant.lib import hyphenation
from handleplan.models import Action
from handleplan.queries import Board, CardStamp, Row

# Where the viewer's CSRF token goes, replaced as the HTML is served. It holds a "<", which
# escaped text (a card's title, a theme's name) can never contain, so only our template's own
# token fields are replaced; it is passed as safe so the {% csrf_token %} tag writes it raw.
CSRF_PLACEHOLDER = mark_safe("<!--csrf-token-->")
# A card's or board's key changes with every save anyway; idle entries simply expire.
TIMEOUT = 24 * 3600
TEMPLATE = "handleplan/templates/handleplan/board.html"


@cache
def template_fingerprint() -> str:
    # The hyphenation of titles and theme names is part of what a rendered card holds.
    source = (settings.BASE_DIR / TEMPLATE).read_bytes() + hyphenation.VERSION.encode()
    return hashlib.sha256(source).hexdigest()[:10]


def _short_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:10]


def _responsible_name(action: Action | CardStamp) -> str:
    if isinstance(action, CardStamp):
        return action.responsible_name
    return action.responsible.display_name if action.responsible else ""


def card_key(action: Action | CardStamp, ctx: AMGContext, stalled_weeks: int | None) -> str:
    viewer = f"{int(ctx.can_write)}:{get_language()}"
    return _card_key(action, viewer, timezone.localdate(), stalled_weeks)


def _card_key(
    action: Action | CardStamp, viewer: str, today: datetime.date, stalled_weeks: int | None
) -> str:
    responsible = _responsible_name(action)
    stalled = f"{stalled_weeks}" if getattr(action, "stalled", False) else "0"
    # Marks other apps put on the card (annotations.py), e.g. the APV problem it answers.
    marks = "|".join(f"{m.label}:{m.title}:{m.url}" for m in getattr(action, "marks", []))
    return (
        f"card:{template_fingerprint()}:{action.amg_id}:{action.pk}:{action.version}:"
        f"{viewer}:{int(action.is_overdue_on(today))}:"
        f"{int(action.follow_up_overdue_on(today))}:{stalled}:{getattr(action, 'raised_by', 0)}:"
        f"{_short_hash(responsible + marks)}"
    )


def board_key(ctx: AMGContext) -> str:
    # Members' names show on the board but live on the users: a name changed through the app
    # bumps the board revision (forkant.services); the quarter-hour bounds any other change.
    now = timezone.localtime()
    return (
        f"board:{template_fingerprint()}:{ctx.amg.pk}:{ctx.amg.board_revision}:"
        f"{int(ctx.can_write)}:{get_language()}:{now:%Y%m%d%H}{now.minute // 15}"
    )


def attach_card_html(
    request: HttpRequest | None,
    ctx: AMGContext,
    actions: Iterable[Action | CardStamp],
    *,
    stalled_weeks: int | None = None,
) -> None:
    """Give every action (or card stamp) its rendered card as `.card_html`. Without a request
    the CSRF placeholder stays in (for HTML that is cached whole and filled in later). Only the
    cards not in the cache are rendered; for stamps their actions are loaded first, in one
    query for all of them."""
    actions = list(actions)
    if not actions:
        return
    viewer, today = f"{int(ctx.can_write)}:{get_language()}", timezone.localdate()
    keys = {  # the board's cards have their keys already (attach_board_html)
        action.pk: getattr(action, "card_key", None)
        or _card_key(action, viewer, today, stalled_weeks)
        for action in actions
    }
    found = django_cache.get_many(list(keys.values()))
    missing = [action for action in actions if keys[action.pk] not in found]
    full = _full_actions(ctx, [a for a in missing if isinstance(a, CardStamp)])
    rendered: dict[str, str] = {}
    for action in missing:
        key = keys[action.pk]
        card = full.get(action.pk) if isinstance(action, CardStamp) else action
        if key not in rendered and card is not None:
            rendered[key] = render_to_string(
                "handleplan/board.html#card",
                {
                    "action": card,
                    "ctx": ctx,
                    "stalled_weeks": stalled_weeks,
                    "csrf_token": CSRF_PLACEHOLDER,
                },
            )
    if rendered:
        django_cache.set_many(rendered, timeout=TIMEOUT)
        found.update(rendered)
    for action in actions:
        action.card_key = keys[action.pk]  # type: ignore[union-attr]  # the row's key names it
        html = found.get(keys[action.pk], "")  # "": a card deleted while the board was read
        if request is not None:
            html = with_token(request, html)
        action.card_html = mark_safe(html)  # type: ignore[attr-defined]  # noqa: S308 - our own template's output


def row_key(row: Row, ctx: AMGContext) -> str:
    """A theme's row changes with any of its cards (their keys, in order), its name, whether it
    is first or last (the move buttons), the viewer's write access and the language."""
    cells = ";".join(
        ",".join(getattr(action, "card_key", "") for action in cell.actions) for cell in row.cells
    )
    return (
        f"row:{template_fingerprint()}:{ctx.amg.pk}:{row.theme.pk}:"
        f"{int(row.is_first)}{int(row.is_last)}:{int(ctx.can_write)}:{get_language()}:"
        f"{_short_hash(row.theme.name + '|' + cells)}"
    )


def attach_board_html(ctx: AMGContext, board: Board, *, stalled_weeks: int | None) -> None:
    """Give every row of the board its rendered `<tr>` as `row.html` (with the CSRF
    placeholder), from the cache or rendered. A row's key is made of its cards' keys, so only
    the rows that changed need their cards' HTML (from the cache, or rendered): after one card's
    move, that card and its one or two rows."""
    if not board.rows:
        return
    viewer, today = f"{int(ctx.can_write)}:{get_language()}", timezone.localdate()
    for action in board_actions(board):
        action.card_key = _card_key(action, viewer, today, stalled_weeks)  # type: ignore[union-attr]
    keys = [row_key(row, ctx) for row in board.rows]
    found = django_cache.get_many(keys)
    missing = [row for row, key in zip(board.rows, keys, strict=True) if key not in found]
    changed = [action for row in missing for cell in row.cells for action in cell.actions]
    attach_card_html(None, ctx, changed, stalled_weeks=stalled_weeks)
    rendered: dict[str, str] = {}
    for row, key in zip(board.rows, keys, strict=True):
        if key not in found and key not in rendered:
            rendered[key] = render_to_string(
                "handleplan/board.html#board-row",
                {"row": row, "ctx": ctx, "csrf_token": CSRF_PLACEHOLDER},
            )
    if rendered:
        django_cache.set_many(rendered, timeout=TIMEOUT)
        found.update(rendered)
    for row, key in zip(board.rows, keys, strict=True):
        row.html = mark_safe(found[key])  # type: ignore[attr-defined]  # noqa: S308 - our own template's output


def _full_actions(ctx: AMGContext, stamps: list[CardStamp]) -> dict[int, Action]:
    """The actions behind the stamps, as the board reads them, with what the board added."""
    if not stamps:
        return {}
    by_pk = {stamp.pk: stamp for stamp in stamps}
    full = {}
    for action in Action.objects.filter(amg=ctx.amg, pk__in=by_pk).select_related(
        "responsible__user", "theme"
    ):
        stamp = by_pk[action.pk]
        action.marks, action.stalled = stamp.marks, stamp.stalled  # type: ignore[attr-defined]
        action.raised_by = stamp.raised_by  # type: ignore[attr-defined]
        full[action.pk] = action
    return full


def board_html(
    request: HttpRequest,
    ctx: AMGContext,
    context: Callable[[], dict[str, object]],
    *,
    keep: Iterable[str] = (),
    token: bool = True,
) -> tuple[SafeString, dict[str, object]]:
    """The `#board` partial for this viewer, from the cache or rendered from `context()`, and
    the `keep` entries of that context (what the page shows around the board), cached with it.
    With `token=False` the CSRF placeholder stays in (the page puts the token in once, last)."""
    key = board_key(ctx)
    cached = django_cache.get(key)
    if cached is None:
        full = context()
        html = render_to_string(
            "handleplan/board.html#board", {**full, "csrf_token": CSRF_PLACEHOLDER}
        )
        cached = (html, {name: full[name] for name in keep})
        django_cache.set(key, cached, timeout=TIMEOUT)
    html, kept = cached
    if token:
        html = with_token(request, html)
    return mark_safe(html), kept  # noqa: S308 - our own template's output


# The page around the board -------------------------------------------------------------------

# Where the board and its ETag go in the page around it; like the CSRF placeholder, they hold a
# "<", so no escaped text can contain them.
BOARD_PLACEHOLDER = mark_safe("<!--board-->")
ETAG_PLACEHOLDER = mark_safe("<!--board-etag-->")
PAGE_TIMEOUT = 15 * 60
PAGE_TEMPLATES = ("templates/base.html", TEMPLATE)


@cache
def page_fingerprint() -> str:
    source = b"".join((settings.BASE_DIR / name).read_bytes() for name in PAGE_TEMPLATES)
    return hashlib.sha256(source).hexdigest()[:10]


def page_key(request: HttpRequest, ctx: AMGContext, extras: dict[str, object]) -> str:
    """The page around the board changes with the viewer (their name in the header), the AMG's
    name and state, the address (the navigation marks it), write access, the language, the
    ideas waiting and whether a meeting runs; not with the cards."""
    user = request.user
    who = "|".join(
        str(part)
        for part in (
            user.get_full_name(),  # type: ignore[union-attr]
            user.email,  # type: ignore[union-attr]
            ctx.amg.name,
            ctx.amg.is_archived,
            request.get_full_path(),
        )
    )
    return (
        f"boardpage:{page_fingerprint()}:{ctx.amg.pk}:{user.pk}:{int(ctx.can_write)}:"
        f"{get_language()}:{extras['pending_ideas']}:{int(extras['running'] is not None)}:"
        f"{_short_hash(who)}"
    )


def board_page(
    request: HttpRequest,
    ctx: AMGContext,
    extras: dict[str, object],
    render: Callable[[], str],
    *,
    board: str,
    etag: str,
    status: int = 200,
) -> str:
    """The members' board page: the page around the board (rendered by `render()` with the
    placeholders for the board, its ETag and the CSRF token) with this board, ETag and token
    put in. After a change only the board is new. The page is kept (`page_key`) unless it shows
    a message, its address has a query or it answers other than 200: those are drawn for that
    request only."""
    keep = status == 200 and not request.GET and not len(messages.get_messages(request))
    key = page_key(request, ctx, extras) if keep else None
    page = django_cache.get(key) if key is not None else None
    if page is None:
        page = render()
        if key is not None:
            django_cache.set(key, page, timeout=PAGE_TIMEOUT)
    page = page.replace(BOARD_PLACEHOLDER, board, 1)
    page = page.replace(ETAG_PLACEHOLDER, conditional_escape(etag), 1)  # an ETag is "quoted"
    return with_token(request, page)


def with_token(request: HttpRequest, html: str) -> str:
    return html.replace(CSRF_PLACEHOLDER, get_token(request))


def board_actions(board: object) -> list[Action | CardStamp]:
    return [a for row in board.rows for cell in row.cells for a in cell.actions]  # type: ignore[attr-defined]
