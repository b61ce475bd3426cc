"""What the board's pages share: the board and its ETag, the answers after a write (the
fresh board, only the cells that changed, a conflict, an error) and forms in a dialog."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django_htmx.http import HttpResponseClientRedirect, reswap, retarget, trigger_client_event

from forkant.access import AMGContext, amg_context
from forkant.lib.locking import Gone
from forkant.lib.pages import render_page
from handleplan import cards
from handleplan.forms import ThemeForm
from handleplan.models import Status
from handleplan.polls import board_etag
from handleplan.queries import BoardExtras, board_extras, board_for, board_patch, stalled_actions


def _board_etag(ctx: AMGContext, *, revision: int | None = None) -> str:
    """Changes with every board write (which includes ideas arriving, meetings starting and
    ending), with what this member may do, the language and the day (deadlines turn overdue at
    midnight)."""
    revision = ctx.amg.board_revision if revision is None else revision
    return board_etag(
        ctx.amg.pk,
        revision,
        can_write=ctx.can_write,
        language=get_language(),
        today=timezone.localdate(),
    )


def _render_board(
    request: HttpRequest,
    ctx: AMGContext,
    *,
    theme_form: ThemeForm | None = None,
    status: int = 200,
    after_write: bool = False,
) -> HttpResponse:
    if after_write:
        ctx.amg.refresh_from_db(fields=["board_revision"])  # the write bumped it
    etag = _board_etag(ctx)
    if request.htmx and not request.htmx.boosted:
        html, _extras = _board_html(request, ctx, theme_form=theme_form)
        response = HttpResponse(html, status=status)
    else:
        html, extras = _board_html(request, ctx, theme_form=theme_form, token=False)
        context = {
            "ctx": ctx,
            "board_html": cards.BOARD_PLACEHOLDER,
            "etag": cards.ETAG_PLACEHOLDER,
            "csrf_token": cards.CSRF_PLACEHOLDER,
            "poll_url": reverse("board_poll", args=[ctx.amg.pk]),
            "poll_seconds": settings.BOARD_POLL_SECONDS,
            **extras,
        }
        page = cards.board_page(
            request,
            ctx,
            extras,
            lambda: render_to_string("handleplan/board.html", context, request=request),
            board=html,
            etag=etag,
            status=status,
        )
        response = HttpResponse(page, status=status)
    # The member's own change: their board already shows it, so their next poll is a 304.
    response["X-Board-ETag"] = etag
    return response


def _board_html(
    request: HttpRequest,
    ctx: AMGContext,
    *,
    theme_form: ThemeForm | None = None,
    token: bool = True,
) -> tuple[SafeString, dict[str, object]]:
    """The board partial and what the page shows around it (the stalled-card rule, a running
    meeting, the ideas waiting), from the cache when nothing changed (handleplan/cards.py).
    With `token=False` the CSRF placeholder stays in."""

    def context() -> dict[str, object]:
        now = timezone.now()
        extras = board_extras(ctx.amg)
        weeks = extras.stalled_weeks
        board = board_for(ctx.amg, now=now, stalled_weeks=weeks, stamps=True)
        cards.attach_board_html(ctx, board, stalled_weeks=weeks)
        stalled = list(stalled_actions(ctx.amg, now=now, weeks=weeks)) if extras.running else []
        return {
            "ctx": ctx,
            "board": board,
            "theme_form": theme_form or ThemeForm(amg=ctx.amg),
            "stalled": stalled,
            **extras.as_context(),
        }

    if theme_form is not None and theme_form.is_bound:  # a form with errors is never cached
        full = context()
        html = render_to_string(
            "handleplan/board.html#board", {**full, "csrf_token": cards.CSRF_PLACEHOLDER}
        )
        extras = {key: full[key] for key in BoardExtras.FIELDS}
        if token:
            html = cards.with_token(request, html)
        return mark_safe(html), extras  # noqa: S308 - our template
    return cards.board_html(request, ctx, context, keep=BoardExtras.FIELDS, token=token)


def _board_changed(
    request: HttpRequest, ctx: AMGContext, message: str, *, focus: str = ""
) -> HttpResponse:
    """After a write: htmx gets the fresh board (and the dialog closes); others a redirect.

    A form opened as a page of its own (a link opened in a new tab) has no board to update:
    the browser goes to the board instead."""
    board_url = reverse("board", args=[ctx.amg.pk])
    if not _on_board(request, ctx):
        messages.success(request, message)
        if request.htmx:
            return HttpResponseClientRedirect(board_url)
        return redirect(board_url)
    response = _render_board(request, ctx, after_write=True)
    retarget(response, "#board")
    reswap(response, "outerHTML")
    return trigger_client_event(
        response, "board:changed", {"message": message, "focus": focus[:80]}, after="settle"
    )


def _board_patched(
    request: HttpRequest,
    ctx: AMGContext,
    message: str,
    cells: set[tuple[int, str]],
    *,
    focus: str = "",
) -> HttpResponse:
    """After a move or an edit: only the cells, row heads and counts that changed, swapped in
    out of band, so the answer costs the same on a 10-card and a 200-card board."""
    if not _on_board(request, ctx):
        return _board_changed(request, ctx, message, focus=focus)
    now = timezone.now()
    extras = board_extras(ctx.amg).as_context()
    weeks = extras["stalled_weeks"]
    patch = board_patch(ctx.amg, cells, now=now, stalled_weeks=weeks)
    actions = [a for cell in patch.cells for a in cell.actions]
    cards.attach_card_html(request, ctx, actions, stalled_weeks=weeks)
    ctx.amg.refresh_from_db(fields=["board_revision"])
    context = {"ctx": ctx, "patch": patch, **extras}
    if extras["running"]:  # the meeting's bar lists the stalled cards: it changes too
        context["stalled"] = list(stalled_actions(ctx.amg, now=now, weeks=weeks))
    response = render(request, "handleplan/board.html#patch", context)
    return _patch_answered(request, ctx, response, message, focus)


def _rows_patched(
    request: HttpRequest,
    ctx: AMGContext,
    message: str,
    *,
    placed: Iterable[tuple[int, str]] = (),
    deleted: Iterable[int] = (),
    heads: Iterable[int] = (),
    theme_form: ThemeForm | None = None,
    focus: str = "",
) -> HttpResponse:
    """After a theme was added, moved, renamed or deleted: only its row, out of band. `placed`
    are (theme id, htmx swap, e.g. "beforeend:#board-rows") for whole rows with their cards
    (a new or moved row), `deleted` rows to remove, `heads` the row heads that changed (a
    name, or "Flyt op/ned" when a row became first or last); `theme_form` a fresh form."""
    if not _on_board(request, ctx):
        return _board_changed(request, ctx, message, focus=focus)
    placed, heads = dict(placed), set(heads)
    now = timezone.now()
    extras = board_extras(ctx.amg).as_context()
    weeks = extras["stalled_weeks"]
    cells = {(theme_id, status) for theme_id in placed for status in Status.values}
    patch = board_patch(ctx.amg, cells, now=now, stalled_weeks=weeks, heads=heads)
    rows = []
    for row in patch.rows:
        if row.theme.pk in placed:
            in_row = {c.status: c for c in patch.cells if c.theme.pk == row.theme.pk}
            row.cells = [in_row[status] for status in Status if status in in_row]
            row.where = placed[row.theme.pk]
            rows.append(row)
    actions = [a for row in rows for cell in row.cells for a in cell.actions]
    cards.attach_card_html(request, ctx, actions, stalled_weeks=weeks)
    ctx.amg.refresh_from_db(fields=["board_revision"])
    context = {
        "ctx": ctx,
        "patch": patch,
        "placed": rows,
        "deleted": list(deleted),
        "heads": heads,
        "theme_form": theme_form,
        **extras,
    }
    response = render(request, "handleplan/board.html#rows-patch", context)
    return _patch_answered(request, ctx, response, message, focus)


def _patch_answered(
    request: HttpRequest, ctx: AMGContext, response: HttpResponse, message: str, focus: str
) -> HttpResponse:
    # The member's board is current if it was current just before this write.
    before = _board_etag(ctx, revision=ctx.amg.board_revision - 1)
    if request.headers.get("X-Board-ETag") == before:
        response["X-Board-ETag"] = _board_etag(ctx)
    reswap(response, "none")
    return trigger_client_event(
        response, "board:changed", {"message": message, "focus": focus[:80]}, after="settle"
    )


def _on_board(request: HttpRequest, ctx: AMGContext) -> bool:
    """An htmx request from the board page itself (not a form opened as a page of its own)."""
    if not request.htmx:
        return False
    current = request.htmx.current_url
    return not current or urlsplit(current).path == reverse("board", args=[ctx.amg.pk])


def _board_conflict(request: HttpRequest, ctx: AMGContext, message: str) -> HttpResponse:
    """409 for a change based on a stale board: the member gets the board as it is now."""
    if not request.htmx:
        messages.error(request, message)
        return redirect("board", amg_id=ctx.amg.pk)
    response = _render_board(request, ctx, status=409, after_write=True)
    retarget(response, "#board")
    reswap(response, "outerHTML")
    return trigger_client_event(response, "board:error", {"message": message}, after="settle")


def _gone_is_a_conflict(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A write to a card or theme another member deleted meanwhile (`Gone`, raised by the
    service's locked re-read) answers like a stale move: 409 with the board as it is now and a
    message that says where the card is (the bin). The dialog stays open, so what this member
    typed is still there to copy."""

    @wraps(view)
    def answered(request: HttpRequest, amg_id: int, *args: object, **kw: object) -> HttpResponse:
        try:
            return view(request, amg_id, *args, **kw)
        except Gone as gone:
            return _board_conflict(request, amg_context(request, amg_id, write=True), gone.message)

    return answered


def _bad_request(
    request: HttpRequest, ctx: AMGContext, message: str, *, page: str = "board"
) -> HttpResponse:
    """A refused write: htmx gets 422 and a `board:error` message, nothing swapped; a form
    without JavaScript goes back to the page (the board, or the matrix) with the message."""
    if not request.htmx:
        messages.error(request, message)
        return redirect(page, amg_id=ctx.amg.pk)
    response = HttpResponse(status=422)
    reswap(response, "none")
    return trigger_client_event(response, "board:error", {"message": message})


def _render_dialog(
    request: HttpRequest, ctx: AMGContext, template: str, context: dict[str, object]
) -> HttpResponse:
    """Forms and details open in a dialog over the board, or as a page of their own without JS;
    422 when a bound form has errors (`render_page`)."""
    if request.htmx:
        template += "#dialog"
    return render_page(request, template, {"ctx": ctx, **context})
