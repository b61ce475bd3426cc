"""The APV cycle in a real browser: a small APV from start to close.

Dialogisk APV → a problem → an action on the board → a follow-up with an evaluation → close.
Like the other journeys, the browser must see no CSP violation and no JavaScript error.
"""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import Page, expect

from apv.models import APV, DialogSession, Evaluation, Problem
from handleplan.models import Action, Status
from tests.e2e.conftest import BoardWorld, BrowserErrors

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Set APV_SHOTS=/some/dir to keep a screenshot of every page the journey passes (desktop).
SHOTS = os.environ.get("APV_SHOTS", "")


def shot(page: Page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def test_a_small_apv_from_start_to_close(
    member_page: Page, live_server, board_world: BoardWorld, browser_errors: BrowserErrors
) -> None:
    page, world = member_page, board_world
    page.on("dialog", lambda dialog: dialog.accept())  # the "close the APV?" confirmation

    # Start the APV.
    page.goto(world.url(live_server, "apv/"))
    shot(page, "01-apv-home")
    page.get_by_role("link", name="Start en ny APV").click()
    page.get_by_label("Titel").fill("APV 2026")
    page.get_by_label("Metode").select_option("dialogisk")
    page.get_by_label("Anne Møller (Arbejdsmiljørepræsentant)").check()
    page.get_by_role("button", name="Start en APV").click()
    expect(page.get_by_role("heading", name="APV 2026", level=1)).to_be_visible()
    expect(page.get_by_text("De fem dele (0 af 5 på plads)")).to_be_visible()
    apv = APV.objects.get(title="APV 2026")
    shot(page, "02-apv-detail")

    # Kortlægning: a dialogisk APV with the line on five themes, proposals to the board.
    parts = page.get_by_role("navigation", name="APV’ens fem dele")
    parts.get_by_role("link", name="1. Kortlægning").click()
    page.get_by_role("link", name="Dialogisk APV").click()
    page.get_by_label("Antal deltagere").fill("12")
    for theme in ("arbejdsmaengden", "kravene", "konflikter", "arbejdsglaeden", "samlet"):
        page.locator(f"input[name={theme}_4]").fill("5")
        page.locator(f"input[name={theme}_7]").fill("6")
    page.locator("textarea[name=proposals]").fill("Faste teammøder\nFælles kalender")
    shot(page, "03-dialog-form")
    page.get_by_role("button", name="Gem den dialogiske APV").click()
    expect(page.locator("svg.chart-histogram")).to_have_count(5)
    page.get_by_label("Tema på tavlen").select_option(label=world.stress.name)  # never preset
    page.get_by_role("button", name="Sæt alle forslag på Parkeringspladsen").click()
    expect(page.get_by_text("2 forslag er sat på Parkeringspladsen.")).to_be_visible()
    shot(page, "04-dialog-detail")
    assert DialogSession.objects.get().counts["samlet"][6] == 6
    assert Action.objects.filter(title="Faste teammøder", status=Status.PARKERET).exists()

    # Analyse: a problem, scored, turned into an action in one step.
    page.get_by_role("navigation", name="APV’ens fem dele").get_by_role(
        "link", name="2. Analyse"
    ).click()
    page.get_by_role("link", name="Nyt problem").click()
    page.get_by_label("Problem", exact=True).fill("Tidspres i indskolingen")
    page.get_by_label("Sandsynlighed").select_option("4")
    page.get_by_label("Konsekvens").select_option("4")
    page.get_by_label("Stor arbejdsmængde og tidspres").check()
    page.get_by_label("Hastende?").select_option("hurtigt")
    shot(page, "05-problem-form")
    page.get_by_role("button", name="Gem problemet").click()
    expect(page.get_by_text("Høj risiko")).to_be_visible()
    page.get_by_role("textbox", name="Handlinger").fill("Opgaveoverblik i teamene")
    page.get_by_label("Tema på tavlen").select_option(label=world.stress.name)
    page.get_by_role("button", name="Sæt på tavlen").click()
    expect(page.get_by_text("1 handling er sat på tavlen.")).to_be_visible()
    shot(page, "06-problem-detail")
    action = Problem.objects.get().actions.get()

    # The board shows which problem the card answers.
    page.goto(world.url(live_server, "tavle/"))
    card = page.locator(f"#action-{action.pk}")
    expect(card.locator(".pill-mark")).to_have_attribute(
        "title", "Svarer på: Tidspres i indskolingen"
    )

    # Opfølgning: plan it, then evaluate.
    page.goto(world.url(live_server, f"apv/{apv.pk}/opfoelgning/"))
    page.get_by_role("link", name="Planlæg opfølgning").click()
    page.get_by_label("Opfølgning den").fill("2099-02-01")
    page.get_by_label("Hvordan følges op").fill("Spørgsmål på personalemødet")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_text("Opfølgning 1. februar 2099")).to_be_visible()
    page.get_by_role("link", name="Evaluér").click()
    page.get_by_label("Har det virket?").select_option("delvist")
    page.get_by_label("Note").fill("To af tre teams har lavet overblikket")
    page.get_by_role("button", name="Gem evalueringen").click()
    expect(page.get_by_text("To af tre teams har lavet overblikket")).to_be_visible()
    shot(page, "07-opfoelgning")
    assert Evaluation.objects.get().verdict == "delvist"
    page.goto(world.url(live_server, "tavle/"))
    expect(card.locator(".follow-up")).to_have_text("Opfølgning 1. feb")

    # Close: the APV is kept as it was and can be revised.
    page.goto(world.url(live_server, f"apv/{apv.pk}/"))
    page.get_by_role("button", name="Afslut APV’en").click()
    expect(page.get_by_text("APV'en er afsluttet og gemt, som den er.")).to_be_visible()
    expect(page.get_by_role("link", name="Start en revision")).to_be_visible()
    shot(page, "08-closed")
    apv.refresh_from_db()
    assert apv.is_closed
    browser_errors.assert_none()


def test_on_a_phone_the_dialogisk_apv_is_counted_by_tapping_the_points(
    page: Page, live_server, board_world: BoardWorld, browser_errors: BrowserErrors
) -> None:
    from tests.apv import builders as apv_builders
    from tests.e2e.conftest import log_in

    world = board_world
    apv = apv_builders.make_apv(world.amg)
    page.set_viewport_size({"width": 390, "height": 844})
    browser_errors.watch(page)
    log_in(page, live_server, world.email)
    page.goto(world.url(live_server, f"apv/{apv.pk}/dialogisk/ny/"))
    page.get_by_label("Antal deltagere").fill("5")
    tap = page.get_by_role("button", name="Én mere ved 7 på “Det psykiske arbejdsmiljø samlet set”")
    for _ in range(3):
        tap.click()
    page.get_by_role("button", name="Én mere ved 2 på “Arbejdsglæden”").click()
    expect(page.locator("input[name=samlet_7]")).to_have_value("3")
    shot(page, "09-dialog-phone")
    page.get_by_role("button", name="Gem den dialogiske APV").click()
    expect(page.locator("svg.chart-histogram")).to_have_count(5)
    session = DialogSession.objects.get()
    assert session.counts["samlet"][6] == 3 and session.counts["arbejdsglaeden"][1] == 1
    browser_errors.assert_none()
