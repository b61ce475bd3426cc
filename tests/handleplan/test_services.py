from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from forkant.models import AMG
from handleplan import services
from handleplan.models import Action, Meeting, Status, Theme
from tests import builders


def revision(amg: AMG) -> int:
    return AMG.objects.get(pk=amg.pk).board_revision


def cell(amg: AMG, theme: Theme, status: str) -> list[str]:
    return list(
        Action.objects.filter(amg=amg, theme=theme, status=status)
        .order_by("position")
        .values_list("title", flat=True)
    )


def test_a_new_card_goes_to_the_bottom_of_its_cell(world):
    services.create_action(amg=world.amg, theme=world.theme, status="startet", title="Første")
    services.create_action(amg=world.amg, theme=world.theme, status="startet", title="Anden")
    assert cell(world.amg, world.theme, "startet") == [
        "Fælles aftaler om mails",
        "Første",
        "Anden",
    ]


def test_every_board_write_bumps_the_revision_the_wall_screens_watch(world):
    before = revision(world.amg)
    services.move_action(action=world.action, status=Status.I_MAAL)
    services.update_action(action=world.action, title="Nyt navn")
    services.rename_theme(theme=world.theme, name="Stress")
    builders.make_meeting(world.amg)
    assert revision(world.amg) == before + 4
    assert revision(world.other_amg) == AMG.objects.get(pk=world.other_amg.pk).board_revision


def test_moving_a_card_places_it_at_the_given_index_and_renumbers_the_cell(world):
    a = builders.make_action(world.amg, world.theme, title="A", status="godt_i_gang")
    b = builders.make_action(world.amg, world.theme, title="B", status="godt_i_gang")
    services.move_action(action=world.action, status="godt_i_gang", index=1)
    assert cell(world.amg, world.theme, "godt_i_gang") == ["A", "Fælles aftaler om mails", "B"]
    positions = Action.objects.filter(pk__in=[a.pk, b.pk, world.action.pk]).values_list(
        "position", flat=True
    )
    assert sorted(positions) == [1, 2, 3]


def test_moving_a_card_within_its_own_cell_reorders_it(world):
    builders.make_action(world.amg, world.theme, title="B", status="startet")
    services.move_action(action=world.action, status="startet", index=5)
    assert cell(world.amg, world.theme, "startet") == ["B", "Fælles aftaler om mails"]


def test_moving_a_card_to_another_amgs_theme_is_refused(world):
    with pytest.raises(ValidationError):
        services.move_action(action=world.action, status="startet", theme=world.other_theme)
    world.action.refresh_from_db()
    assert world.action.theme == world.theme


def test_an_unknown_column_is_refused(world):
    with pytest.raises(ValidationError):
        services.move_action(action=world.action, status="done")


def test_a_responsible_person_from_another_amg_is_refused(world):
    with pytest.raises(ValidationError):
        services.update_action(action=world.action, responsible=world.outsider)


def test_editing_a_card_into_another_cell_puts_it_at_the_bottom_there(world):
    builders.make_action(world.amg, world.theme, title="Der i forvejen", status="i_maal")
    services.update_action(action=world.action, status="i_maal")
    assert cell(world.amg, world.theme, "i_maal") == ["Der i forvejen", "Fælles aftaler om mails"]


def test_update_action_refuses_fields_that_are_not_editable(world):
    with pytest.raises(TypeError):
        services.update_action(action=world.action, amg=world.other_amg)


def test_themes_move_up_and_down_and_stop_at_the_edges(world):
    second = builders.make_theme(world.amg, "Flytning")
    third = builders.make_theme(world.amg, "Trivsel")
    services.move_theme(theme=third, step=-1)
    order = list(Theme.objects.filter(amg=world.amg).values_list("name", flat=True))
    assert order == ["Forebyggelse af stress", "Trivsel", "Flytning"]
    services.move_theme(theme=world.theme, step=-1)  # already first: nothing happens
    services.move_theme(theme=second, step=1)  # already last
    order = list(Theme.objects.filter(amg=world.amg).values_list("name", flat=True))
    assert order == ["Forebyggelse af stress", "Trivsel", "Flytning"]


def test_a_theme_with_cards_cannot_be_deleted_but_an_empty_one_can(world):
    with pytest.raises(ValidationError):
        services.delete_theme(theme=world.theme)
    empty = builders.make_theme(world.amg, "Tom")
    services.delete_theme(theme=empty)
    assert not Theme.objects.filter(pk=empty.pk).exists()


def test_setting_the_next_tavlemoede_moves_the_planned_one_instead_of_adding_another(world):
    now = timezone.now()
    first = services.set_next_tavlemoede(
        amg=world.amg, starts_at=now + datetime.timedelta(days=3), moedeleder="Mette", now=now
    )
    second = services.set_next_tavlemoede(
        amg=world.amg, starts_at=now + datetime.timedelta(days=5), moedeleder="Ole", now=now
    )
    assert first.pk == second.pk
    assert Meeting.objects.filter(amg=world.amg).count() == 1
    assert Meeting.objects.get().moedeleder == "Ole"


def test_a_past_tavlemoede_is_kept_and_a_new_one_planned(world):
    now = timezone.now()
    Meeting.objects.create(amg=world.amg, starts_at=now - datetime.timedelta(days=14))
    services.set_next_tavlemoede(
        amg=world.amg, starts_at=now + datetime.timedelta(days=1), moedeleder="", now=now
    )
    assert Meeting.objects.filter(amg=world.amg).count() == 2
