"""The board as an A3 landscape poster (Metode 2: "hæng den et sted").

A pure function of the AMG's id, like the inspection document. The poster hangs where anyone
can read it, so it shows what the wall screen shows: public cards only.
"""

from __future__ import annotations

import datetime

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from forkant.lib.pdf import html_to_document
from forkant.models import AMG
from handleplan.queries import board_for

# Smaller type and tighter cards, tried in turn when the board runs onto a second sheet: a
# board that nearly fits is printed on one sheet; one that needs several keeps the normal size.
SIZES = ("", "poster-compact", "poster-small")


def render_poster_html(amg_id: int, *, now: datetime.datetime | None = None, size: str = "") -> str:
    now = now or timezone.now()
    amg = AMG.objects.select_related("organisation").get(pk=amg_id)
    board = board_for(amg, now=now, public_only=True)
    context = {"board": board, "printed_at": now, "size": size}
    return render_to_string("handleplan/poster.html", context)


def render_poster_pdf(amg_id: int, *, now: datetime.datetime | None = None) -> bytes:
    now = now or timezone.now()
    first = html_to_document(render_poster_html(amg_id, now=now))
    if len(first.pages) == 2:  # one sheet and a little: smaller type may make it one
        for size in SIZES[1:]:
            smaller = html_to_document(render_poster_html(amg_id, now=now, size=size))
            if len(smaller.pages) == 1:
                return smaller.write_pdf()
    return first.write_pdf()


def poster_filename(amg: AMG, now: datetime.datetime) -> str:
    return f"handleplan-a3-{slugify(amg.name) or amg.pk}-{timezone.localtime(now):%Y-%m-%d}.pdf"
