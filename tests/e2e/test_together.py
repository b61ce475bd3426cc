"""Several people on one board: live updates, conflicting edits, and the bin."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from forkant.models import Role
from handleplan.models import Action
from tests import builders
from tests.e2e.conftest import BoardWorld, BrowserErrors, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NO_RELOAD = "window.__forkantNoReload"


def second_member(world: BoardWorld, new_context, live_server, errors: BrowserErrors) -> Page:  # type: ignore[no-untyped-def]
    builders.make_member(
        world.amg,
        builders.make_user("leder@example.dk", first_name="Jonas", last_name="Madsen"),
        Role.LEDER,
    )
    page = errors.watch(new_context().new_page())
    log_in(page, live_server, "leder@example.dk")
    return page


def card_in(page: Page, action: Action, status: str):  # type: ignore[no-untyped-def]
    return page.locator(f'td[data-drop-status="{status}"] #action-{action.pk}')


def test_a_second_members_board_follows_a_move_while_their_dialog_stays_open(
    member_page: Page, live_server, board_world: BoardWorld, browser_errors, new_context, settings
):
    settings.BOARD_POLL_SECONDS = 1
    world = board_world
    other_errors = BrowserErrors()
    other = second_member(world, new_context, live_server, other_errors)
    other.goto(world.url(live_server, "tavle/"))
    other.evaluate(f"{NO_RELOAD} = 'yes'")
    # Jonas is reading another card in the dialog, with the keyboard focus in it.
    other.locator(f"#action-{world.noise_card.pk} .card-title a").click()
    dialog = other.locator("dialog[open]")
    expect(dialog).to_contain_text(world.noise_card.title)
    focused_before = other.evaluate("document.activeElement.outerHTML")

    member_page.goto(world.url(live_server, "tavle/"))
    member_page.locator(f"#move-next-{world.card.pk}").click()
    expect(card_in(member_page, world.card, "godt_i_gang")).to_be_visible()

    expect(card_in(other, world.card, "godt_i_gang")).to_be_visible(timeout=5000)
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text(world.noise_card.title)
    assert other.evaluate("document.activeElement.outerHTML") == focused_before
    assert other.evaluate(NO_RELOAD) == "yes", "the page was reloaded"
    browser_errors.assert_none()
    other_errors.assert_none()


def test_two_members_edit_one_card_and_the_second_sees_both_versions_and_chooses(
    member_page: Page, live_server, board_world: BoardWorld, browser_errors, new_context
):
    world = board_world
    other_errors = BrowserErrors(expected_statuses={409})
    other = second_member(world, new_context, live_server, other_errors)
    # Both open the same card's edit form.
    for page in (member_page, other):
        page.goto(world.url(live_server, "tavle/"))
        page.get_by_role("link", name=f"Rediger “{world.card.title}”").click()
        expect(page.locator("dialog[open]").get_by_label("Hvad?")).to_be_visible()
    member_page.get_by_label("Hvad?").fill("Aftaler om mails – Annes udgave")
    member_page.get_by_role("button", name="Gem ændringer").click()
    expect(member_page.locator("#board")).to_contain_text("Annes udgave")

    other.get_by_label("Hvad?").fill("Aftaler om mails – Jonas' udgave")
    other.get_by_label("Hvordan?").fill("Tages op på personalemødet")
    other.get_by_role("button", name="Gem ændringer").click()
    heading = other.get_by_role("heading", name="Kortet er ændret imens")
    expect(heading).to_be_visible()
    expect(heading).to_be_focused()  # the dialog opens at its heading, not at a form field
    table = other.locator(".conflict-table")
    expect(table).to_contain_text("Annes udgave")
    expect(table).to_contain_text("Jonas' udgave")
    # Only the title is a conflict: Jonas' "Hvordan?" was his change alone.
    expect(table.locator("tbody tr")).to_have_count(1)
    expect(other.locator("dialog[open]").get_by_label("Hvordan?")).to_have_count(0)
    expect(other.locator(".form-errors")).to_contain_text("Anne Møller")
    world.card.refresh_from_db()
    assert world.card.title == "Aftaler om mails – Annes udgave"

    # Jonas chooses his own version, knowingly.
    other.get_by_role("button", name="Gem min version alligevel").click()
    expect(other.locator("#board")).to_contain_text("Jonas' udgave")
    world.card.refresh_from_db()
    assert world.card.title == "Aftaler om mails – Jonas' udgave"
    assert world.card.how == "Tages op på personalemødet"
    assert world.card.history.filter(title__contains="Annes udgave").exists()
    browser_errors.assert_none()
    other_errors.assert_none()


def test_a_card_is_deleted_and_restored_from_the_bin(
    member_page: Page, live_server, board_world: BoardWorld, browser_errors
):
    world, page = board_world, member_page
    page.goto(world.url(live_server, "tavle/"))
    page.locator(f"#action-{world.card.pk} .card-title a").click()
    dialog = page.locator("dialog[open]")
    dialog.get_by_role("link", name="Rediger", exact=True).click()
    dialog.get_by_role("link", name="Slet…").click()
    dialog.get_by_role("button", name="Ja, slet handlingen").click()
    expect(page.locator(".toast")).to_contain_text("papirkurven")
    expect(page.locator(f"#action-{world.card.pk}")).to_have_count(0)

    page.locator(".board-head summary", has_text="Mere").click()
    page.get_by_role("link", name="Papirkurv").click()
    expect(page.get_by_role("heading", name="Papirkurv", exact=True)).to_be_visible()
    page.get_by_role("button", name=f"Gendan {world.card.title}").click()
    expect(page.locator(".toast")).to_contain_text("tilbage på tavlen")
    expect(page.get_by_text("Ingen slettede kort.")).to_be_visible()
    page.get_by_role("link", name="Tilbage til handleplanen").click()
    expect(card_in(page, world.card, "startet")).to_be_visible()
    # And its history tells the story.
    page.locator(f"#action-{world.card.pk} .card-title a").click()
    page.locator("dialog[open]").get_by_role("link", name="Historik").click()
    history = page.locator("dialog[open] .history")
    expect(history).to_contain_text("Slettet")
    expect(history).to_contain_text("Gendannet fra papirkurven")
    browser_errors.assert_none()
