"""What the instruments put on the board: a stalled card offers the tjekliste »11 gode
spørgsmål, hvis I går i stå« as a round about it (`handleplan.annotations`, registered in
`MetoderConfig.ready()`)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from handleplan.annotations import Mark
from metoder.instruments import engine

TJEKLISTE = "tjekliste"


def stalled_offer(amg, action):  # type: ignore[no-untyped-def]
    """For the board (handleplan.annotations.register_stalled_offer): a stalled card offers
    »11 gode spørgsmål, hvis I går i stå« as a round about it. No queries."""
    if engine.get(TJEKLISTE) is None:
        return None
    url = reverse("instrument_round_new", args=[amg.pk])
    return Mark(
        label=_("11 spørgsmål"),
        title=_("Gået i stå? Tag »11 gode spørgsmål, hvis I går i stå« om kortet"),
        url=f"{url}?instrument={TJEKLISTE}&handling={action.pk}",
        needs_write=True,
    )
