"""Ideas from the workplace: the public form behind the wall's QR code (no account, rate
limited), and the members' queue where an idea is published, merged or declined."""

from __future__ import annotations

import datetime
import re
import secrets
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from forkant import ratelimit
from forkant.access import AMGContext, amg_context
from forkant.lib.numbers import body_length
from forkant.lib.pages import render_page
from forkant.services import hash_token
from handleplan import services
from handleplan.forms import DeclineIdeaForm, IdeaForm, MergeIdeaForm, PublishIdeaForm
from handleplan.models import BoardSettings, Idea
from handleplan.qr import qr_svg
from handleplan.queries import (
    fate_of,
    handled_ideas,
    idea_box,
    idea_by_fate_token,
    pending_ideas,
)
from handleplan.views.common import _render_dialog

# Ideas from the workplace: the public form ------------------------------------------------------

IDEA_RATE = 5  # ideas per device/IP ...
IDEA_RATE_PER = datetime.timedelta(minutes=10)  # ... per ten minutes, across all app servers
IDEA_MAX_BODY = 32_000  # bytes; the form's fields together are far smaller


@require_http_methods(["GET", "POST"])
def idea_form(request: HttpRequest, code: str) -> HttpResponse:
    """The form staff reach through the wall's QR code: no account, shows only the AMG's name."""
    box = idea_box(code)
    if box is None:
        return render(request, "handleplan/idea_unknown.html", status=404)
    form = IdeaForm()
    if request.method == "POST":
        if not ratelimit.allow(
            "idea-form", ratelimit.client_ip(request), rate=IDEA_RATE, per=IDEA_RATE_PER
        ):
            return ratelimit.too_many_requests(
                request,
                _("Der er sendt mange idéer fra denne enhed. Vent et kvarter, og prøv igen."),
            )
        if body_length(request.META) > IDEA_MAX_BODY:
            too_long = _("Teksten er alt for lang. Skriv højst 2000 tegn.")
            return _render_idea_form(request, box, form, status=413, error=too_long)
        form = IdeaForm(request.POST)
        if form.is_valid():
            # The sender's private link to what becomes of the idea (only its hash is kept).
            token = secrets.token_urlsafe(32)
            if not form.is_bot:  # a bot gets the same receipt, and nothing is saved
                services.submit_idea(
                    amg=box.amg,
                    text=form.cleaned_data["text"],
                    name=form.cleaned_data["name"],
                    now=timezone.now(),
                    fate_token=token,
                )
            thanks = reverse("idea_thanks", args=[box.idea_code])
            return redirect(f"{thanks}?{urlencode({'link': token})}")
    return _render_idea_form(request, box, form)  # 422 when the posted form has errors


@require_GET
def idea_thanks(request: HttpRequest, code: str) -> HttpResponse:
    """The receipt, with the sender's private link to the idea (shown here only)."""
    box = idea_box(code)
    if box is None:
        return render(request, "handleplan/idea_unknown.html", status=404)
    token = request.GET.get("link", "")
    fate_url = ""
    if TOKEN.fullmatch(token):
        fate_url = request.build_absolute_uri(reverse("idea_fate", args=[token]))
    response = render(request, "handleplan/idea_thanks.html", {"box": box, "fate_url": fate_url})
    patch_cache_control(response, no_store=True, private=True)
    return response


TOKEN = re.compile(r"[A-Za-z0-9_-]{20,100}")
FATE_RATE = 30  # looks per device/IP ...
FATE_RATE_PER = datetime.timedelta(minutes=10)  # ... per ten minutes, across all app servers


