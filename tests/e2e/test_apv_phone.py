"""The APV on a phone (390 px), in a real browser: an incident's preventive actions chosen with
the searchable card picker (several at once with JavaScript), the incident list keeping its
column names, and imported survey results as charts that fit the screen."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from apv import services
from apv.models import Incident
from apv.survey_csv import Row
from tests import builders
from tests.apv import builders as apv_builders
from tests.e2e.conftest import BoardWorld, BrowserErrors

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_incident_links_two_cards_found_by_typing_on_a_phone(
    member_page: Page, live_server, board_world: BoardWorld, browser_errors: BrowserErrors
) -> None:
    page, world = member_page, board_world
    for n in range(60):
        builders.make_action(world.amg, world.stress, title=f"Andet kort {n}")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(world.url(live_server, "haendelser/ny/"))
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 2200  # not a checkbox per card (60 cards made it thousands of pixels)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_label("Type").select_option("vold")
    page.get_by_label("Hvor", exact=True).fill("Gården")
    page.get_by_label("Hvad skete der", exact=True).fill("Slag i frikvarteret")
    search = page.get_by_label("Tilføj et kort fra tavlen")
    for title in (world.card.title, world.noise_card.title):
        search.fill(title)  # as when a suggestion is chosen: the exact title
        search.press("Enter")  # the script adds it to the ticked list instead of submitting
        expect(page.get_by_role("checkbox", name=title)).to_be_checked()
        expect(search).to_have_value("")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_text("Hændelsen er gemt.")).to_be_visible()
    incident = Incident.objects.get()
    assert set(incident.actions.all()) == {world.card, world.noise_card}

    # The list keeps its column names on the phone.
    row = page.locator("table.incident-table tbody tr").first
    amo = row.locator("td[data-label='AMO']")
    label = amo.evaluate("td => getComputedStyle(td, '::before').content")
    assert label == '"AMO: "'
    expect(amo).to_be_visible()
    browser_errors.assert_none()


def test_survey_results_are_charts_that_fit_a_phone_and_say_what_the_scale_means(
    member_page: Page, live_server, board_world: BoardWorld, browser_errors: BrowserErrors
) -> None:
    page, world = member_page, board_world
    apv = apv_builders.make_apv(world.amg, start_date=datetime.date(2026, 1, 5))
    survey = services.import_survey(
        apv=apv,
        title="Trivselsmåling",
        filename="t.csv",
        rows=[
            Row(2, "Jeg har tid nok til mine opgaver", Decimal("2.7"), "Indskolingen", 15),
            Row(3, "Jeg har tid nok til mine opgaver", Decimal("3.4"), "Administrationen", 3),
            Row(4, "Jeg trives", Decimal("4.1"), "Indskolingen", 15),
        ],
        scale_low=Decimal(1),
        scale_high=Decimal(5),
        low_means="helt uenig",
        high_means="helt enig",
    )
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(world.url(live_server, f"apv/maaling/{survey.pk}/"))
    charts = page.locator("svg.chart-survey")
    expect(charts).to_have_count(2)
    for index in range(2):
        box = charts.nth(index).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    expect(charts.first.get_by_text("1: helt uenig")).to_be_visible()
    expect(charts.first.get_by_text("Under 5 svar – vises ikke")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    browser_errors.assert_none()
