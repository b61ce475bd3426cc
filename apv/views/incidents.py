"""Hændelser: the list, registering one and editing it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from apv import services
from apv.forms import IncidentForm
from apv.models import Incident
from apv.views.common import _form_page, _page
from forkant.access import AMGContext, amg_context
from forkant.lib.dates import today
from forkant.obligations import parameter


@login_required
@require_GET
def incident_list(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    incidents = list(ctx.filter(Incident).prefetch_related("actions"))
    for incident in incidents:
        incident.overdue = incident.easy_overdue(today())
    return _page(
        request,
        ctx,
        "apv/incident_list.html",
        {"incidents": incidents, "easy_days": parameter("easy-report", "days")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def incident_new(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    return _incident_form(request, ctx, None)


@login_required
@require_http_methods(["GET", "POST"])
def incident_edit(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    return _incident_form(request, ctx, ctx.get(Incident, pk))


def _incident_form(
    request: HttpRequest, ctx: AMGContext, incident: Incident | None
) -> HttpResponse:
    form = IncidentForm(
        request.POST or None,
        amg=ctx.amg,
        instance=incident,
        initial=None if incident else {"date": today()},
    )
    back = reverse("incident_list", args=[ctx.amg.pk])
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        actions = data.pop("actions")
        services.save_incident(amg=ctx.amg, incident=incident, actions=actions, **data)
        messages.success(request, _("Hændelsen er gemt."))
        return redirect(back)
    title = _("Ret hændelse") if incident else _("Registrér en hændelse")
    return _form_page(request, ctx, form, title=title, back=back, submit=_("Gem"))
