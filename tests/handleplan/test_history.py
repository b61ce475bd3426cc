"""Nothing lost: every change to a card, theme or tavlemøde is kept, readable and restorable."""

from __future__ import annotations

import datetime

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils.timezone import now as timezone_now

from handleplan import history, services
from handleplan.models import Action, Meeting, Status, Theme
from tests import builders


def edit(client, world, action, **fields):  # type: ignore[no-untyped-def]
    action.refresh_from_db()
    current = {
        name: ("" if value is None else value)
        for name, value in model_to_dict(action, services.EDITABLE_FIELDS).items()
    }
    data = {**current, "version": action.version, **fields}
    if not data.get("confidential"):
        data.pop("confidential", None)
    return client.post(reverse("action_edit", args=[world.amg.pk, action.pk]), data)


def test_an_edit_is_kept_with_who_when_and_before_and_after(world):
    client = world.client_for("amr")
    response = edit(
        client, world, world.action, title="Nye aftaler om mails", deadline="2026-12-13"
    )
    assert response.status_code == 302
    versions = history.action_versions(world.amg, world.action.pk)
    latest = versions[0]
    assert latest.kind == "Ændret"
    assert latest.who == world.amr.display_name
    assert latest.is_current
    changes = {c.label: (c.before, c.after) for c in latest.changes}
    assert changes == {
        "Hvad": ("Fælles aftaler om mails", "Nye aftaler om mails"),
        "Frist": ("–", "13. december 2026"),
    }
    assert versions[-1].kind == "Oprettet"


