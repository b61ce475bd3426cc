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

import hashlib
from collections.abc import Callable, Iterable
from functools import cache

from django.conf import settings
from django.core.cache import cache as django_cache
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from forkant.access import AMGContext
from forkant.lib import hyphenation
from handleplan.models import Action

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


def card_key(action: Action, ctx: AMGContext, stalled_weeks: int | None) -> str:
    responsible = action.responsible.display_name if action.responsible else ""
    stalled = f"{stalled_weeks}" if getattr(action, "stalled", False) else "0"
    # Marks other apps put on the card (annotations.py), e.g. the APV problem it answers.
    marks = "|".join(f"{m.label}:{m.title}:{m.url}" for m in getattr(action, "marks", []))
    return (
        f"card:{template_fingerprint()}:{action.amg_id}:{action.pk}:{action.version}:"
        f"{int(ctx.can_write)}:{get_language()}:{int(action.is_overdue)}:"
        f"{int(action.follow_up_overdue)}:{stalled}:{getattr(action, 'raised_by', 0)}:"
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
    actions: Iterable[Action],
    *,
    stalled_weeks: int | None = None,
) -> None:
    """Give every action its rendered card as `action.card_html`. Without a request the CSRF
    placeholder stays in (for HTML that is cached whole and filled in later)."""
    actions = list(actions)
    if not actions:
        return
    keys = {action.pk: card_key(action, ctx, stalled_weeks) for action in actions}
    found = django_cache.get_many(list(keys.values()))
    rendered: dict[str, str] = {}
    for action in actions:
        key = keys[action.pk]
        if key not in found and key not in rendered:
            rendered[key] = render_to_string(
                "handleplan/board.html#card",
                {
                    "action": action,
                    "ctx": ctx,
                    "stalled_weeks": stalled_weeks,
                    "csrf_token": CSRF_PLACEHOLDER,
                },
            )
    if rendered:
        django_cache.set_many(rendered, timeout=TIMEOUT)
        found.update(rendered)
    for action in actions:
        html = found[keys[action.pk]]
        if request is not None:
            html = with_token(request, html)
        action.card_html = mark_safe(html)  # type: ignore[attr-defined]  # noqa: S308 - our own template's output


def board_html(
    request: HttpRequest,
    ctx: AMGContext,
    context: Callable[[], dict[str, object]],
    *,
    keep: Iterable[str] = (),
) -> tuple[SafeString, dict[str, object]]:
    """The `#board` partial for this viewer, from the cache or rendered from `context()`, and
    the `keep` entries of that context (what the page shows around the board), cached with it."""
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
    return mark_safe(with_token(request, html)), kept  # noqa: S308 - our own template's output


def with_token(request: HttpRequest, html: str) -> str:
    return html.replace(CSRF_PLACEHOLDER, get_token(request))


def board_actions(board: object) -> list[Action]:
    return [a for row in board.rows for cell in row.cells for a in cell.actions]  # type: ignore[attr-defined]
