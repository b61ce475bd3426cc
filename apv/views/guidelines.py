"""Retningslinjer om vold og trusler: the list, writing them, editing them and recording a
review."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apv import services
from apv.forms import GuidelineForm
from apv.models import ViolenceGuideline
from apv.views.common import _page, _refused
from forkant.access import AMGContext, amg_context
from forkant.lib.dates import today
from forkant.obligations import rule


@login_required
@require_GET
def guideline_list(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    return _page(
        request,
        ctx,
        "apv/guideline_list.html",
        {"guidelines": list(ctx.filter(ViolenceGuideline)), "rule": rule("violence-guideline")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def guideline_new(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    return _guideline_form(request, ctx, None)


@login_required
@require_http_methods(["GET", "POST"])
def guideline_edit(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    return _guideline_form(request, ctx, ctx.get(ViolenceGuideline, pk))


def _guideline_form(
    request: HttpRequest, ctx: AMGContext, guideline: ViolenceGuideline | None
) -> HttpResponse:
    initial = None if guideline else {"agreed_on": today(), "last_reviewed": today()}
    form = GuidelineForm(request.POST or None, instance=guideline, initial=initial)
    back = reverse("guideline_list", args=[ctx.amg.pk])
    if request.method == "POST" and form.is_valid():
        try:
            services.save_guideline(amg=ctx.amg, guideline=guideline, **form.cleaned_data)
        except ValidationError as error:
            return _refused(request, error, back)
        messages.success(request, _("Retningslinjerne er gemt."))
        return redirect(back)
    return _page(
        request,
        ctx,
        "apv/guideline_form.html",
        {
            "form": form,
            "guideline": guideline,
            "back": back,
            "title": _("Ret retningslinjerne")
            if guideline
            else _("Skriv retningslinjer om vold og trusler"),
        },
    )


@login_required
@require_POST
def guideline_reviewed(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    """The group went through the guidelines today and they still hold."""
    ctx = amg_context(request, amg_id, write=True)
    guideline = ctx.get(ViolenceGuideline, pk)
    services.mark_guideline_reviewed(guideline=guideline, on=today())
    messages.success(request, _("Det er registreret, at retningslinjerne er gennemgået i dag."))
    return redirect("guideline_list", amg_id=ctx.amg.pk)
