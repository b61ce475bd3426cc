"""Two members, one card: a save or move based on an older version is refused, nothing is lost."""

from __future__ import annotations

import json

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse

from handleplan import services
from handleplan.models import Action, Status


def form_data(action: Action, **changes: object) -> dict[str, object]:
    data = {
        k: ("" if v is None else v)
        for k, v in model_to_dict(action, services.EDITABLE_FIELDS).items()
        if not (k == "confidential" and not v)
    }
    return {**data, "version": action.version, **changes}


def test_every_save_and_move_bumps_the_version(world):
    assert world.action.version == 1
    services.update_action(action=world.action, title="Ny titel")
    assert world.action.version == 2
    services.move_action(action=world.action, status=Status.I_MAAL)
    world.action.refresh_from_db()
    assert world.action.version == 3


def test_a_save_based_on_an_older_version_is_refused_and_both_versions_shown(world):
    url = reverse("action_edit", args=[world.amg.pk, world.action.pk])
    stale = form_data(world.action, title="Annes titel", how="Annes plan")
    # Jonas saves first, from his own copy of the card.
    jonas = world.client_for("leder")
    assert jonas.post(url, form_data(world.action, title="Jonas' titel")).status_code == 302

    response = world.client_for("amr").post(url, stale, headers={"HX-Request": "true"})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Kortet er ændret imens" in html
    assert world.leder.display_name in html
    assert "Annes titel" in html and "Jonas&#x27; titel" in html
    assert "Annes plan" in html
    assert "conflict-differs" in html
    world.action.refresh_from_db()
    assert world.action.title == "Jonas' titel"  # nothing overwritten
    assert world.action.how == ""


def test_after_a_conflict_the_member_can_save_their_version_knowingly(world):
    url = reverse("action_edit", args=[world.amg.pk, world.action.pk])
    stale = form_data(world.action, title="Annes titel")
    world.client_for("leder").post(url, form_data(world.action, title="Jonas' titel"))
    anne = world.client_for("amr")
    conflict = anne.post(url, stale, headers={"HX-Request": "true"})
    assert conflict.status_code == 409
    world.action.refresh_from_db()
    # The conflict form carries the saved version, so submitting it is a deliberate overwrite.
    assert f'name="version" value="{world.action.version}"' in conflict.content.decode()
    response = anne.post(url, {**stale, "version": world.action.version})
    assert response.status_code == 302
    world.action.refresh_from_db()
    assert world.action.title == "Annes titel"
    assert world.action.history.filter(title="Jonas' titel").exists()


def test_a_move_based_on_a_stale_board_is_refused_and_the_board_refreshed(world):
    seen_version = world.action.version
    services.update_action(action=world.action, title="Ændret af en anden")
    url = reverse("action_move", args=[world.amg.pk, world.action.pk])
    response = world.client_for("amr").post(
        url, {"status": Status.AFSLUTTET, "version": seen_version}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 409
    assert response["HX-Retarget"] == "#board"
    event = json.loads(response["HX-Trigger-After-Settle"])["board:error"]
    assert "er lige blevet ændret" in event["message"]
    assert "Ændret af en anden" in response.content.decode()  # the fresh board
    world.action.refresh_from_db()
    assert world.action.status == Status.STARTET


def test_without_javascript_a_stale_move_redirects_with_the_message(world):
    seen_version = world.action.version
    services.update_action(action=world.action, title="Ændret af en anden")
    client = world.client_for("amr")
    url = reverse("action_move", args=[world.amg.pk, world.action.pk])
    response = client.post(url, {"status": Status.AFSLUTTET, "version": seen_version}, follow=True)
    assert "er lige blevet ændret" in response.content.decode()


def test_a_move_with_the_current_version_goes_through(world):
    url = reverse("action_move", args=[world.amg.pk, world.action.pk])
    response = world.client_for("amr").post(
        url, {"status": Status.I_MAAL, "version": world.action.version}
    )
    assert response.status_code == 302
    world.action.refresh_from_db()
    assert world.action.status == Status.I_MAAL


def test_the_board_carries_each_cards_version_for_moves(world):
    services.update_action(action=world.action, title="Version 2")
    html = world.client_for("amr").get(reverse("board", args=[world.amg.pk])).content.decode()
    assert f'data-version="{world.action.version}"' in html
    assert f'name="version" value="{world.action.version}"' in html


@pytest.mark.parametrize("junk", ["0", "-1", "abc", "99999999999"])
def test_a_junk_version_is_a_422_not_a_500(world, junk):
    url = reverse("action_move", args=[world.amg.pk, world.action.pk])
    response = world.client_for("amr").post(
        url, {"status": Status.I_MAAL, "version": junk}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 422
