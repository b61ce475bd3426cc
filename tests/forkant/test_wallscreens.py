from __future__ import annotations

import datetime
import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from forkant import revisions, services
from forkant.models import WallScreen
from handleplan import services as board_services
from tests import builders


def new_screen(world, name: str = "Personalestuen") -> tuple[WallScreen, str]:
    return services.create_wall_screen(
        amg=world.amg, name=name, created_by=world.leder.user, now=timezone.now()
    )


def paired_client(world) -> tuple[Client, WallScreen]:
    screen, token = new_screen(world)
    tv = Client()
    response = tv.post(reverse("wall_pair", kwargs={"token": token}))
    assert response.status_code == 302
    screen.refresh_from_db()
    return tv, screen


def test_the_pairing_token_is_random_long_and_stored_only_as_a_hash(world):
    screen, token = new_screen(world)
    _other, other_token = new_screen(world, "Kantinen")
    assert len(token) >= 43  # 32 random bytes, url-safe base64: 256 bits
    assert token != other_token
    assert token not in screen.pairing_token_hash
    assert screen.pairing_token_hash == services.hash_token(token)


def test_creating_a_screen_in_the_app_shows_the_pairing_link_once(world):
    client = world.client_for("leder")
    response = client.post(
        reverse("screen_create", kwargs={"amg_id": world.amg.pk}), {"name": "Gangen"}
    )
    html = response.content.decode()
    link = re.search(r'value="(http://testserver/skaerm/par/[^"]+/)"', html)
    assert link, "the pairing link is shown"
    again = client.get(reverse("screen_list", kwargs={"amg_id": world.amg.pk})).content.decode()
    assert link.group(1) not in again


def test_an_empty_screen_name_is_refused_in_danish(world):
    response = world.client_for("leder").post(
        reverse("screen_create", kwargs={"amg_id": world.amg.pk}), {"name": "   "}
    )
    assert response.status_code == 422
    assert (
        "Giv skærmen et navn." in response.content.decode()
        or "påkrævet" in response.content.decode()
    )
    assert not WallScreen.objects.exists()


def test_opening_the_link_pairs_only_when_the_page_submits_itself(world):
    screen, token = new_screen(world)
    tv = Client()
    page = tv.get(reverse("wall_pair", kwargs={"token": token}))
    assert page.status_code == 200
    assert "data-autosubmit" in page.content.decode()
    screen.refresh_from_db()
    assert screen.paired_at is None  # a link preview that only GETs uses nothing up


def test_pairing_sets_a_long_lived_signed_httponly_cookie_and_shows_the_wall(world):
    tv, screen = paired_client(world)
    cookie = tv.cookies[settings.WALLSCREEN_COOKIE_NAME]
    assert cookie["httponly"]
    assert cookie["path"] == "/skaerm/"
    assert int(cookie["max-age"]) >= 365 * 24 * 3600
    assert screen.device_key not in cookie.value.split(":")[0]
    assert screen.is_paired
    response = tv.get(reverse("wall"))
    assert response.status_code == 200
    assert "Fælles aftaler om mails" in response.content.decode()


def test_a_pairing_link_works_only_once(world):
    _screen, token = new_screen(world)
    url = reverse("wall_pair", kwargs={"token": token})
    assert Client().post(url).status_code == 302
    second = Client().post(url)
    assert second.status_code == 410
    assert "virker ikke" in second.content.decode()
    assert settings.WALLSCREEN_COOKIE_NAME not in second.cookies


def test_an_expired_pairing_link_does_not_pair(world):
    _screen, token = services.create_wall_screen(
        amg=world.amg,
        name="Gammel",
        created_by=world.leder.user,
        now=timezone.now() - datetime.timedelta(hours=settings.WALLSCREEN_PAIRING_TTL_HOURS + 1),
    )
    assert Client().post(reverse("wall_pair", kwargs={"token": token})).status_code == 410


@pytest.mark.parametrize("token", ["x", "a" * 43, "../../etc/passwd", "a" * 500])
def test_junk_pairing_tokens_are_answered_plainly(db, token):
    assert Client().post(f"/skaerm/par/{token}/").status_code in {404, 410}


