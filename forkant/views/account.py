"""The user's own page: name and e-mail, password, two-factor login (turning it on and off,
recovery codes), log out everywhere, their personal data, deleting the account."""

from __future__ import annotations

import time
from base64 import b32encode

import segno
from django.contrib import messages
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from forkant import auth, personal_data, services
from forkant.access import administered_organisations
from forkant.extensions import account_panels
from forkant.forms import CodeForm, ConfirmPasswordForm, ProfileForm
from forkant.lib.pages import render_page
from forkant.lib.svg import INK, WHITE

# The user's own page --------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def account(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = ProfileForm(
        request.POST or None,
        user=user,
        initial={"first_name": user.first_name, "last_name": user.last_name, "email": user.email},
    )
    if request.method == "POST" and form.is_valid():
        services.update_profile(user=user, **form.cleaned_data)
        messages.success(request, _("Dine oplysninger er gemt."))
        return redirect("account")
    return _render_account(request, profile_form=form)


def _render_account(
    request: HttpRequest,
    *,
    profile_form: ProfileForm | None = None,
    password_form: PasswordChangeForm | None = None,
) -> HttpResponse:
    user = request.user
    return render_page(
        request,
        "forkant/account.html",
        {
            "profile_form": profile_form
            or ProfileForm(
                user=user,
                initial={
                    "first_name": user.first_name,
                    "last_name": user.last_name,
                    "email": user.email,
                },
            ),
            "password_form": password_form or PasswordChangeForm(user),
            "two_factor_on": auth.has_two_factor(user),
            "organisations": administered_organisations(user),
            "account_panels": account_panels(request),
        },
    )


@login_required
@require_POST
@sensitive_post_parameters()
def password_change(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.user, request.POST)
    if not form.is_valid():
        return _render_account(request, password_form=form)
    user = form.save()
    # The new password changes the session hash: every other session ends; this one goes on.
    update_session_auth_hash(request, user)
    messages.success(request, _("Din adgangskode er skiftet. Du er logget ud alle andre steder."))
    return redirect("account")


@login_required
@require_POST
def logout_everywhere(request: HttpRequest) -> HttpResponse:
    services.end_all_sessions(user=request.user)
    auth_logout(request)
    messages.success(request, _("Du er logget ud på alle enheder."))
    return redirect("login")


@login_required
def account_data(request: HttpRequest) -> HttpResponse:
    response = JsonResponse(
        personal_data.export(request.user), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    response["Content-Disposition"] = 'attachment; filename="mine-data-paa-forkant.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request: HttpRequest) -> HttpResponse:
    form = ConfirmPasswordForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.anonymise_user(user=request.user, now=timezone.now())
        auth_logout(request)
        messages.success(
            request, _("Din konto er slettet. Gruppernes materiale er bevaret uden dit navn.")
        )
        return redirect("login")
    return render_page(request, "forkant/account_delete.html", {"form": form})


# Two-factor login: turning it on and off -----------------------------------------------------

PENDING_KEY_SESSION = "forkant_totp_key"


@login_required
@require_http_methods(["GET", "POST"])
def two_factor(request: HttpRequest) -> HttpResponse:
    """Turn it on: a new secret waits in the session until a code from the app confirms it."""
    user = request.user
    if auth.has_two_factor(user):
        return render(
            request,
            "forkant/two_factor.html",
            {
                "enabled": True,
                "required": auth.two_factor_required(user),
                "recovery_left": auth.recovery_codes_left(user),
                "form": ConfirmPasswordForm(user=user),
            },
        )
    key = request.session.get(PENDING_KEY_SESSION) or random_hex(20)
    request.session[PENDING_KEY_SESSION] = key
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        last_t = auth.check_new_totp(key, form.cleaned_data["code"])
        if last_t is not None:
            device, codes = services.enable_two_factor(user=user, key=key, last_t=last_t)
            del request.session[PENDING_KEY_SESSION]
            # This session is verified by the code just typed: it is never asked for another.
            otp_login(request, device)
            return _recovery_codes_page(request, codes, new=True)
        form.add_error("code", _("Koden passer ikke. Tjek uret på telefonen, og prøv igen."))
    device = TOTPDevice(user=user, key=key, name="Authenticator")
    return render_page(
        request,
        "forkant/two_factor.html",
        {
            "enabled": False,
            "required": auth.two_factor_required(user),
            "qr_svg": mark_safe(  # noqa: S308  (segno's own SVG of our URI, no user input)
                segno.make(device.config_url, micro=False).svg_inline(
                    scale=5, dark=INK, light=WHITE
                )
            ),
            "secret": auth.grouped(b32encode(bytes.fromhex(key)).decode()),
            "form": form,
        },
    )


@login_required
@require_POST
def two_factor_disable(request: HttpRequest) -> HttpResponse:
    user = request.user
    if auth.two_factor_required(user):
        messages.error(request, _("Din organisation kræver totrinslogin. Det kan ikke slås fra."))
        return redirect("two_factor")
    form = ConfirmPasswordForm(request.POST, user=user)
    if not form.is_valid():
        messages.error(request, _("Adgangskoden er forkert. Totrinslogin er stadig slået til."))
        return redirect("two_factor")
    services.disable_two_factor(user=user)
    messages.success(request, _("Totrinslogin er slået fra."))
    return redirect("account")


@login_required
@require_POST
def recovery_codes_new(request: HttpRequest) -> HttpResponse:
    if not auth.has_two_factor(request.user):
        return redirect("two_factor")
    codes = services.new_recovery_codes(user=request.user)
    return _recovery_codes_page(request, codes, new=False)


# The codes are shown once. For the next RECOVERY_SECONDS this session may print them or download
# them as a text file; after that (or in any other session) they are gone from view.
RECOVERY_SESSION = "forkant_recovery_codes"
RECOVERY_SECONDS = 15 * 60


def _recovery_codes_page(request: HttpRequest, codes: list[str], *, new: bool) -> HttpResponse:
    request.session[RECOVERY_SESSION] = {"codes": codes, "at": time.time()}
    response = render(request, "forkant/recovery_codes.html", {"codes": codes, "new": new})
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def recovery_codes_download(request: HttpRequest) -> HttpResponse:
    shown = request.session.get(RECOVERY_SESSION)
    if not isinstance(shown, dict) or time.time() - shown.get("at", 0) > RECOVERY_SECONDS:
        messages.error(
            request,
            _(
                "Gendannelseskoderne kan kun hentes lige efter, de er lavet. "
                "Lav nye, hvis du ikke har gemt dem."
            ),
        )
        return redirect("two_factor")
    text = render_to_string(
        "forkant/recovery_codes.txt",
        {"codes": shown["codes"], "user": request.user, "made": timezone.now()},
    )
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="paa-forkant-gendannelseskoder.txt"'
    response["Cache-Control"] = "private, no-store"
    return response
