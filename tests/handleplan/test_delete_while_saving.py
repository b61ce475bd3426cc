"""Two members at a meeting: one deletes a card, a theme or a meeting while the other saves it.

Deterministic: the object is deleted between the moment a member's request loaded it and the
moment the service writes (a stale instance, as a request that lost the race holds it). The
answer is the app's "it is gone" (`Gone`: 409 on the board, 404 elsewhere), never a 500, and
what the other member saved first is what lands in the bin."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from forkant.access import AMGContext
from forkant.lib.locking import Gone
from handleplan import history, services
from handleplan.models import Action, NudgePlan, Status, Theme
from tests import builders
from tests.handleplan.test_concurrency import form_data

HTMX = {"headers": {"HX-Request": "true"}}


def stale(action: Action) -> Action:
    return Action.objects.get(pk=action.pk)


# The services --------------------------------------------------------------------------------


def test_saving_a_card_deleted_meanwhile_is_gone_not_does_not_exist(world):
    mine = stale(world.action)
    services.delete_action(action=stale(world.action))
    with pytest.raises(Gone):
        services.update_action(action=mine, title="Min titel")
    with pytest.raises(Gone):
        services.move_action(action=mine, status=Status.I_MAAL, expected_version=1)
    assert not Action.objects.filter(pk=world.action.pk).exists()  # not brought back


def test_restoring_a_version_of_a_card_deleted_meanwhile_is_gone(world):
    services.update_action(action=world.action, title="Anden titel")
    record = world.action.history.order_by("history_id").first()
    mine = stale(world.action)
    services.delete_action(action=stale(world.action))
    with pytest.raises(Gone):
        services.restore_action_version(action=mine, record=record)
    assert not Action.objects.filter(pk=world.action.pk).exists()


def test_a_nudging_plan_for_a_card_deleted_meanwhile_is_gone_not_a_foreign_key_failure(world):
    mine = stale(world.action)
    services.delete_action(action=stale(world.action))
    with pytest.raises(Gone):
        services.save_nudge_plan(
            action=mine, goal="Flere pauser", barriers="", solution="", types=[]
        )
    assert not NudgePlan.objects.exists()


def test_a_delete_after_a_save_puts_the_saved_card_in_the_bin(world):
    """The member who deletes holds the card as it was when their page loaded; the other
    member saved since. The bin keeps the saved card, so the other member's work is not lost."""
    deleters_copy = stale(world.action)
    services.update_action(action=stale(world.action), title="Jonas' nye titel", how="Plan")
    services.delete_action(action=deleters_copy)
    binned, _themes = history.binned(world.amg)
    assert [(b.record.title, b.record.how) for b in binned] == [("Jonas' nye titel", "Plan")]


def test_deleting_a_card_twice_is_gone_and_leaves_one_card_in_the_bin(world):
    first, second = stale(world.action), stale(world.action)
    services.delete_action(action=first)
    with pytest.raises(Gone):
        services.delete_action(action=second)
    binned, _themes = history.binned(world.amg)
    assert len(binned) == 1


def test_renaming_a_theme_deleted_meanwhile_does_not_bring_it_back(world):
    theme = builders.make_theme(world.amg, "Tomt tema")
    mine = Theme.objects.get(pk=theme.pk)
    services.delete_theme(theme=Theme.objects.get(pk=theme.pk))
    with pytest.raises(Gone):
        services.rename_theme(theme=mine, name="Nyt navn")
    with pytest.raises(Gone):
        services.move_theme(theme=mine, step=-1)
    with pytest.raises(Gone):
        services.delete_theme(theme=mine)
    assert not Theme.objects.filter(pk=theme.pk).exists()


def test_a_card_in_a_theme_deleted_meanwhile_is_gone_not_a_foreign_key_failure(world):
    theme = builders.make_theme(world.amg, "Tomt tema")
    mine = Theme.objects.get(pk=theme.pk)
    services.delete_theme(theme=Theme.objects.get(pk=theme.pk))
    with pytest.raises(Gone):
        services.create_action(amg=world.amg, theme=mine, title="Nyt kort")
    assert not Action.objects.filter(title="Nyt kort").exists()


def test_a_theme_that_got_a_card_meanwhile_is_not_deleted(world):
    theme = builders.make_theme(world.amg, "Tomt tema")
    mine = Theme.objects.get(pk=theme.pk)
    services.create_action(amg=world.amg, theme=theme, title="Nyt kort")
    with pytest.raises(Exception, match="stadig handlinger"):
        services.delete_theme(theme=mine)


