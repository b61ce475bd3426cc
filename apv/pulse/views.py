"""The AMG's pages of the pulse: open one, follow it, close it, moderate its proposals (one
step to an idea on the board), and the trend per theme over the pulses. A pulse whose time ran
out is recorded in the kortlægning the next time these pages are read (`record_due`)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apv import charts
from apv.forms import ThemeChoiceForm
from apv.pulse import charts as pulse_charts
from apv.pulse import queries, services
from apv.pulse.forms import OpenPulseForm
from apv.pulse.models import ProposalStatus, Pulse, PulseProposal
from apv.views.common import _form_page, _page, _refused
from forkant.access import amg_context
from handleplan.qr import qr_svg


@login_required
@require_GET
def pulse_list(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    now = timezone.now()
    if ctx.can_write:
        services.record_due(amg=ctx.amg, now=now)
    pulses, trends = queries.trend(ctx.amg, now=now)
    dates = [timezone.localtime(p.opens_at).strftime("%d.%m") for p in pulses]
    charts_by_theme = [
        (t.theme, pulse_charts.theme_trend(dates, t.averages, label=str(t.theme.text)))
        for t in trends
        if any(v is not None for v in t.averages)
    ]
    return _page(
        request,
        ctx,
        "apv/pulse/list.html",
        {
            "pulses": queries.pulses_of(ctx.amg),
            "now": now,
            "trend": charts_by_theme,
            "current_apv": services.current_apv(ctx.amg),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def pulse_open(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    now = timezone.now()
    form = OpenPulseForm(request.POST or None, initial=OpenPulseForm.initial_for(now))
    if request.method == "POST" and form.is_valid():
        try:
            pulse = services.open_pulse(
                amg=ctx.amg,
                opens_at=form.cleaned_data["opens_at"],
                closes_at=form.cleaned_data["closes_at"],
                own_themes=form.own_themes(),
                units=form.unit_list(),
                by=ctx.membership,
                now=now,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Temperaturmålingen er åbnet. Skærmen viser QR-koden."))
            return redirect("pulse_detail", amg_id=ctx.amg.pk, pk=pulse.pk)
    return _form_page(
        request,
        ctx,
        form,
        title=_("Tag temperaturen: åbn en måling"),
        back=reverse("pulse_list", args=[ctx.amg.pk]),
        submit=_("Åbn målingen"),
    )


@login_required
@require_GET
def pulse_detail(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    pulse = ctx.get(Pulse, pk)
    now = timezone.now()
    if ctx.can_write and pulse.has_closed(now):
        services.record_due(amg=ctx.amg, now=now)
    result = queries.results(pulse)
    url = request.build_absolute_uri(reverse("pulse_answer", args=[pulse.code]))
    before = queries.previous_averages(pulse) if result.shown else {}
    histograms = [
        (
            r.theme,
            charts.histogram(r.counts, label=str(r.theme.text), ends=r.ends),
            r.average,
            before.get(r.theme.code),
        )
        for r in result.themes
    ]
    units = [
        (
            unit,
            [
                (r.theme, charts.histogram(r.counts, label=f"{r.theme.text} · {unit.unit}"))
                for r in unit.themes
            ],
        )
        for unit in result.units
    ]
    return _page(
        request,
        ctx,
        "apv/pulse/detail.html",
        {
            "pulse": pulse,
            "is_open": pulse.is_open(now),
            "has_closed": pulse.has_closed(now),
            "result": result,
            "histograms": histograms,
            "units": units,
            "record": getattr(pulse, "record", None),
            "proposals": list(pulse.proposals.select_related("idea")),
            "idea_form": ThemeChoiceForm(amg=ctx.amg),
            "answer_url": url,
            "answer_short": url.split("://", 1)[-1].rstrip("/"),
            "answer_qr": qr_svg(url),
            "current_apv": services.current_apv(ctx.amg),
            "statuses": ProposalStatus,
        },
    )


@login_required
@require_POST
def pulse_close(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    pulse = ctx.get(Pulse, pk)
    record = services.close_pulse(pulse=pulse, now=timezone.now())
    if record is None:
        messages.warning(
            request,
            _(
                "Målingen er lukket. Der er ingen APV i gang, så den kommer med i kortlægningen, "
                "når I starter den næste."
            ),
        )
    else:
        messages.success(
            request, _("Målingen er lukket og gemt som dialogisk APV i kortlægningen.")
        )
    return redirect("pulse_detail", amg_id=ctx.amg.pk, pk=pulse.pk)


def _proposal(request: HttpRequest, amg_id: int, pk: int):  # type: ignore[no-untyped-def]
    ctx = amg_context(request, amg_id, write=True)
    proposal = ctx.get(PulseProposal, pk, PulseProposal.objects.select_related("pulse"))
    back = reverse("pulse_detail", args=[ctx.amg.pk, proposal.pulse_id]) + "#forslag"
    return ctx, proposal, back


@login_required
@require_POST
def proposal_approve(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx, proposal, back = _proposal(request, amg_id, pk)
    try:
        services.approve_proposal(proposal=proposal, by=ctx.membership)
    except ValidationError as error:
        return _refused(request, error, back)
    messages.success(request, _("Forslaget er godkendt og kommer med i kortlægningen."))
    return redirect(back)


@login_required
@require_POST
def proposal_decline(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx, proposal, back = _proposal(request, amg_id, pk)
    try:
        services.decline_proposal(
            proposal=proposal, by=ctx.membership, reason=request.POST.get("reason", "")[:500]
        )
    except ValidationError as error:
        return _refused(request, error, back)
    messages.success(request, _("Forslaget er afvist."))
    return redirect(back)


@login_required
@require_POST
def proposal_idea(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx, proposal, back = _proposal(request, amg_id, pk)
    form = ThemeChoiceForm(request.POST, amg=ctx.amg)
    if not form.is_valid():
        return _refused(request, ValidationError(_("Vælg et tema på tavlen.")), back)
    try:
        services.proposal_to_idea(
            proposal=proposal,
            theme=form.cleaned_data["theme"],
            by=ctx.membership,
            now=timezone.now(),
        )
    except ValidationError as error:
        return _refused(request, error, back)
    messages.success(request, _("Forslaget er sat på tavlens Parkeringsplads som en idé."))
    return redirect(back)
