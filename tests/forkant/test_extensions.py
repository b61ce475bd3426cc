"""The core's extension points (forkant/extensions.py): what the other apps add to the core's
pages, registered from their AppConfig.ready(), so the core never imports them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils.html import format_html

from forkant import extensions

ROOT = Path(__file__).resolve().parents[2]
NAV = [
    ("Handleplan", "board"),
    ("APV", "apv_home"),
    ("Vægskærme", "screen_list"),
    ("Klar til tilsyn?", "readiness"),
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
    for name in (
        "_nav",
        "_member_columns",
        "_account_panels",
        "_organisation_links",
        "_wall_panels",
    ):
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
    assert labels == ["Handleplan", "APV", "Vægskærme", "Klar til tilsyn?", "Dokumentation",
                      "Idéer", "Testside", "Møder", "Årshjul", "Selvevaluering",
                      "Medlemmer"]  # fmt: skip


@pytest.mark.parametrize(
    ("path", "current"),
    [
        ("/amg/7/tavle/", ["Handleplan"]),
        ("/amg/7/tavle/nyt/", []),  # "equal": the entry's own page only
        ("/amg/7/apv/", ["APV"]),
        ("/amg/7/apv/3/kortlaegning/", ["APV"]),  # "contains"
        ("/amg/7/risikovurderinger/2/", ["APV"]),  # also its risk assessments and incidents
        ("/amg/7/haendelser/", ["APV"]),
        ("/amg/7/retningslinjer/3/", ["APV"]),
        ("/amg/7/klar-til-tilsyn/", ["Klar til tilsyn?"]),
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


# Columns of the members page -------------------------------------------------------------------


def test_the_members_page_has_metoders_training_column(world):
    html = world.client_for("leder").get(reverse("member_list", args=[world.amg.pk]))
    html = html.content.decode()
    assert '<th scope="col" id="uddannelse">Uddannelse</th>' in html
    assert html.count('<td class="training-cell"') == 3  # leder, AMR, læser
    assert reverse("training_member", args=[world.amg.pk, world.amr.pk]) in html


def test_a_registered_column_shows_after_the_others_with_one_call_for_all_members(
    world, registries
):
    calls = []

    def cells(ctx, members, today):  # type: ignore[no-untyped-def]
        calls.append((ctx.amg, [m.pk for m in members], today))
        return {m.pk: format_html('<td class="test-cell">{}</td>', m.role) for m in members}

    extensions.register_member_column(anchor="test", label="Testkolonne", order=20, cells=cells)
    for persona in ("leder", "laeser"):  # with and without the managing column
        html = world.client_for(persona).get(reverse("member_list", args=[world.amg.pk]))
        html = html.content.decode()
        head = html[html.index("<thead>") : html.index("</thead>")]
        assert head.index('id="uddannelse"') < head.index('<th scope="col" id="test">Testkolonne')
        assert html.count('<td class="test-cell">') == 3
        row = html[html.index(world.amr.display_name) :]
        assert row.index('class="training-cell"') < row.index('<td class="test-cell">amr</td>')
    assert len(calls) == 2 and calls[0][0] == world.amg and len(calls[0][1]) == 3


def test_the_members_page_costs_the_same_queries_with_the_training_column(
    world, registries, django_assert_num_queries
):
    client = world.client_for("leder")
    url = reverse("member_list", args=[world.amg.pk])
    client.get(url)  # the session's own queries once
    with django_assert_num_queries(5):  # as before the column was registered: courses in one
        assert client.get(url).status_code == 200
    extensions._member_columns.clear()
    with django_assert_num_queries(4):  # no column: no courses
        assert client.get(url).status_code == 200


# Panels of the user's own page -----------------------------------------------------------------


def test_the_account_page_has_metoders_reminders_panel_between_two_factor_and_sessions(world):
    html = world.client_for("amr").get(reverse("account")).content.decode()
    two_factor = html.index('aria-labelledby="twofactor-title"')
    reminders = html.index('<section class="panel" aria-labelledby="reminders-title">')
    assert two_factor < reminders < html.index('aria-labelledby="sessions-title"')
    assert f'href="{reverse("reminder_preferences")}"' in html[reminders:]


def test_registered_account_panels_show_in_order_and_an_empty_one_not_at_all(world, registries):
    extensions.register_account_panel(
        key="first", order=5, render=lambda request: format_html("<p>{}</p>", request.user.email)
    )
    extensions.register_account_panel(key="nothing", order=7, render=lambda request: "")
    extensions.register_account_panel(key="last", order=20, render=lambda request: "<b>&</b>")
    html = world.client_for("amr").get(reverse("account")).content.decode()
    first = html.index("<p>amr@example.dk</p>")
    assert first < html.index('aria-labelledby="reminders-title"') < html.index("&lt;b&gt;&amp;")


# Links on the organisation page ----------------------------------------------------------------


def test_the_organisation_page_links_to_the_overview_and_registered_links(world, registries):
    extensions.register_organisation_link("Testlink", "organisation_two_factor", order=20)
    html = world.client_for("org_admin").get(reverse("organisation", args=[world.organisation.pk]))
    html = html.content.decode()
    overview = reverse("organisation_overview", args=[world.organisation.pk])
    other = reverse("organisation_two_factor", args=[world.organisation.pk])
    assert (
        f'<a class="button primary" href="{overview}">Overblik over grupperne</a>'
        f'<a class="button primary" href="{other}">Testlink</a>'
    ) in html


# The core's templates name nothing of the apps above it ----------------------------------------


def test_wall_panels_are_drawn_by_slot_in_order_and_empty_ones_left_out(registries):
    extensions._wall_panels.clear()
    extensions.register_wall_panel(
        key="b", slot="head", order=20, render=lambda request, screen, now: "<p>B</p>"
    )
    extensions.register_wall_panel(
        key="a", slot="head", order=10, render=lambda request, screen, now: "<p>A</p>"
    )
    extensions.register_wall_panel(
        key="band", slot="band", order=10, render=lambda request, screen, now: "<p>C</p>"
    )
    extensions.register_wall_panel(
        key="none", slot="band", order=5, render=lambda request, screen, now: ""
    )
    panels = extensions.wall_panels(None, None, None)  # type: ignore[arg-type]
    assert panels == {"head": ["<p>A</p>", "<p>B</p>"], "band": ["<p>C</p>"]}


def test_the_apv_registers_the_pulse_on_the_wall():
    assert {"pulse", "pulse-results"} <= set(extensions._wall_panels)
