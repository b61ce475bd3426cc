"""Hold the annual evaluation in a real browser: start this year's from the dashboard, read the
year's look back, write with autosave (htmx), attach the workplace's input, set goals and put
them on the board, conclude it as a referat and fetch the PDF. No console errors allowed."""

from __future__ import annotations

import os

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from handleplan.models import Action
from metoder.evaluation.models import AnnualEvaluation, EvaluationGoal
from tests.e2e.conftest import BoardWorld, BrowserErrors

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Set EVALUATION_SHOTS=/some/dir to keep screenshots of the pages (desktop and phone).
SHOTS = os.environ.get("EVALUATION_SHOTS", "")
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def shot(page: Page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def test_hold_the_annual_evaluation(
    member_page: Page,
    live_server,
    board_world: BoardWorld,
    browser_errors: BrowserErrors,
    new_context,
) -> None:
    page, world = member_page, board_world
    page.set_viewport_size({"width": 1280, "height": 900})
    year = timezone.localdate().year
    page.on("dialog", lambda dialog: dialog.accept())  # "Slet input …?"

    # From the dashboard to this year's evaluation.
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name=f"Årlig drøftelse {year}").click()
    page.get_by_role("button", name=f"Start drøftelsen for {year}").click()
    expect(
        page.get_by_role("heading", name=f"Årlig arbejdsmiljødrøftelse {year}", level=1)
    ).to_be_visible()
    evaluation = AnnualEvaluation.objects.get(amg=world.amg, year=year)

    # Looking back: the year's cards from the handleplan's history.
    year_table = page.locator("table.eval-year")
    expect(year_table.get_by_text("Fælles aftaler om mails")).to_be_visible()
    expect(year_table.get_by_text("Lydabsorberende plader")).to_be_visible()
    shot(page, "evaluation-draft-desktop")

    # Writing saves the draft when the field is left (htmx), without a page load.
    page.get_by_label("Hvad lykkedes, og hvad lærte vi?").fill("Mødekalenderen virkede.")
    page.get_by_label("Hvad lykkedes, og hvad lærte vi?").press("Tab")
    expect(page.locator("#save-status")).to_contain_text("Kladden er gemt")
    evaluation.refresh_from_db()
    assert evaluation.looking_back == "Mødekalenderen virkede."

    # The workplace's input: added, then one deleted after the confirmation.
    page.get_by_label("Hvorfra").fill("Dørkarmsinterview i indskolingen")
    page.get_by_label("Hvad blev der sagt?").fill("Overleveringen til SFO'en er svær.")
    page.get_by_role("button", name="Tilføj input").click()
    expect(page.locator(".toast", has_text="Input fra arbejdspladsen er tilføjet")).to_be_visible()
    page.get_by_label("Hvorfra").fill("Fejl")
    page.get_by_label("Hvad blev der sagt?").fill("Skrevet ved en fejl")
    page.get_by_role("button", name="Tilføj input").click()
    page.get_by_role("button", name="Slet Fejl").click()
    expect(page.locator(".eval-inputs")).not_to_contain_text("Skrevet ved en fejl")
    expect(page.locator(".eval-inputs")).to_contain_text("Overleveringen til SFO'en er svær.")
    # The autosaved text survived the page loads.
    expect(page.get_by_label("Hvad lykkedes, og hvad lærte vi?")).to_have_value(
        "Mødekalenderen virkede."
    )

    # Looking ahead and the required points, saved with the button (a normal form post).
    page.get_by_label("Hvor får I lyst til at lave forbedringer?").fill("Overleveringen")
    page.get_by_label("Er målene fra det foregående år nået?").fill("Delvist")
    page.get_by_label("Hvad skal være fokus på i det kommende år?").fill("Trivsel i SFO'en")
    page.get_by_label("Hvordan skal samarbejdet om arbejdsmiljøet foregå").fill("Tavlemøder")
    page.get_by_label("Hvordan bruger arbejdsmiljøorganisationen").fill("1,5 dag i foråret")
    page.get_by_label("Delvist").check()
    page.locator(".eval-savebar").get_by_role("button", name="Gem kladden").click()
    expect(page.locator(".toast", has_text="Kladden er gemt")).to_be_visible()

    # A new goal, put on the board in one step.
    page.get_by_label("Nyt mål").fill("Fast mødefri formiddag")
    page.get_by_role("button", name="Tilføj mål").click()
    expect(page.locator(".eval-goal-list")).to_contain_text("Fast mødefri formiddag")
    page.get_by_label("Tema på tavlen").select_option(label=world.stress.name)
    page.get_by_role("button", name="Sæt på tavlen").click()
    expect(page.locator(".toast", has_text="1 mål er sat på tavlen")).to_be_visible()
    expect(page.get_by_role("link", name=f"På tavlen under {world.stress.name}")).to_be_visible()
    action = Action.objects.get(amg=world.amg, title="Fast mødefri formiddag")
    assert EvaluationGoal.objects.get(evaluation=evaluation).action == action

    # Conclude: a page of its own asks for the date and the participants first.
    page.locator(".eval-savebar").get_by_role("link", name="Afslut drøftelsen").click()
    expect(page.get_by_label("Anne Møller (Arbejdsmiljørepræsentant)")).to_be_checked()
    page.get_by_label("Andre deltagere").fill("MED-udvalget")
    page.get_by_role("button", name="Afslut og gem som referat").click()
    expect(page.locator(".toast", has_text="gemt som referat")).to_be_visible()
    expect(page.locator("h1 .pill", has_text="Afsluttet")).to_be_visible()
    expect(page.locator(".eval-facts")).to_contain_text("Anne Møller")
    evaluation.refresh_from_db()
    assert evaluation.is_concluded and evaluation.other_participants == "MED-udvalget"
    shot(page, "evaluation-concluded-desktop")

    # The referat as a PDF.
    with page.expect_download() as download:
        page.get_by_role("link", name="Hent referatet som PDF").click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"

    browser_errors.assert_none()
    # On a phone the referat fits the screen.
    phone = browser_errors.watch(new_context(**PHONE).new_page())
    phone.context.add_cookies(page.context.cookies())
    phone.goto(page.url)
    expect(phone.locator("h1 .pill", has_text="Afsluttet")).to_be_visible()
    width = phone.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390, f"the referat scrolls sideways on a phone: {width}"
    shot(phone, "evaluation-concluded-phone")
    browser_errors.assert_none()
