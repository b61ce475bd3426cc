"""The wall read from 3 m at 1920×1080: card text 24 px or more, titles never cut short while
anything else would fit, pages that share the themes evenly and fill the screen, who moves each
card always shown, and the QR code inside its box. Measured in the browser, page by page."""

from __future__ import annotations

import time
from dataclasses import dataclass

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from composition.demo.workplace import SCHOOL, load_demo
from forkant import services
from forkant.models import AMG, Membership
from handleplan.models import Action
from tests.e2e.conftest import BoardWorld, BrowserErrors
from tests.e2e.test_meeting_room import bad_breaks
from tests.e2e.test_wall import fill_board

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WALL_VIEWPORT = {"width": 1920, "height": 1080}
MIN_TEXT_PX = 24

# What one page of the wall shows, measured.
MEASURE = """() => {
  const grid = document.querySelector('.wall-grid');
  const shown = (el) => el.offsetParent !== null;
  const cards = Array.from(document.querySelectorAll('.wall-card')).filter(shown);
  const px = (el) => parseFloat(getComputedStyle(el).fontSize);
  const plain = (el) => el.textContent.replace(/\\u00ad/g, '').trim();  // without soft hyphens
  const rows = Array.from(document.querySelectorAll('.wall-row')).filter((row) => !row.hidden);
  let used = 0;  // the height the visible themes' fullest cells take, of the height there is
  rows.forEach((row) => {
    let most = 0;
    row.querySelectorAll('.wall-cell').forEach((cell) => {
      const visible = Array.from(cell.querySelectorAll('.wall-card')).filter(shown);
      if (visible.length) {
        most = Math.max(most, visible[visible.length - 1].getBoundingClientRect().bottom
                              - visible[0].getBoundingClientRect().top);
      }
    });
    used += most;
  });
  const head = grid.querySelector('.wall-col-head').getBoundingClientRect().height;
  const box = (sel) => document.querySelector(sel).getBoundingClientRect();
  const panel = box('.wall-idea'), qr = box('.wall-idea-qr svg');
  return {
    label: document.getElementById('wall-pages').hidden ? '1/1'
           : document.getElementById('wall-pages-text').textContent,
    titles: cards.map((c) => plain(c.querySelector('.wall-card-title'))),
    smallest_title: Math.min(...cards.map((c) => px(c.querySelector('.wall-card-title')))),
    smallest_who: Math.min(...cards.map((c) => c.querySelector('.wall-card-who'))
                                 .filter(Boolean).map(px)),
    cut_titles: cards.filter((c) => {
      const t = c.querySelector('.wall-card-title');
      return t.scrollHeight > t.clientHeight + 1 || getComputedStyle(t).webkitLineClamp !== 'none';
    }).length,
    cards_without_who: cards.map((c) => c.querySelector('.wall-card-who'))
                          .filter((who) => who && !(who.getBoundingClientRect().width > 0)).length,
    fill: used / (grid.clientHeight - head),
    themes: rows.length,
    qr_inside: qr.top >= panel.top && qr.bottom <= panel.bottom
              && qr.left >= panel.left && qr.right <= panel.right,
    scroll: [document.documentElement.scrollWidth, document.documentElement.scrollHeight],
  };
}"""


@dataclass
class WallPage:
    label: str
    titles: list[str]
    smallest_title: float
    smallest_who: float
    cut_titles: int
    cards_without_who: int
    fill: float
    themes: int
    qr_inside: bool
    scroll: list[int]


def pair(new_context, live_server, amg: AMG, errors: BrowserErrors) -> Page:  # type: ignore[no-untyped-def]
    member = Membership.objects.filter(amg=amg).select_related("user").first()
    _screen, token = services.create_wall_screen(
        amg=amg, name="Personalestuen", created_by=member.user, now=timezone.now()
    )
    wall = errors.watch(new_context(viewport=WALL_VIEWPORT).new_page())
    wall.goto(live_server.url + reverse("wall_pair", args=[token]))
    wall.wait_for_url(f"{live_server.url}/skaerm/")
    expect(wall.locator(".wall-grid")).to_be_visible()
    return wall


def measured_rotation(wall: Page, *, timeout: float = 60) -> list[WallPage]:
    seen: dict[str, WallPage] = {}
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        page = WallPage(**wall.evaluate(MEASURE))
        seen.setdefault(page.label, page)
        total = 1 if page.label == "1/1" else int(page.label.rsplit(" ", 1)[-1])
        if len(seen) == total:
            return list(seen.values())
        wall.wait_for_timeout(200)
    raise AssertionError(f"the rotation never completed: saw {sorted(seen)}")


