"""The core's extension points (forkant/extensions.py): what the other apps add to the core's
pages, registered from their AppConfig.ready(), so the core never imports them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

from forkant import extensions

ROOT = Path(__file__).resolve().parents[2]
NAV = [
    ("Handleplan", "board"),
    ("APV", "apv_home"),
    ("Vægskærme", "screen_list"),
    ("Dokumentation", "inspection"),
    ("Idéer", "idea_queue"),
    ("Møder", "meeting_list"),
    ("Årshjul", "year_wheel"),
    ("Selvevaluering", "instrument_home"),
    ("Medlemmer", "member_list"),
]
NAV_LINK = re.compile(r'<a href="([^"]+)"( aria-current="page")?>([^<]+)</a>')


@pytest.fixture
def registries(monkeypatch):  # type: ignore[no-untyped-def]
    """What a test registers is forgotten after it."""
    for name in ("_nav",):
        monkeypatch.setattr(extensions, name, dict(getattr(extensions, name)))


def amg_nav(html: str) -> list[tuple[str, str, bool]]:
    nav = html[html.index('<nav class="amg-nav"') : html.index("</nav>")]
    return [(label, url, bool(current)) for url, current, label in NAV_LINK.findall(nav)]


# The AMG's navigation --------------------------------------------------------------------------


def test_every_apps_nav_entries_in_order_with_the_current_page_marked(world):
    html = world.client_for("leder").get(reverse("board", args=[world.amg.pk])).content.decode()
    assert amg_nav(html) == [
        (label, reverse(name, args=[world.amg.pk]), name == "board") for label, name in NAV
    ]


def test_a_registered_nav_entry_shows_at_its_order(world, registries):
    extensions.register_nav_entry("Testside", "screen_create", order=55)
    extensions.register_nav_entry("Testside", "screen_create", order=55)  # once, however often
    html = world.client_for("laeser").get(reverse("member_list", args=[world.amg.pk]))
    labels = [label for label, _url, _current in amg_nav(html.content.decode())]
    assert labels == ["Handleplan", "APV", "Vægskærme", "Dokumentation", "Idéer", "Testside",
                      "Møder", "Årshjul", "Selvevaluering", "Medlemmer"]  # fmt: skip


@pytest.mark.parametrize(
    ("path", "current"),
    [
        ("/amg/7/tavle/", ["Handleplan"]),
        ("/amg/7/tavle/nyt/", []),  # "equal": the entry's own page only
        ("/amg/7/apv/", ["APV"]),
        ("/amg/7/apv/3/kortlaegning/", ["APV"]),  # "contains"
        ("/amg/7/risikovurderinger/2/", ["APV"]),  # also its risk assessments and incidents
        ("/amg/7/haendelser/", ["APV"]),
        ("/amg/7/dokumentation/", ["Dokumentation"]),
        ("/amg/7/aarshjul/2026/", ["Årshjul"]),  # every page of the year
        ("/amg/7/medlemmer/", ["Medlemmer"]),
        ("/amg/7/medlemmer/inviter/", []),
        ("/konto/", []),
    ],
)
def test_which_entry_is_current(path, current):
    links = extensions.nav_links(extensions.nav_entries(), 7, path)
    assert [str(link.label) for link in links if link.current] == current


def test_the_instruments_entry_is_current_on_every_instrument_page():
    home = reverse("instrument_home", args=[7])
    links = extensions.nav_links(extensions.nav_entries(), 7, f"{home}runde/1/")
    assert [str(link.label) for link in links if link.current] == ["Selvevaluering"]


def test_the_brand_link_and_the_error_pages_go_to_the_front_page(world):
    client = world.client_for("leder")
    assert '<a class="brand" href="/">' in client.get(reverse("account")).content.decode()
    missing = client.get("/findes-ikke/")
    assert missing.status_code == 404
    assert '<a class="button" href="/">' in missing.content.decode()
