"""The wall screen with a full board: every public card shown, compacted and paged, for months.

The paging helpers here step through the wall's rotation by watching its page indicator.
"""

from __future__ import annotations

import re
import time

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from forkant import services
from handleplan import services as board_services
from handleplan.models import Action, Status
from tests import builders
from tests.e2e.conftest import BoardWorld, BrowserErrors

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WALL_VIEWPORT = {"width": 1920, "height": 1080}

# The titles as written (without the soft hyphens of long words).
VISIBLE_CARDS = """() => Array.from(document.querySelectorAll('.wall-card'))
    .filter(card => card.offsetParent !== null)
    .map(card => card.querySelector('.wall-card-title').textContent)
    .map(title => title.replace(/\\u00ad/g, '').trim())"""

# Cards shown that stick out of their cell or the screen (cut off, or unreadable).
CUT_OFF = """() => Array.from(document.querySelectorAll('.wall-card'))
    .filter(card => card.offsetParent !== null)
    .filter(card => {
        const c = card.getBoundingClientRect();
        const cell = card.closest('.wall-cell').getBoundingClientRect();
        return c.bottom > cell.bottom + 1 || c.right > cell.right + 1
            || c.bottom > window.innerHeight || c.right > window.innerWidth;
    }).map(card => card.textContent.trim())"""

SCROLL_SIZE = "() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]"


def pair(new_context, live_server, world: BoardWorld, errors: BrowserErrors) -> Page:  # type: ignore[no-untyped-def]
    _screen, token = services.create_wall_screen(
        amg=world.amg, name="Personalestuen", created_by=world.member.user, now=timezone.now()
    )
    wall = errors.watch(new_context(viewport=WALL_VIEWPORT).new_page())
    wall.goto(live_server.url + reverse("wall_pair", args=[token]))
    wall.wait_for_url(f"{live_server.url}/skaerm/")
    expect(wall.locator(".wall-grid")).to_be_visible()
    return wall


def page_label(wall: Page) -> str:
    return wall.locator("#wall-pages-text").text_content() or ""


def rotation(wall: Page, *, timeout: float = 60) -> dict[str, set[str]]:
    """The cards visible on each page of one full rotation, checked for fit on every page."""
    seen: dict[str, set[str]] = {}
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        label = page_label(wall) if wall.locator("#wall-pages").is_visible() else "1/1"
        if label not in seen:
            assert wall.evaluate(CUT_OFF) == [], f"cut-off cards on page {label}"
            width, height = wall.evaluate(SCROLL_SIZE)
            assert width <= 1920 and height <= 1080, f"page {label} scrolls: {width}×{height}"
            seen[label] = set(wall.evaluate(VISIBLE_CARDS))
        total = 1 if label == "1/1" else int(label.rsplit(" ", 1)[-1])
        if len(seen) == total:
            return seen
        wall.wait_for_timeout(250)
    raise AssertionError(f"the rotation never completed: saw {sorted(seen)}")


TOPICS = ("pauser", "mails", "møder")


