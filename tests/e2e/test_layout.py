"""The board's layout at every width: no box stretched over an empty area."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests import builders
from tests.e2e.conftest import BoardWorld

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# The empty space a box may hold below its content (its padding, and a little slack).
SLACK_PX = 24

# For each line of boxes beside the board, how far its boxes reach below their own content.
# Boxes side by side share the tallest one's height (that is not a hole); the tallest must be
# no taller than its content.
EMPTY_BELOW_CONTENT = """
() => {
  const lines = {};
  for (const box of document.querySelectorAll('.board-side > *')) {
    const rect = box.getBoundingClientRect();
    const last = box.lastElementChild;
    const padding = parseFloat(getComputedStyle(box).paddingBottom);
    const content = last ? last.getBoundingClientRect().bottom : rect.top;
    const key = Math.round(rect.top);
    const empty = rect.bottom - padding - content;
    (lines[key] = lines[key] || []).push({box: box.className, empty: empty});
  }
  return Object.values(lines).map((boxes) => boxes.reduce((a, b) => (a.empty < b.empty ? a : b)));
}
"""


@pytest.mark.parametrize("width", [390, 600, 760, 761, 1024, 1440, 1920])
def test_the_boxes_beside_the_board_hold_no_empty_area_at_any_width(
    member_page: Page, live_server, board_world: BoardWorld, browser_errors, width
):
    builders.make_meeting(board_world.amg, moedeleder="Anne Møller")
    member_page.set_viewport_size({"width": width, "height": 900})
    member_page.goto(board_world.url(live_server, "tavle/"))
    expect(member_page.locator("#meeting")).to_be_visible()
    lines = member_page.evaluate(EMPTY_BELOW_CONTENT)
    assert lines, "the next tavlemøde box is missing"
    for measured in lines:
        assert measured["empty"] <= SLACK_PX, f"{measured['box']} at {width}px: {measured}"
    browser_errors.assert_none()
