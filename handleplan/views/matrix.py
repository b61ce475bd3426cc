"""The effect × reach matrix (Metode 6): placing ideas and cards, and deciding on them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import reswap, retarget, trigger_client_event

from forkant.access import AMGContext, amg_context
from handleplan import services
from handleplan.forms import DecisionForm, PlacementForm
from handleplan.models import Action, Decision, Effect, Idea, Radius, Reach, Theme
from handleplan.queries import matrix_for
from handleplan.views.common import _bad_request

MATRIX_KINDS = {"handling": Action, "ide": Idea}


@login_required
@require_GET
def matrix(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    return _render_matrix(request, ctx)


@login_required
@require_POST
def matrix_place(request: HttpRequest, amg_id: int, kind: str, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    item = _matrix_item(ctx, kind, pk)
    form = PlacementForm(request.POST)
    if not form.is_valid():
        return _bad_request(
            request, ctx, form.errors.get("__all__", [_("Ukendt placering.")])[0], page="matrix"
        )
    try:
        services.place_on_matrix(item=item, **form.cleaned_data)
    except ValidationError as error:
        return _bad_request(request, ctx, error.messages[0], page="matrix")
    title = item.title if isinstance(item, Action) else item.short_text
    if form.cleaned_data["effect"]:
        message = _("“%(title)s” er placeret: %(effect)s, %(reach)s.") % {
            "title": title,
            "effect": Effect(form.cleaned_data["effect"]).label.lower(),
            "reach": Reach(form.cleaned_data["reach"]).label.lower(),
        }
    else:
        message = _("“%(title)s” er taget af matricen.") % {"title": title}
    return _matrix_changed(request, ctx, message, focus=request.POST.get("focus", ""))


@login_required
@require_POST
def matrix_decide(request: HttpRequest, amg_id: int, kind: str, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    item = _matrix_item(ctx, kind, pk)
    form = DecisionForm(request.POST, amg=ctx.amg)
    if not form.is_valid():
        return _bad_request(request, ctx, _("Ukendt beslutning."), page="matrix")
    decision = form.cleaned_data["decision"]
    try:
        if isinstance(item, Idea):
            theme = form.cleaned_data["theme"]
            if theme is None:
                return _bad_request(request, ctx, _("Vælg et tema til kortet."), page="matrix")
            action = services.decide_idea(
                idea=item, decision=decision, theme=theme, by=ctx.membership, now=timezone.now()
            )
        else:
            action = services.decide_action(action=item, decision=decision)
    except ValidationError as error:
        return _bad_request(request, ctx, error.messages[0], page="matrix")
    message = _("“%(title)s”: %(decision)s.") % {
        "title": action.title,
        "decision": Decision(decision).label,
    }
    return _matrix_changed(request, ctx, message)


def _matrix_item(ctx: AMGContext, kind: str, pk: int) -> Action | Idea:
    model = MATRIX_KINDS.get(kind)
    if model is None:
        raise Http404
    return ctx.get(model, pk)


def _render_matrix(request: HttpRequest, ctx: AMGContext, status: int = 200) -> HttpResponse:
    template = "handleplan/matrix.html"
    if request.htmx:
        template += "#matrix"
    context = {
        "ctx": ctx,
        "matrix": matrix_for(ctx.amg),
        "themes": list(ctx.filter(Theme).order_by("position", "pk")),
        "effects": Effect.choices,
        "reaches": Reach.choices,
        "radii": Radius.choices,
        "decisions": Decision.choices,
    }
    return render(request, template, context, status=status)


def _matrix_changed(
    request: HttpRequest, ctx: AMGContext, message: str, *, focus: str = ""
) -> HttpResponse:
    if not request.htmx:
        messages.success(request, message)
        return redirect("matrix", amg_id=ctx.amg.pk)
    response = _render_matrix(request, ctx)
    retarget(response, "#matrix")
    reswap(response, "outerHTML")
    return trigger_client_event(
        response, "board:changed", {"message": message, "focus": focus[:80]}, after="settle"
    )
