"""A small extension point: other apps may put a mark on the board's cards.

`handleplan` imports no other domain app. An app that links its own records to actions (the APV
links problems to the actions that answer them) registers a provider from its AppConfig.ready();
the board asks every provider once per render, for the whole board, so the number of queries
does not grow with the number of cards.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from forkant.models import AMG


@dataclass(frozen=True)
class Mark:
    label: str  # shown on the card, short (e.g. "APV")
    title: str  # what it means, for the card's detail and as a tooltip
    url: str = ""
    needs_write: bool = (
        False  # an offer only members with write access can take: hidden from readers
    )


# provider(amg, action_ids) -> {action id: [marks]}; one query for the whole board.
Provider = Callable[[AMG, Iterable[int]], dict[int, list[Mark]]]
_providers: list[Provider] = []


def register(provider: Provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


# offer(amg, action) -> Mark | None for a card the board has found stalled; it must not query
# (it runs per stalled card, on data the board has already loaded).
StalledOffer = Callable[[AMG, object], "Mark | None"]
_stalled_offers: list[StalledOffer] = []


def register_stalled_offer(offer: StalledOffer) -> None:
    """What a higher layer offers on a stalled card (metoder: the tjekliste »11 gode spørgsmål,
    hvis I går i stå« as a round about the card)."""
    if offer not in _stalled_offers:
        _stalled_offers.append(offer)


def stalled_marks(amg: AMG, action: object) -> list[Mark]:
    return [mark for offer in _stalled_offers if (mark := offer(amg, action)) is not None]


def marks_for(amg: AMG, action_ids: Iterable[int]) -> dict[int, list[Mark]]:
    ids = list(action_ids)
    result: dict[int, list[Mark]] = {}
    if not ids:
        return result
    for provider in _providers:
        for action_id, marks in provider(amg, ids).items():
            result.setdefault(action_id, []).extend(marks)
    return result
