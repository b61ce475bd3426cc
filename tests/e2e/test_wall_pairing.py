"""Pairing a TV in a browser the way TVs pair: the unpaired TV shows a code and a QR code; a
member types the code into the app; the TV, asking by itself, shows the board. No login page on
the TV at any moment, and nobody touches it."""

from __future__ import annotations

import datetime
import shutil
import subprocess
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from forkant.models import ScreenPairingCode
from tests.e2e.conftest import BoardWorld, BrowserErrors

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WALL_VIEWPORT = {"width": 1920, "height": 1080}


def test_a_tv_shows_a_code_a_member_enters_it_and_the_tv_shows_the_board(
    member_page: Page,
    live_server,
    board_world: BoardWorld,
    browser_errors: BrowserErrors,
    new_context,
    settings,
    tmp_path,
) -> None:
    settings.WALLSCREEN_POLL_SECONDS = 1
    world = board_world
    tv_errors = BrowserErrors(expected_statuses={403})  # the unpaired page itself
    tv = tv_errors.watch(new_context(viewport=WALL_VIEWPORT).new_page())
    seen_urls: list[str] = []
    tv.on("framenavigated", lambda frame: seen_urls.append(frame.url))
    tv.goto(f"{live_server.url}/skaerm/")
    code_text = tv.locator(".pairing-code [aria-hidden=true]")
    expect(code_text).to_be_visible()
    code = (code_text.text_content() or "").strip()
    assert len(code) == 7 and code[3] == "-", code
    # Readable from across the room: the code is big on a 1080p screen.
    size = code_text.evaluate("(el) => parseFloat(getComputedStyle(el).fontSize)")
    assert size >= 100, size

    # The QR code leads to the app's page for it, with the code filled in (read back).
    zbarimg = shutil.which("zbarimg")  # Debian's zbar-tools
    if zbarimg:
        shot = tmp_path / "qr.png"
        tv.locator(".pairing-qr").screenshot(path=str(shot))
        read = subprocess.run(
            [zbarimg, "--raw", "-q", str(shot)], capture_output=True, text=True, check=True
        ).stdout.strip()
        assert urlsplit(read).path == "/forbind-skaerm/"
        assert parse_qs(urlsplit(read).query)["kode"] == [code.replace("-", "")]

    # A member types it into the app on their phone or laptop.
    page = member_page
    page.goto(world.url(live_server, "skaerme/"))
    page.get_by_label("Koden på skærmen").fill(code.lower())
    page.get_by_label("Navn på den nye skærm").fill("Personalestuen")
    page.get_by_role("button", name="Forbind skærmen").click()
    expect(page.locator(".toast", has_text="“Personalestuen” er forbundet")).to_be_visible()

    # The TV shows the board by itself within seconds.
    expect(tv.locator(".wall-cell.col-startet", has_text=world.card.title)).to_be_visible(
        timeout=10_000
    )
    assert world.secret.title not in tv.content()
    page.reload()
    expect(page.get_by_role("row", name="Personalestuen")).to_contain_text("Forbundet")
    assert not any("/log-ind/" in url for url in seen_urls), seen_urls
    # ... and follows the board from then on.
    page.goto(world.url(live_server, "tavle/"))
    page.locator(f"#move-next-{world.card.pk}").click()
    expect(tv.locator(".wall-cell.col-godt_i_gang", has_text=world.card.title)).to_be_visible(
        timeout=10_000
    )
    browser_errors.assert_none()
    tv_errors.assert_none()


def test_a_tv_whose_code_expired_shows_a_new_one_by_itself(
    live_server, board_world: BoardWorld, new_context, settings
) -> None:
    settings.WALLSCREEN_POLL_SECONDS = 1
    errors = BrowserErrors(expected_statuses={403, 410})
    tv = errors.watch(new_context(viewport=WALL_VIEWPORT).new_page())
    tv.goto(f"{live_server.url}/skaerm/")
    first = tv.locator(".pairing-code [aria-hidden=true]").text_content()
    ScreenPairingCode.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    expect(tv.locator(".pairing-code [aria-hidden=true]")).not_to_have_text(
        first or "", timeout=10_000
    )
    expect(tv.locator("input[name=password]")).to_have_count(0)
    assert errors.page == []