def fill_board(world: BoardWorld, cards: int, *, short: bool = False) -> list[Action]:
    """`cards` public cards with realistic (or one-line) titles over six themes and every column."""
    themes = [world.stress, world.noise] + [
        builders.make_theme(world.amg, name)
        for name in ("Vold og trusler", "Indeklima", "Nye kolleger", "Samarbejde med forældre")
    ]
    columns = list(Status)
    return [
        builders.make_action(
            world.amg,
            themes[n % len(themes)],
            status=columns[(n // len(themes)) % len(columns)],
            title=f"Møde {n:02d}"
            if short
            else f"Handling {n:02d}: aftal regler for {TOPICS[n % 3]}",
            responsible=world.member,
        )
        for n in range(cards)
    ]


def test_a_wall_with_60_cards_shows_every_one_within_its_rotation_and_never_scrolls(
    new_context, live_server, board_world: BoardWorld, settings
):
    settings.WALLSCREEN_PAGE_SECONDS = 1
    cards = fill_board(board_world, 60)
    errors = BrowserErrors()
    wall = pair(new_context, live_server, board_world, errors)

    expect(wall.locator("#wall-pages")).to_be_visible()
    pages = rotation(wall)
    assert len(pages) > 1
    shown = set().union(*pages.values())
    public = {c.title for c in cards} | {board_world.card.title, board_world.noise_card.title}
    assert public - shown == set(), "cards never shown on the wall"
    assert board_world.secret.title not in shown
    errors.assert_none()


def test_a_board_that_fits_in_the_smallest_text_is_not_paged(
    new_context, live_server, board_world: BoardWorld, settings
):
    # One-line cards with a name, one or two to a cell: fits when the name follows the title.
    fill_board(board_world, 40, short=True)
    errors = BrowserErrors()
    wall = pair(new_context, live_server, board_world, errors)
    expect(wall.locator(".wall-grid")).to_have_class(re.compile(r"\bwall-size-3\b"))
    pages = rotation(wall, timeout=5)
    assert list(pages) == ["1/1"]
    assert len(pages["1/1"]) == 42
    errors.assert_none()


def test_a_theme_too_full_for_one_page_is_split_by_its_cards(
    new_context, live_server, board_world: BoardWorld, settings
):
    settings.WALLSCREEN_PAGE_SECONDS = 1
    crowd = [
        builders.make_action(
            board_world.amg,
            board_world.noise,
            status=Status.STARTET,
            title=f"Kort nummer {n}: undersøg lydniveauet i kantinen ved frokost og i pauserne",
        )
        for n in range(40)
    ]
    errors = BrowserErrors()
    wall = pair(new_context, live_server, board_world, errors)
    pages = rotation(wall)
    shown = set().union(*pages.values())
    assert {c.title for c in crowd} - shown == set()
    errors.assert_none()


def test_the_wall_does_not_poll_while_its_page_is_hidden(
    new_context, live_server, board_world: BoardWorld, settings
):
    settings.WALLSCREEN_POLL_SECONDS = 1
    errors = BrowserErrors()
    wall = pair(new_context, live_server, board_world, errors)
    polls: list[str] = []
    wall.on("request", lambda r: polls.append(r.url) if "/skaerm/tavle/" in r.url else None)
    wall.wait_for_timeout(2500)
    assert polls, "the visible wall polls"
    hide = """(state) => {
        Object.defineProperty(document, 'visibilityState', {value: state, configurable: true});
        document.dispatchEvent(new Event('visibilitychange'));
    }"""
    wall.evaluate(hide, "hidden")
    wall.wait_for_timeout(1500)  # a poll already under way may still finish
    polls.clear()
    wall.wait_for_timeout(3000)
    assert polls == [], "polled while hidden"
    # Visible again: it polls at once and shows what changed meanwhile.
    board_services.move_action(action=board_world.card, status=Status.I_MAAL)
    wall.evaluate(hide, "visible")
    expect(wall.locator(".wall-cell.col-i_maal", has_text=board_world.card.title)).to_be_visible(
        timeout=3000
    )
    errors.assert_none()


@pytest.mark.slow
def test_a_wall_polling_for_minutes_keeps_a_flat_dom_and_heap(
    new_context, live_server, board_world: BoardWorld, settings
):
    """Three minutes of polling every second, the board changing and paging all the while."""
    settings.WALLSCREEN_POLL_SECONDS = 1
    settings.WALLSCREEN_PAGE_SECONDS = 2
    fill_board(board_world, 60)
    errors = BrowserErrors()
    wall = pair(new_context, live_server, board_world, errors)
    cdp = wall.context.new_cdp_session(wall)

    def counters() -> tuple[int, int, int]:
        cdp.send("HeapProfiler.collectGarbage")
        dom = cdp.send("Memory.getDOMCounters")
        heap = cdp.send("Runtime.getHeapUsage")
        return dom["nodes"], dom["jsEventListeners"], heap["usedSize"]

    card = board_world.card
    there, back = Status.GODT_I_GANG, Status.STARTET

    def flip(n: int) -> None:
        board_services.move_action(action=card, status=there if n % 2 else back)

    # Warm up: one change and a full rotation, so caches and code are loaded.
    flip(1)
    flip(2)
    wall.wait_for_timeout(5000)
    start = counters()
    end_at = time.monotonic() + 180
    n = 0
    while time.monotonic() < end_at:
        n += 1
        flip(n)
        wall.wait_for_timeout(3000)
    if n % 2:
        flip(n + 1)  # the same board as at the start
    wall.wait_for_timeout(5000)
    end = counters()
    nodes, listeners, heap = (e - s for s, e in zip(start, end, strict=True))
    # Nodes may differ by the page indicator's dots; never by a board's worth of cards.
    assert nodes <= 50, f"DOM nodes grew by {nodes} over {n} changes: {start} → {end}"
    assert listeners <= 0, f"event listeners grew by {listeners}"
    assert heap <= max(2_000_000, start[2] * 0.5), f"JS heap grew by {heap} bytes"
    errors.assert_none()
