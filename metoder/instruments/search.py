"""What the self-assessments register in the search (forkant/search.py): the group's notes on
a round (and what it was about). Members' own answers are never indexed: who sees them is the
round's own rule (metoder/instruments/queries.py).
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy

from forkant.search import Kind, Values, day, joined, register_kind
from metoder.instruments import engine
from metoder.instruments.models import Round


def _link(row: Values) -> str:
    return reverse("instrument_round", args=[row["amg_id"], row["pk"]]) + "#noter"


def _heading(row: Values) -> str:
    instrument = engine.get(row["instrument_key"])
    return joined(instrument.title if instrument else row["instrument_key"], row["about"])


def _meta(row: Values) -> str:
    return day(row["opened_at"])


def register() -> None:
    register_kind(
        Kind(
            key="selvevalueringer",
            label=gettext_lazy("Noter fra selvevalueringer"),
            model=Round,
            title=("about",),
            body=("notes",),
            newest="opened_at",
            link=_link,
            heading=_heading,
            meta=_meta,
            values=("instrument_key", "about", "opened_at"),
            order=80,
        )
    )
