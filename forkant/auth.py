"""Login: the throttled backend, the two-factor rule, and the pending second step."""

from __future__ import annotations

import time
from typing import Any

from axes.backends import AxesStandaloneBackend
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest
from django_otp import user_has_device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from forkant.lib.numbers import ascii_int
from forkant.models import Membership, OrganisationAdmin, User
from forkant.ratelimit import client_ip

# How long the password step stays valid while the person types the code from their app.
PENDING_SECONDS = 5 * 60
PENDING_KEY = "forkant_pending_2fa"


class ThrottledBackend(AxesStandaloneBackend):
    """django-axes' lockout check. Every login form passes the request; code that calls
    authenticate() without one (Django's test client's login()) is not a login form and is
    left to the next backend instead of failing."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> AbstractBaseUser | None:
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def login_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """Axes counts failures per address as the person typed it, in any case."""
    raw = (credentials or {}).get("username") or request.POST.get("username", "")
    return str(raw).strip().lower()


def login_client_ip(request: HttpRequest) -> str | None:
    """The address axes counts failures for (None when there is none, e.g. force_login)."""
    address = client_ip(request)
    return None if address == "unknown" else address


def two_factor_required(user: User) -> bool:
    """Whether any organisation the user belongs to (as member or admin) requires 2FA."""
    return (
        Membership.objects.filter(user=user, amg__organisation__require_two_factor=True).exists()
        or OrganisationAdmin.objects.filter(
            user=user, organisation__require_two_factor=True
        ).exists()
    )


def has_two_factor(user: User) -> bool:
    return user_has_device(user, confirmed=True)


def totp_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def recovery_device(user: User) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user, confirmed=True).first()


def start_pending(request: HttpRequest, user: User, *, backend: str) -> None:
    request.session[PENDING_KEY] = {"user": user.pk, "at": time.time(), "backend": backend}


def pending_user(request: HttpRequest) -> tuple[User, str] | None:
    """The user who passed the password step in the last 5 minutes, fetched afresh."""
    pending = request.session.get(PENDING_KEY)
    if not isinstance(pending, dict) or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        return None
    user = User.objects.filter(pk=pending.get("user"), is_active=True).first()
    if user is None:
        return None
    return user, str(pending.get("backend", ""))


def clear_pending(request: HttpRequest) -> None:
    request.session.pop(PENDING_KEY, None)


def recovery_codes_left(user: User) -> int:
    device = recovery_device(user)
    return device.token_set.count() if device else 0


def check_new_totp(key: str, code: str) -> int | None:
    """Whether `code` is the app's current code for a secret not yet saved (enrolment); the
    time step it matched, so that code cannot be used again to log in."""
    number = ascii_int(code)
    if number is None or len(code) != 6:
        return None
    totp = TOTP(bytes.fromhex(key), step=30, t0=0, digits=6)
    now = time.time()
    for offset in (-1, 0, 1):  # the phone's clock may be up to one step off
        totp.time = now + offset * 30
        if totp.token() == number:
            return totp.t()
    return None


def grouped(secret: str) -> str:
    """The base32 secret in groups of four, easier to type into an app by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
