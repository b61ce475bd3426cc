"""Connected in forkant.apps: note at login whether the person must use two-factor login."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest

from forkant.auth import two_factor_required
from forkant.middleware import TWO_FACTOR_SESSION_KEY
from forkant.models import User


@receiver(user_logged_in)
def remember_two_factor_requirement(
    sender: Any, request: HttpRequest | None, user: User, **kwargs: Any
) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[TWO_FACTOR_SESSION_KEY] = two_factor_required(user)