# The views: the other member deletes right after this request loaded the object -------------


@pytest.fixture
def deleted_after_loading(monkeypatch):  # type: ignore[no-untyped-def]
    """Every object a view loads through the access rule is deleted (by "the other member")
    just after it was loaded, before the view's service writes."""
    load = AMGContext.get

    def get_then_deleted(self, model, pk, queryset=None):  # type: ignore[no-untyped-def]
        found = load(self, model, pk, queryset)
        if isinstance(found, Action):
            services.delete_action(action=type(found).objects.get(pk=found.pk))
        elif not isinstance(found, Action.history.model):
            type(found).objects.filter(pk=found.pk).delete()
        return found

    monkeypatch.setattr(AMGContext, "get", get_then_deleted)


def board_error(response) -> str:  # type: ignore[no-untyped-def]
    return json.loads(response["HX-Trigger-After-Settle"])["board:error"]["message"]


def test_an_edit_of_a_card_deleted_meanwhile_answers_409_with_the_board(
    world, deleted_after_loading
):
    url = reverse("action_edit", args=[world.amg.pk, world.action.pk])
    response = world.client_for("amr").post(url, form_data(world.action, title="Ny"), **HTMX)
    assert response.status_code == 409
    assert "papirkurven" in board_error(response)
    assert 'id="board"' in response.content.decode()


def test_a_move_of_a_card_deleted_meanwhile_answers_409(world, deleted_after_loading):
    url = reverse("action_move", args=[world.amg.pk, world.action.pk])
    data = {"status": Status.I_MAAL, "version": world.action.version}
    response = world.client_for("amr").post(url, data, **HTMX)
    assert response.status_code == 409
    assert "papirkurven" in board_error(response)


def test_without_javascript_the_edit_goes_back_to_the_board_with_the_message(
    world, deleted_after_loading
):
    url = reverse("action_edit", args=[world.amg.pk, world.action.pk])
    client = world.client_for("amr")
    response = client.post(url, form_data(world.action, title="Ny"), follow=True)
    assert response.status_code == 200
    assert "papirkurven" in response.content.decode()


def test_a_nudging_plan_or_a_restore_for_a_card_deleted_meanwhile_answers_409(
    world, deleted_after_loading
):
    url = reverse("nudge_edit", args=[world.amg.pk, world.action.pk])
    response = world.client_for("amr").post(url, {"goal": "Flere pauser"}, **HTMX)
    assert response.status_code == 409
    assert "papirkurven" in board_error(response)


def test_restoring_a_version_of_a_card_deleted_meanwhile_answers_409(world, monkeypatch):
    services.update_action(action=world.action, title="Anden titel")
    record = world.action.history.order_by("history_id").first()
    load = AMGContext.get

    def get_then_deleted(self, model, pk, queryset=None):  # type: ignore[no-untyped-def]
        found = load(self, model, pk, queryset)
        if model is Action.history.model:  # the card was loaded before its version
            services.delete_action(action=Action.objects.get(pk=world.action.pk))
        return found

    monkeypatch.setattr(AMGContext, "get", get_then_deleted)
    url = reverse("action_restore", args=[world.amg.pk, world.action.pk, record.history_id])
    response = world.client_for("amr").post(url, **HTMX)
    assert response.status_code == 409
    assert "papirkurven" in board_error(response)
    assert not Action.objects.filter(pk=world.action.pk).exists()


def test_renaming_a_theme_deleted_meanwhile_answers_409(world, deleted_after_loading):
    theme = builders.make_theme(world.amg, "Tomt tema")
    url = reverse("theme_edit", args=[world.amg.pk, theme.pk])
    response = world.client_for("amr").post(url, {"name": "Nyt navn"}, **HTMX)
    assert response.status_code == 409
    assert not Theme.objects.filter(pk=theme.pk).exists()


def test_a_referat_restored_for_a_meeting_deleted_meanwhile_is_not_a_500(world):
    meeting = builders.make_held_meeting(world.amg)
    record = meeting.history.order_by("history_id").first()
    mine = type(meeting).objects.get(pk=meeting.pk)
    type(meeting).objects.filter(pk=meeting.pk).delete()
    with pytest.raises(Gone):
        services.restore_referat(meeting=mine, record=record)
    with pytest.raises(Gone):
        services.update_referat(meeting=mine, referat="Nyt")
    with pytest.raises(Gone):
        services.end_meeting(
            meeting=mine,
            decisions="",
            notes="",
            next_starts_at=None,
            next_moedeleder="",
            now=timezone.now(),
        )
