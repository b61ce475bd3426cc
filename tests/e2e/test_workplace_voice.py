"""In a real browser: an idea from a phone via the wall's link, moderated onto the wall;
the matrix by mouse and keyboard; a meeting whose referat lists the moves made during it."""

from __future__ import annotations

import io

import pytest
from django.core import mail
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from handleplan import services
from handleplan.models import Action, Idea, IdeaStatus, Meeting, Status
from tests import builders
from tests.e2e.conftest import BoardWorld, BrowserErrors
from tests.e2e.test_journeys import WALL_VIEWPORT, cell, create_screen, open_board, pair_wall

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def test_an_idea_sent_from_a_phone_via_the_walls_link_reaches_the_wall_only_when_published(
    member_page: Page,
    live_server,
    board_world: BoardWorld,
    browser_errors: BrowserErrors,
    new_context,
    settings,
) -> None:
    settings.WALLSCREEN_POLL_SECONDS = 1
    page, world = member_page, board_world
    url = create_screen(page, live_server, world, "Personalestuen")
    wall_errors = BrowserErrors()
    wall = pair_wall(new_context(viewport=WALL_VIEWPORT), url, wall_errors, live_server)

    # The wall shows a QR code and a short link that can be typed on a phone.
    expect(wall.locator(".wall-idea-qr svg")).to_be_visible()
    short = wall.locator(".wall-idea-link").inner_text().strip()
    assert "/ide/" in short and not short.startswith("http"), short

    phone_errors = BrowserErrors()
    phone = phone_errors.watch(new_context(**PHONE).new_page())
    phone.goto(f"http://{short}/")
    expect(phone.get_by_role("heading", name="Send en idé til arbejdsmiljøgruppen")).to_be_visible()
    expect(phone.get_by_text(world.amg.name)).to_be_visible()
    width = phone.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390, f"the form scrolls sideways on a phone: {width}"
    phone.get_by_label("Din idé eller observation").fill("Fast pausetid i køkkenet kl. 10")
    phone.get_by_label("Dit navn").fill("Mia Hansen")
    phone.get_by_role("button", name="Send idéen").click()
    expect(phone.get_by_role("heading", name="Tak! Din idé er sendt.")).to_be_visible()
    assert Idea.objects.get().status == IdeaStatus.NEW

    # Waiting for moderation: not on the wall, however long it polls.
    wall.wait_for_timeout(2500)
    assert "Fast pausetid" not in wall.content()

    # A member publishes it from the queue.
    open_board(page, live_server, world)
    page.get_by_role("link", name="Idéer 1 venter").click()
    expect(page.locator(".idea-text", has_text="Fast pausetid i køkkenet kl. 10")).to_be_visible()
    page.get_by_role("link", name="Sæt på tavlen").click()
    dialog = page.locator("#dialog")
    expect(dialog.get_by_role("heading", name="Sæt idéen på tavlen")).to_be_visible()
    dialog.get_by_label("Tema").select_option(label=world.noise.name)
    dialog.get_by_role("button", name="Sæt på tavlen").click()
    expect(page.locator(".toast", has_text="Idéen er sat på tavlen")).to_be_visible()
    expect(page.get_by_role("heading", name="0 idéer venter")).to_be_visible()

    expect(
        wall.locator(".wall-cell.col-parkeret", has_text="Fast pausetid i køkkenet kl. 10")
    ).to_be_visible(timeout=5000)
    assert "Mia Hansen" not in wall.content()
    browser_errors.assert_none()
    wall_errors.assert_none()
    phone_errors.assert_none()


