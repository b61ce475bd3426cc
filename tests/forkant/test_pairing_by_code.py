"""Pairing a TV the way TVs pair: the unpaired TV shows a short code (and a QR code), a member
enters it in the app, and the TV — which asks every few seconds — shows the board. The code
expires quickly, works once, is rate limited and is stored only as a keyed hash. The TV never
sees a login page."""

from __future__ import annotations

import datetime
import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from forkant import services
from forkant.models import Role, ScreenPairingCode, WallScreen
from forkant.services import PAIRING_CODE_ALPHABET, PAIRING_CODE_LENGTH
from forkant.views.screens import CODE_ENTRY_RATE
from forkant.wallscreens import CODE_COOKIE_NAME, CODE_RATE
from tests import builders

CODE = re.compile(r'<p class="pairing-code"><span aria-hidden="true">([A-Z0-9]{3})-([A-Z0-9]{3})<')


def code_on(tv: Client) -> str:
    response = tv.get(reverse("wall"))
    assert response.status_code == 403  # no board for this browser (yet)
    html = response.content.decode()
    assert 'name="password"' not in html  # never a login page
    found = CODE.search(html)
    assert found, "no code on the unpaired screen"
    return "".join(found.groups())


def enter(world, code: str, persona: str = "leder", **data: object):  # type: ignore[no-untyped-def]
    url = reverse("screen_pair_code", args=[world.amg.pk])
    return world.client_for(persona).post(url, {"par-code": code, "par-name": "Kantinen", **data})


def test_an_unpaired_tv_shows_a_short_code_and_keeps_it_when_reloaded(db):
    tv = Client()
    code = code_on(tv)
    assert len(code) == PAIRING_CODE_LENGTH
    assert set(code) <= set(PAIRING_CODE_ALPHABET)
    assert code_on(tv) == code  # the same code after a reload, not a new one
    assert ScreenPairingCode.objects.count() == 1
    html = tv.get(reverse("wall")).content.decode()
    assert 'class="qr-code"' in html  # to scan with a phone
    assert 'data-code-poll="/skaerm/kode/"' in html


def test_the_code_and_the_tvs_secret_are_stored_only_as_hashes(db):
    tv = Client()
    code = code_on(tv)
    pairing = ScreenPairingCode.objects.get()
    claim = tv.cookies[CODE_COOKIE_NAME].value.split(":")[1]
    stored = " ".join(str(v) for v in ScreenPairingCode.objects.values().get().values())
    assert code not in stored and claim not in stored
    assert pairing.code_hash == services.pairing_code_hash(code)


def test_a_member_enters_the_code_and_the_tv_shows_the_board_at_its_next_poll(world):
    tv = Client()
    code = code_on(tv)
    assert tv.get(reverse("wall_code")).status_code == 204  # not yet
    typed = f" {code[:3].lower()}-{code[3:]} "  # as a member types it on a phone
    response = enter(world, typed)
    assert response.status_code == 302
    screen = WallScreen.objects.get(amg=world.amg)
    assert screen.name == "Kantinen" and not screen.is_paired

    poll = tv.get(reverse("wall_code"))
    assert poll.status_code == 200
    assert poll.cookies[settings.WALLSCREEN_COOKIE_NAME]["httponly"]
    page = tv.get(reverse("wall"))
    assert page.status_code == 200
    assert world.action.title in page.content.decode().replace("\u00ad", "")
    screen.refresh_from_db()
    assert screen.is_paired
    assert not ScreenPairingCode.objects.exists()  # used: gone


def test_a_code_works_once(world):
    tv = Client()
    code = code_on(tv)
    assert enter(world, code).status_code == 302
    again = enter(world, code, "amr", **{"par-name": "Gangen"})
    assert again.status_code == 422
    assert "Koden findes ikke, er brugt eller er udløbet" in again.content.decode()
    assert WallScreen.objects.filter(amg=world.amg).count() == 1


def test_an_expired_code_pairs_nothing_and_the_tv_gets_a_new_one(world):
    tv = Client()
    code = code_on(tv)
    ScreenPairingCode.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert enter(world, code).status_code == 422
    assert not WallScreen.objects.exists()
    assert tv.get(reverse("wall_code")).status_code == 410  # the page reloads ...
    assert code_on(tv) != code  # ... and shows a new code


def test_codes_tried_in_the_app_are_rate_limited_per_member(world):
    for n in range(CODE_ENTRY_RATE):
        assert enter(world, f"ZZZZ{n:02d}").status_code == 422
    refused = enter(world, "ZZZZ99")
    assert refused.status_code == 429
    assert "Der er prøvet mange koder" in refused.content.decode()


