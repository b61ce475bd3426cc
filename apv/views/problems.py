"""Analyse: the APV's problems, their risk, and turning a problem into actions on the board."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apv import charts, services
from apv.forms import ProblemForm, ProblemToActionsForm
from apv.models import Problem
from apv.views.common import _apv, _form_page, _page, _refused
from forkant.access import amg_context


@login_required
@require_http_methods(["GET", "POST"])
def problem_new(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx, apv = _apv(request, amg_id, pk, write=True)
    form = ProblemForm(request.POST or None, amg=ctx.amg)
    back = reverse("part_analyse", args=[ctx.amg.pk, apv.pk])
    if request.method == "POST" and form.is_valid():
        try:
            problem = services.save_problem(apv=apv, **form.cleaned_data)
        except ValidationError as error:
            return _refused(request, error, back)
        messages.success(request, _("Problemet er gemt."))
        return redirect("problem_detail", amg_id=ctx.amg.pk, pk=problem.pk)
    return _form_page(
        request, ctx, form, title=_("Nyt problem"), back=back, submit=_("Gem problemet"), apv=apv
    )


@login_required
@require_GET
def problem_detail(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    problem = ctx.get(Problem, pk, Problem.objects.select_related("apv", "area"))
    actions = list(problem.actions.select_related("responsible__user", "theme").order_by("pk"))
    return _page(
        request,
        ctx,
        "apv/problem_detail.html",
        {
            "problem": problem,
            "apv": problem.apv,
            "actions": actions,
            "matrix": charts.risk_matrix(
                {(problem.probability, problem.consequence): 1}, label=problem.severity
            ),
            "to_actions_form": ProblemToActionsForm(amg=ctx.amg, initial={"titles": problem.title}),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def problem_edit(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    problem = ctx.get(Problem, pk, Problem.objects.select_related("apv"))
    back = reverse("problem_detail", args=[ctx.amg.pk, problem.pk])
    form = ProblemForm(request.POST or None, amg=ctx.amg, instance=problem)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_problem(apv=problem.apv, problem=problem, **form.cleaned_data)
        except ValidationError as error:
            return _refused(request, error, back)
        messages.success(request, _("Problemet er gemt."))
        return redirect(back)
    return _form_page(
        request, ctx, form, title=_("Ret problemet"), back=back, submit=_("Gem"), apv=problem.apv
    )


@login_required
@require_POST
def problem_to_actions(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    problem = ctx.get(Problem, pk, Problem.objects.select_related("apv"))
    back = reverse("problem_detail", args=[ctx.amg.pk, problem.pk])
    form = ProblemToActionsForm(request.POST, amg=ctx.amg)
    if not form.is_valid():
        return _form_page(
            request,
            ctx,
            form,
            title=_("Gør problemet til handlinger"),
            back=back,
            submit=_("Sæt på tavlen"),
            apv=problem.apv,
        )
    try:
        actions = services.problem_to_actions(
            problem=problem,
            titles=form.lines(),
            theme=form.cleaned_data["theme"],
            responsible=form.cleaned_data["responsible"],
            deadline=form.cleaned_data["deadline"],
        )
    except ValidationError as error:
        return _refused(request, error, back)
    messages.success(
        request,
        ngettext(
            "%(n)s handling er sat på tavlen.", "%(n)s handlinger er sat på tavlen.", len(actions)
        )
        % {"n": len(actions)},
    )
    return redirect(back)
