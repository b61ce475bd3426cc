"""Tavlemøder: the next one's time and mødeleder, starting and ending a meeting, the list,
and the referat (edit, send, PDF, history and restore)."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from forkant.access import amg_context
from forkant.lib.pages import render_page
from forkant.models import Membership
from handleplan import history, services
from handleplan.forms import EndMeetingForm, ReferatForm, StartMeetingForm, TavlemoedeForm
from handleplan.models import Meeting
from handleplan.queries import meetings_of, next_tavlemoede
from handleplan.referat import (
    apologies_line,
    attendee_line,
    referat_blocks,
    render_referat_pdf,
    send_referat,
)
from handleplan.views.common import _bad_request, _board_changed, _render_dialog


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    now = timezone.now()
    meeting = next_tavlemoede(ctx.amg, now=now)
    initial = (
        {"starts_at": timezone.localtime(meeting.starts_at), "moedeleder": meeting.moedeleder}
        if meeting
        else {}
    )
    form = TavlemoedeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.set_next_tavlemoede(amg=ctx.amg, now=now, **form.cleaned_data)
        return _board_changed(request, ctx, _("Næste tavlemøde er gemt."))
    members = ctx.filter(Membership).select_related("user")
    return _render_dialog(
        request, ctx, "handleplan/meeting_form.html", {"form": form, "members": members}
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_start(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    planned = next_tavlemoede(ctx.amg, now=timezone.now() - datetime.timedelta(hours=12))
    initial = {
        "moedeleder": planned.moedeleder if planned else "",
        "attendees": [ctx.membership.pk] if ctx.membership else [],
        "other_attendees": 0,
    }
    form = StartMeetingForm(request.POST or None, amg=ctx.amg, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.start_meeting(
                amg=ctx.amg,
                now=timezone.now(),
                **{
                    **data,
                    "attendees": list(data["attendees"]),
                    "apologies": list(data["apologies"]),
                },
            )
        except ValidationError as error:
            return _bad_request(request, ctx, error.messages[0])
        messages.success(
            request, _("Mødet er i gang. Alt, I ændrer på tavlen, kommer med i referatet.")
        )
        url = reverse("board", args=[ctx.amg.pk])
        return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    members = ctx.filter(Membership).select_related("user")
    return _render_dialog(
        request, ctx, "handleplan/meeting_start.html", {"form": form, "members": members}
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_end(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    meeting = ctx.get(Meeting, pk)
    if not meeting.is_running:
        messages.error(request, _("Mødet er allerede afsluttet."))
        return redirect("meeting_detail", amg_id=ctx.amg.pk, pk=meeting.pk)
    planned = next_tavlemoede(ctx.amg, now=timezone.now())
    initial = {
        "next_starts_at": timezone.localtime(planned.starts_at) if planned else None,
        "next_moedeleder": (planned.moedeleder if planned else "") or meeting.moedeleder,
    }
    data = request.POST if request.method == "POST" else None  # every field may be empty
    form = EndMeetingForm(data, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        now = timezone.now()
        meeting = services.end_meeting(
            meeting=meeting,
            decisions=data["decisions"],
            notes=data["notes"],
            next_starts_at=data["next_starts_at"],
            next_moedeleder=data["next_moedeleder"],
            now=now,
        )
        messages.success(request, _("Mødet er afsluttet, og referatet er skrevet."))
        if data["send"]:
            _send_referat(request, meeting)
        url = reverse("meeting_detail", args=[ctx.amg.pk, meeting.pk])
        return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    members = ctx.filter(Membership).select_related("user")
    return _render_dialog(
        request,
        ctx,
        "handleplan/meeting_end.html",
        {"form": form, "meeting": meeting, "members": members},
    )


@login_required
@require_GET
def meeting_list(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    return render(
        request, "handleplan/meeting_list.html", {"ctx": ctx, "meetings": meetings_of(ctx.amg)}
    )


@login_required
@require_GET
def meeting_detail(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    meeting = ctx.get(Meeting, pk)
    context = {
        "ctx": ctx,
        "meeting": meeting,
        "attendees": attendee_line(meeting),
        "apologies": apologies_line(meeting),
        "blocks": referat_blocks(meeting.referat),
    }
    return render(request, "handleplan/meeting_detail.html", context)


@login_required
@require_GET
def meeting_history(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    meeting = ctx.get(Meeting, pk)
    versions = history.meeting_versions(ctx.amg, meeting.pk)
    return render(
        request,
        "handleplan/meeting_history.html",
        {"ctx": ctx, "meeting": meeting, "versions": versions},
    )


@login_required
@require_POST
def meeting_restore(request: HttpRequest, amg_id: int, pk: int, history_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    meeting = ctx.get(Meeting, pk)
    record = ctx.get(Meeting.history.model, history_id)
    try:
        services.restore_referat(meeting=meeting, record=record)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("meeting_history", amg_id=ctx.amg.pk, pk=meeting.pk)
    messages.success(
        request, _("Referatet er gendannet. Den version, det erstattede, er i historikken.")
    )
    return redirect("meeting_detail", amg_id=ctx.amg.pk, pk=meeting.pk)


@login_required
@require_http_methods(["GET", "POST"])
def referat_edit(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    meeting = ctx.get(Meeting, pk)
    if meeting.ended_at is None:
        messages.error(request, _("Referatet skrives, når mødet er afsluttet."))
        return redirect("meeting_detail", amg_id=ctx.amg.pk, pk=meeting.pk)
    form = ReferatForm(request.POST or None, initial={"referat": meeting.referat})
    if request.method == "POST" and form.is_valid():
        services.update_referat(meeting=meeting, referat=form.cleaned_data["referat"])
        messages.success(request, _("Referatet er gemt."))
        return redirect("meeting_detail", amg_id=ctx.amg.pk, pk=meeting.pk)
    return render_page(
        request, "handleplan/referat_form.html", {"ctx": ctx, "meeting": meeting, "form": form}
    )


@login_required
@require_POST
def referat_send(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    meeting = ctx.get(Meeting, pk)
    if meeting.ended_at is None:
        messages.error(request, _("Referatet skrives, når mødet er afsluttet."))
    else:
        _send_referat(request, meeting)
    return redirect("meeting_detail", amg_id=ctx.amg.pk, pk=meeting.pk)


@login_required
@require_GET
def referat_pdf(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    meeting = ctx.get(Meeting, pk)
    if meeting.ended_at is None:
        raise Http404
    local = timezone.localtime(meeting.started_at)
    response = HttpResponse(render_referat_pdf(meeting.pk), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="referat-{local:%Y-%m-%d}.pdf"'
    return response


def _send_referat(request: HttpRequest, meeting: Meeting) -> None:
    """Send and say so; a mail server that is down loses nothing (the referat is saved)."""
    link = _referat_link(request, meeting)
    try:
        sent = send_referat(meeting=meeting, link=link, now=timezone.now())
    except OSError:  # smtplib's errors included
        messages.error(
            request,
            _("Referatet kunne ikke sendes lige nu. Det er gemt – prøv “Send igen” om lidt."),
        )
        return
    messages.success(
        request,
        ngettext(
            "Referatet er sendt til %(n)d medlem.", "Referatet er sendt til %(n)d medlemmer.", sent
        )
        % {"n": sent},
    )


def _referat_link(request: HttpRequest, meeting: Meeting) -> str:
    return request.build_absolute_uri(reverse("meeting_detail", args=[meeting.amg_id, meeting.pk]))
