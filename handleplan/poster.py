"""The board as an A3 landscape poster (Metode 2: "hæng den et sted").

A pure function of the AMG's id, like the inspection document. The poster hangs where anyone
can read it, so it shows what the wall screen shows: public cards only.
"""

from __future__ import annotations

import datetime

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from forkant.lib.pdf import html_to_pdf
from forkant.models import AMG
from handleplan.queries import board_for


def render_poster_html(amg_id: int, *, now: datetime.datetime | None = None) -> str:
    now = now or timezone.now()
    amg = AMG.objects.select_related("organisation").get(pk=amg_id)
    board = board_for(amg, now=now, public_only=True)
    return render_to_string("handleplan/poster.html", {"board": board, "printed_at": now})


def render_poster_pdf(amg_id: int, *, now: datetime.datetime | None = None) -> bytes:
    return html_to_pdf(render_poster_html(amg_id, now=now))


def poster_filename(amg: AMG, now: datetime.datetime) -> str:
    return f"handleplan-a3-{slugify(amg.name) or amg.pk}-{timezone.localtime(now):%Y-%m-%d}.pdf"
