"""A card's nudging plan (Metode 3)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from forkant.access import amg_context
from handleplan import services
from handleplan.forms import NudgePlanForm
from handleplan.models import Action
from handleplan.views.common import _board_changed, _gone_is_a_conflict, _render_dialog


@login_required
@require_http_methods(["GET", "POST"])
@_gone_is_a_conflict
def nudge_edit(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    action = ctx.get(Action, pk, Action.objects.select_related("nudge_plan"))
    plan = getattr(action, "nudge_plan", None)
    initial = (
        {
            "goal": plan.goal,
            "barriers": plan.barriers,
            "solution": plan.solution,
            "types": plan.types,
        }
        if plan
        else {}
    )
    form = NudgePlanForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.save_nudge_plan(action=action, **form.cleaned_data)
        return _board_changed(
            request, ctx, _("Nudging-planen for “%(title)s” er gemt.") % {"title": action.title}
        )
    return _render_dialog(
        request, ctx, "handleplan/nudge_form.html", {"form": form, "action": action}
    )
