"""The annual evaluation's pages: the list, the guided page (a draft saved with or without
JavaScript), workplace input, goals that become actions, concluding, the PDF and the history."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from forkant.access import AMGContext, amg_context
from forkant.lib.dates import today
from forkant.lib.numbers import ascii_int
from forkant.lib.pages import render_page
from metoder.booklet import (
    BACK_QUESTIONS,
    DOORSTEP_QUESTIONS,
    FOUR_ADVICE,
    FOUR_ADVICE_SOURCE,
    REQUIREMENTS_SOURCE,
    TRAINING_RIGHT,
)
from metoder.evaluation import history, printing, queries, services
from metoder.evaluation.forms import (
    ConcludeForm,
    EvaluationForm,
    GoalForm,
    GoalsToActionsForm,
    InputForm,
)
from metoder.evaluation.models import AnnualEvaluation, EvaluationGoal, WorkplaceInput

GUIDE = {
    "back": BACK_QUESTIONS,
    "doorstep": DOORSTEP_QUESTIONS,
    "requirements_source": REQUIREMENTS_SOURCE,
    "training_right": TRAINING_RIGHT,
    "advice": FOUR_ADVICE,
    "advice_source": FOUR_ADVICE_SOURCE,
}


def _url(evaluation: AnnualEvaluation, fragment: str = "") -> str:
    url = reverse("evaluation_detail", args=[evaluation.amg_id, evaluation.pk])
    return f"{url}#{fragment}" if fragment else url


def _load(ctx: AMGContext, pk: object) -> AnnualEvaluation:
    return ctx.get(AnnualEvaluation, pk, AnnualEvaluation.objects.select_related("amg"))


def _page(
    request: HttpRequest,
    ctx: AMGContext,
    evaluation: AnnualEvaluation,
    *,
    status: int | None = None,
    **forms: BaseForm | None,
) -> HttpResponse:
    """The guided page; any bound form with errors makes it a 422 (nothing else is lost: the
    other parts are read from the database as saved)."""
    form = forms.get("form") or EvaluationForm(instance=evaluation)
    context: dict[str, object] = {
        "ctx": ctx,
        "evaluation": evaluation,
        "page": queries.evaluation_page(evaluation),
        "form": form,
        "input_form": forms.get("input_form") or InputForm(),
        "goal_form": forms.get("goal_form") or GoalForm(),
        "actions_form": forms.get("actions_form") or GoalsToActionsForm(evaluation=evaluation),
        "today": today(),
        "guide": GUIDE,
    }
    return render_page(request, "metoder/evaluation/detail.html", context, status=status)


@login_required
@require_GET
def evaluation_list(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    evaluations = queries.evaluations_of(ctx.amg)
    year = today().year
    return render(
        request,
        "metoder/evaluation/list.html",
        {
            "ctx": ctx,
            "evaluations": evaluations,
            "this_year": year,
            "has_this_year": any(e.year == year for e in evaluations),
            "has_last_year": any(e.year == year - 1 for e in evaluations),
        },
    )


@login_required
@require_POST
def evaluation_start(request: HttpRequest, amg_id: int) -> HttpResponse:
    """Start this year's evaluation (or, with year=last year, catch up on last year's)."""
    ctx = amg_context(request, amg_id, write=True)
    this_year = today().year
    raw = request.POST.get("year")
    year = (ascii_int(raw) or 0) if raw else this_year
    if year not in (this_year, this_year - 1):
        messages.error(request, _("Vælg i år eller sidste år."))
        response = redirect("evaluation_list", amg_id=ctx.amg.pk)
        response.status_code = 303
        return response
    evaluation = services.start_evaluation(amg=ctx.amg, year=year)
    return redirect(_url(evaluation))


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_detail(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=request.method == "POST")
    evaluation = _load(ctx, pk)
    if request.method == "GET":
        return _page(request, ctx, evaluation)
    if evaluation.is_concluded:
        return _refused(request, ctx, services.EvaluationConcluded(), evaluation)
    form = EvaluationForm(request.POST, instance=evaluation)
    if not form.is_valid():
        if request.htmx:
            return _save_status(request, evaluation, form=form, status=422)
        return _page(request, ctx, evaluation, form=form)
    data = {name: form.cleaned_data[name] for name in services.DRAFT_FIELDS}
    # A form without a version (an old page, a script) saves without the check.
    expected = form.cleaned_data.get("version")
    try:
        services.save_draft(
            evaluation=evaluation,
            expected_version=expected,
            answers=form.answers(),
            editor=request.user,
            **data,
        )
    except services.StaleEvaluation as stale:
        return _stale(request, ctx, evaluation, form, stale.current)
    if request.htmx:
        return _save_status(request, evaluation)
    messages.success(request, _("Kladden er gemt."))
    return redirect(_url(evaluation))


def _save_status(
    request: HttpRequest,
    evaluation: AnnualEvaluation,
    *,
    form: EvaluationForm | None = None,
    status: int = 200,
    stale_by: str = "",
) -> HttpResponse:
    return render(
        request,
        "metoder/evaluation/_save_status.html",
        {
            "evaluation": evaluation,
            "form": form,
            "saved_at": timezone.localtime(),
            "stale_by": stale_by,
        },
        status=status,
    )


def _stale(
    request: HttpRequest,
    ctx: AMGContext,
    evaluation: AnnualEvaluation,
    form: EvaluationForm,
    current: AnnualEvaluation,
) -> HttpResponse:
    """Someone saved in between: nothing is overwritten, and the member's text is kept."""
    who = queries.last_editor(current)
    if request.htmx:
        return _save_status(request, current, status=409, stale_by=who)
    messages.error(
        request,
        _(
            "%(who)s har gemt evalueringen, mens du skrev. Din tekst er ikke gemt endnu: "
            "se den igennem og gem igen for at overskrive."
        )
        % {"who": who},
    )
    data = request.POST.copy()
    data["version"] = str(current.version)
    return _page(request, ctx, current, form=EvaluationForm(data, instance=current), status=409)