@require_GET
def idea_fate(request: HttpRequest, token: str) -> HttpResponse:
    """The sender's private link: what became of the idea. No account: the random token is the
    key (only its SHA-256 is stored). Rate limited and 404 like the idea form."""
    if not ratelimit.allow(
        "idea-fate", ratelimit.client_ip(request), rate=FATE_RATE, per=FATE_RATE_PER
    ):
        return ratelimit.too_many_requests(
            request, _("Der er kigget mange gange fra denne enhed. Vent et kvarter, og prøv igen.")
        )
    idea = idea_by_fate_token(hash_token(token)) if TOKEN.fullmatch(token) else None
    if idea is None:
        return render(request, "handleplan/idea_fate_unknown.html", status=404)
    response = render(request, "handleplan/idea_fate.html", {"fate": fate_of(idea)})
    patch_cache_control(response, no_store=True, private=True)
    response["X-Robots-Tag"] = "noindex"
    return response


def _render_idea_form(
    request: HttpRequest,
    box: BoardSettings,
    form: IdeaForm,
    *,
    status: int | None = None,
    error: str = "",
) -> HttpResponse:
    context = {"box": box, "form": form, "error": error}
    return render_page(request, "handleplan/idea_form.html", context, status=status)


# Ideas: the members' moderation queue ------------------------------------------------------------


@login_required
@require_GET
def idea_queue(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    box = services.board_settings_for(ctx.amg) if ctx.can_write else None
    link = request.build_absolute_uri(reverse("idea_form", args=[box.idea_code])) if box else ""
    context = {
        "ctx": ctx,
        "ideas": list(pending_ideas(ctx.amg)),
        "handled": handled_ideas(ctx.amg),
        "link": link,
        "qr": qr_svg(link) if link else "",
    }
    return render(request, "handleplan/idea_queue.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def idea_publish(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    return _moderate(
        request,
        amg_id,
        pk,
        "handleplan/idea_publish.html",
        make_form=lambda ctx, idea, data: PublishIdeaForm(
            data, amg=ctx.amg, initial={"title": idea.title_suggestion}
        ),
        write=lambda ctx, idea, fields: services.publish_idea(
            idea=idea, by=ctx.membership, now=timezone.now(), **fields
        ),
        done=_("Idéen er sat på tavlen i Parkeringspladsen."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def idea_merge(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    return _moderate(
        request,
        amg_id,
        pk,
        "handleplan/idea_merge.html",
        make_form=lambda _ctx, idea, data: MergeIdeaForm(data, idea=idea),
        write=lambda ctx, idea, fields: services.merge_idea(
            idea=idea, into=fields["into"], by=ctx.membership, now=timezone.now()
        ),
        done=_("Idéen er flettet med den anden."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def idea_decline(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    return _moderate(
        request,
        amg_id,
        pk,
        "handleplan/idea_decline.html",
        make_form=lambda _ctx, _idea, data: DeclineIdeaForm(data),
        write=lambda ctx, idea, fields: services.decline_idea(
            idea=idea, by=ctx.membership, now=timezone.now(), **fields
        ),
        done=_("Idéen er afvist."),
    )


def _moderate(
    request: HttpRequest,
    amg_id: int,
    pk: int,
    template: str,
    *,
    make_form: Callable[[AMGContext, Idea, QueryDict | None], forms.Form],
    write: Callable[[AMGContext, Idea, dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    """Publish, merge or decline an idea: the dialog with its form; a valid post writes, says
    `done` (or why not) and goes back to the queue."""
    ctx = amg_context(request, amg_id, write=True)
    idea = ctx.get(Idea, pk)
    queue = reverse("idea_queue", args=[ctx.amg.pk])
    form = make_form(ctx, idea, request.POST if request.method == "POST" else None)
    if request.method != "POST" or not form.is_valid():
        return _render_dialog(request, ctx, template, {"idea": idea, "form": form, "back": queue})
    try:
        write(ctx, idea, form.cleaned_data)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, done)
    return HttpResponseClientRedirect(queue) if request.htmx else redirect(queue)


@login_required
@require_POST
def idea_code_renew(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    services.renew_idea_code(amg=ctx.amg)
    messages.success(request, _("Idéformularen har fået et nyt link. Det gamle virker ikke mere."))
    return redirect("idea_queue", amg_id=ctx.amg.pk)
