"""The pulse on the wall screen, registered as the wall's panels (forkant.extensions): beside the
idea QR code a panel "Tag temperaturen" with its own QR code and short link while a pulse is
open; above the board, once at least five have answered, the themes' histograms.

The wall's poll sees a new answer because `services.submit_answer` bumps the AMG's board
revision (the wall's ETag) from the fifth answer on; below five the wall shows no count at all.
"""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse

from apv.pulse import charts, queries
from handleplan.qr import qr_svg


def _pulse(request: HttpRequest, screen: object, now: datetime.datetime):  # type: ignore[no-untyped-def]
    """The AMG's open pulse, looked up once per render for both panels (one query)."""
    key = ("forkant_open_pulse", screen.amg_id)  # type: ignore[attr-defined]
    cache = request.__dict__.setdefault("_wall_panel_cache", {})
    if key not in cache:
        cache[key] = queries.open_pulse(screen.amg_id, now)  # type: ignore[attr-defined]
    return cache[key]


def head_panel(request: HttpRequest, screen: object, now: datetime.datetime) -> str:
    pulse = _pulse(request, screen, now)
    if pulse is None:
        return ""
    url = request.build_absolute_uri(reverse("pulse_answer", args=[pulse.code]))
    return render_to_string(
        "apv/pulse/wall_head.html",
        {
            "url": url,
            "short": url.split("://", 1)[-1].rstrip("/"),
            "qr": qr_svg(url),
            "until": pulse.closes_at,
        },
        request,
    )


def band_panel(request: HttpRequest, screen: object, now: datetime.datetime) -> str:
    pulse = _pulse(request, screen, now)
    if pulse is None:
        return ""
    result = queries.results(pulse)
    if not result.shown:
        return ""
    return render_to_string(
        "apv/pulse/wall_band.html",
        {
            "until": pulse.closes_at,
            "histograms": [
                (r.theme, charts.wall_histogram(r.counts, label=str(r.theme.text)))
                for r in result.themes
            ],
        },
        request,
    )
