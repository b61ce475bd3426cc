"""The unchanged polls answered from the cache before sessions and the database
(handleplan/polls.py, forkant/revisions.py): no query when the cache is warm, one when it is
cold, never a 304 to someone the database would not show the board, never a stale 304."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from forkant import services as core_services
from forkant.models import WallScreen
from handleplan import services
from handleplan.models import Status


def paired_tv(world, amg=None) -> tuple[Client, WallScreen]:  # type: ignore[no-untyped-def]
    screen, token = core_services.create_wall_screen(
        amg=amg or world.amg, name="Personalerummet", created_by=world.amr.user, now=timezone.now()
    )
    tv = Client()
    assert tv.post(reverse("wall_pair", kwargs={"token": token})).status_code == 302
    screen.refresh_from_db()
    return tv, screen


def wall_poll(tv: Client, etag: str | None = None):  # type: ignore[no-untyped-def]
    headers = {"If-None-Match": etag} if etag else {}
    return tv.get(reverse("wall_board"), headers=headers)


def board_poll(client: Client, world, etag: str | None = None):  # type: ignore[no-untyped-def]
    headers = {"If-None-Match": etag} if etag else {}
    return client.get(reverse("board_poll", args=[world.amg.pk]), headers=headers)


# The wall ---------------------------------------------------------------------------------------


def test_an_unchanged_wall_poll_costs_no_query_when_the_cache_is_warm(
    world, django_assert_num_queries
):
    tv, _screen = paired_tv(world)
    etag = wall_poll(tv)["ETag"]
    with django_assert_num_queries(0):
        response = wall_poll(tv, etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert response["X-Forkant-Release"]
    assert "no-cache" in response["Cache-Control"]


def test_an_unchanged_wall_poll_costs_one_query_when_the_cache_is_cold(
    world, django_assert_num_queries
):
    tv, _screen = paired_tv(world)
    etag = wall_poll(tv)["ETag"]
    cache.clear()  # a restarted Redis, or another server's first poll with the local cache
    with django_assert_num_queries(1):
        assert wall_poll(tv, etag).status_code == 304
    with django_assert_num_queries(0):  # and it warmed the cache
        assert wall_poll(tv, etag).status_code == 304


def test_a_change_is_never_answered_with_a_304(world):
    tv, _screen = paired_tv(world)
    etag = wall_poll(tv)["ETag"]
    assert wall_poll(tv, etag).status_code == 304
    services.move_action(action=world.action, status=Status.I_MAAL)
    response = wall_poll(tv, etag)
    assert response.status_code == 200
    assert response["ETag"] != etag
    assert wall_poll(tv, response["ETag"]).status_code == 304


def test_a_name_changed_on_the_account_changes_the_wall_too(world):
    tv, _screen = paired_tv(world)
    etag = wall_poll(tv)["ETag"]
    assert wall_poll(tv, etag).status_code == 304
    user = world.amr.user
    core_services.update_profile(user=user, first_name="Ny", last_name="Navn", email=user.email)
    assert wall_poll(tv, etag).status_code == 200


def test_a_revoked_screen_gets_403_not_304(world):
    tv, screen = paired_tv(world)
    etag = wall_poll(tv)["ETag"]
    assert wall_poll(tv, etag).status_code == 304
    core_services.revoke_wall_screen(screen=screen, now=timezone.now())
    assert wall_poll(tv, etag).status_code == 403


def test_a_screen_paired_again_elsewhere_leaves_the_old_cookie_without_a_board(world):
    tv, screen = paired_tv(world)
    etag = wall_poll(tv)["ETag"]
    assert wall_poll(tv, etag).status_code == 304
    token = core_services.renew_pairing_link(screen=screen, now=timezone.now())
    new_tv = Client()
    new_tv.post(reverse("wall_pair", kwargs={"token": token}))
    assert wall_poll(tv, etag).status_code == 403
    assert wall_poll(new_tv, etag).status_code == 304


def test_an_unpaired_client_with_a_current_etag_gets_no_304(world):
    tv, _screen = paired_tv(world)
    etag = wall_poll(tv)["ETag"]
    assert wall_poll(tv, etag).status_code == 304
    assert wall_poll(Client(), etag).status_code == 403
    forged = Client()
    value = tv.cookies["forkant_skaerm"].value
    forged.cookies["forkant_skaerm"] = value.replace(":", ":x", 1)  # the signature breaks
    assert wall_poll(forged, etag).status_code == 403


def test_another_amgs_screen_cannot_borrow_this_amgs_etag(world):
    tv, _screen = paired_tv(world)
    etag = wall_poll(tv)["ETag"]
    other_tv, _other = paired_tv(world, world.other_amg)
    wall_poll(other_tv)  # its own screen is in the cache too
    response = wall_poll(other_tv, etag)
    assert response.status_code == 200
    assert "Børnehaven" in response.content.decode()
    assert "Skolen" not in response.content.decode()


# The members' board --------------------------------------------------------------------------


def test_an_unchanged_members_poll_costs_no_query_when_the_cache_is_warm(
    world, django_assert_num_queries
):
    client = world.client_for("amr")
    etag = board_poll(client, world)["ETag"]
    with django_assert_num_queries(0):
        response = board_poll(client, world, etag)
    assert response.status_code == 304
    assert response["ETag"] == etag


def test_a_cold_members_poll_checks_the_session_and_the_membership(world):
    client = world.client_for("amr")
    etag = board_poll(client, world)["ETag"]
    cache.clear()
    assert board_poll(client, world, etag).status_code == 304
    services.move_action(action=world.action, status=Status.I_MAAL)
    response = board_poll(client, world, etag)
    assert response.status_code == 200
    assert response["ETag"] != etag


@pytest.mark.parametrize("persona", ["outsider", "anonymous", "laeser"])
def test_a_members_etag_gives_no_304_to_anyone_else(world, persona):
    etag = board_poll(world.client_for("amr"), world)["ETag"]
    other = world.client_for(persona)
    board_poll(other, world)  # whatever it was allowed, it is in the cache now
    response = board_poll(other, world, etag)
    assert response.status_code != 304
    if persona == "laeser":  # a reader's board has no write buttons: its own ETag
        assert response.status_code == 200
        assert response["ETag"] != etag


def test_another_language_is_another_board(world):
    client = world.client_for("amr")
    etag = board_poll(client, world)["ETag"]
    client.cookies["django_language"] = "en"
    response = board_poll(client, world, etag)
    assert response.status_code == 200
    assert board_poll(client, world, response["ETag"]).status_code == 304
