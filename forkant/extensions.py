"""Extension points of the core's pages: what other apps add to them.

The core imports no domain app (docs/ARCHITECTURE.md, "Layers"). An app that adds something to a
core page registers it from its AppConfig.ready(), like handleplan/annotations.py:

- **nav entries**: the links of an AMG's navigation in base.html (read by the context processor
  `forkant.context_processors.navigation`).

Each registry is keyed (by URL name, anchor or key), so registering the same thing twice keeps
one; the pages show them by `order`, and in the order registered when two orders are equal.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from django.urls import reverse
from django.utils.functional import Promise

Label = str | Promise  # a gettext_lazy() text: registered at start-up, shown in the page's language


# The AMG's navigation -------------------------------------------------------------------------


@dataclass(frozen=True)
class NavEntry:
    label: Label
    url_name: str  # a URL that takes the AMG's id
    order: int
    # aria-current="page" when the request's path is the entry's URL ("equal") or contains it
    # ("contains"), or contains one of `also` (pages of the same part under other URLs).
    match: Literal["equal", "contains"] = "equal"
    also: tuple[str, ...] = ()

    def is_current(self, path: str, url: str) -> bool:
        if path == url or (self.match == "contains" and url in path):
            return True
        return any(fragment in path for fragment in self.also)


@dataclass(frozen=True)
class NavLink:
    label: Label
    url: str
    current: bool


_nav: dict[str, NavEntry] = {}


def register_nav_entry(
    label: Label,
    url_name: str,
    *,
    order: int,
    match: Literal["equal", "contains"] = "equal",
    also: Iterable[str] = (),
) -> None:
    _nav[url_name] = NavEntry(label, url_name, order, match, tuple(also))


def nav_entries() -> list[NavEntry]:
    return sorted(_nav.values(), key=lambda entry: entry.order)


def nav_links(entries: Iterable[NavEntry], amg_id: int, path: str) -> list[NavLink]:
    """The entries' links for one AMG, marked current for the request's path."""
    links = []
    for entry in entries:
        url = reverse(entry.url_name, args=[amg_id])
        links.append(NavLink(entry.label, url, entry.is_current(path, url)))
    return links
