"""The årshjul pages: the wheel and list, generating and editing a year, AMG-møde agendas (with
their checklist, e-mail and PDF), the agenda templates, and the members' calendar feeds."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from forkant import ratelimit
from forkant.access import AMGContext, amg_context
from forkant.lib.numbers import ascii_int
from forkant.lib.pages import render_page
from forkant.lib.pdf import html_to_pdf
from handleplan.models import Meeting, MeetingKind
from metoder.booklet import BOOKLET_AGENDAS
from metoder.year import ical, queries, services, wheel
from metoder.year.closed_days import SUMMER_SOURCE
from metoder.year.forms import (
    ChecklistForm,
    ClosedPeriodForm,
    GenerateForm,
    ItemForm,
    MeetingEditForm,
    MeetingForm,
    TemplateForm,
)
from metoder.year.models import AgendaTemplate, ClosedPeriod, WheelItem

FEED_SESSION_KEY = "calendar-token-%s"


def _year_or_404(year: int) -> int:
    if not 2000 <= year <= 2100:
        raise Http404
    return year


def _base(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


def _wheel_context(ctx: AMGContext, year: int, now: datetime.datetime) -> dict[str, object]:
    data = queries.year_data(ctx.amg, year)
    today = timezone.localdate(now)
    svg = wheel.wheel_svg(
        year,
        data.entries,
        today=today,
        title=_("Årshjul %(year)s for %(amg)s") % {"year": year, "amg": ctx.amg.name},
    )
    return {
        "ctx": ctx,
        "year": year,
        "data": data,
        "svg": svg,
        "legend": wheel.legend(),
        "today": today,
    }


@login_required
@require_GET
def year_wheel(request: HttpRequest, amg_id: int, year: int | None = None) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    now = timezone.now()
    year = _year_or_404(year) if year is not None else timezone.localdate(now).year
    context = _wheel_context(ctx, year, now)
    feed_token = request.session.pop(FEED_SESSION_KEY % ctx.amg.pk, None)
    feed_url = None
    if feed_token:
        feed_url = request.build_absolute_uri(
            reverse("calendar_feed", kwargs={"token": feed_token})
        )
    context.update(
        {
            "generate_form": GenerateForm(),
            "has_last_year": queries.has_year(ctx.amg, year - 1),
            "nav": queries.year_nav(ctx.amg, timezone.localdate(now)),
            "closed_form": ClosedPeriodForm(),
            "summer_source": SUMMER_SOURCE,
            "feed": queries.feed_of(ctx.membership),
            "feed_url": feed_url,
            "feed_refresh_hours": int(ical.REFRESH.total_seconds() // 3600),
        }
    )
    return render(request, "metoder/year/wheel.html", context)


@login_required
@require_GET
def year_pdf(request: HttpRequest, amg_id: int, year: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    year = _year_or_404(year)
    context = _wheel_context(ctx, year, timezone.now())
    html = render_to_string("metoder/year/wheel_print.html", context)
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="aarshjul-{year}.pdf"'
    return response


@login_required
@require_POST
def year_generate(request: HttpRequest, amg_id: int, year: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    year = _year_or_404(year)
    form = GenerateForm(request.POST)
    if not form.is_valid():
        return _error(request, ctx, _("Vælg, om året skal bygges af skabelonen eller sidste år."))
    try:
        made = services.generate_year(amg=ctx.amg, year=year, source=form.cleaned_data["source"])
    except ValidationError as error:
        return _error(request, ctx, error.messages[0])
    if made.meetings or made.items:
        messages.success(
            request,
            _("Årshjulet for %(year)s er lagt: %(meetings)s og %(items)s.")
            % {
                "year": year,
                "meetings": ngettext("%(n)d møde", "%(n)d møder", made.meetings)
                % {"n": made.meetings},
                "items": ngettext("%(n)d andet punkt", "%(n)d andre punkter", made.items)
                % {"n": made.items},
            },
        )
    else:
        messages.info(request, _("Årshjulet havde allerede det hele – intet er lagt ind to gange."))
    return redirect("year_detail", amg_id=ctx.amg.pk, year=year)


def _error(request: HttpRequest, ctx: AMGContext, message: str, status: int = 422) -> HttpResponse:
    return render(
        request, "metoder/year/error.html", {"ctx": ctx, "message": message}, status=status
    )


# Items --------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def year_item_new(request: HttpRequest, amg_id: int, year: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    year = _year_or_404(year)
    form = ItemForm(request.POST or None, year=year, initial={"kind": "eget"})
    if request.method == "POST" and form.is_valid():
        services.add_item(amg=ctx.amg, year=year, now=timezone.now(), **form.cleaned_data)
        messages.success(request, _("Punktet er sat i årshjulet."))
        return redirect("year_detail", amg_id=ctx.amg.pk, year=year)
    return render_page(
        request,
        "metoder/year/item_form.html",
        {"ctx": ctx, "form": form, "year": year, "item": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def year_item_edit(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    item = ctx.get(WheelItem, pk)
    form = ItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        item.refresh_from_db()  # the form wrote its values onto the instance
        item = services.update_item(item=item, now=timezone.now(), **data)
        messages.success(request, _("Punktet er gemt."))
        return redirect("year_detail", amg_id=ctx.amg.pk, year=item.year)
    return render_page(
        request,
        "metoder/year/item_form.html",
        {"ctx": ctx, "form": form, "year": item.year, "item": item},
    )


@login_required
@require_http_methods(["GET", "POST"])
def year_item_delete(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    item = ctx.get(WheelItem, pk)
    if request.method == "POST":
        year = item.year
        services.delete_item(item=item)
        messages.success(
            request, _("“%(title)s” er slettet fra årshjulet.") % {"title": item.title}
        )
        return redirect("year_detail", amg_id=ctx.amg.pk, year=year)
    return render(
        request,
        "metoder/year/confirm_delete.html",
        {
            "ctx": ctx,
            "title": item.title,
            "year": item.year,
            "action": reverse("year_item_delete", kwargs={"amg_id": ctx.amg.pk, "pk": item.pk}),
        },
    )


# Meetings -----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def year_meeting_new(request: HttpRequest, amg_id: int, year: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    year = _year_or_404(year)
    form = MeetingForm(request.POST or None, year=year, initial={"kind": MeetingKind.AMG_MOEDE})
    if request.method == "POST" and form.is_valid():
        plan = services.add_meeting(amg=ctx.amg, **form.cleaned_data)
        messages.success(request, _("Mødet er sat i årshjulet."))
        if plan.meeting.kind == MeetingKind.AMG_MOEDE:
            return redirect("meeting_agenda", amg_id=ctx.amg.pk, pk=plan.meeting_id)
        return redirect("year_detail", amg_id=ctx.amg.pk, year=year)
    return render_page(
        request,
        "metoder/year/meeting_form.html",
        {"ctx": ctx, "form": form, "year": year, "meeting": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def year_meeting_edit(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    meeting = ctx.get(Meeting, pk, queryset=ctx.filter(Meeting).select_related("plan"))
    plan = queries.draft_plan(meeting)
    initial = {
        "starts_at": timezone.localtime(meeting.starts_at),
        "moedeleder": meeting.moedeleder,
        "focus": plan.focus,
        "agenda": plan.agenda,
    }
    form = MeetingEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_meeting(
                meeting=meeting,
                starts_at=data["starts_at"],
                moedeleder=data["moedeleder"],
                focus=data["focus"],
                agenda=data["agenda"] if meeting.kind == MeetingKind.AMG_MOEDE else None,
                now=timezone.now(),
            )
        except ValidationError as error:
            form.add_error("starts_at", error.messages[0])
        else:
            messages.success(request, _("Mødet er gemt."))
            if meeting.kind == MeetingKind.AMG_MOEDE:
                return redirect("meeting_agenda", amg_id=ctx.amg.pk, pk=meeting.pk)
            year = timezone.localtime(data["starts_at"]).year
            return redirect("year_detail", amg_id=ctx.amg.pk, year=year)
    if meeting.kind != MeetingKind.AMG_MOEDE:
        del form.fields["agenda"]
    return render_page(
        request,
        "metoder/year/meeting_form.html",
        {
            "ctx": ctx,
            "form": form,
            "year": timezone.localtime(meeting.starts_at).year,
            "meeting": meeting,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def year_meeting_delete(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    meeting = ctx.get(Meeting, pk, queryset=ctx.filter(Meeting).select_related("plan"))
    year = timezone.localtime(meeting.starts_at).year
    title = queries.meeting_title(meeting, getattr(meeting, "plan", None))
    if request.method == "POST":
        try:
            services.delete_meeting(meeting=meeting)
        except ValidationError as error:
            return _error(request, ctx, error.messages[0], status=409)
        messages.success(request, _("“%(title)s” er slettet fra årshjulet.") % {"title": title})
        return redirect("year_detail", amg_id=ctx.amg.pk, year=year)
    when = timezone.localtime(meeting.starts_at)
    return render(
        request,
        "metoder/year/confirm_delete.html",
        {
            "ctx": ctx,
            "title": f"{title} {when:%d.%m.%Y}",
            "year": year,
            "held": meeting.started_at is not None,
            "action": reverse(
                "year_meeting_delete", kwargs={"amg_id": ctx.amg.pk, "pk": meeting.pk}
            ),
        },
    )


# Closed periods -----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def closed_period_new(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    return _closed_period_form(request, ctx, None)


@login_required
@require_http_methods(["GET", "POST"])
def closed_period_edit(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    return _closed_period_form(request, ctx, ctx.get(ClosedPeriod, pk))


def _closed_period_form(
    request: HttpRequest, ctx: AMGContext, period: ClosedPeriod | None
) -> HttpResponse:
    year = _year_param(request, period)
    form = ClosedPeriodForm(request.POST or None, instance=period)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if period is not None:
            period.refresh_from_db()  # the form wrote its values onto the instance
        try:
            saved, moved = services.save_closed_period(
                amg=ctx.amg, period=period, now=timezone.now(), **data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            _report_moved(request, saved, moved)
            return redirect(
                reverse("year_detail", args=[ctx.amg.pk, saved.starts_on.year]) + "#lukket"
            )
    return render_page(
        request,
        "metoder/year/closed_period_form.html",
        {"ctx": ctx, "form": form, "period": period, "year": year},
    )


def _year_param(request: HttpRequest, period: ClosedPeriod | None) -> int:
    if period is not None:
        return period.starts_on.year
    raw = request.GET.get("aar", "")
    year = ascii_int(raw)
    if year is not None and 2000 <= year <= 2100:
        return year
    return timezone.localdate().year


def _report_moved(request: HttpRequest, period: ClosedPeriod, moved: list[services.Moved]) -> None:
    messages.success(request, _("“%(name)s” er gemt.") % {"name": period.name})
    went = [m for m in moved if m.now]
    stuck = [m for m in moved if not m.now]
    if went:
        messages.info(
            request,
            ngettext(
                "Et møde i perioden er flyttet: %(list)s.",
                "%(n)d møder i perioden er flyttet: %(list)s.",
                len(went),
            )
            % {
                "n": len(went),
                "list": "; ".join(
                    f"{m.meeting.get_kind_display()} {_date(m.was)} → {_date(m.now)}"
                    for m in went
                    if m.now
                ),
            },
        )
    if stuck:
        messages.warning(
            request,
            ngettext(
                "Et møde kunne ikke flyttes, fordi hele måneden er lukket: %(list)s. "
                "Flyt eller slet det i listen.",
                "%(n)d møder kunne ikke flyttes, fordi hele måneden er lukket: %(list)s. "
                "Flyt eller slet dem i listen.",
                len(stuck),
            )
            % {
                "n": len(stuck),
                "list": "; ".join(f"{m.meeting.get_kind_display()} {_date(m.was)}" for m in stuck),
            },
        )


def _date(day: datetime.date) -> str:
    return date_format(day, "j. F")


@login_required
@require_POST
def closed_period_delete(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    period = ctx.get(ClosedPeriod, pk)
    year = period.starts_on.year
    services.delete_closed_period(period=period)
    messages.success(
        request,
        _("“%(name)s” er slettet. Møder, der blev flyttet ud af perioden, bliver, hvor de er.")
        % {"name": period.name},
    )
    return redirect(reverse("year_detail", args=[ctx.amg.pk, year]) + "#lukket")


# The agenda ---------------------------------------------------------------------------------


def _agenda(request: HttpRequest, ctx: AMGContext, pk: int) -> queries.Agenda:
    meeting = ctx.get(Meeting, pk, queryset=ctx.filter(Meeting).select_related("plan", "amg"))
    return queries.agenda_for(meeting, now=timezone.now(), base_url=_base(request))


@login_required
@require_GET
def meeting_agenda(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    agenda = _agenda(request, ctx, pk)
    return render(request, "metoder/year/agenda.html", {"ctx": ctx, "agenda": agenda})


@login_required
@require_POST
def agenda_checklist(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    meeting = ctx.get(Meeting, pk, queryset=ctx.filter(Meeting).select_related("plan"))
    form = ChecklistForm(request.POST)
    if not form.is_valid():
        return _error(request, ctx, _("Tjeklisten kunne ikke gemmes: ukendt punkt."))
    services.save_checklist(plan=services.plan_for(meeting), ticked=form.cleaned_data["ticked"])
    messages.success(request, _("Tjeklisten er gemt."))
    return redirect(
        reverse("meeting_agenda", kwargs={"amg_id": ctx.amg.pk, "pk": pk}) + "#tjekliste"
    )


@login_required
@require_POST
def agenda_send(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    agenda = _agenda(request, ctx, pk)
    plan = services.plan_for(agenda.meeting)
    agenda.plan = plan
    context = {"agenda": agenda, "amg": ctx.amg, "sender": request.user}
    try:
        sent = services.send_agenda(plan=plan, context=context, now=timezone.now())
    except OSError:  # smtplib's errors included
        messages.error(
            request,
            _("Dagsordenen kunne ikke sendes lige nu. Intet er tabt – prøv igen om lidt."),
        )
    else:
        messages.success(
            request,
            ngettext(
                "Dagsordenen er sendt til %(n)d medlem.",
                "Dagsordenen er sendt til %(n)d medlemmer.",
                sent,
            )
            % {"n": sent},
        )
    return redirect("meeting_agenda", amg_id=ctx.amg.pk, pk=pk)


@login_required
@require_GET
def agenda_pdf(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    agenda = _agenda(request, ctx, pk)
    html = render_to_string("metoder/year/agenda_print.html", {"ctx": ctx, "agenda": agenda})
    when = timezone.localtime(agenda.meeting.starts_at)
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="dagsorden-{when:%Y-%m-%d}.pdf"'
    return response


# Agenda templates ---------------------------------------------------------------------------


@login_required
@require_GET
def year_templates(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    templates = list(ctx.filter(AgendaTemplate).order_by("quarter"))
    if len(templates) < 4:
        templates = [_default_template(ctx, q, templates) for q in range(1, 5)]
    forms = [(t.quarter, TemplateForm(instance=t, prefix=f"q{t.quarter}")) for t in templates]
    return render(request, "metoder/year/templates.html", {"ctx": ctx, "forms": forms})


def _default_template(ctx: AMGContext, quarter: int, saved: list[AgendaTemplate]) -> AgendaTemplate:
    for template in saved:
        if template.quarter == quarter:
            return template
    focus, items = BOOKLET_AGENDAS[quarter]
    return AgendaTemplate(amg=ctx.amg, quarter=quarter, focus=focus, items="\n".join(items))


@login_required
@require_POST
def year_template_edit(request: HttpRequest, amg_id: int, quarter: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    if quarter not in (1, 2, 3, 4):
        raise Http404
    services.booklet_templates(ctx.amg)
    template = ctx.filter(AgendaTemplate).filter(quarter=quarter).first()
    form = TemplateForm(request.POST, instance=template, prefix=f"q{quarter}")
    if not form.is_valid():
        forms = []
        for saved in ctx.filter(AgendaTemplate).order_by("quarter"):
            forms.append(
                (
                    saved.quarter,
                    form
                    if saved.quarter == quarter
                    else TemplateForm(instance=saved, prefix=f"q{saved.quarter}"),
                )
            )
        return render(
            request, "metoder/year/templates.html", {"ctx": ctx, "forms": forms}, status=422
        )
    template.refresh_from_db()
    services.update_agenda_template(template=template, **form.cleaned_data)
    messages.success(
        request,
        _(
            "Skabelonen for %(n)s. kvartal er gemt. Nye AMG-møder får den; "
            "de planlagte beholder deres dagsorden."
        )
        % {"n": quarter},
    )
    return redirect("year_templates", amg_id=ctx.amg.pk)


# Calendar feeds -----------------------------------------------------------------------------


def _feed_membership(request: HttpRequest, amg_id: int) -> AMGContext:
    ctx = amg_context(request, amg_id, write=True)
    if ctx.membership is None:  # pragma: no cover (write access needs a membership)
        raise Http404
    return ctx


@login_required
@require_POST
def calendar_feed_create(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = _feed_membership(request, amg_id)
    token = services.create_calendar_feed(membership=ctx.membership, now=timezone.now())
    request.session[FEED_SESSION_KEY % ctx.amg.pk] = token
    messages.success(
        request,
        _(
            "Dit kalenderlink er klar. Kopiér det nu – det vises kun denne ene gang. "
            "Et tidligere link virker ikke længere."
        ),
    )
    return redirect(reverse("year_wheel", kwargs={"amg_id": ctx.amg.pk}) + "#kalender")


@login_required
@require_POST
def calendar_feed_revoke(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = _feed_membership(request, amg_id)
    if services.revoke_calendar_feed(membership=ctx.membership):
        messages.success(
            request,
            _(
                "Dit kalenderlink er slået fra. "
                "Kalendere, der abonnerer på det, får ikke flere opdateringer."
            ),
        )
    else:
        messages.info(request, _("Du havde intet kalenderlink."))
    return redirect(reverse("year_wheel", kwargs={"amg_id": ctx.amg.pk}) + "#kalender")


FEED_RATE = 120  # requests per hour and IP address: calendar clients poll every few hours


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The member's calendar (no login: the secret is the key). Unknown, revoked, a removed
    member or an archived AMG: 404. Four queries whatever the size of the wheel."""
    if len(token) > 100:
        raise Http404
    if not ratelimit.allow(
        "calendar-feed",
        ratelimit.client_ip(request),
        rate=FEED_RATE,
        per=datetime.timedelta(hours=1),
    ):
        return ratelimit.too_many_requests(request)
    feed = queries.feed_by_hash(services.token_hash(token))
    if feed is None:
        raise Http404
    amg = feed.membership.amg
    now = timezone.now()
    meetings, items = queries.feed_entries(amg, now=now)
    body = ical.feed(amg, meetings, items, base_url=_base(request), now=now)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="aarshjul.ics"'
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response
