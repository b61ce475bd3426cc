"""The board's cards: new, detail, edit (with the conflict when someone saved first), move
and delete."""

from __future__ import annotations

import datetime

from django.contrib.auth.decorators import login_required
from django.db.models import OuterRef
from django.forms.models import model_to_dict
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from forkant.access import AMGContext, amg_context
from forkant.lib.numbers import is_ascii_digits
from handleplan import annotations, history, services
from handleplan.forms import ActionForm, MoveForm
from handleplan.models import Action, Status, Theme
from handleplan.queries import raised_by, stalled_weeks_of
from handleplan.views.common import (
    _bad_request,
    _board_changed,
    _board_conflict,
    _board_patched,
    _render_dialog,
)


@login_required
@require_http_methods(["GET", "POST"])
def action_new(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    initial = {"status": Status.PARKERET}
    if is_ascii_digits(request.GET.get("theme", "")):
        initial["theme"] = ctx.get(Theme, request.GET["theme"]).pk
    if request.GET.get("status") in Status.values:
        initial["status"] = request.GET["status"]
    form = ActionForm(request.POST or None, amg=ctx.amg, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        action = services.create_action(amg=ctx.amg, **fields)
        return _board_changed(
            request, ctx, _("“%(title)s” er sat på tavlen.") % {"title": action.title}
        )
    return _render_dialog(request, ctx, "handleplan/action_form.html", {"form": form})


@login_required
@require_GET
def action_detail(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    action = ctx.get(
        Action,
        pk,
        Action.objects.select_related("theme", "responsible__user", "nudge_plan").annotate(
            raised_by=raised_by(OuterRef("pk"))
        ),
    )
    action.marks = annotations.marks_for(ctx.amg, [action.pk]).get(action.pk, [])
    if action.status in Status.in_progress():  # a stalled card: what higher layers offer on it
        weeks = stalled_weeks_of(ctx.amg)
        action.stalled = action.moved_at < timezone.now() - datetime.timedelta(weeks=weeks)
        if action.stalled:
            action.marks = action.marks + annotations.stalled_marks(ctx.amg, action)
    return _render_dialog(request, ctx, "handleplan/action_detail.html", {"action": action})


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    action = ctx.get(Action, pk)
    initial = {**model_to_dict(action, services.EDITABLE_FIELDS), "version": action.version}
    form = ActionForm(request.POST or None, amg=ctx.amg, initial=initial)
    if request.method == "POST" and form.is_valid():
        changes = dict(form.cleaned_data)
        base = changes.pop("version")  # the version the form was filled in from
        old_cell = (action.theme_id, action.status)
        theirs = history.changed_since(action, base) if base else []
        try:
            services.update_action(action=action, base_version=base, **changes)
        except history.EditConflict as conflict:
            return _render_conflict(request, ctx, conflict)
        message = _("Ændringerne er gemt.")
        if theirs:  # someone saved meanwhile, and none of it clashed: merged
            message += " " + _("Det, %(who)s ændrede imens (%(fields)s), er bevaret.") % {
                "who": history.last_editor(ctx.amg, action.pk, before=action.version),
                "fields": history.changed_labels(theirs),
            }
        cells = {old_cell, (action.theme_id, action.status)}
        return _board_patched(request, ctx, message, cells)
    return _render_dialog(
        request, ctx, "handleplan/action_form.html", {"form": form, "action": action}
    )


def _render_conflict(
    request: HttpRequest, ctx: AMGContext, error: history.EditConflict
) -> HttpResponse:
    """409: someone saved the card first and changed a field this member changed too. Only
    those fields, side by side; the rest of the member's changes go with either choice."""
    conflict = history.Conflict.of(ctx.amg, error)
    version = {"version": error.current.version}
    mine = ActionForm(amg=ctx.amg, initial={**conflict.mine_initial, **version})
    theirs = ActionForm(amg=ctx.amg, initial={**conflict.theirs_initial, **version}, auto_id=False)
    template = "handleplan/action_conflict.html" + ("#dialog" if request.htmx else "")
    context = {
        "ctx": ctx,
        "action": error.current,
        "form": mine,
        "theirs_form": theirs,
        "conflict": conflict,
    }
    return render(request, template, context, status=409)


@login_required
@require_POST
def action_move(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    action = ctx.get(Action, pk)
    form = MoveForm(request.POST, amg=ctx.amg)
    old_cell = (action.theme_id, action.status)
    if not form.is_valid():
        return _bad_request(
            request, ctx, _("Kortet kunne ikke flyttes: ukendt kolonne eller tema.")
        )
    try:
        services.move_action(
            action=action,
            status=form.cleaned_data["status"],
            theme=form.cleaned_data["theme"],
            index=form.cleaned_data["index"],
            expected_version=form.cleaned_data["version"],
        )
    except services.StaleVersion as stale:
        message = _(
            "“%(title)s” er lige blevet ændret af %(who)s, så kortet er ikke flyttet. "
            "Tavlen viser nu, hvordan det ser ud – flyt det igen, hvis det stadig skal."
        ) % {"title": stale.current.title, "who": history.last_editor(ctx.amg, stale.current.pk)}
        return _board_conflict(request, ctx, message)
    message = _("“%(title)s” er flyttet til %(column)s.") % {
        "title": action.title,
        "column": action.status_enum.label,
    }
    cells = {old_cell, (action.theme_id, action.status)}
    return _board_patched(request, ctx, message, cells, focus=request.POST.get("focus", ""))


@login_required
@require_http_methods(["GET", "POST"])
def action_delete(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    action = ctx.get(Action, pk)
    if request.method == "POST":
        services.delete_action(action=action)
        return _board_changed(
            request,
            ctx,
            _("“%(title)s” er lagt i papirkurven, hvor det kan gendannes.")
            % {"title": action.title},
        )
    return _render_dialog(request, ctx, "handleplan/action_delete.html", {"action": action})
