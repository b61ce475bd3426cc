"""Wall screens: managed by the AMG's members, and the TV's pairing page."""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from forkant import ratelimit, services
from forkant.access import AMGContext, amg_context, writable_amgs
from forkant.forms import ScreenCodeForm, WallScreenForm
from forkant.lib.pages import render_page
from forkant.models import WallScreen
from forkant.services import normalise_pairing_code
from forkant.wallscreens import delete_code_cookie, set_pairing_cookie, shown_code

# Wall screens: managed by the AMG's members ------------------------------------------------


@login_required
def screen_list(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    return _render_screens(request, ctx, WallScreenForm())


@login_required
@require_POST
def screen_create(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    form = WallScreenForm(request.POST)
    if not form.is_valid():
        return _render_screens(request, ctx, form, status=422)
    screen, token = services.create_wall_screen(
        amg=ctx.amg, name=form.cleaned_data["name"], created_by=request.user, now=timezone.now()
    )
    return _render_screens(request, ctx, WallScreenForm(), new_link=(screen, token))


@login_required
@require_POST
def screen_renew_link(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    screen = ctx.get(WallScreen, pk)
    if screen.is_revoked:
        messages.error(request, _("En tilbagekaldt skærm kan ikke forbindes igen. Opret en ny."))
        return redirect("screen_list", amg_id=ctx.amg.pk)
    token = services.renew_pairing_link(screen=screen, now=timezone.now())
    return _render_screens(request, ctx, WallScreenForm(), new_link=(screen, token))


@login_required
@require_http_methods(["GET", "POST"])
def screen_rename(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    screen = ctx.get(WallScreen, pk)
    form = WallScreenForm(request.POST or None, initial={"name": screen.name})
    if request.method == "POST" and form.is_valid():
        services.rename_wall_screen(screen=screen, name=form.cleaned_data["name"])
        messages.success(request, _("Skærmen hedder nu “%(name)s”.") % {"name": screen.name})
        return redirect("screen_list", amg_id=ctx.amg.pk)
    return render_page(
        request,
        "forkant/screen_rename.html",
        {"ctx": ctx, "screen": screen, "form": form},
    )


@login_required
@require_POST
def screen_revoke(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    screen = ctx.get(WallScreen, pk)
    services.revoke_wall_screen(screen=screen, now=timezone.now())
    messages.success(
        request,
        _("“%(name)s” er ikke længere forbundet. Den viser ikke tavlen mere.")
        % {"name": screen.name},
    )
    url = reverse("screen_list", kwargs={"amg_id": ctx.amg.pk})
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def _render_screens(
    request: HttpRequest,
    ctx: AMGContext,
    form: WallScreenForm,
    *,
    new_link: tuple[WallScreen, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    screens = ctx.filter(WallScreen).select_related("created_by")
    pairing_url = None
    if new_link is not None:
        pairing_url = request.build_absolute_uri(
            reverse("wall_pair", kwargs={"token": new_link[1]})
        )
    return render(
        request,
        "forkant/screens.html",
        {
            "ctx": ctx,
            "screens": screens,
            "form": form,
            "new_screen": new_link[0] if new_link else None,
            "pairing_url": pairing_url,
            "now": timezone.now(),
            "code_form": ScreenCodeForm(amg=ctx.amg, prefix=CODE_PREFIX),
        },
        status=status,
    )


# Pairing by the code an unpaired TV shows ------------------------------------------------------

CODE_PREFIX = "par"  # the form's fields on the screens page, beside the pairing link's form
CODE_ENTRY_RATE = 10  # codes tried per member, and per address ...
CODE_ENTRY_RATE_PER = datetime.timedelta(minutes=10)  # ... per ten minutes, across app servers


@login_required
@require_GET
def screen_code_entry(request: HttpRequest) -> HttpResponse:
    """Where the TV's QR code leads: the member's AMG (or a choice of them) with the code."""
    code = normalise_pairing_code(request.GET.get("kode", ""))
    amgs = list(writable_amgs(request.user))
    query = f"?{urlencode({'kode': code})}" if code else ""
    if len(amgs) == 1:
        return redirect(reverse("screen_pair_code", args=[amgs[0].pk]) + query)
    return render(request, "forkant/screen_code_choose.html", {"amgs": amgs, "query": query})


@login_required
@require_http_methods(["GET", "POST"])
def screen_pair_code(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    initial = {"code": normalise_pairing_code(request.GET.get("kode", ""))}
    form = ScreenCodeForm(request.POST or None, amg=ctx.amg, initial=initial, prefix=CODE_PREFIX)
    if request.method == "POST" and not _may_try_a_code(request):
        return ratelimit.too_many_requests(
            request, _("Der er prøvet mange koder. Vent et kvarter, og prøv igen.")
        )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        screen = services.enter_pairing_code(
            amg=ctx.amg,
            code=data["code"],
            now=timezone.now(),
            created_by=request.user,
            name=data["name"],
            screen=data["screen"],
        )
        if screen is not None:
            messages.success(
                request,
                _("“%(name)s” er forbundet. Skærmen viser tavlen om få sekunder.")
                % {"name": screen.name},
            )
            return redirect("screen_list", amg_id=ctx.amg.pk)
        form.add_error(
            "code",
            ngettext(
                "Koden findes ikke, er brugt eller er udløbet. Se efter koden på skærmen igen – "
                "den skifter efter %(minutes)d minut.",
                "Koden findes ikke, er brugt eller er udløbet. Se efter koden på skærmen igen – "
                "den skifter efter %(minutes)d minutter.",
                settings.WALLSCREEN_CODE_MINUTES,
            )
            % {"minutes": settings.WALLSCREEN_CODE_MINUTES},
        )
    return render_page(request, "forkant/screen_pair_code.html", {"ctx": ctx, "form": form})


def _may_try_a_code(request: HttpRequest) -> bool:
    """Every code tried costs a token, from the member's bucket and from the address's."""
    keys = (f"user:{request.user.pk}", f"ip:{ratelimit.client_ip(request)}")
    return all(
        ratelimit.allow("screen-code-entry", key, rate=CODE_ENTRY_RATE, per=CODE_ENTRY_RATE_PER)
        for key in keys
    )


# Wall screens: the TV's side ----------------------------------------------------------------


@require_GET
def wall_code(request: HttpRequest) -> HttpResponse:
    """An unpaired TV asks whether its code was entered: 204 not yet; 200 yes — and this browser
    is now paired (its cookie); 410 the code is gone (expired, used, unknown): show a new one."""
    shown = shown_code(request)
    result = (
        services.claim_code_pairing(
            pairing_id=shown.pairing_id, claim=shown.claim, now=timezone.now()
        )
        if shown is not None
        else services.CodePairing.GONE
    )
    if result is services.CodePairing.WAITING:
        response = HttpResponse(status=204)
    elif result is services.CodePairing.GONE:
        response = HttpResponse(status=410)
        delete_code_cookie(response)
    else:
        response = HttpResponse(status=200)
        set_pairing_cookie(response, result)
        delete_code_cookie(response)
    patch_cache_control(response, no_store=True)
    return response


@require_http_methods(["GET", "POST"])
def wall_pair(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a page that pairs itself (a script submits the form); POST uses the token.

    Pairing only on POST keeps link previews and mail scanners from using up the one-time link.
    """
    if request.method == "GET":
        return render(request, "forkant/wall_pair.html", {"token": token})
    screen = services.pair_wall_screen(token=token, now=timezone.now())
    if screen is None:
        return render(request, "forkant/wall_pair_invalid.html", status=410)
    response = redirect(settings.WALLSCREEN_PAGE_URL)
    set_pairing_cookie(response, screen)
    return response
