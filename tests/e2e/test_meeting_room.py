"""The meeting room (journey 1) in a browser: a long board keeps its column headers in view, and
long Danish words break with a hyphen where Danish breaks them — in normal and meeting mode —
while copying a title or finding it on the page works on the text as written."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from forkant.models import Role
from handleplan.models import Status
from tests import builders
from tests.e2e.conftest import BoardWorld, BrowserErrors, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LONG_TITLE = "Forberedelsespladser og arbejdsmiljørepræsentantuddannelse"

# Each line break inside an element's text: the characters around it. A break is right when it
# falls at a space, a soft hyphen (drawn as "-") or a real hyphen; anything else is a word cut
# in two without a hyphen.
LINE_BREAKS = """(el) => {
  const chars = [];
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    for (let i = 0; i < node.data.length; i++) {
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      // The last box: a character after a hyphenated break also reports the hyphen's place.
      const box = Array.from(range.getClientRects()).filter((r) => r.width > 0).pop();
      chars.push({ ch: node.data[i], top: box ? Math.round(box.top) : null });
    }
  }
  const breaks = [];
  let last = -1;
  chars.forEach((c, i) => {
    if (c.top === null || c.ch === " ") return;
    if (last >= 0 && c.top > chars[last].top + 2) {
      const gap = chars.slice(last, i).map((x) => x.ch).join("");
      breaks.push({ before: chars.slice(Math.max(0, last - 3), i).map((x) => x.ch).join(""),
                    ok: /[ \\u00ad-]/.test(gap) });
    }
    last = i;
  });
  return breaks;
}"""


def bad_breaks(page: Page, selector: str) -> tuple[int, list[str]]:
    found = 0
    bad = []
    for element in page.locator(selector).all():
        breaks = element.evaluate(LINE_BREAKS)
        found += len(breaks)
        bad += [b["before"] for b in breaks if not b["ok"]]
    return found, bad


def long_board(world: BoardWorld, themes: int = 14) -> None:
    for n in range(themes):
        theme = builders.make_theme(world.amg, f"Tema {n:02d}: Sygefraværssamtaler")
        for status in (Status.STARTET, Status.I_MAAL):
            builders.make_action(world.amg, theme, status=status, title=f"Kort {n} i {status}")


def header_at_top(page: Page) -> dict[str, float]:
    return page.locator("#colhead-startet").evaluate(
        """(th) => {
            const box = th.getBoundingClientRect();
            const hit = document.elementFromPoint(box.left + 5, box.top + box.height / 2);
            return { top: box.top, visible: !!hit && th.contains(hit) };
        }"""
    )


@pytest.mark.parametrize("meeting_mode", [False, True], ids=["normal", "meeting-mode"])
def test_the_column_headers_stay_in_view_on_a_long_board(
    member_page: Page,
    live_server,
    board_world: BoardWorld,
    browser_errors: BrowserErrors,
    meeting_mode: bool,
) -> None:
    page, world = member_page, board_world
    long_board(world)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(world.url(live_server, "tavle/"))
    if meeting_mode:
        page.get_by_role("button", name="Mødetilstand").click()
        expect(page.locator("body.meeting-mode")).to_have_count(1)
    last_row = page.locator("tbody tr").last
    last_row.scroll_into_view_if_needed()
    assert page.evaluate("window.scrollY") > 800  # the page really scrolled past the headers
    header = header_at_top(page)
    assert -1 <= header["top"] <= 1, header
    assert header["visible"], "something covers the column header"
    browser_errors.assert_none()


def test_in_a_narrow_window_the_board_scrolls_in_its_box_under_its_headers(
    member_page: Page, live_server, board_world: BoardWorld, browser_errors: BrowserErrors
) -> None:
    page, world = member_page, board_world
    long_board(world)
    page.set_viewport_size({"width": 900, "height": 800})
    page.goto(world.url(live_server, "tavle/"))
    box = page.locator(".board-scroll")
    box.evaluate("(el) => { el.scrollTop = el.scrollHeight; }")
    assert box.evaluate("(el) => el.scrollTop") > 300  # the box itself scrolls, one window high
    assert box.evaluate("(el) => el.getBoundingClientRect().height") <= 800
    box_top = box.evaluate("(el) => el.getBoundingClientRect().top")
    header = header_at_top(page)
    assert abs(header["top"] - box_top) <= 2, (header, box_top)
    assert header["visible"]
    # Sideways, the whole board is still reachable.
    assert box.evaluate("(el) => el.scrollWidth > el.clientWidth")
    browser_errors.assert_none()


@pytest.mark.parametrize("meeting_mode", [False, True], ids=["normal", "meeting-mode"])
def test_long_words_break_only_where_danish_breaks_them(
    member_page: Page,
    live_server,
    board_world: BoardWorld,
    browser_errors: BrowserErrors,
    meeting_mode: bool,
) -> None:
    page, world = member_page, board_world
    theme = builders.make_theme(world.amg, "Arbejdsmiljøorganisationens kompetenceudvikling")
    builders.make_action(world.amg, theme, status=Status.GODT_I_GANG, title=LONG_TITLE)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(world.url(live_server, "tavle/"))
    if meeting_mode:
        page.get_by_role("button", name="Mødetilstand").click()
    found, bad = bad_breaks(page, ".card-title a, .theme-name")
    assert found > 0, "nothing was long enough to break: the test proves nothing"
    assert bad == [], f"words cut without a hyphen: {bad}"
    browser_errors.assert_none()


def test_copying_and_finding_a_hyphenated_title_uses_the_text_as_written(
    page: Page, live_server, board_world: BoardWorld, browser_errors: BrowserErrors
) -> None:
    """Chromium itself copies soft hyphens along (checked); app.js takes them out. (A member who
    may write has draggable cards, whose text the browser does not let anyone select; a reader
    can select and copy it.)"""
    world = board_world
    reader = builders.make_member(world.amg, builders.make_user(), Role.ANDET, read_only=True)
    browser_errors.watch(page)
    log_in(page, live_server, reader.user.email)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    action = builders.make_action(world.amg, world.noise, status=Status.STARTET, title=LONG_TITLE)
    page.goto(world.url(live_server, "tavle/"))
    title = page.locator(f"#action-{action.pk}-title a")
    assert "\u00ad" in title.text_content()
    title.evaluate(
        """(el) => { const range = document.createRange(); range.selectNodeContents(el);
                     const s = window.getSelection(); s.removeAllRanges(); s.addRange(range); }"""
    )
    page.keyboard.press("Control+C")
    assert page.evaluate("navigator.clipboard.readText()") == LONG_TITLE
    # The browser's find-in-page finds the word across its soft hyphens (and not a word that
    # is not there: the check can fail).
    find = "(word) => window.find(word, false, false, true)"
    assert page.evaluate(find, "arbejdsmiljørepræsentantuddannelse")
    assert not page.evaluate(find, "arbejdsmiljørepræsentantuddannelsen")
    browser_errors.assert_none()
