"""The pulse on a colleague's phone, reached by the wall's QR code: no account, no name.

One answer per phone per pulse (a signed cookie; nothing about the phone is stored on the
server), a rate limit per address held in the database across app servers (forkant.ratelimit, as
for ideas), and every refusal a clear message with a 4xx: 404 unknown pulse, 410 closed, 409
answered already, 413 too large, 400 unknown theme, 422 a missing or wrong choice, 429 a flood.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from apv.pulse import services
from apv.pulse.forms import AnswerForm
from apv.pulse.models import Pulse
from apv.pulse.queries import pulse_by_code
from forkant import ratelimit
from forkant.lib.numbers import body_length
from forkant.lib.pages import render_page

# A whole staff room answers at once, often from one Wi-Fi (one address): generous per address,
# yet a script posting in a loop is stopped within a minute.
ANSWER_RATE = 60  # answers per address ...
ANSWER_RATE_PER = datetime.timedelta(minutes=10)  # ... per ten minutes, across all app servers
ANSWER_MAX_BODY = 16_000  # bytes: eight choices and a proposal of 1000 characters fit easily
COOKIE_SALT = "apv.pulse.answered"


def _cookie_name(pulse: Pulse) -> str:
    return f"forkant_puls_{pulse.code}"


def has_answered(request: HttpRequest, pulse: Pulse) -> bool:
    value = request.get_signed_cookie(_cookie_name(pulse), default=None, salt=COOKIE_SALT)
    return value == pulse.code


def _mark_answered(response: HttpResponse, pulse: Pulse) -> None:
    response.set_signed_cookie(
        _cookie_name(pulse),
        pulse.code,
        salt=COOKIE_SALT,
        max_age=int((pulse.closes_at - timezone.now()).total_seconds()) + 30 * 86400,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def _refusal(
    request: HttpRequest, pulse: Pulse | None, status: int, title: str, message: str
) -> HttpResponse:
    response = render(
        request,
        "apv/pulse/public_message.html",
        {"pulse": pulse, "title": title, "message": message},
        status=status,
    )
    patch_cache_control(response, no_store=True, private=True)
    return response


def _unknown(request: HttpRequest) -> HttpResponse:
    return _refusal(
        request,
        None,
        404,
        _("Linket virker ikke"),
        _(
            "Linket til temperaturmålingen er forkert. Scan QR-koden på skærmen igen, eller "
            "spørg arbejdsmiljøgruppen."
        ),
    )


def _closed(request: HttpRequest, pulse: Pulse) -> HttpResponse:
    return _refusal(
        request,
        pulse,
        410,
        _("Målingen er lukket"),
        _("Temperaturmålingen er lukket, så der kan ikke svares mere. Tak for interessen."),
    )


@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, code: str) -> HttpResponse:
    pulse = pulse_by_code(code)
    if pulse is None:
        return _unknown(request)
    now = timezone.now()
    if has_answered(request, pulse):
        return _refusal(
            request,
            pulse,
            409,
            _("Du har allerede svaret"),
            _("Der kan svares én gang pr. telefon. Dit svar er talt med – tak!"),
        )
    if not pulse.is_open(now):
        if now < pulse.opens_at:
            return _refusal(
                request,
                pulse,
                409,
                _("Målingen er ikke åben endnu"),
                _("Temperaturmålingen åbner %(when)s.")
                % {"when": timezone.localtime(pulse.opens_at).strftime("%d.%m.%Y %H.%M")},
            )
        return _closed(request, pulse)
    if request.method != "POST":
        form = AnswerForm(pulse=pulse)
    else:
        if not ratelimit.allow(
            "pulse-answer", ratelimit.client_ip(request), rate=ANSWER_RATE, per=ANSWER_RATE_PER
        ):
            return ratelimit.too_many_requests(
                request,
                _("Der er sendt mange svar fra dette netværk. Vent et par minutter, og prøv igen."),
            )
        if body_length(request.META) > ANSWER_MAX_BODY:
            return _refusal(
                request,
                pulse,
                413,
                _("Svaret er for stort"),
                _("Svaret er alt for langt. Skriv højst 1000 tegn i forslaget, og prøv igen."),
            )
        form = AnswerForm(request.POST, pulse=pulse)
        if form.unknown_themes():
            return _refusal(
                request,
                pulse,
                400,
                _("Svaret passer ikke til målingen"),
                _(
                    "Svaret indeholder et tema, som målingen ikke har. "
                    "Åbn linket igen, og svar på ny."
                ),
            )
        if form.is_valid():
            try:
                services.submit_answer(
                    pulse=pulse,
                    scores=form.scores(),
                    unit=form.cleaned_data.get("unit", ""),
                    proposal=form.cleaned_data["proposal"],
                    now=timezone.now(),
                )
            except services.PulseClosed:
                return _closed(request, pulse)
            except ValidationError as error:
                return _refusal(
                    request,
                    pulse,
                    400,
                    _("Svaret passer ikke til målingen"),
                    " ".join(error.messages),
                )
            response = redirect("pulse_thanks", code=pulse.code)
            _mark_answered(response, pulse)
            return response
    response = render_page(request, "apv/pulse/answer.html", {"pulse": pulse, "form": form})
    patch_cache_control(response, no_store=True, private=True)
    return response


@require_GET
def thanks(request: HttpRequest, code: str) -> HttpResponse:
    pulse = pulse_by_code(code)
    if pulse is None:
        return _unknown(request)
    response = render(request, "apv/pulse/thanks.html", {"pulse": pulse})
    patch_cache_control(response, no_store=True, private=True)
    return response
