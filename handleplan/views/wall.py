"""The wall screen: the public board on a paired screen, its poll (304 while the ETag holds)
and the idea form's QR code."""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import parse_etags
from django.views.decorators.http import require_GET

from forkant import revisions
from forkant.extensions import wall_panels
from forkant.lib.release import wall_release
from forkant.models import WallScreen
from forkant.services import record_wall_screen_seen
from forkant.wallscreens import (
    ScreenState,
    cached_fragment,
    code_for_tv,
    screen_from_request,
    set_code_cookie,
)
from handleplan import services
from handleplan.polls import wall_etag, wall_headers
from handleplan.qr import qr_svg
from handleplan.queries import Board, board_for


@require_GET
def wall(request: HttpRequest) -> HttpResponse:
    lookup = screen_from_request(request)
    screen = lookup.screen
    now = timezone.now()
    if screen is None:
        return _unpaired(request, revoked=lookup.state is ScreenState.REVOKED, now=now)
    record_wall_screen_seen(screen=screen, now=now)
    response = render(
        request,
        "handleplan/wall.html",
        {
            "screen": screen,
            "board": _wall_board(screen, now=now),
            **_wall_idea_link(request, screen),
            "panels": wall_panels(request, screen, now),
            "etag": _wall_etag(screen, now=now),
            "release": wall_release(),
            "poll_url": reverse("wall_board"),
            "poll_seconds": settings.WALLSCREEN_POLL_SECONDS,
            "page_seconds": settings.WALLSCREEN_PAGE_SECONDS,
        },
    )
    patch_cache_control(response, no_store=True)
    return response


@require_GET
def wall_board(request: HttpRequest) -> HttpResponse:
    """The wall screen's poll: 304 when nothing changed, else the board fragment.

    An unchanged board is usually answered before this view, from the cache
    (`handleplan.polls.UnchangedPollMiddleware`, no query). Here it costs one query (the screen
    with its AMG) and, at most once a minute, a small UPDATE of the screen's last-seen time.
    """
    lookup = screen_from_request(request)
    screen = lookup.screen
    if screen is None:
        return HttpResponse(status=403, headers={"X-Forkant-Screen": lookup.state.value})
    now = timezone.now()
    record_wall_screen_seen(screen=screen, now=now)
    # The next unchanged poll is answered from the cache (handleplan/polls.py).
    revisions.remember_screen(screen.pk, screen.amg_id, screen.device_key)
    revisions.remember_revision(screen.amg_id, screen.amg.board_revision)
    etag = _wall_etag(screen, now=now)
    if etag in parse_etags(request.headers.get("If-None-Match", "")):
        response = HttpResponse(status=304)
    else:
        html = cached_fragment(
            etag,
            lambda: render_to_string(
                "handleplan/wall.html#wall-board",
                {
                    "screen": screen,
                    "board": _wall_board(screen, now=now),
                    **_wall_idea_link(request, screen),
                    "panels": wall_panels(request, screen, now),
                },
                request,
            ),
        )
        response = HttpResponse(html)
    return wall_headers(response, etag)


def _unpaired(request: HttpRequest, *, revoked: bool, now: datetime.datetime) -> HttpResponse:
    """A TV that shows no board (never paired, or revoked): a short code and a QR code a member
    enters or scans in the app, and a script that asks every few seconds whether that happened
    (then the board shows). Never a login page. A new code when the old one expires."""
    shown, is_new = code_for_tv(request, now=now)
    context: dict[str, object] = {
        "revoked": revoked,
        "shown": shown,
        "poll_url": reverse("wall_code"),
        "poll_seconds": settings.WALLSCREEN_POLL_SECONDS,
        "minutes": settings.WALLSCREEN_CODE_MINUTES,
    }
    if shown is not None:
        entry = request.build_absolute_uri(reverse("screen_code_entry"))
        context["entry_url"] = entry.split("://", 1)[-1].rstrip("/")
        context["qr"] = qr_svg(f"{entry}?{urlencode({'kode': shown.code})}")
        context["seconds_left"] = max(0, int((shown.expires_at - now).total_seconds()))
    response = render(request, "handleplan/wall_not_paired.html", context, status=403)
    if shown is not None and is_new:
        set_code_cookie(response, shown)
    patch_cache_control(response, no_store=True)
    return response


def _wall_board(screen: WallScreen, *, now: datetime.datetime) -> Board:
    # Every public card: the wall's script compacts and pages the board to fit the screen.
    return board_for(screen.amg, now=now, public_only=True)


def _wall_idea_link(request: HttpRequest, screen: WallScreen) -> dict[str, str]:
    """The idea form's address for the wall: a QR code and a short link to type in."""
    box = services.board_settings_for(screen.amg)
    url = request.build_absolute_uri(reverse("idea_form", args=[box.idea_code]))
    short = url.split("://", 1)[-1].rstrip("/")
    return {"idea_url": url, "idea_short": short, "idea_qr": qr_svg(url)}


def _wall_etag(screen: WallScreen, *, now: datetime.datetime) -> str:
    """Changes with every edit (the board revision, which the wall panels of other apps bump
    too: forkant.extensions.register_wall_panel), every quarter-hour and every deploy
    (handleplan.polls.wall_etag)."""
    return wall_etag(screen.amg.pk, screen.amg.board_revision, now=now)
