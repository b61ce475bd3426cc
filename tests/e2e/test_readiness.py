"""“Klar til tilsyn?” in a real browser: the leder opens it from the AMG's navigation, follows a
red point's link straight to the form, fixes what was missing and sees the point turn green. The
page passes axe-core and fits a 390 px phone."""

from __future__ import annotations

import datetime
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from apv import services as apv_services
from apv.models import Incident
from forkant.lib.dates import today
from forkant.models import Role
from tests import builders
from tests.e2e.conftest import BoardWorld, BrowserErrors, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _point(page: Page, number: int):  # type: ignore[no-untyped-def]
    return page.locator(f"#punkt-{number}")


def test_the_leder_fixes_a_red_point_and_it_turns_green(
    page: Page, live_server, board_world: BoardWorld, browser_errors: BrowserErrors
) -> None:
    world = board_world
    leder = builders.make_member(
        world.amg, builders.make_user("leder@example.dk", first_name="Hanne"), Role.LEDER
    )
    first_day = today() - datetime.timedelta(days=20)
    apv_services.save_incident(
        amg=world.amg,
        date=first_day,
        kind=Incident.Kind.ULYKKE,
        where="Sløjdlokalet",
        what="En lærer skar sig på en kniv.",
        absence_from=first_day,
    )
    browser_errors.watch(page)
    log_in(page, live_server, leder.user.email)
    page.goto(world.url(live_server, "tavle/"))
    page.get_by_role("navigation", name="Arbejdsmiljøgruppen").get_by_role(
        "link", name="Klar til tilsyn?"
    ).click()
    expect(page.get_by_role("heading", level=1, name="Klar til tilsyn?")).to_be_visible()
    easy = _point(page, 11)
    expect(easy.locator(".state-badge")).to_have_text(re.compile("Overskredet"))
    expect(easy).to_contain_text("er ikke anmeldt i EASY; fristen var")

    results = Axe().run(page)
    serious = [
        v["id"] for v in results.response["violations"] if v["impact"] in {"serious", "critical"}
    ]
    assert serious == []

    easy.get_by_role("link", name=re.compile("Ret det")).click()
    expect(page.get_by_role("heading", name="Ret hændelse")).to_be_visible()
    page.get_by_label("Anmeldt i EASY").check()
    page.get_by_label("Anmeldt den").fill(today().isoformat())
    page.get_by_role("button", name="Gem").click()
    expect(page.locator("#toasts")).to_contain_text("Hændelsen er gemt")

    page.get_by_role("navigation", name="Arbejdsmiljøgruppen").get_by_role(
        "link", name="Klar til tilsyn?"
    ).click()
    expect(_point(page, 11).locator(".state-badge")).to_have_text(re.compile("I orden"))
    # Reported late: in order now, and it says so honestly.
    expect(_point(page, 11)).to_contain_text(
        re.compile(r"blev anmeldt i EASY .*6 dage efter fristen")
    )
    expect(_point(page, 11).get_by_role("link", name=re.compile("Ret det"))).to_have_count(0)
    browser_errors.assert_none()


def test_the_page_fits_a_phone(
    page: Page, live_server, board_world: BoardWorld, browser_errors: BrowserErrors
) -> None:
    browser_errors.watch(page)
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, board_world.email)
    page.goto(board_world.url(live_server, "klar-til-tilsyn/"))
    expect(_point(page, 13)).to_be_visible()
    # Nothing wider than the screen: the page itself never scrolls sideways.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width
    browser_errors.assert_none()
