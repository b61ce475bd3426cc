"""The board's rows in a real browser: a theme added, moved, renamed and deleted answers with
just its row (swapped in out of band), and the board works on as if it had been reloaded."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from handleplan.models import Action, Status, Theme
from tests.e2e.conftest import BoardWorld, BrowserErrors
from tests.e2e.test_journeys import assert_not_reloaded, cell, open_board

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def row_names(page: Page) -> list[str]:
    return [
        name.replace("\u00ad", "")
        for name in page.locator("#board-rows .theme-name").all_inner_texts()
    ]


def menu(page: Page, name: str):  # type: ignore[no-untyped-def]
    """Open the row's ⋯ menu."""
    page.get_by_label(f"Flere valg for “{name}”").click()
    return page.locator(f"#theme-row-{Theme.objects.get(name=name).pk} .menu-body")


def test_a_theme_is_added_moved_renamed_and_deleted_row_by_row(
    member_page: Page, live_server, board_world: BoardWorld, browser_errors: BrowserErrors
) -> None:
    page, world = member_page, board_world
    page.on("dialog", lambda dialog: dialog.accept())  # "Slet temaet …?"
    browser_errors.expected_statuses.add(422)  # the form without a name comes back as 422
    open_board(page, live_server, world)
    assert row_names(page) == [world.stress.name, world.noise.name]

    # A name is required: the form says so in Danish, and the board stays as it is.
    page.get_by_role("button", name="Tilføj tema").click()
    expect(page.locator("#theme-form .error, #theme-form .errorlist").first).to_be_visible()
    assert row_names(page) == [world.stress.name, world.noise.name]

    # Added: the last row, the form emptied for the next one.
    page.get_by_label("Nyt tema").fill("Indeklima")
    page.get_by_role("button", name="Tilføj tema").click()
    expect(page.locator(".toast", has_text="Temaet “Indeklima” er oprettet.")).to_be_visible()
    expect(page.locator("#board-rows tr")).to_have_count(3)
    assert row_names(page) == [world.stress.name, world.noise.name, "Indeklima"]
    expect(page.get_by_label("Nyt tema")).to_have_value("")
    expect(page.get_by_label("Nyt tema")).to_be_focused()  # ready for the next one
    # The row that was last can now move down.
    expect(menu(page, world.noise.name).get_by_role("button", name="Flyt ned")).to_be_visible()
    page.get_by_label(f"Flere valg for “{world.noise.name}”").click()  # closed again

    # Moved up, past "Støj i kantinen".
    menu(page, "Indeklima").get_by_role("button", name="Flyt op").click()
    expect(page.locator(".toast", has_text="Temaet “Indeklima” er flyttet.")).to_be_visible()
    expect(page.locator("#board-rows .theme-name").nth(1)).to_contain_text("Indeklima")
    assert row_names(page) == [world.stress.name, "Indeklima", world.noise.name]
    expect(page.get_by_label("Flere valg for “Indeklima”")).to_be_focused()  # not lost
    # The cards of the rows around it are still there, once each.
    expect(page.locator(".card-title", has_text=world.noise_card.title)).to_have_count(1)

    # Renamed in the dialog.
    menu(page, "Indeklima").get_by_role("link", name="Omdøb").click()
    page.locator("#dialog input[name=name]").fill("Indeklima og luft")
    page.locator("#dialog").get_by_role("button", name="Gem").click()
    expect(page.locator("#board-rows .theme-name").nth(1)).to_contain_text("Indeklima og luft")

    # A card in the new row, from its own "+ Ny": the row's htmx works without a reload.
    page.get_by_role("link", name="Ny handling under “Indeklima og luft”").click()
    page.locator("#dialog input[name=title]").fill("Måling af CO2")
    page.locator("#dialog").get_by_role("button", name="Sæt på tavlen").click()
    theme = Theme.objects.get(name="Indeklima og luft")
    expect(cell(page, world, theme.pk, Status.PARKERET).locator(".card")).to_have_count(1)
    Action.objects.filter(title="Måling af CO2").delete()  # emptied again, to delete the row

    # Deleted: an empty row, added anew for the purpose.
    page.get_by_label("Nyt tema").fill("Midlertidigt")
    page.get_by_role("button", name="Tilføj tema").click()
    expect(page.locator("#board-rows tr")).to_have_count(4)
    menu(page, "Midlertidigt").get_by_role("button", name="Slet tema").click()
    expect(page.locator(".toast", has_text="Temaet “Midlertidigt” er slettet.")).to_be_visible()
    expect(page.locator("#board-rows tr")).to_have_count(3)
    assert row_names(page) == [world.stress.name, "Indeklima og luft", world.noise.name]
    assert_not_reloaded(page)
    browser_errors.assert_none()
