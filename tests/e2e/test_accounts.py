"""Accounts in a real browser: an invitation accepted in another browser, and two-factor login
with a code computed from the secret the page shows."""

from __future__ import annotations

import re
import time
from base64 import b32decode

import pytest
from django.core import mail
from django_otp.oath import TOTP
from playwright.sync_api import Page, expect

from forkant.models import Membership, Role
from tests import builders
from tests.e2e.conftest import BoardWorld, BrowserErrors, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_member_invites_someone_who_accepts_in_another_browser_and_sees_the_amg(
    page: Page, live_server, board_world: BoardWorld, browser_errors: BrowserErrors, new_context
) -> None:
    world = board_world
    browser_errors.watch(page)
    log_in(page, live_server, world.email)  # the AMR may invite to their own AMG
    page.goto(world.url(live_server, "medlemmer/"))
    page.get_by_label("E-mail").fill("nina@example.dk")
    page.get_by_label("Rolle", exact=True).select_option(Role.TR)
    page.get_by_role("button", name="Send invitation").click()
    expect(page.locator("#toasts")).to_contain_text("Invitationen er sendt til nina@example.dk")
    expect(page.get_by_role("row", name=re.compile("nina@example.dk"))).to_be_visible()

    link = re.search(r"(http://\S+/invitation/\S+/)", mail.outbox[-1].body).group(1)
    invitee = browser_errors.watch(new_context().new_page())
    invitee.goto(link)
    expect(invitee.get_by_role("heading", name=f"Invitation til {world.amg.name}")).to_be_visible()
    invitee.get_by_label("Fornavn").fill("Nina")
    invitee.get_by_label("Efternavn").fill("Nystrup")
    invitee.get_by_label("Adgangskode", exact=True).fill("en-god-lang-kode-2026")
    invitee.get_by_label("Gentag adgangskoden").fill("en-god-lang-kode-2026")
    invitee.get_by_role("button", name="Opret konto og tag imod").click()

    expect(invitee.locator("#board table.board")).to_be_visible()
    expect(invitee.locator(".amg-name")).to_have_text(world.amg.name)
    expect(invitee.get_by_text(world.card.title)).to_be_visible()
    membership = Membership.objects.get(user__email="nina@example.dk")
    assert (membership.amg_id, membership.role) == (world.amg.pk, Role.TR)
    # The link is used up.
    again = new_context().new_page()
    again.goto(link)
    expect(again.get_by_role("heading", name="Linket virker ikke længere")).to_be_visible()
    browser_errors.assert_none()


def code_from(secret: str, *, offset_steps: int = 0) -> str:
    totp = TOTP(b32decode(secret.replace(" ", "")), step=30, t0=0, digits=6)
    totp.time = time.time() + offset_steps * 30
    return f"{totp.token():06d}"


def test_a_user_turns_on_two_factor_and_logs_in_with_a_code_from_the_shown_secret(
    page: Page, live_server, board_world: BoardWorld, browser_errors: BrowserErrors, new_context
) -> None:
    world = board_world
    browser_errors.watch(page)
    log_in(page, live_server, world.email)
    page.get_by_role("link", name="Anne Møller").click()
    page.get_by_role("link", name="Slå totrinslogin til").click()
    expect(page.locator(".qr svg")).to_be_visible()
    secret = page.locator("#totp-secret").inner_text()
    page.get_by_label("Kode").fill(code_from(secret))
    page.get_by_role("button", name="Slå totrinslogin til").click()
    expect(page.get_by_role("heading", name="Dine gendannelseskoder")).to_be_visible()
    codes = page.locator(".recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    # Print them (the button calls the browser's print dialog) or download them as a text file.
    page.evaluate("window.print = () => { window.printed = true; }")
    page.get_by_role("button", name="Udskriv").click()
    assert page.evaluate("window.printed") is True
    with page.expect_download() as download:
        page.get_by_role("link", name="Hent som tekstfil").click()
    text = download.value.path().read_text(encoding="utf-8")
    assert all(code in text for code in codes)

    # Another browser: the password alone is not enough any more.
    other = browser_errors.watch(new_context().new_page())
    other.goto(f"{live_server.url}/log-ind/")
    other.locator("input[name=username]").fill(world.email)
    other.locator("input[name=password]").fill(builders.PASSWORD)
    other.get_by_role("button", name="Log ind").click()
    expect(other.get_by_role("heading", name="Kode fra din app")).to_be_visible()
    browser_errors.expected_statuses.add(422)  # a wrong code is answered with 422
    other.get_by_label("Kode").fill("000000")
    other.get_by_role("button", name="Log ind").click()
    expect(other.get_by_text("Koden er forkert")).to_be_visible()
    # django-otp slows guessing down: after one wrong code the next is checked 1 s later at
    # the earliest (doubling with each failure). A person typing takes longer than that.
    other.wait_for_timeout(1100)
    # Right after enrolling, the code the app still shows works (once) in another browser: the
    # code that confirmed enrolment logged nobody in.
    other.get_by_label("Kode").fill(code_from(secret))
    other.get_by_role("button", name="Log ind").click()
    expect(other.get_by_role("heading", name="Mine arbejdsmiljøgrupper")).to_be_visible()
    expect(other.get_by_text(world.amg.name).first).to_be_visible()
    browser_errors.assert_none()
