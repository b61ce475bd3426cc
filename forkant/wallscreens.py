"""How a paired wall screen is recognised: a long-lived, signed, HttpOnly cookie.

The cookie carries the screen's id and its device key, signed with SECRET_KEY. It grants one thing
only: reading that screen's AMG's public board. Revoking the screen (or pairing it again) changes
the device key in the database, so every older cookie stops working at once.
"""

from __future__ import annotations

import enum
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from forkant.models import WallScreen

COOKIE_SALT = "forkant.wallscreen"
COOKIE_PATH = "/skaerm/"


class ScreenState(enum.Enum):
    PAIRED = "paired"
    NOT_PAIRED = "not_paired"  # no cookie, or one that does not verify
    REVOKED = "revoked"


@dataclass(frozen=True)
class ScreenLookup:
    state: ScreenState
    screen: WallScreen | None = None  # set exactly when the state is PAIRED


def set_pairing_cookie(response: HttpResponse, screen: WallScreen) -> None:
    response.set_signed_cookie(
        settings.WALLSCREEN_COOKIE_NAME,
        f"{screen.pk}:{screen.device_key}",
        salt=COOKIE_SALT,
        max_age=settings.WALLSCREEN_COOKIE_MAX_AGE,
        path=COOKIE_PATH,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def screen_from_request(request: HttpRequest) -> ScreenLookup:
    """One query: the screen with its AMG (the AMG's board revision makes the ETag)."""
    value = request.get_signed_cookie(
        settings.WALLSCREEN_COOKIE_NAME, default=None, salt=COOKIE_SALT
    )
    if not value or ":" not in value:
        return ScreenLookup(ScreenState.NOT_PAIRED)
    pk, _, device_key = value.partition(":")
    if not pk.isdigit():
        return ScreenLookup(ScreenState.NOT_PAIRED)
    screen = (
        WallScreen.objects.select_related("amg", "amg__organisation").filter(pk=int(pk)).first()
    )
    if screen is None or screen.is_revoked:
        return ScreenLookup(ScreenState.REVOKED)
    if not screen.device_key or not secrets.compare_digest(screen.device_key, device_key):
        # Paired again elsewhere since: this browser's pairing is no longer valid.
        return ScreenLookup(ScreenState.REVOKED)
    return ScreenLookup(ScreenState.PAIRED, screen)