def _refused(
    request: HttpRequest, ctx: AMGContext, error: ValidationError, evaluation: AnnualEvaluation
) -> HttpResponse:
    """A write the evaluation's state does not allow (it is concluded): the page, saying why."""
    messages.error(request, " ".join(error.messages))
    evaluation.refresh_from_db()
    return _page(request, ctx, evaluation, status=409)


@login_required
@require_POST
def evaluation_input_add(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    return _add(
        request,
        amg_id,
        pk,
        form_class=InputForm,
        form_name="input_form",
        add=services.add_input,
        done=_("Input fra arbejdspladsen er tilføjet."),
        part="input",
    )


@login_required
@require_POST
def evaluation_input_delete(
    request: HttpRequest, amg_id: int, pk: int, item_pk: int
) -> HttpResponse:
    return _delete(
        request,
        amg_id,
        pk,
        model=WorkplaceInput,
        item_pk=item_pk,
        delete=lambda item: services.delete_input(item=item),
        done=_("Input er slettet. Det kan findes i historikken."),
        part="input",
    )


@login_required
@require_POST
def evaluation_goal_add(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    return _add(
        request,
        amg_id,
        pk,
        form_class=GoalForm,
        form_name="goal_form",
        add=services.add_goal,
        done=_("Målet er tilføjet."),
        part="maal",
    )


@login_required
@require_POST
def evaluation_goal_delete(
    request: HttpRequest, amg_id: int, pk: int, goal_pk: int
) -> HttpResponse:
    return _delete(
        request,
        amg_id,
        pk,
        model=EvaluationGoal,
        item_pk=goal_pk,
        delete=lambda goal: services.delete_goal(goal=goal),
        done=_("Målet er slettet."),
        part="maal",
    )


def _add(
    request: HttpRequest,
    amg_id: int,
    pk: int,
    *,
    form_class: type[BaseForm],
    form_name: str,
    add: Callable[..., object],
    done: str,
    part: str,
) -> HttpResponse:
    """Workplace input or a goal: invalid, the page with the form's errors (422); else added,
    and back to its part of the page."""
    ctx = amg_context(request, amg_id, write=True)
    evaluation = _load(ctx, pk)
    form = form_class(request.POST)
    if not form.is_valid():
        return _page(request, ctx, evaluation, **{form_name: form})
    return _written(
        request,
        ctx,
        evaluation,
        lambda: add(evaluation=evaluation, **form.cleaned_data),
        done,
        part,
    )


def _delete(
    request: HttpRequest,
    amg_id: int,
    pk: int,
    *,
    model: type[WorkplaceInput | EvaluationGoal],
    item_pk: int,
    delete: Callable[[Any], object],
    done: str,
    part: str,
) -> HttpResponse:
    """Workplace input or a goal of this evaluation (404 for another's), deleted."""
    ctx = amg_context(request, amg_id, write=True)
    evaluation = _load(ctx, pk)
    item = ctx.get(model, item_pk, ctx.filter(model).filter(evaluation=evaluation))
    return _written(request, ctx, evaluation, lambda: delete(item), done, part)


def _written(
    request: HttpRequest,
    ctx: AMGContext,
    evaluation: AnnualEvaluation,
    write: Callable[[], object],
    done: str,
    part: str,
) -> HttpResponse:
    """Back to the part of the page after a write; a write the evaluation's state refuses: the
    page, saying why (409)."""
    try:
        write()
    except ValidationError as error:
        return _refused(request, ctx, error, evaluation)
    messages.success(request, done)
    return redirect(_url(evaluation, part))


@login_required
@require_POST
def evaluation_goals_to_actions(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    evaluation = _load(ctx, pk)
    form = GoalsToActionsForm(request.POST, evaluation=evaluation)
    if not form.is_valid():
        return _page(request, ctx, evaluation, actions_form=form)
    try:
        made = services.goals_to_actions(
            evaluation=evaluation,
            goals=list(form.cleaned_data["goals"]),
            theme=form.cleaned_data["theme"],
            status=form.cleaned_data["status"],
        )
    except ValidationError as error:
        return _refused(request, ctx, error, evaluation)
    messages.success(
        request,
        ngettext(
            "%(n)s mål er sat på tavlen under “%(theme)s”.",
            "%(n)s mål er sat på tavlen under “%(theme)s”.",
            len(made),
        )
        % {"n": len(made), "theme": form.cleaned_data["theme"].name},
    )
    return redirect(_url(evaluation, "maal"))


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_conclude(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    """A page of its own asks first (with or without JavaScript): the date and who took part."""
    ctx = amg_context(request, amg_id, write=True)
    evaluation = _load(ctx, pk)
    if evaluation.is_concluded:
        messages.info(request, _("Evalueringen er allerede afsluttet."))
        return redirect(_url(evaluation))
    form = ConcludeForm(request.POST or None, amg=ctx.amg, today=today())
    missing = services.missing_points(evaluation)
    if request.method == "POST" and form.is_valid() and not missing:
        data = form.cleaned_data
        try:
            services.conclude(
                evaluation=evaluation,
                held_on=data["held_on"],
                participants=list(data["participants"]),
                other_participants=data["other_participants"],
                now=timezone.now(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Drøftelsen er afsluttet og gemt som referat i dokumentationen.")
            )
            return redirect(_url(evaluation))
    # A post that gets here was refused, also when only required points are missing.
    return render_page(
        request,
        "metoder/evaluation/conclude.html",
        {"ctx": ctx, "evaluation": evaluation, "form": form, "missing": missing},
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_reopen(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    evaluation = _load(ctx, pk)
    if not evaluation.is_concluded:
        return redirect(_url(evaluation))
    if request.method == "POST":
        services.reopen(evaluation=evaluation)
        messages.success(
            request, _("Evalueringen er genåbnet. Det afsluttede referat er i historikken.")
        )
        return redirect(_url(evaluation))
    return render(request, "metoder/evaluation/reopen.html", {"ctx": ctx, "evaluation": evaluation})


@login_required
@require_GET
def evaluation_pdf(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    evaluation = _load(ctx, pk)
    response = HttpResponse(printing.render_pdf(evaluation), content_type="application/pdf")
    name = f"arlig-arbejdsmiljodroftelse-{evaluation.year}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_GET
def evaluation_history(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    evaluation = _load(ctx, pk)
    versions = history.evaluation_versions(evaluation)
    if not versions:
        raise Http404
    return render(
        request,
        "metoder/evaluation/history.html",
        {
            "ctx": ctx,
            "evaluation": evaluation,
            "versions": versions,
            "removed": queries.removed_parts(evaluation),
        },
    )
