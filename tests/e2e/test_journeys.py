"""The journeys people make in a real browser: the board, the wall screen and the inspection PDF.

Every test here also checks that the browser saw no Content-Security-Policy violation and no
JavaScript error while it ran (`browser_errors`).
"""

from __future__ import annotations

import hashlib
import io
import re

import pytest
from playwright.sync_api import BrowserContext, Page, expect
from pypdf import PdfReader

from handleplan.models import Action, Status
from tests import builders
from tests.e2e.conftest import BoardWorld, BrowserErrors
from tests.e2e.test_wall import rotation

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WALL_VIEWPORT = {"width": 1920, "height": 1080}
NO_RELOAD_MARKER = "window.__forkantNoReload"


def cell(page: Page, world: BoardWorld, theme_pk: int, status: str):  # type: ignore[no-untyped-def]
    return page.locator(f'td[data-drop-theme="{theme_pk}"][data-drop-status="{status}"]')


def open_board(page: Page, live_server, world: BoardWorld) -> None:  # type: ignore[no-untyped-def]
    page.goto(world.url(live_server, "tavle/"))
    expect(page.locator("#board table.board")).to_be_visible()
    # Set a marker that only survives if the page is never reloaded.
    page.evaluate(f"{NO_RELOAD_MARKER} = 'still-here'")


def assert_not_reloaded(page: Page) -> None:
    assert page.evaluate(NO_RELOAD_MARKER) == "still-here", "the page was reloaded"


# 1. A new card from the theme row's "+ Ny" ----------------------------------------------------


def test_new_card_from_theme_row_lands_in_its_cell_without_reload(
    member_page: Page, live_server, board_world: BoardWorld, browser_errors: BrowserErrors
) -> None:
    page, world = member_page, board_world
    open_board(page, live_server, world)

    page.get_by_role("link", name=f"Ny handling under “{world.noise.name}”").click()
    dialog = page.locator("#dialog")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("heading", name="Ny handling")).to_be_visible()
    title = dialog.locator("input[name=title]")
    expect(title).to_be_focused()
    title.fill("Høreværn til opvasken")
    dialog.get_by_role("button", name="Sæt på tavlen").click()

    expect(dialog).to_be_hidden()
    target = cell(page, world, world.noise.pk, Status.PARKERET)
    expect(target.locator(".card-title", has_text="Høreværn til opvasken")).to_be_visible()
    expect(
        page.locator(".toast", has_text="“Høreværn til opvasken” er sat på tavlen.")
    ).to_be_visible()
    # Exactly one card with that title on the whole board, and not under the other theme.
    expect(page.locator(".card-title", has_text="Høreværn til opvasken")).to_have_count(1)
    assert_not_reloaded(page)

    action = Action.objects.get(title="Høreværn til opvasken")
    assert (action.amg_id, action.theme_id, action.status) == (
        world.amg.pk,
        world.noise.pk,
        Status.PARKERET,
    )
    browser_errors.assert_none()


def test_new_card_without_title_shows_danish_error_in_dialog_and_saves_nothing(
    member_page: Page, live_server, board_world: BoardWorld, browser_errors: BrowserErrors
) -> None:
    page, world = member_page, board_world
    browser_errors.expected_statuses.add(422)  # the form with errors comes back as 422
    open_board(page, live_server, world)
    before = Action.objects.count()

    page.get_by_role("link", name=f"Ny handling under “{world.stress.name}”").click()
    dialog = page.locator("#dialog")
    expect(dialog.locator("input[name=title]")).to_be_visible()
    with page.expect_response(
        lambda r: "/handlinger/ny/" in r.url and r.request.method == "POST"
    ) as info:
        dialog.get_by_role("button", name="Sæt på tavlen").click()
    assert info.value.status == 422

    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("alert")).to_have_text(
        "Noget mangler eller er forkert. Se markeringerne herunder – intet er gemt endnu."
    )
    error = dialog.locator(".field.has-error .error")
    expect(error).to_have_count(1)
    expect(error).to_have_text(
        # Django's own "required" message, or the form's, but Danish either way.
        re.compile(r"^(Dette felt er påkrævet\.|Skriv, hvad handlingen går ud på\.)$")
    )
    # The field with the error has focus, so a keyboard user lands where the problem is.
    expect(dialog.locator("input[name=title]")).to_be_focused()
    assert Action.objects.count() == before
    assert_not_reloaded(page)
    browser_errors.assert_none()


# 2. Drag and drop -----------------------------------------------------------------------------