def assert_read_from_3_m(pages: list[WallPage], public: set[str]) -> None:
    for page in pages:
        where = f"page {page.label}"
        assert page.smallest_title >= MIN_TEXT_PX, f"{where}: titles of {page.smallest_title} px"
        assert page.smallest_who >= MIN_TEXT_PX, f"{where}: names of {page.smallest_who} px"
        assert page.cut_titles == 0, f"{where}: {page.cut_titles} titles cut short"
        assert page.cards_without_who == 0, f"{where}: who moves a card is hidden"
        assert page.qr_inside, f"{where}: the QR code runs past its box"
        assert page.scroll[0] <= 1920 and page.scroll[1] <= 1080, f"{where} scrolls"
    shown = [title for page in pages for title in page.titles]
    assert sorted(shown) == sorted(public), "every public card once in the rotation"
    if len(pages) > 1:  # used and shared evenly: no page mostly empty
        fills = [round(page.fill, 2) for page in pages]
        assert min(fills) >= 0.5, f"a page mostly empty: {fills}"


def public_titles(amg: AMG) -> set[str]:
    return set(Action.objects.filter(amg=amg, confidential=False).values_list("title", flat=True))


def test_the_demo_board_reads_from_3_m_on_every_page(new_context, live_server, settings):
    settings.WALLSCREEN_PAGE_SECONDS = 1
    load_demo()
    amg = AMG.objects.get(name=SCHOOL)
    errors = BrowserErrors()
    wall = pair(new_context, live_server, amg, errors)
    # Long words break where Danish breaks them, with a hyphen (soft hyphens: any browser).
    found, bad = bad_breaks(wall, ".wall-card-title, .wall-theme")
    assert found > 0 and bad == [], f"{found} line breaks, cut without a hyphen: {bad}"
    pages = measured_rotation(wall)
    assert_read_from_3_m(pages, public_titles(amg))
    print(  # the numbers for the record (pytest -s)
        "demo board:",
        [(p.label, len(p.titles), p.themes, p.smallest_title, round(p.fill, 2)) for p in pages],
    )
    errors.assert_none()


def test_a_typical_30_card_board_fits_one_screen_in_text_of_24_px_or_more(
    new_context, live_server, board_world: BoardWorld
):
    fill_board(board_world, 28)  # and the world's two public cards: 30
    errors = BrowserErrors()
    wall = pair(new_context, live_server, board_world.amg, errors)
    pages = measured_rotation(wall, timeout=5)
    assert [p.label for p in pages] == ["1/1"]
    assert len(pages[0].titles) == 30
    assert_read_from_3_m(pages, public_titles(board_world.amg))
    errors.assert_none()


def test_60_cards_share_balanced_pages_without_cutting_a_title(
    new_context, live_server, board_world: BoardWorld, settings
):
    settings.WALLSCREEN_PAGE_SECONDS = 1
    fill_board(board_world, 60)
    errors = BrowserErrors()
    wall = pair(new_context, live_server, board_world.amg, errors)
    pages = measured_rotation(wall)
    assert len(pages) > 1
    assert_read_from_3_m(pages, public_titles(board_world.amg))
    themes = [p.themes for p in pages]
    assert max(themes) - min(themes) <= 1, f"themes shared unevenly: {themes}"
    numbers = [(p.label, len(p.titles), p.smallest_title, round(p.fill, 2)) for p in pages]
    print("60 cards:", numbers)  # for the record (pytest -s)
    errors.assert_none()


def test_the_smallest_text_keeps_who_moves_each_card(
    new_context, live_server, board_world: BoardWorld
):
    fill_board(board_world, 40, short=True)  # fits only in the smallest text
    errors = BrowserErrors()
    wall = pair(new_context, live_server, board_world.amg, errors)
    expect(wall.locator(".wall-grid.wall-size-3")).to_have_count(1)
    names = wall.locator(".wall-card-who:visible")
    expect(names.first).to_have_text(board_world.member.user.first_name)
    assert (
        names.count()
        == Action.objects.filter(
            amg=board_world.amg, confidential=False, responsible__isnull=False
        ).count()
    )
    assert_read_from_3_m(measured_rotation(wall, timeout=5), public_titles(board_world.amg))
    errors.assert_none()