def test_the_history_dialog_shows_names_not_ids(world):
    client = world.client_for("leder")
    other_theme = builders.make_theme(world.amg, "Støj")
    edit(client, world, world.action, theme=other_theme.pk, responsible=world.leder.pk)
    response = client.get(reverse("action_history", args=[world.amg.pk, world.action.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Støj" in html
    assert world.leder.display_name in html
    assert "Gendan denne version" in html


def test_readers_see_the_history_but_no_restore_button(world):
    edit(world.client_for("leder"), world, world.action, title="Ændret")
    response = world.client_for("laeser").get(
        reverse("action_history", args=[world.amg.pk, world.action.pk])
    )
    assert response.status_code == 200
    assert "Gendan denne version" not in response.content.decode()


def test_a_member_restores_an_earlier_version_as_a_new_one(world):
    client = world.client_for("leder")
    first = world.action.history.earliest("history_date")
    edit(client, world, world.action, title="Forkert titel", how="Noget forkert")
    world.action.refresh_from_db()
    version_before = world.action.version
    response = client.post(
        reverse("action_restore", args=[world.amg.pk, world.action.pk, first.history_id])
    )
    assert response.status_code == 302
    world.action.refresh_from_db()
    assert world.action.title == "Fælles aftaler om mails"
    assert world.action.how == ""
    assert world.action.version == version_before + 1
    latest = history.action_versions(world.amg, world.action.pk)[0]
    assert latest.reason == "Gendannet fra en tidligere version"
    assert latest.who == world.leder.display_name
    # The wrong version is still in the history: nothing is lost by restoring either.
    assert world.action.history.filter(title="Forkert titel").exists()


def test_another_cards_version_cannot_be_restored_onto_a_card(world):
    other = builders.make_action(world.amg, world.theme, title="Andet kort")
    record = other.history.first()
    response = world.client_for("leder").post(
        reverse("action_restore", args=[world.amg.pk, world.action.pk, record.history_id])
    )
    assert response.status_code == 302
    world.action.refresh_from_db()
    assert world.action.title == "Fælles aftaler om mails"


def test_another_amgs_history_row_answers_404(world):
    record = world.other_action.history.first()
    response = world.client_for("leder").post(
        reverse("action_restore", args=[world.amg.pk, world.action.pk, record.history_id])
    )
    assert response.status_code == 404


def delete_card(world, action):  # type: ignore[no-untyped-def]
    return world.client_for("leder").post(reverse("action_delete", args=[world.amg.pk, action.pk]))


def test_a_deleted_card_goes_to_the_bin_and_comes_back_with_its_id_and_history(world):
    pk, created = world.action.pk, world.action.created_at
    services.update_action(action=world.action, how="Ved et personalemøde")
    delete_card(world, world.action)
    assert not Action.objects.filter(pk=pk).exists()
    client = world.client_for("amr")
    page = client.get(reverse("bin", args=[world.amg.pk]))
    assert "Fælles aftaler om mails" in page.content.decode()
    assert "slettet" in page.content.decode()
    deleted, _themes = history.binned(world.amg)
    assert [d.record.id for d in deleted] == [pk]
    response = client.post(
        reverse("bin_restore_action", args=[world.amg.pk, deleted[0].record.history_id])
    )
    assert response.status_code == 302
    restored = Action.objects.get(pk=pk)
    assert restored.how == "Ved et personalemøde"
    assert restored.created_at == created
    assert history.binned(world.amg) == ([], [])
    kinds = [v.kind for v in history.action_versions(world.amg, pk)]
    assert kinds == ["Oprettet", "Slettet", "Ændret", "Oprettet"]


def test_restoring_twice_is_refused_with_a_message(world):
    delete_card(world, world.action)
    record = Action.history.filter(history_type="-").get()
    client = world.client_for("leder")
    url = reverse("bin_restore_action", args=[world.amg.pk, record.history_id])
    client.post(url)
    response = client.post(url, follow=True)
    assert "allerede gendannet" in response.content.decode()
    assert Action.objects.filter(pk=record.id).count() == 1


def test_a_card_whose_theme_was_deleted_too_brings_its_theme_back(world):
    pk, theme_name = world.action.pk, world.theme.name
    delete_card(world, world.action)
    services.delete_theme(theme=Theme.objects.get(pk=world.theme.pk))
    _actions, themes = history.binned(world.amg)
    assert [t.record.name for t in themes] == [theme_name]
    record = Action.history.filter(id=pk, history_type="-").get()
    world.client_for("leder").post(
        reverse("bin_restore_action", args=[world.amg.pk, record.history_id])
    )
    assert Action.objects.get(pk=pk).theme.name == theme_name


def test_a_deleted_theme_is_restored_unless_its_name_is_taken(world):
    empty = builders.make_theme(world.amg, "Indeklima")
    services.delete_theme(theme=empty)
    record = Theme.history.filter(history_type="-").get()
    builders.make_theme(world.amg, "Indeklima")
    client = world.client_for("leder")
    url = reverse("bin_restore_theme", args=[world.amg.pk, record.history_id])
    response = client.post(url, follow=True)
    assert "Omdøb det først" in response.content.decode()
    Theme.objects.filter(name="Indeklima").delete()
    client.post(url)
    assert Theme.objects.filter(amg=world.amg, name="Indeklima").exists()


def test_a_history_row_that_is_not_a_deletion_cannot_be_restored_from_the_bin(world):
    record = world.action.history.first()
    response = world.client_for("leder").post(
        reverse("bin_restore_action", args=[world.amg.pk, record.history_id])
    )
    assert response.status_code == 404


def test_moves_and_tavlemoeder_are_kept_in_the_history_too(world):
    services.move_action(action=world.action, status=Status.I_MAAL)
    latest = history.action_versions(world.amg, world.action.pk)[0]
    assert [(c.label, c.before, c.after) for c in latest.changes] == [
        ("Status", "Startet", "I mål")
    ]
    meeting = builders.make_meeting(world.amg, moedeleder="Mette")
    services.set_next_tavlemoede(
        amg=world.amg,
        starts_at=meeting.starts_at + datetime.timedelta(days=1),
        moedeleder="Jonas",
        now=meeting.starts_at - datetime.timedelta(days=1),
    )
    assert list(
        Meeting.history.filter(id=meeting.pk)
        .order_by("history_id")
        .values_list("moedeleder", flat=True)
    ) == ["Mette", "Jonas"]


@pytest.mark.parametrize("deleted", [1, 30])
def test_the_bin_costs_the_same_queries_for_1_and_30_deleted_cards(
    world, deleted, django_assert_num_queries
):
    for n in range(deleted):
        services.delete_action(action=builders.make_action(world.amg, world.theme, title=f"K{n}"))
    # Live cards and themes, theme and member names, deleted cards and deleted themes.
    with django_assert_num_queries(6):
        history.binned(world.amg)


def test_a_referat_edit_is_kept_and_an_earlier_referat_can_be_restored(world):
    meeting = builders.make_held_meeting(world.amg)
    original = meeting.referat
    assert original
    client = world.client_for("amr")
    edit_url = reverse("referat_edit", args=[world.amg.pk, meeting.pk])
    client.post(edit_url, {"referat": "Et forkert referat"})
    meeting.refresh_from_db()
    assert meeting.referat == "Et forkert referat"

    page = client.get(reverse("meeting_history", args=[world.amg.pk, meeting.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert world.amr.display_name in html
    assert "Et forkert referat" in html
    versions = history.meeting_versions(world.amg, meeting.pk)
    assert versions[0].who == world.amr.display_name
    assert [c.label for c in versions[0].changes] == ["Referat"]

    before_edit = versions[1].record
    response = client.post(
        reverse("meeting_restore", args=[world.amg.pk, meeting.pk, before_edit.history_id])
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.referat == original
    assert history.meeting_versions(world.amg, meeting.pk)[0].reason == (
        "Referatet gendannet fra en tidligere version"
    )


def test_another_meetings_version_cannot_be_restored_onto_a_meeting(world):
    meeting = builders.make_held_meeting(world.amg)
    other = builders.make_held_meeting(world.amg)
    record = other.history.order_by("history_id").first()
    client = world.client_for("leder")
    client.post(reverse("meeting_restore", args=[world.amg.pk, meeting.pk, record.history_id]))
    assert Meeting.objects.get(pk=meeting.pk).referat == meeting.referat


def test_ideas_keep_a_history_too(world):
    idea = builders.make_idea(world.amg, "Cykelstativ")
    services.decline_idea(idea=idea, reason="Findes allerede", by=world.leder, now=timezone_now())
    kinds = list(idea.history.order_by("history_id").values_list("status", flat=True))
    assert kinds[0] != kinds[-1]


def test_versions_of_leaves_out_the_hidden_fields_and_shows_values_as_told(world):
    services.update_action(
        action=world.action, title="Nye aftaler", deadline=datetime.date(2026, 12, 13)
    )

    def shout(names, model_field, value):  # type: ignore[no-untyped-def]
        return history.Names.show(names, model_field, value).upper()

    latest = history.versions_of(
        Action, world.amg, world.action.pk, hidden={*history.HIDDEN_FIELDS, "deadline"}, show=shout
    )[0]
    assert [(c.label, c.before, c.after) for c in latest.changes] == [
        ("Hvad", "FÆLLES AFTALER OM MAILS", "NYE AFTALER")
    ]
    assert latest.is_current
