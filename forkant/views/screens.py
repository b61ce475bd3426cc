"""Wall screens: managed by the AMG's members, and the TV's pairing page."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from forkant import services
from forkant.access import AMGContext, amg_context
from forkant.forms import WallScreenForm
from forkant.lib.pages import render_page
from forkant.models import WallScreen
from forkant.wallscreens import set_pairing_cookie

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
        },
        status=status,
    )


# Wall screens: the TV's side ----------------------------------------------------------------


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