def test_new_codes_are_rate_limited_per_address_and_the_tv_still_shows_no_login(db):
    for _n in range(CODE_RATE):
        code_on(Client(REMOTE_ADDR="10.1.1.1"))
    page = Client(REMOTE_ADDR="10.1.1.1").get(reverse("wall"))
    html = page.content.decode()
    assert CODE.search(html) is None
    assert "får en ny kode om lidt" in html and 'name="password"' not in html
    assert code_on(Client(REMOTE_ADDR="10.1.1.2"))  # another address is not affected


def test_the_poll_of_a_browser_without_a_code_is_410_never_a_login_redirect(db):
    response = Client().get(reverse("wall_code"))
    assert response.status_code == 410
    forged = Client()
    forged.cookies[CODE_COOKIE_NAME] = "1:forged:ABCDEF"
    assert forged.get(reverse("wall_code")).status_code == 410


def test_an_existing_screen_is_paired_again_by_code_and_its_old_tv_stops(world):
    screen, token = services.create_wall_screen(
        amg=world.amg, name="Gangen", created_by=world.leder.user, now=timezone.now()
    )
    old_tv = Client()
    old_tv.post(reverse("wall_pair", kwargs={"token": token}))
    assert old_tv.get(reverse("wall")).status_code == 200
    new_tv = Client()
    response = enter(world, code_on(new_tv), **{"par-screen": screen.pk, "par-name": ""})
    assert response.status_code == 302
    assert new_tv.get(reverse("wall_code")).status_code == 200
    assert new_tv.get(reverse("wall")).status_code == 200
    assert old_tv.get(reverse("wall")).status_code == 403
    assert WallScreen.objects.filter(amg=world.amg).count() == 1


def test_another_amgs_screen_cannot_be_chosen(world):
    theirs, _token = services.create_wall_screen(
        amg=world.other_amg, name="Deres", created_by=world.outsider.user, now=timezone.now()
    )
    response = enter(world, code_on(Client()), **{"par-screen": theirs.pk})
    assert response.status_code == 422
    assert ScreenPairingCode.objects.filter(screen__isnull=False).count() == 0


def test_a_new_screen_needs_a_name_in_danish(world):
    response = enter(world, code_on(Client()), **{"par-name": "  "})
    assert response.status_code == 422
    assert "Giv den nye skærm et navn." in response.content.decode()


def test_a_revoked_tv_shows_a_code_to_be_paired_again(world):
    screen, token = services.create_wall_screen(
        amg=world.amg, name="Gangen", created_by=world.leder.user, now=timezone.now()
    )
    tv = Client()
    tv.post(reverse("wall_pair", kwargs={"token": token}))
    services.revoke_wall_screen(screen=screen, now=timezone.now())
    html = tv.get(reverse("wall")).content.decode()
    assert "Denne skærm er ikke længere forbundet" in html
    assert enter(world, code_on(tv)).status_code == 302
    assert tv.get(reverse("wall_code")).status_code == 200
    assert tv.get(reverse("wall")).status_code == 200


def test_the_qr_code_leads_a_member_to_their_amg_with_the_code_filled_in(world):
    response = world.client_for("leder").get(reverse("screen_code_entry") + "?kode=abc-def")
    assert response.status_code == 302
    assert response["Location"] == reverse("screen_pair_code", args=[world.amg.pk]) + "?kode=ABCDEF"
    page = world.client_for("leder").get(response["Location"]).content.decode()
    assert 'value="ABCDEF"' in page


def test_a_member_of_two_amgs_chooses_and_a_reader_is_told_why_not(world):
    builders.make_member(world.other_amg, world.leder.user, Role.LEDER)
    page = world.client_for("leder").get(reverse("screen_code_entry") + "?kode=ABCDEF")
    html = page.content.decode()
    assert page.status_code == 200
    assert reverse("screen_pair_code", args=[world.other_amg.pk]) + "?kode=ABCDEF" in html
    assert reverse("screen_pair_code", args=[world.amg.pk]) + "?kode=ABCDEF" in html
    reader = world.client_for("laeser").get(reverse("screen_code_entry")).content.decode()
    assert "Du kan ikke forbinde skærme" in reader


@pytest.mark.parametrize("junk", ["", "ABC", "A" * 30, "<script>", "ÆØÅÆØÅ"])
def test_junk_codes_are_answered_422_in_danish(world, junk):
    response = enter(world, junk)
    assert response.status_code == 422
    assert not WallScreen.objects.exists()
