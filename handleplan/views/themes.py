"""The board's themes (its rows): new, rename, move up or down, delete."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from forkant.access import amg_context
from handleplan import services
from handleplan.forms import ThemeForm
from handleplan.models import Theme
from handleplan.views.common import (
    _bad_request,
    _board_changed,
    _gone_is_a_conflict,
    _render_board,
    _render_dialog,
)


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
@_gone_is_a_conflict
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
@_gone_is_a_conflict
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
@_gone_is_a_conflict
def theme_delete(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    theme = ctx.get(Theme, pk)
    try:
        services.delete_theme(theme=theme)
    except ValidationError as error:
        return _bad_request(request, ctx, error.messages[0])
    return _board_changed(request, ctx, _("Temaet “%(name)s” er slettet.") % {"name": theme.name})