def test_the_wall_never_shows_confidential_cards_or_another_amgs_cards(world):
    builders.make_action(world.amg, world.theme, title="Samtaler med team X", confidential=True)
    tv, _screen = paired_client(world)
    html = tv.get(reverse("wall")).content.decode()
    assert "Fælles aftaler om mails" in html
    assert "Samtaler med team X" not in html
    assert "Lydplader i garderoben" not in html
    poll = tv.get(reverse("wall_board")).content.decode()
    assert "Samtaler med team X" not in poll


def test_the_wall_shows_the_next_tavlemoede_and_moedeleder(world):
    builders.make_meeting(world.amg, moedeleder="Pia Jensen")
    tv, _screen = paired_client(world)
    html = tv.get(reverse("wall")).content.decode()
    assert "Næste tavlemøde" in html
    assert "Pia Jensen" in html


def test_an_unpaired_browser_gets_a_plain_page_never_a_login_page(db):
    response = Client().get(reverse("wall"))
    assert response.status_code == 403
    assert "Denne skærm er ikke forbundet" in response.content.decode()
    assert "password" not in response.content.decode()


def test_a_tampered_cookie_is_not_accepted(world):
    tv, screen = paired_client(world)
    tv.cookies[settings.WALLSCREEN_COOKIE_NAME] = f"{screen.pk}:{screen.device_key}"  # unsigned
    assert tv.get(reverse("wall")).status_code == 403
    assert tv.get(reverse("wall_board")).status_code == 403


def test_a_revoked_screen_shows_that_it_is_no_longer_connected(world):
    tv, screen = paired_client(world)
    world.client_for("leder").post(
        reverse("screen_revoke", kwargs={"amg_id": world.amg.pk, "pk": screen.pk})
    )
    page = tv.get(reverse("wall"))
    assert page.status_code == 403
    assert "Denne skærm er ikke længere forbundet" in page.content.decode()
    poll = tv.get(reverse("wall_board"))
    assert poll.status_code == 403
    assert poll["X-Forkant-Screen"] == "revoked"


def test_a_new_pairing_link_moves_the_screen_to_the_new_browser(world):
    old_tv, screen = paired_client(world)
    token = services.renew_pairing_link(screen=screen, now=timezone.now())
    assert old_tv.get(reverse("wall")).status_code == 200  # until the new link is used
    new_tv = Client()
    new_tv.post(reverse("wall_pair", kwargs={"token": token}))
    assert new_tv.get(reverse("wall")).status_code == 200
    assert old_tv.get(reverse("wall")).status_code == 403


def test_the_pairing_cookie_grants_no_access_to_the_members_pages(world):
    tv, _screen = paired_client(world)
    response = tv.get(reverse("board", kwargs={"amg_id": world.amg.pk}))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    move = tv.post(
        reverse("action_move", kwargs={"amg_id": world.amg.pk, "pk": world.action.pk}),
        {"status": "afsluttet"},
    )
    assert move.status_code == 302
    world.action.refresh_from_db()
    assert world.action.status == "startet"


