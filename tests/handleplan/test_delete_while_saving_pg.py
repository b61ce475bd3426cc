"""Two members press their buttons at the same moment, many times: one deletes, the other
saves (or restores a version). On PostgreSQL, where the requests really run side by side, no
answer is ever a 500, and whatever was saved first is what the bin keeps."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from handleplan import history, services
from handleplan.models import Action, Status
from metoder.instruments import services as rounds
from metoder.instruments.models import Round
from tests import builders
from tests.handleplan.test_concurrency import form_data

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="two requests at once need a database two connections share (CI: PostgreSQL)",
    ),
    pytest.mark.django_db(transaction=True),
]

ROUNDS = 20
HTMX = {"HX-Request": "true"}


def race(*requests: Callable[[], int]) -> list[object]:
    """Run the requests at once (each in its own thread and database connection)."""
    start = threading.Barrier(len(requests))
    results: list[object] = [None] * len(requests)

    def run(index: int, request: Callable[[], int]) -> None:
        try:
            start.wait()
            results[index] = request()
        except Exception as error:
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def client(membership) -> Client:  # type: ignore[no-untyped-def]
    logged_in = Client()
    logged_in.force_login(membership.user)
    return logged_in


@pytest.fixture
def members():  # type: ignore[no-untyped-def]
    amg = builders.make_amg()
    leder = builders.make_member(amg, builders.make_user())
    amr = builders.make_member(amg, builders.make_user())
    return amg, client(leder), client(amr)


@pytest.mark.parametrize("save", ["edit", "move", "nudge", "restore"])
def test_deleting_a_card_while_another_member_saves_it_is_never_a_500(members, save):
    amg, deleter, saver = members
    theme = builders.make_theme(amg)
    for n in range(ROUNDS):
        card = builders.make_action(amg, theme, title=f"Kort {n}")
        services.update_action(action=card, how="Første plan")
        record = card.history.order_by("history_id").first()
        delete_url = reverse("action_delete", args=[amg.pk, card.pk])
        save_request = {
            "edit": (
                reverse("action_edit", args=[amg.pk, card.pk]),
                form_data(card, title=f"Gemt {n}"),
            ),
            "move": (
                reverse("action_move", args=[amg.pk, card.pk]),
                {"status": Status.I_MAAL, "version": card.version},
            ),
            "nudge": (reverse("nudge_edit", args=[amg.pk, card.pk]), {"goal": "Flere pauser"}),
            "restore": (
                reverse("action_restore", args=[amg.pk, card.pk, record.history_id]),
                {},
            ),
        }[save]
        url, data = save_request
        results = race(
            lambda url=delete_url: deleter.post(url, headers=HTMX).status_code,
            lambda url=url, data=data: saver.post(url, data, headers=HTMX).status_code,
        )
        deleted, saved = results
        assert deleted in {200, 404}, results  # 404: the other request deleted it already
        assert saved in {200, 404, 409}, results  # 409: deleted first, the board answers
        assert not Action.objects.filter(pk=card.pk).exists()
    binned, _themes = history.binned(amg)
    assert len(binned) == ROUNDS  # every card in the bin once


def test_deleting_a_round_while_another_member_saves_its_notes_is_never_a_500(members):
    amg, deleter, saver = members
    leder = amg.memberships.first()
    for n in range(ROUNDS):
        round_ = rounds.open_round(
            amg=amg, instrument_key="kompetencemodel", by=leder, participants=[leder],
            now=timezone.now(),
        )  # fmt: skip
        results = race(
            lambda: (
                deleter.post(
                    reverse("instrument_round_delete", args=[amg.pk, round_.pk])  # noqa: B023
                ).status_code
            ),
            lambda: (
                saver.post(
                    reverse("instrument_notes", args=[amg.pk, round_.pk]),  # noqa: B023
                    {"notes": f"Noter {n}"},  # noqa: B023
                ).status_code
            ),
        )
        assert results[0] in {302, 404}, results
        assert results[1] in {302, 404}, results
        assert not Round.objects.filter(pk=round_.pk).exists()


def test_deleting_a_planned_meeting_while_another_member_edits_it_is_never_a_500(members):
    amg, deleter, saver = members
    for n in range(ROUNDS):
        meeting = builders.make_meeting(amg, days=10 + n)
        when = timezone.localtime(meeting.starts_at)
        delete_url = reverse("year_meeting_delete", args=[amg.pk, meeting.pk])
        edit_url = reverse("year_meeting_edit", args=[amg.pk, meeting.pk])
        data = {"starts_at": when.strftime("%Y-%m-%dT%H:%M"), "moedeleder": f"Leder {n}"}
        results = race(
            lambda url=delete_url: deleter.post(url).status_code,
            lambda url=edit_url, data=data: saver.post(url, data).status_code,
        )
        assert results[0] in {302, 404}, results
        assert results[1] in {302, 404}, results


def test_deleting_a_theme_while_another_member_renames_it_or_adds_a_card_is_never_a_500(members):
    amg, deleter, saver = members
    for n in range(ROUNDS):
        theme = builders.make_theme(amg, f"Tema {n}")
        delete_url = reverse("theme_delete", args=[amg.pk, theme.pk])
        if n % 2:
            url, data = reverse("theme_edit", args=[amg.pk, theme.pk]), {"name": f"Nyt {n}"}
        else:
            url = reverse("action_new", args=[amg.pk])
            data = {"theme": theme.pk, "status": Status.PARKERET, "title": f"Kort {n}"}
        results = race(
            lambda url=delete_url: deleter.post(url, headers=HTMX).status_code,
            lambda url=url, data=data: saver.post(url, data, headers=HTMX).status_code,
        )
        # 422: the theme got its card first and is not deleted; 409: it was gone first.
        assert results[0] in {200, 404, 409, 422}, results
        assert results[1] in {200, 404, 409, 422}, results


def test_deleting_a_card_while_another_is_moved_into_its_cell_is_never_a_500(members):
    """The move locks the cards of the cell it goes into; the delete locks one of them. Both
    take the AMG's row first, so neither waits for the other the other way round."""
    amg, deleter, saver = members
    theme = builders.make_theme(amg)
    for n in range(ROUNDS):
        there = builders.make_action(amg, theme, title=f"Der {n}", status=Status.I_MAAL)
        moved = builders.make_action(amg, theme, title=f"Flyttes {n}", status=Status.STARTET)
        delete_url = reverse("action_delete", args=[amg.pk, there.pk])
        move_url = reverse("action_move", args=[amg.pk, moved.pk])
        data = {"status": Status.I_MAAL, "index": 0, "version": moved.version}
        results = race(
            lambda url=delete_url: deleter.post(url, headers=HTMX).status_code,
            lambda url=move_url, data=data: saver.post(url, data, headers=HTMX).status_code,
        )
        assert results == [200, 200], results