def test_drag_card_to_another_column(
    member_page: Page, live_server, board_world: BoardWorld, browser_errors: BrowserErrors
) -> None:
    page, world = member_page, board_world
    open_board(page, live_server, world)
    card = page.locator(f"#action-{world.card.pk}")
    expect(cell(page, world, world.stress.pk, Status.STARTET).locator(card)).to_be_visible()

    card.drag_to(cell(page, world, world.stress.pk, Status.GODT_I_GANG))

    moved = cell(page, world, world.stress.pk, Status.GODT_I_GANG).locator(
        f"#action-{world.card.pk}"
    )
    expect(moved).to_be_visible()
    expect(
        cell(page, world, world.stress.pk, Status.STARTET).locator(f"#action-{world.card.pk}")
    ).to_have_count(0)
    expect(page.locator(".toast", has_text="er flyttet til Godt i gang")).to_be_visible()
    assert_not_reloaded(page)

    world.card.refresh_from_db()
    assert (world.card.status, world.card.theme_id) == (Status.GODT_I_GANG, world.stress.pk)
    browser_errors.assert_none()


# 3. The keyboard only -------------------------------------------------------------------------


def _focused_move_button_of(page: Page, pk: int, status: str) -> None:
    """Wait until focus is on a move button of card `pk`, in the new board, in column `status`."""
    page.wait_for_function(
        """([pk, status]) => {
            const el = document.activeElement;
            return !!el && el.isConnected
                && (el.id === `move-next-${pk}` || el.id === `move-prev-${pk}`)
                && el.closest('td') && el.closest('td').dataset.dropStatus === status;
        }""",
        arg=[pk, status],
        timeout=5000,
    )


def test_move_card_with_keyboard_keeps_focus_on_the_card(
    member_page: Page, live_server, board_world: BoardWorld, browser_errors: BrowserErrors
) -> None:
    page, world = member_page, board_world
    pk = world.card.pk
    open_board(page, live_server, world)

    # Start on the card's "◀" button, then Tab along the card's tools to "▶": ◀, ✎, ▶.
    page.locator(f"#move-prev-{pk}").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.locator(f"#move-next-{pk}")).to_be_focused()

    page.keyboard.press("Enter")
    expect(
        cell(page, world, world.stress.pk, Status.GODT_I_GANG).locator(f"#action-{pk}")
    ).to_be_visible()
    _focused_move_button_of(page, pk, Status.GODT_I_GANG)
    world.card.refresh_from_db()
    assert world.card.status == Status.GODT_I_GANG

    # Focus is where it should be, so Enter again moves the same card on.
    page.keyboard.press("Enter")
    expect(
        cell(page, world, world.stress.pk, Status.I_MAAL).locator(f"#action-{pk}")
    ).to_be_visible()
    _focused_move_button_of(page, pk, Status.I_MAAL)
    world.card.refresh_from_db()
    assert world.card.status == Status.I_MAAL
    assert_not_reloaded(page)
    browser_errors.assert_none()


# 4 and 5. The wall screen ---------------------------------------------------------------------


def create_screen(page: Page, live_server, world: BoardWorld, name: str) -> str:  # type: ignore[no-untyped-def]
    page.goto(world.url(live_server, "skaerme/"))
    page.get_by_label("Navn på skærmen").fill(name)
    page.get_by_role("button", name="Opret og vis parringslink").click()
    pairing = page.locator("input#pairing-url")
    expect(pairing).to_be_visible()
    url = pairing.input_value()
    assert url.startswith(f"{live_server.url}/skaerm/par/"), url
    return url


def pair_wall(context: BrowserContext, url: str, errors: BrowserErrors, live_server) -> Page:  # type: ignore[no-untyped-def]
    wall = errors.watch(context.new_page())
    wall.goto(url)
    wall.wait_for_url(f"{live_server.url}/skaerm/")
    expect(wall.locator(".wall-grid")).to_be_visible()
    return wall


