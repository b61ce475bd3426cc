"""Risikovurderinger: the list, new and edit, the content of each kind, an action from an
assessment, and the PDF."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apv import catalogue, queries, services
from apv.forms import (
    ChangeRowFormSet,
    RiskAssessmentForm,
    RiskToActionForm,
    TaskRowFormSet,
    VoldAnswersForm,
)
from apv.models import RiskAssessment
from apv.pdfs import render_risk_assessment_pdf
from apv.views.common import _form_page, _page
from forkant.access import amg_context
from forkant.lib.dates import today
from forkant.lib.pages import render_page


@login_required
@require_GET
def risk_list(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    return _page(
        request,
        ctx,
        "apv/risk_list.html",
        {"assessments": ctx.filter(RiskAssessment), "kinds": RiskAssessment.Kind.choices},
    )


@login_required
@require_http_methods(["GET", "POST"])
def risk_new(request: HttpRequest, amg_id: int, kind: str) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    if kind not in RiskAssessment.Kind.values:
        raise Http404
    latest = queries.latest_apv(ctx.amg)
    form = RiskAssessmentForm(
        request.POST or None,
        amg=ctx.amg,
        kind=kind,
        initial={"date": today(), "apv": latest.pk if latest else None},
    )
    back = reverse("risk_list", args=[ctx.amg.pk])
    if request.method == "POST" and form.is_valid():
        assessment = services.save_risk_assessment(amg=ctx.amg, kind=kind, **form.cleaned_data)
        messages.success(request, _("Risikovurderingen er gemt."))
        return redirect("risk_detail", amg_id=ctx.amg.pk, pk=assessment.pk)
    return _form_page(
        request,
        ctx,
        form,
        title=str(RiskAssessment.Kind(kind).label),
        back=back,
        submit=_("Gem"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def risk_edit(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    assessment = ctx.get(RiskAssessment, pk)
    back = reverse("risk_detail", args=[ctx.amg.pk, assessment.pk])
    form = RiskAssessmentForm(
        request.POST or None, amg=ctx.amg, kind=assessment.kind, instance=assessment
    )
    if request.method == "POST" and form.is_valid():
        services.save_risk_assessment(amg=ctx.amg, assessment=assessment, **form.cleaned_data)
        messages.success(request, _("Risikovurderingen er gemt."))
        return redirect(back)
    return _form_page(request, ctx, form, title=assessment.title, back=back, submit=_("Gem"))


@login_required
@require_GET
def risk_detail(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    assessment = ctx.get(RiskAssessment, pk, RiskAssessment.objects.select_related("apv"))
    return _page(
        request,
        ctx,
        "apv/risk_detail.html",
        {
            "a": assessment,
            "rows": list(assessment.rows.all()),
            "tasks": list(assessment.tasks.all()),
            "answers": [(q, assessment.answers.get(q.code, "")) for q in catalogue.VOLD_QUESTIONS],
            "actions": list(assessment.actions.select_related("responsible__user")),
            "action_form": RiskToActionForm(amg=ctx.amg),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def risk_content(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    """The rows of a change assessment, the answers about violence, or the team's task balance."""
    ctx = amg_context(request, amg_id, write=True)
    assessment = ctx.get(RiskAssessment, pk)
    back = reverse("risk_detail", args=[ctx.amg.pk, assessment.pk])
    data = request.POST or None
    kind = assessment.kind
    if kind == RiskAssessment.Kind.FORANDRING:
        form = ChangeRowFormSet(
            data,
            initial=[
                {
                    f: getattr(r, f)
                    for f in ("theme", "attention", "prevention", "responsible", "status")
                }
                for r in assessment.rows.all()
            ],
        )
    elif kind == RiskAssessment.Kind.OPGAVER:
        form = TaskRowFormSet(
            data,
            initial=[
                {f: getattr(t, f) for f in ("initials", "red", "yellow", "green", "note")}
                for t in assessment.tasks.all()
            ],
        )
    elif kind == RiskAssessment.Kind.VOLD:
        form = VoldAnswersForm(data, initial=assessment.answers)
    else:
        return redirect("risk_edit", amg_id=ctx.amg.pk, pk=assessment.pk)
    if request.method == "POST" and form.is_valid():
        if kind == RiskAssessment.Kind.FORANDRING:
            services.save_change_rows(
                assessment=assessment,
                rows=[row for row in form.cleaned_data if row],
            )
        elif kind == RiskAssessment.Kind.OPGAVER:
            services.save_task_balance(
                assessment=assessment,
                rows=[
                    {**row, **{c: row.get(c) or 0 for c in ("red", "yellow", "green")}}
                    for row in form.cleaned_data
                    if row
                ],
            )
        else:
            services.save_vold_answers(assessment=assessment, answers=form.cleaned_data)
        messages.success(request, _("Risikovurderingen er gemt."))
        return redirect(back)
    # A post that gets here was refused: a formset is no form to `render_page`'s rule.
    return render_page(
        request,
        "apv/risk_content.html",
        {"ctx": ctx, "a": assessment, "form": form, "back": back},
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def risk_to_action(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    assessment = ctx.get(RiskAssessment, pk)
    back = reverse("risk_detail", args=[ctx.amg.pk, assessment.pk])
    form = RiskToActionForm(request.POST, amg=ctx.amg)
    if not form.is_valid():
        return _form_page(
            request,
            ctx,
            form,
            title=_("Ny handling fra risikovurderingen"),
            back=back,
            submit=_("Sæt på tavlen"),
        )
    services.risk_to_action(assessment=assessment, **form.cleaned_data)
    messages.success(request, _("Handlingen er sat på tavlen."))
    return redirect(back)


@login_required
@require_GET
def risk_pdf(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    assessment = ctx.get(RiskAssessment, pk)
    response = HttpResponse(
        render_risk_assessment_pdf(assessment.pk), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="risikovurdering-{assessment.pk}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
