"""The members' board: the page, its live poll (304 while the ETag holds), the A3 poster
and the CSV and Excel exports."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import parse_etags
from django.views.decorators.http import require_GET

from forkant import revisions
from forkant.access import AMGContext, amg_context
from handleplan import export, poster
from handleplan.polls import board_headers
from handleplan.views.common import _board_etag, _board_html, _render_board


@login_required
@require_GET
def board(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    return _render_board(request, ctx)


@login_required
@require_GET
def board_poll(request: HttpRequest, amg_id: int) -> HttpResponse:
    """A member's open board asks every few seconds: 304 when nothing changed, else the board.

    An unchanged board is usually answered before this view, from the cache, for a session this
    view has checked (`handleplan.polls.UnchangedPollMiddleware`)."""
    ctx = amg_context(request, amg_id)
    if request.session.session_key:
        revisions.remember_viewer(request.session.session_key, ctx.amg.pk, can_write=ctx.can_write)
    revisions.remember_revision(ctx.amg.pk, ctx.amg.board_revision)
    etag = _board_etag(ctx)
    if etag in parse_etags(request.headers.get("If-None-Match", "")):
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(_board_html(request, ctx)[0])
    return board_headers(response, etag)


@login_required
@require_GET
def board_poster(request: HttpRequest, amg_id: int) -> HttpResponse:
    """The public board as an A3 landscape PDF, to print and hang up."""
    ctx = amg_context(request, amg_id)
    now = timezone.now()
    response = HttpResponse(poster.render_poster_pdf(ctx.amg.pk, now=now), "application/pdf")
    filename = poster.poster_filename(ctx.amg, now)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    patch_cache_control(response, private=True, no_store=True)
    return response


@login_required
@require_GET
def export_csv(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    return _download(export.as_csv(ctx.amg), "text/csv; charset=utf-8", ctx, "csv")


@login_required
@require_GET
def export_xlsx(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    return _download(export.as_xlsx(ctx.amg), export.XLSX_TYPE, ctx, "xlsx")


def _download(content: bytes, content_type: str, ctx: AMGContext, extension: str) -> HttpResponse:
    name = export.filename(ctx.amg, extension, today=timezone.localdate())
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    patch_cache_control(response, private=True, no_store=True)
    return response
