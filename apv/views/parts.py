"""The APV's five parts, one page each; sygefravær's figures and the group's assessment."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apv import absence as absence_rules
from apv import catalogue, charts, queries, services
from apv.forms import AbsenceAssessmentForm, AbsenceForm, FactorForm, NoProblemsForm
from apv.models import APV, Absence
from apv.views.common import _apv, _form_page, _part_page, _refused
from forkant.access import amg_context
from forkant.lib.dates import today


@login_required
@require_GET
def part_kortlaegning(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx, apv = _apv(request, amg_id, pk)
    sessions = list(apv.dialog_sessions.select_related("pulse"))
    for session in sessions:
        session.charts = charts.dialog_histograms(session)
    return _part_page(
        request,
        ctx,
        apv,
        "kortlaegning",
        {
            "sessions": sessions,
            "surveys": apv.surveys.all(),
            "gennemgange": apv.gennemgange.all(),
            "inputs": apv.inputs.all(),
            "no_problems_form": NoProblemsForm(initial={"on": today()}),
        },
    )


@login_required
@require_GET
def part_analyse(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx, apv = _apv(request, amg_id, pk)
    return _analyse_page(request, ctx, apv, None)


def _analyse_page(request: HttpRequest, ctx, apv: APV, form: FactorForm | None) -> HttpResponse:  # type: ignore[no-untyped-def]
    problems = queries.problems_of(apv)
    factors = queries.factor_rows(apv)
    if form is None:
        initial = {}
        for row in factors:
            if row.assessment:
                initial[f"{row.item.code}-verdict"] = row.assessment.verdict
                initial[f"{row.item.code}-why"] = row.assessment.why
        form = FactorForm(initial=initial, factors=catalogue.RISK_FACTORS)
    return _part_page(
        request,
        ctx,
        apv,
        "analyse",
        {
            "problems": [p for p in problems if not p.permanent],
            "permanent": [p for p in problems if p.permanent],
            "matrix": charts.risk_matrix(
                queries.matrix_cells(problems),
                label=_("Risikomatrix: problemerne efter sandsynlighed og konsekvens"),
            ),
            "factors": factors,
            "factor_form": form,
        },
    )


@login_required
@require_POST
def factor_assessments(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    """The five psychosocial risk factors, assessed on the analyse part (422 with the page and
    the member's text kept when something is missing)."""
    ctx, apv = _apv(request, amg_id, pk, write=True)
    back = reverse("part_analyse", args=[ctx.amg.pk, apv.pk]) + "#risikofaktorer"
    form = FactorForm(request.POST, factors=catalogue.RISK_FACTORS)
    if not form.is_valid():
        return _analyse_page(request, ctx, apv, form)
    try:
        services.assess_factors(apv=apv, assessments=form.assessments(), on=today())
    except ValidationError as error:
        return _refused(request, error, back)
    messages.success(request, _("Vurderingen af risikofaktorerne er gemt."))
    return redirect(back)


@login_required
@require_GET
def part_handlingsplan(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx, apv = _apv(request, amg_id, pk)
    return _part_page(
        request,
        ctx,
        apv,
        "handlingsplan",
        {
            "problems": queries.problems_of(apv),
        },
    )


@login_required
@require_GET
def part_opfoelgning(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx, apv = _apv(request, amg_id, pk)
    return _part_page(
        request,
        ctx,
        apv,
        "opfoelgning",
        {
            "actions": queries.followed_actions(apv),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def part_sygefravaer(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx, apv = _apv(request, amg_id, pk, write=request.method == "POST")
    form = AbsenceForm(request.POST or None, amg=ctx.amg)
    back = reverse("part_sygefravaer", args=[ctx.amg.pk, apv.pk])
    if request.method == "POST" and form.is_valid():
        try:
            services.save_absence(apv=apv, **form.cleaned_data)
        except ValidationError as error:
            return _refused(request, error, back)
        messages.success(request, _("Tallene er gemt."))
        return redirect(back)
    records = list(apv.absences.select_related("area").order_by("area__name", "period"))
    tables = absence_rules.absence_table(records)
    periods, series = absence_rules.trend_series(tables)
    return _part_page(
        request,
        ctx,
        apv,
        "sygefravaer",
        {
            "tables": tables,
            "chart": charts.trend(periods, series, label=_("Sygefraværsdage pr. ansat pr. enhed"))
            if series
            else None,
            "form": form,
            "assessment_form": AbsenceAssessmentForm(instance=apv),
            "records": records,
        },
    )


@login_required
@require_POST
def absence_assessment(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx, apv = _apv(request, amg_id, pk, write=True)
    back = reverse("part_sygefravaer", args=[ctx.amg.pk, apv.pk])
    form = AbsenceAssessmentForm(request.POST, instance=APV(amg=ctx.amg))
    if not form.is_valid():
        return _form_page(
            request,
            ctx,
            form,
            title=_("Gruppens vurdering af sygefraværet"),
            back=back,
            submit=_("Gem"),
            apv=apv,
        )
    try:
        services.set_absence_assessment(
            apv=apv,
            contributes=form.cleaned_data["absence_contributes"],
            assessment=form.cleaned_data["absence_assessment"],
        )
    except ValidationError as error:
        return _refused(request, error, back)
    messages.success(request, _("Vurderingen er gemt."))
    return redirect(back)


@login_required
@require_POST
def absence_delete(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    record = ctx.get(Absence, pk, Absence.objects.select_related("apv"))
    back = reverse("part_sygefravaer", args=[ctx.amg.pk, record.apv_id])
    try:
        services.delete_absence(absence=record)
    except ValidationError as error:
        return _refused(request, error, back)
    messages.success(request, _("Tallene er slettet."))
    return redirect(back)
