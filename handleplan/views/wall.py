"""The wall screen: the public board on a paired screen, its poll (304 while the ETag holds)
and the idea form's QR code."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import parse_etags, quote_etag
from django.views.decorators.http import require_GET

from forkant.lib.release import wall_release
from forkant.models import WallScreen
from forkant.services import record_wall_screen_seen
from forkant.wallscreens import ScreenState, cached_fragment, screen_from_request
from handleplan import services
from handleplan.qr import qr_svg
from handleplan.queries import Board, board_for


@require_GET
def wall(request: HttpRequest) -> HttpResponse:
    lookup = screen_from_request(request)
    screen = lookup.screen
    if screen is None:
        revoked = lookup.state is ScreenState.REVOKED
        template = "wall_revoked.html" if revoked else "wall_not_paired.html"
        return render(request, f"handleplan/{template}", status=403)
    now = timezone.now()
    record_wall_screen_seen(screen=screen, now=now)
    response = render(
        request,
        "handleplan/wall.html",
        {
            "screen": screen,
            "board": _wall_board(screen, now=now),
            **_wall_idea_link(request, screen),
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

    An unchanged board costs one query (the screen with its AMG) and, at most once a minute, a
    small UPDATE of the screen's last-seen time.
    """
    lookup = screen_from_request(request)
    screen = lookup.screen
    if screen is None:
        return HttpResponse(status=403, headers={"X-Forkant-Screen": lookup.state.value})
    now = timezone.now()
    record_wall_screen_seen(screen=screen, now=now)
    etag = _wall_etag(screen, now=now)
    headers = {"ETag": etag, "X-Forkant-Release": wall_release()}
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
                },
                request,
            ),
        )
        response = HttpResponse(html)
    for header, value in headers.items():
        response[header] = value
    patch_cache_control(response, no_cache=True, private=True)
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
    """Changes with every edit (the board revision), every quarter-hour (so "next tavlemøde"
    moves on after a meeting) and with every deploy that changes the wall's page (the release)."""
    local = timezone.localtime(now)
    return quote_etag(
        f"{screen.amg.pk}-{screen.amg.board_revision}-"
        f"{local:%Y%m%d%H}{local.minute // 15}-{wall_release()}"
    )
