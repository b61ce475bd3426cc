from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import parse_etags, quote_etag
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import reswap, retarget, trigger_client_event

from forkant.access import AMGContext, amg_context
from forkant.lib.release import wall_release
from forkant.models import Membership, WallScreen
from forkant.services import record_wall_screen_seen
from forkant.wallscreens import ScreenState, cached_fragment, screen_from_request
from handleplan import services
from handleplan.forms import ActionForm, MoveForm, TavlemoedeForm, ThemeForm
from handleplan.models import Action, Status, Theme
from handleplan.queries import Board, board_for, next_tavlemoede, wall_cell_limit

# The members' board -------------------------------------------------------------------------


@login_required
@require_GET
def board(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    return _render_board(request, ctx)


@login_required
@require_http_methods(["GET", "POST"])
def action_new(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    initial = {"status": Status.PARKERET}
    if request.GET.get("theme", "").isdigit():
        initial["theme"] = ctx.get(Theme, request.GET["theme"]).pk
    if request.GET.get("status") in Status.values:
        initial["status"] = request.GET["status"]
    form = ActionForm(request.POST or None, amg=ctx.amg, initial=initial)
    if request.method == "POST" and form.is_valid():
        action = services.create_action(amg=ctx.amg, **form.cleaned_data)
        return _board_changed(
            request, ctx, _("“%(title)s” er sat på tavlen.") % {"title": action.title}
        )
    return _render_dialog(request, ctx, "handleplan/action_form.html", {"form": form})


@login_required
@require_GET
def action_detail(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    action = ctx.get(Action, pk, Action.objects.select_related("theme", "responsible__user"))
    return _render_dialog(request, ctx, "handleplan/action_detail.html", {"action": action})


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    action = ctx.get(Action, pk)
    form = ActionForm(
        request.POST or None, amg=ctx.amg, initial=model_to_dict(action, services.EDITABLE_FIELDS)
    )
    if request.method == "POST" and form.is_valid():
        services.update_action(action=action, **form.cleaned_data)
        return _board_changed(request, ctx, _("Ændringerne er gemt."))
    return _render_dialog(
        request, ctx, "handleplan/action_form.html", {"form": form, "action": action}
    )


@login_required
@require_POST
def action_move(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    action = ctx.get(Action, pk)
    form = MoveForm(request.POST, amg=ctx.amg)
    if not form.is_valid():
        return _bad_request(
            request, ctx, _("Kortet kunne ikke flyttes: ukendt kolonne eller tema.")
        )
    services.move_action(
        action=action,
        status=form.cleaned_data["status"],
        theme=form.cleaned_data["theme"],
        index=form.cleaned_data["index"],
    )
    message = _("“%(title)s” er flyttet til %(column)s.") % {
        "title": action.title,
        "column": action.status_enum.label,
    }
    return _board_changed(request, ctx, message, focus=request.POST.get("focus", ""))


@login_required
@require_http_methods(["GET", "POST"])
def action_delete(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    action = ctx.get(Action, pk)
    if request.method == "POST":
        services.delete_action(action=action)
        return _board_changed(request, ctx, _("“%(title)s” er slettet.") % {"title": action.title})
    return _render_dialog(request, ctx, "handleplan/action_delete.html", {"action": action})


@login_required
@require_POST
def theme_new(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    form = ThemeForm(request.POST, amg=ctx.amg)
    if not form.is_valid():
        return _render_board(request, ctx, theme_form=form, status=422)
    theme = services.create_theme(amg=ctx.amg, name=form.cleaned_data["name"])
    return _board_changed(request, ctx, _("Temaet “%(name)s” er oprettet.") % {"name": theme.name})


@login_required
@require_http_methods(["GET", "POST"])
def theme_edit(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    theme = ctx.get(Theme, pk)
    form = ThemeForm(request.POST or None, amg=ctx.amg, theme=theme, initial={"name": theme.name})
    if request.method == "POST" and form.is_valid():
        services.rename_theme(theme=theme, name=form.cleaned_data["name"])
        return _board_changed(
            request, ctx, _("Temaet hedder nu “%(name)s”.") % {"name": theme.name}
        )
    return _render_dialog(
        request, ctx, "handleplan/theme_form.html", {"form": form, "theme": theme}
    )


@login_required
@require_POST
def theme_move(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    theme = ctx.get(Theme, pk)
    step = {"op": -1, "ned": 1}.get(request.POST.get("retning", ""))
    if step is None:
        return _bad_request(request, ctx, _("Vælg op eller ned."))
    services.move_theme(theme=theme, step=step)
    return _board_changed(
        request,
        ctx,
        _("Temaet “%(name)s” er flyttet.") % {"name": theme.name},
        focus=request.POST.get("focus", ""),
    )


@login_required
@require_POST
def theme_delete(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    theme = ctx.get(Theme, pk)
    try:
        services.delete_theme(theme=theme)
    except ValidationError as error:
        return _bad_request(request, ctx, error.messages[0])
    return _board_changed(request, ctx, _("Temaet “%(name)s” er slettet.") % {"name": theme.name})


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    now = timezone.now()
    meeting = next_tavlemoede(ctx.amg, now=now)
    initial = (
        {"starts_at": timezone.localtime(meeting.starts_at), "moedeleder": meeting.moedeleder}
        if meeting
        else {}
    )
    form = TavlemoedeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.set_next_tavlemoede(amg=ctx.amg, now=now, **form.cleaned_data)
        return _board_changed(request, ctx, _("Næste tavlemøde er gemt."))
    members = ctx.filter(Membership).select_related("user")
    return _render_dialog(
        request, ctx, "handleplan/meeting_form.html", {"form": form, "members": members}
    )


def _render_board(
    request: HttpRequest,
    ctx: AMGContext,
    *,
    theme_form: ThemeForm | None = None,
    status: int = 200,
) -> HttpResponse:
    template = "handleplan/board.html"
    if request.htmx and not request.htmx.boosted:
        template += "#board"
    context = {
        "ctx": ctx,
        "board": board_for(ctx.amg, now=timezone.now()),
        "theme_form": theme_form or ThemeForm(amg=ctx.amg),
    }
    return render(request, template, context, status=status)


def _board_changed(
    request: HttpRequest, ctx: AMGContext, message: str, *, focus: str = ""
) -> HttpResponse:
    """After a write: htmx gets the fresh board (and the dialog closes); others a redirect."""
    if not request.htmx:
        messages.success(request, message)
        return redirect("board", amg_id=ctx.amg.pk)
    response = _render_board(request, ctx)
    retarget(response, "#board")
    reswap(response, "outerHTML")
    return trigger_client_event(
        response, "board:changed", {"message": message, "focus": focus[:80]}, after="settle"
    )


def _bad_request(request: HttpRequest, ctx: AMGContext, message: str) -> HttpResponse:
    if not request.htmx:
        messages.error(request, message)
        return redirect("board", amg_id=ctx.amg.pk)
    response = HttpResponse(status=422)
    reswap(response, "none")
    return trigger_client_event(response, "board:error", {"message": message})


def _render_dialog(
    request: HttpRequest, ctx: AMGContext, template: str, context: dict[str, object]
) -> HttpResponse:
    """Forms and details open in a dialog over the board, or as a page of their own without JS."""
    form = context.get("form")
    status = 422 if form is not None and form.is_bound else 200  # type: ignore[attr-defined]
    if request.htmx:
        template += "#dialog"
    return render(request, template, {"ctx": ctx, **context}, status=status)


# The wall screen ----------------------------------------------------------------------------


@require_GET
def wall(request: HttpRequest) -> HttpResponse:
    lookup = screen_from_request(request)
    screen = lookup.screen
    if screen is None:
        revoked = lookup.state is ScreenState.REVOKED
        template = "wall_revoked.html" if revoked else "wall_not_paired.html"
        return render(request, f"handleplan/{template}", status=403)
    now = timezone.now()
    record_wall_screen_seen(screen=screen, now=now)
    response = render(
        request,
        "handleplan/wall.html",
        {
            "screen": screen,
            "board": _wall_board(screen, now=now),
            "etag": _wall_etag(screen, now=now),
            "release": wall_release(),
            "poll_url": reverse("wall_board"),
            "poll_seconds": settings.WALLSCREEN_POLL_SECONDS,
        },
    )
    patch_cache_control(response, no_store=True)
    return response


@require_GET
def wall_board(request: HttpRequest) -> HttpResponse:
    """The wall screen's poll: 304 when nothing changed, else the board fragment.

    An unchanged board costs one query (the screen with its AMG) and, at most once a minute, a
    small UPDATE of the screen's last-seen time.
    """
    lookup = screen_from_request(request)
    screen = lookup.screen
    if screen is None:
        return HttpResponse(status=403, headers={"X-Forkant-Screen": lookup.state.value})
    now = timezone.now()
    record_wall_screen_seen(screen=screen, now=now)
    etag = _wall_etag(screen, now=now)
    headers = {"ETag": etag, "X-Forkant-Release": wall_release()}
    if etag in parse_etags(request.headers.get("If-None-Match", "")):
        response = HttpResponse(status=304)
    else:
        html = cached_fragment(
            etag,
            lambda: render_to_string(
                "handleplan/wall.html#wall-board",
                {"screen": screen, "board": _wall_board(screen, now=now)},
                request,
            ),
        )
        response = HttpResponse(html)
    for header, value in headers.items():
        response[header] = value
    patch_cache_control(response, no_cache=True, private=True)
    return response


def _wall_board(screen: WallScreen, *, now: datetime.datetime) -> Board:
    board = board_for(screen.amg, now=now, public_only=True)
    board.limit_cells(wall_cell_limit(len(board.rows)))
    return board


def _wall_etag(screen: WallScreen, *, now: datetime.datetime) -> str:
    """Changes with every edit (the board revision), every quarter-hour (so "next tavlemøde"
    moves on after a meeting) and with every deploy that changes the wall's page (the release)."""
    local = timezone.localtime(now)
    return quote_etag(
        f"{screen.amg.pk}-{screen.amg.board_revision}-"
        f"{local:%Y%m%d%H}{local.minute // 15}-{wall_release()}"
    )
