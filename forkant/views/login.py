"""Logging in: the password, then (where turned on) the code from the app; resetting a
forgotten password."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.models import Device

from forkant import auth, ratelimit
from forkant.forms import CodeForm
from forkant.lib.numbers import is_ascii_digits
from forkant.lib.pages import render_page
from forkant.models import User

# Login: password, then (where turned on) the code from the app ------------------------------


class LoginView(auth_views.LoginView):
    """Django's login (authenticate(request=…), so django-axes counts failures), with a second
    step for people who have turned on two-factor login."""

    redirect_authenticated_user = True

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        user = form.get_user()
        if not auth.has_two_factor(user):
            return super().form_valid(form)
        auth.start_pending(self.request, user, backend=user.backend)
        url = reverse("login_code")
        next_url = self.get_redirect_url()
        if next_url:
            url += "?" + urlencode({"next": next_url})
        return redirect(url)


CODE_RATE = 5  # second-factor attempts per person per 5 minutes


@require_http_methods(["GET", "POST"])
def login_code(request: HttpRequest) -> HttpResponse:
    pending = auth.pending_user(request)
    if pending is None:
        messages.error(request, _("Log ind igen: der gik for lang tid, før koden blev skrevet."))
        return redirect("login")
    user, backend = pending
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        if not ratelimit.allow(
            "login-code", str(user.pk), rate=CODE_RATE, per=timedelta(minutes=5)
        ):
            return ratelimit.too_many_requests(
                request, _("For mange forkerte koder. Vent fem minutter, og prøv igen.")
            )
        if form.is_valid():
            device = _verified_device(user, form.cleaned_data["code"])
            if device is not None:
                auth.clear_pending(request)
                auth_login(request, user, backend=backend)
                otp_login(request, device)
                next_url = request.POST.get("next", "")
                if not url_has_allowed_host_and_scheme(
                    next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
                ):
                    next_url = resolve_url(settings.LOGIN_REDIRECT_URL)
                return redirect(next_url)
            form.add_error("code", _("Koden er forkert eller allerede brugt. Prøv igen."))
    return render_page(
        request,
        "registration/login_code.html",
        {"form": form, "next": request.GET.get("next", request.POST.get("next", ""))},
    )


def _verified_device(user: User, code: str) -> Device | None:
    """The app's code (django-otp refuses a code used before and slows down guessing), or one
    of the recovery codes (each works once)."""
    totp = auth.totp_device(user)
    if (
        totp is not None
        and is_ascii_digits(code)
        and totp.verify_is_allowed()[0]
        and totp.verify_token(code)
    ):
        return totp
    recovery = auth.recovery_device(user)
    if recovery is not None and recovery.verify_token(code):
        return recovery
    return None


PASSWORD_RESET_RATE = 5  # e-mails an hour, per address asked for and per caller


@method_decorator(sensitive_post_parameters(), name="dispatch")
class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset (the same answer whether or not the address has an account), limited per
    caller and per address asked for, so nobody can flood someone's inbox."""

    def post(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        email = request.POST.get("email", "").strip().lower()[:254]
        per = timedelta(hours=1)
        if not (
            ratelimit.allow("password-reset-ip", ratelimit.client_ip(request), rate=20, per=per)
            and ratelimit.allow("password-reset", email, rate=PASSWORD_RESET_RATE, per=per)
        ):
            return ratelimit.too_many_requests(request)
        return super().post(request, *args, **kwargs)