def test_the_matrix_places_cards_by_mouse_and_by_keyboard(
    member_page: Page, live_server, board_world: BoardWorld, browser_errors: BrowserErrors
) -> None:
    page, world = member_page, board_world
    parked = builders.make_action(
        world.amg, world.stress, title="Stille time om torsdagen", status=Status.PARKERET
    )
    idea = builders.make_idea(world.amg, "Makkerordning for nye kolleger")
    page.goto(world.url(live_server, "prioritering/"))
    quadrant = page.locator('[data-drop-effect="stor"][data-drop-reach="mange"]')

    # By mouse: drag the parked card into "stor effekt for mange".
    card = page.locator(".mx-item", has_text="Stille time om torsdagen")
    card.drag_to(quadrant)
    expect(quadrant.locator(".mx-item", has_text="Stille time om torsdagen")).to_be_visible()
    # The toast comes after htmx has settled the new matrix (and made its forms htmx forms);
    # a person cannot act faster than that, but a test can.
    expect(page.locator(".toast", has_text="Stille time om torsdagen")).to_be_visible()
    parked.refresh_from_db()
    assert (parked.effect, parked.reach) == ("stor", "mange")

    # By keyboard: open the idea's "Placér og beslut", choose with the arrow keys, press Enter.
    item = page.locator(".mx-item", has_text="Makkerordning for nye kolleger")
    item.locator("summary").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # effect
    page.keyboard.press("ArrowDown")  # Stor effekt
    page.keyboard.press("Tab")  # reach
    page.keyboard.press("ArrowDown")  # Berører mange
    page.keyboard.press("Tab")  # aktionsradius
    page.keyboard.press("ArrowDown")  # Det kan vi selv
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # Placér
    placed = quadrant.locator(".mx-item", has_text="Makkerordning for nye kolleger")
    expect(placed).to_be_visible()
    expect(placed.locator(".mx-title")).to_be_focused()
    idea.refresh_from_db()
    assert (idea.effect, idea.reach, idea.radius) == ("stor", "mange", "selv")

    # Decide: an action now. The card goes to Startet.
    placed = quadrant.locator(".mx-item", has_text="Stille time om torsdagen")
    placed.locator("summary").click()
    placed.get_by_role("button", name="Handling nu").click()
    expect(page.locator(".toast", has_text="Handling nu")).to_be_visible()
    parked.refresh_from_db()
    assert (parked.status, parked.decision) == (Status.STARTET, "nu")
    browser_errors.assert_none()


def test_a_meeting_is_run_and_its_referat_lists_the_moves_made_during_it(
    member_page: Page, live_server, board_world: BoardWorld, browser_errors: BrowserErrors
) -> None:
    page, world = member_page, board_world
    # Moved before the meeting: must not appear in the referat.
    before = builders.make_action(world.amg, world.noise, title="Flyttet før mødet")
    services.move_action(action=before, status=Status.GODT_I_GANG)
    open_board(page, live_server, world)

    page.get_by_role("link", name="Start møde").click()
    dialog = page.locator("#dialog")
    expect(dialog.get_by_role("heading", name="Start et møde")).to_be_visible()
    dialog.get_by_label("Mødeleder").fill("Anne Møller")
    dialog.get_by_label("Referent").fill("Bo Berg")
    dialog.get_by_label("Andre deltagere (antal)").fill("4")
    with page.expect_navigation():
        dialog.get_by_role("button", name="Start mødet").click()
    expect(page.get_by_role("heading", name="Tavlemøde i gang siden")).to_be_visible()
    expect(page.locator("body")).to_have_class("meeting-mode")  # the projector view

    # Move a card with its button and another by dragging it.
    page.locator(f"#move-next-{world.card.pk}").click()
    expect(
        cell(page, world, world.stress.pk, Status.GODT_I_GANG).locator(f"#action-{world.card.pk}")
    ).to_be_visible()
    page.locator(f"#action-{world.noise_card.pk}").drag_to(
        cell(page, world, world.noise.pk, Status.I_MAAL)
    )
    expect(
        cell(page, world, world.noise.pk, Status.I_MAAL).locator(f"#action-{world.noise_card.pk}")
    ).to_be_visible()

    page.get_by_role("link", name="Afslut mødet").click()
    expect(dialog.get_by_role("heading", name="Afslut mødet")).to_be_visible()
    dialog.get_by_label("Beslutninger").fill("Vi måler støjen igen i marts.")
    with page.expect_navigation():
        dialog.get_by_role("button", name="Afslut og skriv referat").click()
    referat = page.locator(".referat-text")
    expect(referat).to_contain_text(f"{world.card.title}: Startet → Godt i gang")
    expect(referat).to_contain_text(f"{world.noise_card.title}: Startet → I mål")
    expect(referat).to_contain_text("Vi måler støjen igen i marts.")
    expect(referat).not_to_contain_text("Flyttet før mødet")

    with page.expect_download() as info:
        page.get_by_role("link", name="Hent referatet som PDF").click()
    download = info.value
    assert download.failure() is None
    assert download.suggested_filename.startswith("referat-")
    with open(download.path(), "rb") as handle:
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(handle.read())).pages)
    text = " ".join(text.split())  # PDF text comes back with its own line breaks
    assert f"{world.card.title}: Startet → Godt i gang" in text
    assert f"{world.noise_card.title}: Startet → I mål" in text
    assert "Flyttet før mødet" not in text
    assert "Anne Møller" in text

    # Back on the board, the projector view is switched off again.
    page.goto(world.url(live_server, "tavle/"))
    expect(page.get_by_role("link", name="Start møde")).to_be_visible()
    expect(page.locator("body")).not_to_have_class("meeting-mode")

    meeting = Meeting.objects.get(amg=world.amg)
    assert not meeting.is_running
    assert [m.to for m in mail.outbox] == [[world.email]]
    assert Action.objects.get(pk=world.card.pk).status == Status.GODT_I_GANG
    browser_errors.assert_none()
