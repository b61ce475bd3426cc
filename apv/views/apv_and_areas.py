"""The APV (start or revise, detail, edit, close, no problems found), the AMG's areas and
the changes that make areas due for revision."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apv import queries, services
from apv.forms import APVForm, AreaForm, AvailabilityForm, ChangeForm, NoProblemsForm
from apv.models import APV, Area, Change
from apv.views.common import _form_page, _page, _refused
from forkant.access import amg_context
from forkant.lib.dates import today


@login_required
@require_GET
def apv_home(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    apvs = list(ctx.filter(APV).order_by("-start_date", "-pk"))
    rows = queries.area_rows(ctx.amg, today())
    return _page(
        request,
        ctx,
        "apv/home.html",
        {
            "apvs": apvs,
            "current": apvs[0] if apvs else None,
            "revision_refusal": apvs[0].revision_refusal() if apvs else "",
            "attention": [row for row in rows if row.needs_attention],
            "area_count": len(rows),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def apv_new(request: HttpRequest, amg_id: int) -> HttpResponse:
    """A new APV – or, with ?revision=<pk>, a revision that starts from that APV."""
    ctx = amg_context(request, amg_id, write=True)
    previous = None
    revision_of = request.GET.get("revision", "")
    if revision_of:
        previous = ctx.get(APV, revision_of)
        refusal = previous.revision_refusal()
        if refusal and request.method == "GET":  # the page says so, and offers no form
            messages.error(request, refusal)
            return redirect("apv_detail", amg_id=ctx.amg.pk, pk=previous.pk)
    initial: dict[str, object] = {"start_date": today(), "method": APV.Method.KOMBINERET}
    # A new APV starts from the last one too (its scope, areas and people); a revision also
    # carries its problems over and links back to it.
    last = previous or queries.latest_apv(ctx.amg)
    if last is not None:
        initial.update(
            method=last.method,
            scope=last.scope,
            areas=list(last.areas.all()),
            members=list(last.members.all()),
            other_participants=last.other_participants,
        )
    if previous is not None:
        initial["title"] = _("Revision af %(title)s") % {"title": previous.title}
    form = APVForm(request.POST or None, amg=ctx.amg, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            apv = services.start_apv(
                amg=ctx.amg,
                title=data["title"],
                method=data["method"],
                start_date=data["start_date"],
                scope=data["scope"],
                areas=data["areas"],
                members=data["members"],
                other_participants=data["other_participants"],
                previous=previous,
            )
        except ValidationError as refused:  # not closed, or revised already (a second press)
            form.add_error(None, refused.messages[0])
        else:
            messages.success(request, _("APV'en er startet."))
            return redirect("apv_detail", amg_id=ctx.amg.pk, pk=apv.pk)
    title = _("Start en revision") if previous else _("Start en APV")
    return _form_page(
        request, ctx, form, title=title, back=reverse("apv_home", args=[ctx.amg.pk]), submit=title
    )


@login_required
@require_GET
def apv_detail(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    apv = ctx.get(APV, pk, APV.objects.select_related("previous"))
    return _page(
        request,
        ctx,
        "apv/apv_detail.html",
        {
            "apv": apv,
            "overview": queries.overview(apv, today()),
            "areas": list(apv.areas.all()),
            "members": list(apv.members.select_related("user")),
            "revisions": list(apv.revisions.all()),
            "revision_refusal": apv.revision_refusal(),
            "no_problems_form": NoProblemsForm(initial={"on": today()}),
            "factors": queries.factor_rows(apv),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def apv_availability(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    """Where and since when the employees can read the APV (a closed one too)."""
    ctx = amg_context(request, amg_id, write=True)
    apv = ctx.get(APV, pk)
    back = reverse("apv_detail", args=[ctx.amg.pk, apv.pk])
    initial = {"on": apv.made_available_on or today(), "how": apv.made_available_how}
    form = AvailabilityForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.set_availability(apv=apv, on=form.cleaned_data["on"], how=form.cleaned_data["how"])
        messages.success(request, _("Det er gemt, hvor de ansatte kan læse APV’en."))
        return redirect(back)
    return _form_page(
        request,
        ctx,
        form,
        title=_("Tilgængelig for de ansatte: %(apv)s") % {"apv": apv.title},
        back=back,
        submit=_("Gem"),
        apv=apv,
    )


@login_required
@require_http_methods(["GET", "POST"])
def apv_edit(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    apv = ctx.get(APV, pk)
    back = reverse("apv_detail", args=[ctx.amg.pk, apv.pk])
    if apv.is_closed:
        return _refused(request, services.APVClosed(_("APV'en er afsluttet.")), back)
    form = APVForm(request.POST or None, amg=ctx.amg, instance=apv)
    if request.method == "POST" and form.is_valid():
        services.update_apv(apv=apv, **{k: form.cleaned_data[k] for k in APVForm.Meta.fields})
        messages.success(request, _("Ændringerne er gemt."))
        return redirect(back)
    return _form_page(
        request, ctx, form, title=_("Ret APV'en"), back=back, submit=_("Gem"), apv=apv
    )


@login_required
@require_POST
def apv_close(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    apv = ctx.get(APV, pk)
    back = reverse("apv_detail", args=[ctx.amg.pk, apv.pk])
    try:
        services.close_apv(apv=apv, today=today())
    except ValidationError as error:
        return _refused(request, error, back)
    messages.success(request, _("APV'en er afsluttet og gemt, som den er."))
    return redirect(back)


@login_required
@require_POST
def apv_no_problems(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    apv = ctx.get(APV, pk)
    back = reverse("apv_detail", args=[ctx.amg.pk, apv.pk])
    form = NoProblemsForm(request.POST)
    if not form.is_valid():
        return _form_page(
            request,
            ctx,
            form,
            title=_("Ingen problemer fundet"),
            back=back,
            submit=_("Gem"),
            apv=apv,
        )
    try:
        services.record_no_problems(
            apv=apv, on=form.cleaned_data["on"], with_whom=form.cleaned_data["with_whom"]
        )
    except ValidationError as error:
        return _refused(request, error, back)
    messages.success(request, _("Det er registreret, at kortlægningen ikke fandt problemer."))
    return redirect(back)


@login_required
@require_http_methods(["GET", "POST"])
def areas(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=request.method == "POST")
    form = AreaForm(request.POST or None, amg=ctx.amg)
    if request.method == "POST" and form.is_valid():
        services.create_area(amg=ctx.amg, **form.cleaned_data)
        messages.success(request, _("Området er tilføjet."))
        return redirect("apv_areas", amg_id=ctx.amg.pk)
    changes = ctx.filter(Change).prefetch_related("areas")
    return _page(
        request,
        ctx,
        "apv/areas.html",
        {
            "rows": queries.area_rows(ctx.amg, today()),
            "changes": changes,
            "form": form,
            "change_form": ChangeForm(amg=ctx.amg, initial={"date": today()}),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def area_edit(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    area = ctx.get(Area, pk)
    form = AreaForm(request.POST or None, amg=ctx.amg, instance=area)
    back = reverse("apv_areas", args=[ctx.amg.pk])
    if request.method == "POST" and form.is_valid():
        services.update_area(area=area, **form.cleaned_data)
        messages.success(request, _("Området er gemt."))
        return redirect(back)
    return _form_page(request, ctx, form, title=_("Ret området"), back=back, submit=_("Gem"))


@login_required
@require_POST
def change_new(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    form = ChangeForm(request.POST, amg=ctx.amg)
    back = reverse("apv_areas", args=[ctx.amg.pk])
    if not form.is_valid():
        return _form_page(
            request, ctx, form, title=_("Registrér en ændring"), back=back, submit=_("Gem")
        )
    services.register_change(amg=ctx.amg, **form.cleaned_data)
    messages.success(request, _("Ændringen er registreret; de berørte områder skal revideres."))
    return redirect(back)
