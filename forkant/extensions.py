"""Extension points of the core's pages: what other apps add to them.

The core imports no domain app (docs/ARCHITECTURE.md, "Layers"). An app that adds something to a
core page registers it from its AppConfig.ready(), like handleplan/annotations.py:

- **nav entries**: the links of an AMG's navigation in base.html (read by the context processor
  `forkant.context_processors.navigation`);
- **member columns**: a column of the members page, its cells drawn with the owning app's own
  template, for all the members at once;
- **account panels**: a panel on the user's own page (Min konto);
- **organisation links**: a link at the top of the organisation page (its AMGs);
- **wall panels**: what the wall screen shows beside the board (its header, or a band above the
  board), drawn by the owning app for a paired screen. What a panel shows must change the wall's
  ETag (the AMG's board revision, `forkant.services.bump_board_revision`), or the screens keep
  their 304s and never see it.

Each registry is keyed (by URL name, anchor or key), so registering the same thing twice keeps
one; the pages show them by `order`, and in the order registered when two orders are equal.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise

from forkant.access import AMGContext
from forkant.models import Membership

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


def amg_home(amg_id: int) -> str:
    """An AMG's first page: its first navigation entry (the board), where a new member lands."""
    return reverse(nav_entries()[0].url_name, kwargs={"amg_id": amg_id})


def nav_links(entries: Iterable[NavEntry], amg_id: int, path: str) -> list[NavLink]:
    """The entries' links for one AMG, marked current for the request's path."""
    links = []
    for entry in entries:
        url = reverse(entry.url_name, args=[amg_id])
        links.append(NavLink(entry.label, url, entry.is_current(path, url)))
    return links


# Columns of the members page ------------------------------------------------------------------

# cells(ctx, members, today) -> {membership id: the member's <td>, drawn by the owning app's
# template}; one call (and a fixed number of queries) for all the members.
Cells = Callable[[AMGContext, Sequence[Membership], datetime.date], dict[int, str]]


@dataclass(frozen=True)
class MemberColumn:
    anchor: str  # the header cell's id, for links to the column (…/medlemmer/#uddannelse)
    label: Label
    order: int
    cells: Cells


_member_columns: dict[str, MemberColumn] = {}


def register_member_column(*, anchor: str, label: Label, order: int, cells: Cells) -> None:
    _member_columns[anchor] = MemberColumn(anchor, label, order, cells)


def member_columns() -> list[MemberColumn]:
    return sorted(_member_columns.values(), key=lambda column: column.order)


def with_member_cells(
    ctx: AMGContext, members: Iterable[Membership], *, today: datetime.date
) -> list[Membership]:
    """The members, each with `.column_cells`: its cell of every registered column, in order."""
    members = list(members)
    columns = [column.cells(ctx, members, today) for column in member_columns()]
    for member in members:
        member.column_cells = [cells[member.pk] for cells in columns]
    return members


# Panels of the user's own page ----------------------------------------------------------------

# render(request) -> the panel's HTML (a <section class="panel">, drawn with the app's own
# template), or "" to show nothing.
Render = Callable[[HttpRequest], str]


@dataclass(frozen=True)
class AccountPanel:
    key: str
    order: int
    render: Render


_account_panels: dict[str, AccountPanel] = {}


def register_account_panel(*, key: str, order: int, render: Render) -> None:
    _account_panels[key] = AccountPanel(key, order, render)


def account_panels(request: HttpRequest) -> list[str]:
    panels = sorted(_account_panels.values(), key=lambda panel: panel.order)
    return [html for panel in panels if (html := panel.render(request))]


# Links on the organisation page ---------------------------------------------------------------


@dataclass(frozen=True)
class OrganisationLink:
    label: Label
    url_name: str  # a URL that takes the organisation's id
    order: int


_organisation_links: dict[str, OrganisationLink] = {}


def register_organisation_link(label: Label, url_name: str, *, order: int) -> None:
    _organisation_links[url_name] = OrganisationLink(label, url_name, order)


def organisation_links() -> list[OrganisationLink]:
    return sorted(_organisation_links.values(), key=lambda link: link.order)


# Panels of the wall screen -------------------------------------------------------------------

# render(request, screen, now) -> the panel's HTML, or "" to show nothing. `screen` is the paired
# WallScreen (with its AMG); the panel is rendered once per ETag and language for every screen of
# the AMG (forkant.wallscreens.cached_fragment), so it must not depend on the screen's own state.
WallRender = Callable[[HttpRequest, object, datetime.datetime], str]


@dataclass(frozen=True)
class WallPanel:
    key: str
    slot: Literal["head", "band"]  # beside the idea QR code, or a band above the board
    order: int
    render: WallRender


_wall_panels: dict[str, WallPanel] = {}


def register_wall_panel(
    *, key: str, slot: Literal["head", "band"], order: int, render: WallRender
) -> None:
    _wall_panels[key] = WallPanel(key, slot, order, render)


def wall_panels(
    request: HttpRequest, screen: object, now: datetime.datetime
) -> dict[str, list[str]]:
    """The panels' HTML by slot ("head", "band"), in order; panels with nothing to show left out."""
    slots: dict[str, list[str]] = {"head": [], "band": []}
    for panel in sorted(_wall_panels.values(), key=lambda panel: panel.order):
        if html := panel.render(request, screen, now):
            slots[panel.slot].append(html)
    return slots
