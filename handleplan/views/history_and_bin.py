"""A card's history and restoring an earlier version; the bin, from which deleted cards and
themes come back."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from forkant.access import AMGContext, amg_context
from handleplan import history, services
from handleplan.models import Action, Theme
from handleplan.views.common import (
    _bad_request,
    _board_changed,
    _gone_is_a_conflict,
    _render_dialog,
)


@login_required
@require_GET
def action_history(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    action = ctx.get(Action, pk)
    versions = history.action_versions(ctx.amg, action.pk)
    return _render_dialog(
        request, ctx, "handleplan/action_history.html", {"action": action, "versions": versions}
    )


@login_required
@require_POST
@_gone_is_a_conflict
def action_restore(request: HttpRequest, amg_id: int, pk: int, history_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    action = ctx.get(Action, pk)
    record = ctx.get(Action.history.model, history_id)
    try:
        services.restore_action_version(action=action, record=record)
    except ValidationError as error:
        return _bad_request(request, ctx, error.messages[0])
    return _board_changed(
        request,
        ctx,
        _("“%(title)s” er gendannet, som det var %(when)s.")
        % {
            "title": action.title,
            "when": date_format(timezone.localtime(record.history_date), "j. F H.i"),
        },
    )


@login_required
@require_GET
def bin_list(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    actions, themes = history.binned(ctx.amg)
    return render(
        request, "handleplan/bin.html", {"ctx": ctx, "actions": actions, "themes": themes}
    )


@login_required
@require_POST
def bin_restore_action(request: HttpRequest, amg_id: int, history_id: int) -> HttpResponse:
    def restore(ctx: AMGContext, record: models.Model) -> str:
        action = services.restore_deleted_action(
            amg=ctx.amg,
            record=record,
            theme_record=history.last_theme_record(ctx.amg, record.theme_id),  # type: ignore[attr-defined]
        )
        return _("“%(title)s” er tilbage på tavlen.") % {"title": action.title}

    return _restore_from_bin(request, amg_id, Action, history_id, restore)


@login_required
@require_POST
def bin_restore_theme(request: HttpRequest, amg_id: int, history_id: int) -> HttpResponse:
    def restore(ctx: AMGContext, record: models.Model) -> str:
        theme = services.restore_deleted_theme(amg=ctx.amg, record=record)
        return _("Temaet “%(name)s” er tilbage på tavlen.") % {"name": theme.name}

    return _restore_from_bin(request, amg_id, Theme, history_id, restore)


def _restore_from_bin(
    request: HttpRequest,
    amg_id: int,
    model: type[Action | Theme],
    history_id: int,
    restore: Callable[[AMGContext, models.Model], str],
) -> HttpResponse:
    """A deleted card or theme back from the bin (404 for a history row that is no deletion);
    back to the bin with what `restore` says, or why not."""
    ctx = amg_context(request, amg_id, write=True)
    record = ctx.get(model.history.model, history_id)
    if record.history_type != "-":
        raise Http404
    try:
        message = restore(ctx, record)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, message)
    return redirect("bin", amg_id=ctx.amg.pk)
