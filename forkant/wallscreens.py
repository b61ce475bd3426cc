"""How a paired wall screen is recognised: a long-lived, signed, HttpOnly cookie.

The cookie carries the screen's id and its device key, signed with SECRET_KEY. It grants one thing
only: reading that screen's AMG's public board. Revoking the screen (or pairing it again) changes
the device key in the database, so every older cookie stops working at once.
"""

from __future__ import annotations

import datetime
import enum
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from forkant import ratelimit, services
from forkant.lib.numbers import is_ascii_digits
from forkant.models import ScreenPairingCode, WallScreen

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
    if not is_ascii_digits(pk):
        return ScreenLookup(ScreenState.NOT_PAIRED)
    # A plain primary-key lookup: .first() would sort by the model's ordering for nothing.
    screen = next(
        iter(WallScreen.objects.select_related("amg").filter(pk=int(pk)).order_by()[:1]), None
    )
    if screen is None or screen.is_revoked:
        return ScreenLookup(ScreenState.REVOKED)
    if not screen.device_key or not secrets.compare_digest(screen.device_key, device_key):
        # Paired again elsewhere since: this browser's pairing is no longer valid.
        return ScreenLookup(ScreenState.REVOKED)
    return ScreenLookup(ScreenState.PAIRED, screen)


# Every screen of an AMG shows the same board: render it once per change, not once per screen.
FRAGMENT_CACHE_SECONDS = 60


def cached_fragment(etag: str, render: Callable[[], str]) -> str:
    """The wall's board fragment for an ETag (which names the AMG and its board revision),
    rendered at most once per process and language while it is current. Without this, each
    edit made 300 screens render the same board 300 times within 3 s (`make loadtest`)."""
    key = f"forkant:wall:{etag}:{get_language()}"
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, html, FRAGMENT_CACHE_SECONDS)
    return html


# An unpaired TV: the short code it shows until a member enters it in the app ------------------

CODE_COOKIE_NAME = "forkant_skaerm_kode"
CODE_COOKIE_SALT = "forkant.wallscreen.code"
# New codes per TV address (a TV gets one every WALLSCREEN_CODE_MINUTES while nobody pairs it).
CODE_RATE = 30
CODE_RATE_PER = datetime.timedelta(hours=1)


@dataclass(frozen=True)
class ShownCode:
    pairing_id: int
    claim: str
    code: str  # as stored: capitals, no dash
    expires_at: datetime.datetime

    @property
    def display(self) -> str:
        return f"{self.code[:3]}-{self.code[3:]}"

    @property
    def cookie(self) -> str:
        return f"{self.pairing_id}:{self.claim}:{self.code}"


def shown_code(request: HttpRequest) -> ShownCode | None:
    """The code this browser was given, from its signed cookie, if that code is still open
    (unknown, expired or used: None). One small query."""
    value = request.get_signed_cookie(CODE_COOKIE_NAME, default=None, salt=CODE_COOKIE_SALT)
    parts = (value or "").split(":")
    if len(parts) != 3 or not is_ascii_digits(parts[0]):
        return None
    pairing = ScreenPairingCode.objects.filter(pk=int(parts[0])).order_by().first()
    if pairing is None or not secrets.compare_digest(
        pairing.claim_hash, services.hash_token(parts[1])
    ):
        return None
    return ShownCode(pairing.pk, parts[1], parts[2], pairing.expires_at)


def code_for_tv(request: HttpRequest, *, now: datetime.datetime) -> tuple[ShownCode | None, bool]:
    """The code an unpaired TV shows: the one it has, or a new one (rate limited per address);
    and whether it is new (so the cookie must be set). (None, False) when refused for now."""
    shown = shown_code(request)
    if shown is not None and shown.expires_at > now:
        return shown, False
    if not ratelimit.allow(
        "screen-code", ratelimit.client_ip(request), rate=CODE_RATE, per=CODE_RATE_PER
    ):
        return None, False
    pairing, code, claim = services.start_code_pairing(now=now)
    return ShownCode(pairing.pk, claim, code, pairing.expires_at), True


def set_code_cookie(response: HttpResponse, shown: ShownCode) -> None:
    response.set_signed_cookie(
        CODE_COOKIE_NAME,
        shown.cookie,
        salt=CODE_COOKIE_SALT,
        max_age=settings.WALLSCREEN_CODE_MINUTES * 60 + 60,
        path=COOKIE_PATH,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def delete_code_cookie(response: HttpResponse) -> None:
    response.delete_cookie(CODE_COOKIE_NAME, path=COOKIE_PATH, samesite="Lax")
