"""Opfølgning on an action on the board: its follow-up and whether it worked."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from apv import services
from apv.forms import EvaluationForm, FollowUpForm
from apv.views.common import _form_page
from forkant.access import AMGContext, amg_context
from forkant.lib.dates import today
from handleplan.models import Action


@login_required
@require_http_methods(["GET", "POST"])
def follow_up_edit(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    action = ctx.get(Action, pk)
    back = _back(request, ctx)
    form = FollowUpForm(request.POST or None, instance=action)
    if request.method == "POST" and form.is_valid():
        services.set_follow_up(action=action, **form.cleaned_data)
        messages.success(request, _("Opfølgningen er gemt."))
        return redirect(back)
    return _form_page(
        request,
        ctx,
        form,
        title=_("Opfølgning på “%(title)s”") % {"title": action.title},
        back=back,
        submit=_("Gem"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_new(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    action = ctx.get(Action, pk)
    back = _back(request, ctx)
    who = ctx.membership.display_name if ctx.membership else ""
    form = EvaluationForm(request.POST or None, initial={"date": today(), "who": who})
    if request.method == "POST" and form.is_valid():
        services.add_evaluation(action=action, **form.cleaned_data)
        messages.success(request, _("Evalueringen er gemt."))
        return redirect(back)
    return _form_page(
        request,
        ctx,
        form,
        title=_("Har “%(title)s” virket?") % {"title": action.title},
        back=back,
        submit=_("Gem evalueringen"),
    )


def _back(request: HttpRequest, ctx: AMGContext) -> str:
    """The page the member came from (?tilbage=, a page of this AMG only), else the board."""
    back = request.GET.get("tilbage", "")
    if not back.startswith(f"/amg/{ctx.amg.pk}/"):
        back = reverse("board", args=[ctx.amg.pk])
    return back
