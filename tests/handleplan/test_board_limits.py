"""A board cannot grow without bound (themes per board, cards per theme, handleplan/limits.py),
and a change of a theme answers with the changed row, not the whole board."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from handleplan import limits, services
from handleplan.models import Action, Status, Theme
from metoder.instruments import services as rounds
from metoder.instruments.models import DecisionKind
from tests import builders

HTMX = {"headers": {"HX-Request": "true", "HX-Current-URL": "http://testserver/"}}


def on_board(world) -> dict[str, dict[str, str]]:  # type: ignore[no-untyped-def]
    board = reverse("board", args=[world.amg.pk])
    return {"headers": {"HX-Request": "true", "HX-Current-URL": f"http://testserver{board}"}}


@pytest.fixture
def small_limits(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(limits, "THEMES_PER_BOARD", 3)
    monkeypatch.setattr(limits, "CARDS_PER_THEME", 2)


def test_the_limits_are_data_a_working_group_never_reaches():
    assert limits.THEMES_PER_BOARD == 40
    assert limits.CARDS_PER_THEME == 100


def test_a_board_takes_no_more_themes_than_the_limit(world, small_limits):
    builders.make_theme(world.amg, "To")
    builders.make_theme(world.amg, "Tre")
    with pytest.raises(ValidationError, match="3 temaer"):
        services.create_theme(amg=world.amg, name="Fire")
    response = world.client_for("amr").post(
        reverse("theme_new", args=[world.amg.pk]), {"name": "Fire"}, **on_board(world)
    )
    assert response.status_code == 422
    assert "allerede 3 temaer" in response.content.decode()
    assert Theme.objects.filter(amg=world.amg).count() == 3


def test_a_theme_takes_no_more_cards_than_the_limit(world, small_limits):
    builders.make_action(world.amg, world.theme, title="Andet kort")
    with pytest.raises(ValidationError, match="2 handlinger"):
        services.create_action(amg=world.amg, theme=world.theme, title="Tredje")
    response = world.client_for("amr").post(
        reverse("action_new", args=[world.amg.pk]),
        {"theme": world.theme.pk, "status": Status.PARKERET, "title": "Tredje"},
        **on_board(world),
    )
    assert response.status_code == 422
    assert "allerede 2 handlinger" in response.content.decode()
    assert world.theme.actions.count() == 2


def test_a_card_cannot_be_moved_or_published_into_a_full_theme(world, small_limits):
    builders.make_action(world.amg, world.theme, title="Andet kort")
    other = builders.make_theme(world.amg, "Andet tema")
    card = builders.make_action(world.amg, other, title="Flyttes")
    response = world.client_for("amr").post(
        reverse("action_move", args=[world.amg.pk, card.pk]),
        {"status": Status.STARTET, "theme": world.theme.pk, "version": card.version},
        **on_board(world),
    )
    assert response.status_code == 422
    card.refresh_from_db()
    assert card.theme == other
    with pytest.raises(ValidationError):
        services.update_action(action=card, theme=world.theme)
    idea = builders.make_idea(world.amg, "Frugt i pausen")
    with pytest.raises(ValidationError):
        services.publish_idea(
            idea=idea, theme=world.theme, title="Frugt", by=world.leder, now=timezone.now()
        )
    assert world.theme.actions.count() == 2


def test_a_full_theme_refuses_a_rounds_decision_with_a_message_not_a_500(world, small_limits):
    builders.make_action(world.amg, world.theme, title="Andet kort")
    round_ = rounds.open_round(
        amg=world.amg, instrument_key="kompetencemodel", by=world.leder,
        participants=[world.leder], now=timezone.now(),
    )  # fmt: skip
    with pytest.raises(rounds.RoundError, match="2 handlinger"):
        rounds.decide(
            round_=round_, kind=DecisionKind.ACTION, text="Ny handling", by=world.leder,
            now=timezone.now(), theme=world.theme,
        )  # fmt: skip


def test_a_theme_restored_from_the_bin_counts_too(world, small_limits):
    doomed = builders.make_theme(world.amg, "Slettes")
    services.delete_theme(theme=doomed)
    builders.make_theme(world.amg, "To")
    builders.make_theme(world.amg, "Tre")
    record = Theme.history.filter(id=doomed.pk, history_type="-").get()
    with pytest.raises(ValidationError):
        services.restore_deleted_theme(amg=world.amg, record=record)


# Theme changes answer with the changed row ---------------------------------------------------


@pytest.fixture
def big_board(world):  # type: ignore[no-untyped-def]
    """Five themes of twenty cards each: the whole board is far larger than one row."""
    themes = [world.theme] + [builders.make_theme(world.amg, f"Tema {n}") for n in range(4)]
    for theme in themes:
        for n in range(20):
            builders.make_action(
                world.amg, theme, title=f"Et langt kort nummer {n} i {theme.name}",
                status=list(Status)[n % len(Status)],
            )  # fmt: skip
    return themes


def full_board_size(world) -> int:  # type: ignore[no-untyped-def]
    response = world.client_for("amr").get(reverse("board", args=[world.amg.pk]))
    return len(response.content)


def test_a_new_theme_answers_with_its_row_and_a_fresh_form_only(world, big_board):
    response = world.client_for("amr").post(
        reverse("theme_new", args=[world.amg.pk]), {"name": "Indeklima"}, **on_board(world)
    )
    assert response.status_code == 200
    html = response.content.decode()
    theme = Theme.objects.get(amg=world.amg, name="Indeklima")
    assert f'id="row-{theme.pk}"' in html
    assert 'hx-swap-oob="beforeend:#board-rows"' in html
    assert 'id="theme-form"' in html  # a fresh form, the typed name cleared
    assert "Et langt kort" not in html  # no other row's cards
    assert len(html) < full_board_size(world) / 5
    assert response["HX-Reswap"] == "none"


def test_renaming_a_theme_answers_with_its_row_head_only(world, big_board):
    theme = big_board[2]
    response = world.client_for("amr").post(
        reverse("theme_edit", args=[world.amg.pk, theme.pk]), {"name": "Støj"}, **on_board(world)
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="theme-row-{theme.pk}" hx-swap-oob="true"' in html
    assert "Støj" in html
    assert "Et langt kort" not in html
    assert response["HX-Reswap"] == "none"


def test_moving_a_theme_answers_with_the_moved_row_only(world, big_board):
    theme, below = big_board[1], big_board[2]
    response = world.client_for("amr").post(
        reverse("theme_move", args=[world.amg.pk, theme.pk]), {"retning": "ned"}, **on_board(world)
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<tr id="row-{theme.pk}" hx-swap-oob="delete">' in html
    assert f'hx-swap-oob="afterend:#row-{below.pk}"' in html
    # Only the moved row's cards.
    found = re.findall(r"Et langt kort nummer \d+ i (Tema \d+|Fore)", html)
    assert set(found) == {theme.name}
    assert f'id="theme-row-{below.pk}" hx-swap-oob="true"' in html  # its "Flyt op/ned" changed
    assert len(html) < full_board_size(world) / 3


def test_deleting_a_theme_removes_its_row_only(world, big_board):
    empty = builders.make_theme(world.amg, "Tomt")
    response = world.client_for("amr").post(
        reverse("theme_delete", args=[world.amg.pk, empty.pk]), **on_board(world)
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<tr id="row-{empty.pk}" hx-swap-oob="delete">' in html
    assert "Et langt kort" not in html
    last = big_board[-1]
    assert f'id="theme-row-{last.pk}" hx-swap-oob="true"' in html  # now the last row


def test_the_board_still_renders_every_row_after_a_new_theme(world, big_board):
    client = world.client_for("amr")
    client.post(reverse("theme_new", args=[world.amg.pk]), {"name": "Indeklima"}, **on_board(world))
    html = client.get(reverse("board", args=[world.amg.pk])).content.decode()
    assert html.count('<tr id="row-') == len(big_board) + 1
    assert Action.objects.filter(amg=world.amg).count() == 101
