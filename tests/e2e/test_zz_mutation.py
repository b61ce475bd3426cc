import pytest

from tests.e2e import test_journeys as tj

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_drag_without_board_js(member_page, live_server, board_world, browser_errors):
    member_page.route("**/board.js", lambda r: r.abort())
    browser_errors.expected_statuses.add(0)
    tj.test_drag_card_to_another_column(member_page, live_server, board_world, browser_errors)


def test_wall_without_wall_js(member_page, live_server, board_world, browser_errors, new_context):
    orig = new_context

    def nc(**kw):
        c = orig(**kw)
        c.route("**/wall.js", lambda r: r.abort())
        return c

    tj.test_wall_screen_pairs_once_hides_confidential_fits_and_follows_the_board(
        member_page, live_server, board_world, browser_errors, nc
    )


def test_keyboard_without_focus_field(member_page, live_server, board_world, browser_errors):
    def strip(route):
        body = route.request.post_data or ""
        route.continue_(
            post_data="&".join(p for p in body.split("&") if not p.startswith("focus="))
        )

    member_page.route("**/flyt/", strip)
    tj.test_move_card_with_keyboard_keeps_focus_on_the_card(
        member_page, live_server, board_world, browser_errors
    )


def test_small_screen(member_page, live_server, board_world, browser_errors, new_context):
    tj.WALL_VIEWPORT = {"width": 800, "height": 500}
    tj.test_wall_screen_pairs_once_hides_confidential_fits_and_follows_the_board(
        member_page, live_server, board_world, browser_errors, new_context
    )
