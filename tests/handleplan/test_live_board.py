"""A member's open board follows changes by others: conditional polling, 304 when unchanged."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from handleplan import services
from handleplan.models import Status


def poll(client, world, etag: str | None = None):  # type: ignore[no-untyped-def]
    headers = {"If-None-Match": etag} if etag else {}
    return client.get(reverse("board_poll", args=[world.amg.pk]), headers=headers)


def test_the_board_page_carries_its_etag_and_poll_url(world):
    response = world.client_for("amr").get(reverse("board", args=[world.amg.pk]))
    html = response.content.decode()
    assert f'data-board-poll="{reverse("board_poll", args=[world.amg.pk])}"' in html
    first = poll(world.client_for("amr"), world)
    assert f'data-etag="{first["ETag"]}"' in html.replace("&quot;", '"')


def test_an_unchanged_board_answers_304_without_a_body(world):
    client = world.client_for("amr")
    etag = poll(client, world)["ETag"]
    response = poll(client, world, etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_a_change_by_someone_else_answers_with_the_new_board(world):
    client = world.client_for("amr")
    etag = poll(client, world)["ETag"]
    services.move_action(action=world.action, status=Status.I_MAAL)
    response = poll(client, world, etag)
    assert response.status_code == 200
    assert response["ETag"] != etag
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="board"')
    assert "<html" not in html


def test_a_members_own_move_tells_their_current_board_the_new_etag(world):
    client = world.client_for("amr")
    etag = poll(client, world)["ETag"]
    response = client.post(
        reverse("action_move", args=[world.amg.pk, world.action.pk]),
        {"status": Status.I_MAAL, "version": world.action.version},
        headers={"HX-Request": "true", "X-Board-ETag": etag},
    )
    assert response.status_code == 200
    # Their next poll, with the ETag of the board they now have, is a 304.
    assert poll(client, world, response["X-Board-ETag"]).status_code == 304


def test_a_move_on_a_board_that_missed_someone_elses_change_gets_no_etag(world):
    client = world.client_for("amr")
    etag = poll(client, world)["ETag"]
    services.update_action(action=world.action, title="Ændret af en anden")  # not on their board
    response = client.post(
        reverse("action_move", args=[world.amg.pk, world.action.pk]),
        {"status": Status.I_MAAL, "version": world.action.version},
        headers={"HX-Request": "true", "X-Board-ETag": etag},
    )
    assert response.status_code == 200
    assert "X-Board-ETag" not in response
    # So their next poll brings the whole board, with the other change.
    assert poll(client, world, etag).status_code == 200


def test_readers_and_writers_get_different_boards_and_etags(world):
    writer = poll(world.client_for("amr"), world)
    reader = poll(world.client_for("laeser"), world)
    assert writer["ETag"] != reader["ETag"]
    assert "draggable" in writer.content.decode()
    assert "draggable" not in reader.content.decode()


def test_the_304_costs_no_board_queries(world, django_assert_max_num_queries):
    client = world.client_for("amr")
    etag = poll(client, world)["ETag"]
    # Session, user, AMG, membership, organisation admin: the access check and nothing else.
    with django_assert_max_num_queries(5):
        assert poll(client, world, etag).status_code == 304


def test_an_idea_arriving_or_a_meeting_starting_changes_the_members_board(world):
    client = world.client_for("amr")
    etag = poll(client, world)["ETag"]
    services.submit_idea(amg=world.amg, text="Cykelstativ", now=timezone.now())
    changed = poll(client, world, etag)
    assert changed.status_code == 200
    etag = changed["ETag"]
    services.start_meeting(
        amg=world.amg,
        kind="tavlemoede",
        moedeleder="Mette",
        referent="",
        attendees=[world.amr],
        other_attendees=0,
        now=timezone.now(),
    )
    running = poll(client, world, etag)
    assert running.status_code == 200
    assert 'id="meeting-running"' in running.content.decode()
