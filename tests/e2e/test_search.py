"""Finding it again in a real browser: "/" from the board puts the cursor in the search box,
Enter searches the AMG, the hit is marked and opens its card; the shortcut can be turned off;
a phone searches from its own row in the top bar; without JavaScript it is a plain form."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import BoardWorld, BrowserErrors, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_slash_search_and_open_a_hit(
    member_page: Page, live_server, board_world: BoardWorld, browser_errors: BrowserErrors
) -> None:
    page, world = member_page, board_world
    page.goto(world.url(live_server, "tavle/"))
    page.locator("#board").wait_for()
    page.keyboard.press("/")
    box = page.get_by_role("searchbox", name="Søg i Skolen ved Søen")
    expect(box).to_be_focused()
    page.keyboard.type("lydabsorb")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/soeg/\?q=lydabsorb"))
    expect(page.get_by_role("heading", name="Søg i Skolen ved Søen")).to_be_visible()
    hit = page.get_by_role("link", name="Lydabsorberende plader")
    expect(hit.locator("mark")).to_have_text("Lydabsorberende")
    # The confidential card is found by the member (it is their AMG's).
    page.get_by_role("searchbox", name="Søg efter").fill("sygefravær")
    page.get_by_role("button", name="Søg", exact=True).click()
    expect(page.get_by_role("link", name=re.compile("Samtale med Jens"))).to_be_visible()
    page.go_back()
    hit.click()
    page.wait_for_url(re.compile(rf"/handlinger/{world.noise_card.pk}/$"))
    expect(page.get_by_role("heading", name="Lydabsorberende plader")).to_be_visible()
    browser_errors.assert_none()


def test_the_shortcut_leaves_typing_alone_and_can_be_turned_off(
    member_page: Page, live_server, board_world: BoardWorld, browser_errors: BrowserErrors
) -> None:
    page, world = member_page, board_world
    page.goto(world.url(live_server, "soeg/"))
    page.get_by_label("Genvej: tasten / sætter markøren i søgefeltet fra enhver side").uncheck()
    page.goto(world.url(live_server, "tavle/"))
    page.locator("#board").wait_for()
    page.keyboard.press("/")
    expect(page.get_by_role("searchbox")).not_to_be_focused()
    # Typing "/" in a field types it.
    page.goto(world.url(live_server, "soeg/"))
    page.get_by_label("Genvej: tasten / sætter markøren i søgefeltet fra enhver side").check()
    field = page.get_by_role("searchbox", name="Søg efter")
    field.fill("")
    field.type("a/b")
    expect(field).to_have_value("a/b")
    browser_errors.assert_none()


def test_a_phone_searches_from_the_top_bar_and_nothing_is_cut_off(
    new_context, live_server, board_world: BoardWorld, browser_errors: BrowserErrors
) -> None:
    world = board_world
    phone = browser_errors.watch(
        new_context(viewport={"width": 390, "height": 844}, is_mobile=True).new_page()
    )
    log_in(phone, live_server, world.email)
    phone.goto(world.url(live_server, "tavle/"))
    box = phone.get_by_role("searchbox", name="Søg i Skolen ved Søen")
    box.fill("mails")
    box.press("Enter")
    expect(phone.get_by_role("link", name="Fælles aftaler om mails")).to_be_visible()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    browser_errors.assert_none()


def test_searching_works_without_javascript(
    new_context, live_server, board_world: BoardWorld
) -> None:
    world = board_world
    page = new_context(java_script_enabled=False).new_page()
    log_in(page, live_server, world.email)
    page.goto(world.url(live_server, "tavle/"))
    page.get_by_role("searchbox", name="Søg i Skolen ved Søen").fill("aftaler")
    page.get_by_role("button", name="Søg", exact=True).click()
    expect(page.get_by_role("link", name="Fælles aftaler om mails")).to_be_visible()
    expect(page.get_by_text("Genvej: tasten")).to_be_hidden()  # no script, no shortcut
