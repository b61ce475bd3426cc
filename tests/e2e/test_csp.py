"""No Content-Security-Policy violation in the browser after a delete and after a 422 in a
dialog, with DEBUG on as `make run` has it.

It used to come from django-htmx's debug helper (included by the htmx_script tag when DEBUG is
on): on a 400/403/404/500 answer to htmx, it replaced the whole page with Django's error page,
whose inline styles the policy refuses ("Applying inline style violates … style-src"). A card
deleted by someone else while the dialog was open was enough. The console listener of
`browser_errors` reports every violation; tests/test_csp.py checks the sources.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from handleplan import services
from handleplan.models import Action
from tests.e2e.conftest import BoardWorld, BrowserErrors

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def assert_no_errors_but_htmx_logging_the_404(errors: BrowserErrors) -> None:
    """htmx logs an answer it will not swap ("Response Status Error Code 404 from …"); that
    expected line aside, nothing: no CSP violation, no script error."""
    rest = [e for e in errors.all if not e.startswith("Response Status Error Code 404 from")]
    assert rest == [], "Errors in the browser:\n" + "\n".join(rest)


def _open_card_dialog(page: Page, live_server, world: BoardWorld, link: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(world.url(live_server, "tavle/"))
    page.get_by_role("link", name=f"Rediger “{world.card.title}”").click()
    dialog = page.locator("#dialog")
    expect(dialog.get_by_role("heading", name="Rediger handling")).to_be_visible()
    if link:
        dialog.get_by_role("link", name=link).click()


def test_a_422_and_then_a_card_deleted_meanwhile_answer_without_csp_violations(
    member_page: Page, live_server, board_world: BoardWorld, browser_errors: BrowserErrors, settings
) -> None:
    settings.DEBUG = True
    browser_errors.expected_statuses.update({404, 422})
    page, world = member_page, board_world
    _open_card_dialog(page, live_server, world, "")
    dialog = page.locator("#dialog")

    dialog.locator("input[name=title]").fill("")
    with page.expect_response(lambda r: r.request.method == "POST") as first:
        dialog.get_by_role("button", name="Gem ændringer").click()
    assert first.value.status == 422
    expect(dialog.locator(".field.has-error")).to_have_count(1)

    services.delete_action(action=Action.objects.get(pk=world.card.pk))  # another member
    dialog.locator("input[name=title]").fill("Fælles aftaler om mails efter kl. 17")
    with page.expect_response(lambda r: r.request.method == "POST") as second:
        dialog.get_by_role("button", name="Gem ændringer").click()
    assert second.value.status == 404

    expect(page.locator(".toast", has_text="Det findes ikke længere")).to_be_visible()
    expect(page.locator("#board table.board")).to_be_visible()  # the page is still the board
    assert_no_errors_but_htmx_logging_the_404(browser_errors)


def test_confirming_a_delete_of_a_card_already_deleted_answers_without_csp_violations(
    member_page: Page, live_server, board_world: BoardWorld, browser_errors: BrowserErrors, settings
) -> None:
    settings.DEBUG = True
    browser_errors.expected_statuses.add(404)
    page, world = member_page, board_world
    _open_card_dialog(page, live_server, world, "Slet…")
    dialog = page.locator("#dialog")
    expect(dialog.get_by_role("heading", name="Slet handling")).to_be_visible()

    services.delete_action(action=Action.objects.get(pk=world.card.pk))  # another member
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        dialog.get_by_role("button", name="Ja, slet handlingen").click()
    assert answer.value.status == 404

    expect(page.locator(".toast", has_text="Det findes ikke længere")).to_be_visible()
    expect(page.locator("#board table.board")).to_be_visible()
    assert_no_errors_but_htmx_logging_the_404(browser_errors)
