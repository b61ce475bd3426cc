"""The year in a real browser: plan the årshjul from the template, open an AMG-møde's agenda,
tick the checklist, and subscribe to the calendar. No console error, no CSP violation.

Set YEAR_SHOTS=/some/dir to keep screenshots of the wheel (desktop 1280 and phone 390).
"""

from __future__ import annotations

import os

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from handleplan.models import Meeting, MeetingKind
from metoder.year.models import CalendarFeed, PlannedMeeting
from tests.e2e.conftest import BoardWorld, BrowserErrors

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("YEAR_SHOTS", "")


def shot(page: Page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def test_plan_a_year_from_the_template_and_open_an_agenda(
    member_page: Page, live_server, board_world: BoardWorld, browser_errors: BrowserErrors
) -> None:
    page, world = member_page, board_world
    year = timezone.localdate().year
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(world.url(live_server, "tavle/"))
    page.get_by_role("navigation", name="Arbejdsmiljøgruppen").get_by_role(
        "link", name="Årshjul"
    ).click()
    expect(page.get_by_role("heading", name=f"Årshjul {year}", level=1)).to_be_visible()
    page.get_by_role("button", name=f"Læg årshjulet for {year}").click()
    expect(page.get_by_text(f"Årshjulet for {year} er lagt")).to_be_visible()
    wheel = page.get_by_role("img", name=f"Årshjul {year} for {world.amg.name}")
    expect(wheel).to_be_visible()
    assert Meeting.objects.filter(amg=world.amg, kind=MeetingKind.AMG_MOEDE).count() == 4
    # One a month, but none in the suggested school summer holiday (July).
    assert Meeting.objects.filter(amg=world.amg, kind=MeetingKind.TAVLEMOEDE).count() == 11
    shot(page, "year-wheel-desktop")

    # The list is the wheel's text alternative; an AMG-møde links to its agenda.
    page.get_by_role(
        "link", name="AMG-møde 3. kvartal: Føling med organisationen og åben gennemgang", exact=True
    ).click()
    expect(
        page.get_by_role(
            "heading",
            name="Dagsorden: AMG-møde 3. kvartal: Føling med organisationen og åben gennemgang",
            level=1,
        )
    ).to_be_visible()
    expect(page.get_by_text("Det åbne arbejde fra tavlen og APV'en")).to_be_visible()
    page.get_by_label("Åbne dørkarmsinterview").check()
    page.get_by_role("button", name="Gem tjeklisten").click()
    expect(page.get_by_text("Tjeklisten er gemt.")).to_be_visible()
    expect(page.get_by_label("Åbne dørkarmsinterview")).to_be_checked()
    plan = PlannedMeeting.objects.get(source_key=f"{year}:amg-q3")
    assert plan.checklist == ["foer-doerkarm"]
    shot(page, "year-agenda-desktop")

    # A personal calendar link, shown once, with a copy button.
    page.goto(world.url(live_server, "aarshjul/"))
    page.get_by_role("button", name="Lav mit kalenderlink").click()
    link = page.get_by_label("Dit kalenderlink")
    expect(link).to_be_visible()
    assert "/kalender/" in link.input_value()
    assert CalendarFeed.objects.filter(membership=world.member).exists()

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    expect(wheel).to_be_visible()
    box = wheel.bounding_box()
    assert box is not None and box["width"] <= 390
    shot(page, "year-wheel-phone")
    browser_errors.assert_none()
