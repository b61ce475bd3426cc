"""The board's themes (its rows): new, rename, move up or down, delete. Each answers with the
row that changed (`_rows_patched`), not the whole board: a board of many themes would otherwise
be sent whole for every new row."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import reswap, retarget

from forkant.access import AMGContext, amg_context
from handleplan import services
from handleplan.forms import ThemeForm
from handleplan.models import Theme
from handleplan.views.common import (
    _bad_request,
    _board_changed,
    _gone_is_a_conflict,
    _on_board,
    _render_board,
    _render_dialog,
    _rows_patched,
)


@login_required
@require_POST
def theme_new(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    form = ThemeForm(request.POST, amg=ctx.amg)
    last = ctx.filter(Theme).order_by("-position", "-pk").first()
    if form.is_valid():
        try:
            theme = services.create_theme(amg=ctx.amg, name=form.cleaned_data["name"])
        except ValidationError as refused:  # the board is full (handleplan.limits)
            form.add_error("name", refused.messages[0])
    if not form.is_valid():
        return _theme_form_refused(request, ctx, form)
    message = _("Temaet “%(name)s” er oprettet.") % {"name": theme.name}
    if last is None:  # the first row: the empty board's note goes too
        return _board_changed(request, ctx, message)
    return _rows_patched(
        request,
        ctx,
        message,
        placed=[(theme.pk, "beforeend:#board-rows")],
        heads=[last.pk],  # no longer the last row: it gets "Flyt ned"
        theme_form=ThemeForm(amg=ctx.amg),
        focus="new-theme-name",  # ready for the next one
    )


def _theme_form_refused(request: HttpRequest, ctx: AMGContext, form: ThemeForm) -> HttpResponse:
    """422 with the form and its errors only (the board around it stays as it is)."""
    if not _on_board(request, ctx):
        return _render_board(request, ctx, theme_form=form, status=422)
    response = render(
        request, "handleplan/board.html#theme-form", {"ctx": ctx, "theme_form": form}, status=422
    )
    retarget(response, "#theme-form")
    return reswap(response, "outerHTML")


@login_required
@require_http_methods(["GET", "POST"])
@_gone_is_a_conflict
def theme_edit(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    theme = ctx.get(Theme, pk)
    form = ThemeForm(request.POST or None, amg=ctx.amg, theme=theme, initial={"name": theme.name})
    if request.method == "POST" and form.is_valid():
        services.rename_theme(theme=theme, name=form.cleaned_data["name"])
        message = _("Temaet hedder nu “%(name)s”.") % {"name": theme.name}
        return _rows_patched(request, ctx, message, heads=[theme.pk])
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
    past = services.move_theme(theme=theme, step=step)
    message = _("Temaet “%(name)s” er flyttet.") % {"name": theme.name}
    focus = request.POST.get("focus", "") or f"theme-menu-{theme.pk}"  # its row's ⋯, moved
    if past is None:  # already at the edge: nothing changed
        return _rows_patched(request, ctx, message, focus=focus)
    where = f"{'afterend' if step == 1 else 'beforebegin'}:#row-{past.pk}"
    return _rows_patched(
        request,
        ctx,
        message,
        deleted=[theme.pk],
        placed=[(theme.pk, where)],
        heads=[past.pk],
        focus=focus,
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
    message = _("Temaet “%(name)s” er slettet.") % {"name": theme.name}
    themes = list(ctx.filter(Theme).order_by("position", "pk").values_list("pk", flat=True))
    if not themes:  # the last row: the board shows its empty note
        return _board_changed(request, ctx, message)
    # The rows that became the first or the last lose their "Flyt op" or "Flyt ned".
    return _rows_patched(request, ctx, message, deleted=[theme.pk], heads=[themes[0], themes[-1]])