def test_an_unchanged_board_is_answered_304_and_a_change_gets_a_new_etag(world):
    tv, _screen = paired_client(world)
    first = tv.get(reverse("wall_board"))
    etag = first["ETag"]
    assert first.status_code == 200
    assert "no-cache" in first["Cache-Control"]
    unchanged = tv.get(reverse("wall_board"), HTTP_IF_NONE_MATCH=etag)
    assert unchanged.status_code == 304
    assert unchanged.content == b""
    board_services.move_action(action=world.action, status="afsluttet")
    changed = tv.get(reverse("wall_board"), HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_the_wall_page_carries_the_etag_of_its_board_so_the_first_poll_is_cheap(world):
    tv, _screen = paired_client(world)
    page = tv.get(reverse("wall")).content.decode()
    etag = re.search(r'data-etag="([^"]+)"', page).group(1).replace("&quot;", '"')
    assert tv.get(reverse("wall_board"), HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_a_change_in_another_amg_does_not_wake_this_wall(world):
    tv, _screen = paired_client(world)
    etag = tv.get(reverse("wall_board"))["ETag"]
    board_services.move_action(action=world.other_action, status="afsluttet")
    assert tv.get(reverse("wall_board"), HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_polling_an_unchanged_board_costs_no_query_or_one_with_a_cold_cache(
    world, django_assert_num_queries
):
    tv, _screen = paired_client(world)
    etag = tv.get(reverse("wall_board"))["ETag"]
    with django_assert_num_queries(0):  # from the cache (handleplan/polls.py)
        response = tv.get(reverse("wall_board"), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    cache.clear()
    with django_assert_num_queries(1):  # the screen with its AMG
        response = tv.get(reverse("wall_board"), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304


def test_the_screen_is_seen_at_most_once_a_minute(world, django_assert_num_queries):
    tv, screen = paired_client(world)
    WallScreen.objects.filter(pk=screen.pk).update(
        last_seen_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    etag = tv.get(reverse("wall_board"))["ETag"]  # records "seen" now
    screen.refresh_from_db()
    assert timezone.now() - screen.last_seen_at < datetime.timedelta(seconds=30)
    # Within the minute an unchanged poll writes nothing (answered from the cache: no query).
    with django_assert_num_queries(0):
        assert tv.get(reverse("wall_board"), HTTP_IF_NONE_MATCH=etag).status_code == 304
    # A minute on (the cache's "seen" mark expired): one small UPDATE, still no read.
    WallScreen.objects.filter(pk=screen.pk).update(
        last_seen_at=timezone.now() - datetime.timedelta(minutes=2)
    )
    cache.delete(revisions.seen_key(screen.pk))
    with django_assert_num_queries(1):
        assert tv.get(reverse("wall_board"), HTTP_IF_NONE_MATCH=etag).status_code == 304
    screen.refresh_from_db()
    assert timezone.now() - screen.last_seen_at < datetime.timedelta(seconds=30)


@pytest.mark.parametrize("cards", [1, 200])
def test_the_wall_costs_the_same_number_of_queries_for_1_and_200_cards(
    world, cards, django_assert_num_queries
):
    themes = [world.theme, *(builders.make_theme(world.amg, f"Tema {n}") for n in range(4))]
    for n in range(cards - 1):
        builders.make_action(world.amg, themes[n % 5], title=f"Kort {n}", responsible=world.amr)
    tv, _screen = paired_client(world)
    board_services.board_settings_for(
        world.amg
    )  # the idea form's code exists from the first visit on
    # screen+AMG, themes, actions, next tavlemøde, the idea form's code (for the QR code), and
    # the wall panels' one query (apv's pulse: is one open?)
    with django_assert_num_queries(6):
        assert tv.get(reverse("wall_board")).status_code == 200
    with django_assert_num_queries(6):
        assert tv.get(reverse("wall")).status_code == 200


def test_the_screen_list_shows_status_and_last_seen(world):
    _tv, _screen = paired_client(world)
    new_screen(world, "Kantinen")
    html = (
        world.client_for("laeser")
        .get(reverse("screen_list", kwargs={"amg_id": world.amg.pk}))
        .content.decode()
    )
    assert "Personalestuen" in html
    assert "Forbundet" in html
    assert "Venter på parring" in html
    assert "siden" in html
    assert "Tilbagekald" not in html  # read-only members cannot manage screens


def test_renaming_a_screen(world):
    screen, _token = new_screen(world)
    world.client_for("amr").post(
        reverse("screen_rename", kwargs={"amg_id": world.amg.pk, "pk": screen.pk}),
        {"name": "Lærerværelset"},
    )
    screen.refresh_from_db()
    assert screen.name == "Lærerværelset"


def test_a_revoked_screen_cannot_get_a_new_pairing_link(world):
    screen, _token = new_screen(world)
    services.revoke_wall_screen(screen=screen, now=timezone.now())
    response = world.client_for("leder").post(
        reverse("screen_renew_link", kwargs={"amg_id": world.amg.pk, "pk": screen.pk})
    )
    assert response.status_code == 302
    screen.refresh_from_db()
    assert screen.pairing_token_hash == ""


def test_last_seen_reads_naturally():
    from forkant.templatetags.forkant import ago

    now = timezone.now()
    assert ago(None, now) == "aldrig"
    assert ago(now - datetime.timedelta(seconds=20), now) == "lige nu"
    assert ago(now - datetime.timedelta(minutes=5, seconds=3), now) == "for 5\xa0minutter siden"
    assert ago(now - datetime.timedelta(days=2, hours=3), now) == "for 2\xa0dage siden"


def test_the_wall_release_fingerprint_covers_files_that_exist():
    """A renamed file would silently stop a deploy from reloading the wall screens."""
    from forkant.lib.release import WALL_FILES

    missing = [name for name in WALL_FILES if not (settings.BASE_DIR / name).is_file()]
    assert missing == []