def test_wall_screen_pairs_once_hides_confidential_fits_and_follows_the_board(
    member_page: Page,
    live_server,
    board_world: BoardWorld,
    browser_errors: BrowserErrors,
    new_context,
    settings,
) -> None:
    page, world = member_page, board_world
    settings.WALLSCREEN_PAGE_SECONDS = 1
    # A crowded cell with long titles: more than the wall can show in one cell.
    crowd = [
        builders.make_action(
            world.amg,
            world.noise,
            status=Status.STARTET,
            title=f"Kort nummer {n}: undersøg lydniveauet i kantinen ved frokost og i pauserne",
        )
        for n in range(1, 11)
    ]
    url = create_screen(page, live_server, world, "Personalestuen")

    wall_errors = BrowserErrors()
    wall = pair_wall(new_context(viewport=WALL_VIEWPORT), url, wall_errors, live_server)
    # The board, not a login page.
    expect(wall.locator("input[name=password]")).to_have_count(0)
    expect(wall.get_by_role("heading", name="Handleplan")).to_be_visible()
    expect(wall.locator(".wall-head")).to_contain_text(world.amg.name)
    expect(wall.locator(".wall-cell.col-startet", has_text=world.card.title)).to_be_visible()
    # The confidential card is not on the wall at all (not merely hidden).
    assert world.secret.title not in wall.content()
    # Fits a 1920x1080 TV without scrolling.
    size = wall.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
    )
    assert size[0] <= 1920 and size[1] <= 1080, f"wall scrolls: {size}"
    # Every card shown lies inside its cell and on the screen; the rest show on the next pages.
    overflowing = wall.evaluate(
        """() => Array.from(document.querySelectorAll('.wall-card:not([hidden])')).filter(card => {
            const c = card.getBoundingClientRect();
            const cell = card.closest('.wall-cell').getBoundingClientRect();
            return c.bottom > cell.bottom + 1 || c.right > cell.right + 1
                || c.bottom > window.innerHeight || c.right > window.innerWidth;
        }).map(card => card.textContent.trim())"""
    )
    assert overflowing == []
    expect(wall.locator("#wall-pages")).to_be_visible()
    shown = set().union(*rotation(wall).values())
    assert {c.title for c in crowd} - shown == set()

    # A member moves a card; the wall follows by itself within a few seconds.
    page.goto(world.url(live_server, "tavle/"))
    page.locator(f"#move-next-{world.card.pk}").click()
    expect(
        cell(page, world, world.stress.pk, Status.GODT_I_GANG).locator(f"#action-{world.card.pk}")
    ).to_be_visible()
    expect(wall.locator(".wall-cell.col-godt_i_gang", has_text=world.card.title)).to_be_visible(
        timeout=5000
    )
    expect(wall.locator(".wall-cell.col-startet", has_text=world.card.title)).to_have_count(0)
    assert world.secret.title not in wall.content()

    # The link is used up: another browser cannot pair with it.
    third_errors = BrowserErrors(expected_statuses={410})
    third = third_errors.watch(new_context(viewport=WALL_VIEWPORT).new_page())
    third.goto(url)
    expect(third.get_by_role("heading", name="Parringslinket virker ikke")).to_be_visible()
    expect(third.locator(".wall-grid")).to_have_count(0)
    # ...and the first screen still shows the board.
    expect(wall.locator(".wall-grid")).to_be_visible()

    browser_errors.assert_none()
    wall_errors.assert_none()
    assert third_errors.page == []


def test_revoked_wall_screen_shows_it_is_disconnected_by_itself(
    member_page: Page,
    live_server,
    board_world: BoardWorld,
    browser_errors: BrowserErrors,
    new_context,
) -> None:
    page, world = member_page, board_world
    url = create_screen(page, live_server, world, "Gangen ved kontoret")
    wall_errors = BrowserErrors(expected_statuses={403})  # the wall's poll after revoking
    wall = pair_wall(new_context(viewport=WALL_VIEWPORT), url, wall_errors, live_server)
    expect(wall.locator(".wall-cell.col-startet", has_text=world.card.title)).to_be_visible()

    page.goto(world.url(live_server, "skaerme/"))
    confirms: list[str] = []

    def accept(dialog) -> None:  # type: ignore[no-untyped-def]
        confirms.append(dialog.message)
        dialog.accept()

    page.on("dialog", accept)
    row = page.get_by_role("row", name="Gangen ved kontoret")
    expect(row.get_by_text("Forbundet")).to_be_visible()
    with page.expect_navigation():
        row.get_by_role("button", name="Tilbagekald").click()
    assert len(confirms) == 1 and "Gangen ved kontoret" in confirms[0]
    expect(
        page.get_by_role("row", name="Gangen ved kontoret").get_by_text("Tilbagekaldt")
    ).to_be_visible()

    expect(wall.get_by_role("heading", name="Denne skærm er ikke længere forbundet")).to_be_visible(
        timeout=10_000
    )
    expect(wall.get_by_text(world.card.title)).to_have_count(0)
    browser_errors.assert_none()
    assert wall_errors.page == []


