"""The polls' ETags, and their unchanged answer (304) given before sessions, auth, messages or
the database are touched.

Every few seconds each wall screen asks `GET /skaerm/tavle/` and each member's open board
`GET /amg/<id>/tavle/nyt/`, almost always to hear "nothing changed". `UnchangedPollMiddleware`
sits right after Django's SecurityMiddleware and answers those from the cache alone
(`forkant/revisions.py`: one cache read, no query):

- **The wall**: its signed pairing cookie is verified (HMAC with SECRET_KEY, no database), and
  the screen it names must be cached, by a poll that checked it against the database, as
  belonging to the ETag's AMG with the cookie's device key (pairing again or revoking deletes
  that entry). The ETag is rebuilt from the cached board revision; only if it equals the one
  the screen sent is the answer 304. Once a minute per screen it writes the screen's last-seen
  time (one small UPDATE), as the view does.
- **A member's board**: the session cookie's key must be cached, by a poll that checked the
  session and the membership, as a viewer of that AMG with the same write access; language and
  day come from the request, the revision from the cache.

Anything else — a cold cache, Redis unreachable, a changed board, a cookie the cache does not
know — goes on to the view, which checks everything against the database and fills the cache.
A 304 carries nothing but "what you have is current", and only to whom the database said it
could read that board moments before.
"""

from __future__ import annotations

import datetime
import re
import secrets
from collections.abc import Callable

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import parse_etags, quote_etag

from forkant import revisions, services
from forkant.lib.numbers import is_ascii_digits
from forkant.lib.release import wall_release
from forkant.wallscreens import COOKIE_SALT


def wall_etag(amg_id: int, revision: int, *, now: datetime.datetime) -> str:
    """Changes with every edit (the board revision), every quarter-hour (so "next tavlemøde"
    moves on after a meeting) and with every deploy that changes the wall's page (the release)."""
    local = timezone.localtime(now)
    return quote_etag(f"{amg_id}-{revision}-{local:%Y%m%d%H}{local.minute // 15}-{wall_release()}")


def board_etag(
    amg_id: int, revision: int, *, can_write: bool, language: str, today: datetime.date
) -> str:
    """Changes with every board write (which includes ideas arriving, meetings starting and
    ending), with what this member may do, the language and the day (deadlines turn overdue at
    midnight)."""
    return quote_etag(f"b{amg_id}-{revision}-{int(can_write)}-{language}-{today:%Y%m%d}")


def wall_headers(response: HttpResponse, etag: str) -> HttpResponse:
    response["ETag"] = etag
    response["X-Forkant-Release"] = wall_release()
    patch_cache_control(response, no_cache=True, private=True)
    return response


def board_headers(response: HttpResponse, etag: str) -> HttpResponse:
    response["ETag"] = etag
    patch_cache_control(response, no_cache=True, private=True)
    return response


# The AMG id at the start of a sent ETag: `"12-…"` (wall) or `"b12-…"` (board).
_ETAG_AMG = re.compile(r'^(?:W/)?"b?([0-9]{1,18})-')


class UnchangedPollMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self._wall_path = ""
        self._board_poll: re.Pattern[str] | None = None

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "GET" and request.META.get("HTTP_IF_NONE_MATCH"):
            answer = self._unchanged(request)
            if answer is not None:
                return answer
        return self.get_response(request)

    def _paths(self) -> tuple[str, re.Pattern[str]]:
        if self._board_poll is None:  # the URLconf is ready by the first request
            self._wall_path = reverse("wall_board")
            sample = reverse("board_poll", args=[987654321])
            before, _, after = sample.partition("987654321")
            self._board_poll = re.compile(f"^{re.escape(before)}([0-9]{{1,18}}){re.escape(after)}$")
        return self._wall_path, self._board_poll

    def _unchanged(self, request: HttpRequest) -> HttpResponse | None:
        wall_path, board_poll = self._paths()
        sent = request.META["HTTP_IF_NONE_MATCH"]
        etag_amg = _ETAG_AMG.match(sent)
        if etag_amg is None:
            return None
        amg_id = int(etag_amg.group(1))
        if request.path_info == wall_path:
            return _unchanged_wall(request, amg_id, sent)
        found = board_poll.match(request.path_info)
        if found is not None and int(found.group(1)) == amg_id:
            return _unchanged_board(request, amg_id, sent)
        return None


def _unchanged_wall(request: HttpRequest, amg_id: int, sent: str) -> HttpResponse | None:
    try:
        value = request.get_signed_cookie(
            settings.WALLSCREEN_COOKIE_NAME, default=None, salt=COOKIE_SALT
        )
    except signing.BadSignature:  # pragma: no cover - default=None answers None for these
        return None
    pk, _, device_key = (value or "").partition(":")
    if not is_ascii_digits(pk) or not device_key:
        return None
    screen_id = int(pk)
    keys = [
        revisions.screen_key(screen_id),
        revisions.revision_key(amg_id),
        revisions.seen_key(screen_id),
    ]
    found = cache.get_many(keys)
    screen, revision = found.get(keys[0]), found.get(keys[1])
    if screen is None or revision is None:
        return None
    screen_amg, screen_device = screen
    if screen_amg != amg_id or not secrets.compare_digest(
        screen_device, revisions.device_hash(device_key)
    ):
        return None
    now = timezone.now()
    etag = wall_etag(amg_id, revision, now=now)
    if etag not in parse_etags(sent):
        return None
    if keys[2] not in found and not revisions.seen_recently(screen_id):
        services.record_wall_screen_seen_by_id(screen_id=screen_id, now=now)
    return wall_headers(HttpResponse(status=304), etag)


def _unchanged_board(request: HttpRequest, amg_id: int, sent: str) -> HttpResponse | None:
    session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not session_key:
        return None
    keys = [revisions.viewer_key(session_key, amg_id), revisions.revision_key(amg_id)]
    found = cache.get_many(keys)
    can_write, revision = found.get(keys[0]), found.get(keys[1])
    if can_write is None or revision is None:
        return None
    # As forkant.middleware.ChosenLanguageMiddleware chooses it.
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    etag = board_etag(
        amg_id, revision, can_write=can_write, language=language, today=timezone.localdate()
    )
    if etag not in parse_etags(sent):
        return None
    response = board_headers(HttpResponse(status=304), etag)
    # As forkant.middleware.PrivateCacheMiddleware marks every answer to a signed-in person.
    patch_cache_control(response, private=True, no_store=True)
    response["Content-Language"] = language
    return response