def test_wall_keeps_the_last_board_while_the_server_is_away_and_recovers_by_itself(
    member_page: Page,
    live_server,
    board_world: BoardWorld,
    browser_errors: BrowserErrors,
    new_context,
    settings,
) -> None:
    settings.WALLSCREEN_POLL_SECONDS = 1
    page, world = member_page, board_world
    url = create_screen(page, live_server, world, "Kantinen")
    wall_errors = BrowserErrors()
    tv = new_context(viewport=WALL_VIEWPORT)
    wall = pair_wall(tv, url, wall_errors, live_server)
    expect(wall.locator(".wall-cell.col-startet", has_text=world.card.title)).to_be_visible()

    # The server goes away (restart, redeploy, network drop): every poll fails.
    tv.route("**/skaerm/tavle/", lambda route: route.abort("connectionrefused"))
    expect(wall.locator("#wall-status")).to_be_visible(timeout=10_000)
    expect(wall.locator(".wall-cell.col-startet", has_text=world.card.title)).to_be_visible()
    assert "/skaerm/" in wall.url  # still the wall page, no browser error page

    # Meanwhile the board changes; when the server is back the wall catches up unaided.
    page.goto(world.url(live_server, "tavle/"))
    page.locator(f"#move-next-{world.card.pk}").click()
    expect(
        cell(page, world, world.stress.pk, Status.GODT_I_GANG).locator(f"#action-{world.card.pk}")
    ).to_be_visible()
    tv.unroute("**/skaerm/tavle/")
    expect(wall.locator(".wall-cell.col-godt_i_gang", has_text=world.card.title)).to_be_visible(
        timeout=15_000
    )
    expect(wall.locator("#wall-status")).to_be_hidden()
    browser_errors.assert_none()
    assert wall_errors.page == []  # refused requests are logged, but no script broke


# 6. The inspection PDF ------------------------------------------------------------------------


def test_the_inspection_bundle_is_made_in_the_background_followed_and_downloaded(
    member_page: Page, live_server, board_world: BoardWorld, browser_errors: BrowserErrors
) -> None:
    """Journey 3: ask for the PDF, see its progress, let the worker render it, fetch the file,
    and find it again under the earlier exports."""
    from composition.models import InspectionExport
    from tests.bundle import run_worker

    page, world = member_page, board_world
    page.goto(world.url(live_server, "dokumentation/"))
    page.get_by_role("button", name="Lav PDF til Arbejdstilsynet").click()
    status = page.locator("#export-now").get_by_role("status")
    expect(status).to_contain_text("Venter på en ledig baggrundsproces")
    expect(page.locator("#export-now progress")).to_be_visible()
    run_worker()  # the background worker takes the job (here: in the test's own process)
    download_link = page.get_by_role("link", name="Hent PDF’en")
    expect(download_link).to_be_visible(timeout=20_000)  # the page polls every 2 s
    with page.expect_download() as info:
        download_link.click()
    download = info.value
    assert download.failure() is None
    export = InspectionExport.objects.get(amg=world.amg)
    assert download.suggested_filename == export.filename
    with open(download.path(), "rb") as handle:
        data = handle.read()
    assert hashlib.sha256(data).hexdigest() == export.sha256
    text = "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages)
    flat = " ".join(text.replace("‐\n", "").split())
    assert world.amg.name in flat and export.document_id in flat
    assert world.card.title in flat
    page.reload()
    expect(page.locator(".exports-table")).to_contain_text(export.document_id)
    browser_errors.assert_none()


# 7. The error watch itself --------------------------------------------------------------------


def test_board_enforces_csp_and_the_error_watch_sees_violations(
    member_page: Page, live_server, board_world: BoardWorld, browser_errors: BrowserErrors
) -> None:
    """Proves the other tests' `assert_none()` can fail: an inline script is a CSP violation."""
    page, world = member_page, board_world
    open_board(page, live_server, world)
    browser_errors.assert_none()

    with page.expect_console_message(
        lambda m: m.type == "error" and "Content Security Policy" in m.text
    ):
        page.evaluate(
            """() => {
                const s = document.createElement('script');
                s.textContent = 'window.__inlineRan = true';
                document.body.appendChild(s);
            }"""
        )
    assert page.evaluate("window.__inlineRan") is None
    assert any("Content Security Policy" in message for message in browser_errors.console), (
        browser_errors.console
    )
