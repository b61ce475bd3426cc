"""A round, a planned meeting or a wheel item deleted by one member while another saves it:
`Gone` (a 404 that says what happened), never a 500 from the locked re-read or a foreign key."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from forkant.access import AMGContext
from forkant.lib.locking import Gone
from handleplan.models import Meeting, MeetingKind
from metoder.instruments import services as rounds
from metoder.instruments.models import Decision, DecisionKind, Round
from metoder.year import services as year
from metoder.year.models import WheelItem
from tests import builders


def open_round(world) -> Round:  # type: ignore[no-untyped-def]
    return rounds.open_round(
        amg=world.amg,
        instrument_key="kompetencemodel",
        by=world.leder,
        participants=[world.leder, world.amr],
        now=timezone.now(),
    )


def test_a_rounds_notes_saved_after_it_was_deleted_are_gone(world):
    round_ = open_round(world)
    mine = Round.objects.get(pk=round_.pk)
    rounds.delete_round(round_=Round.objects.get(pk=round_.pk))
    now = timezone.now()
    for write in (
        lambda: rounds.save_notes(round_=mine, notes="Vores noter"),
        lambda: rounds.reveal_round(round_=mine, now=now),
        lambda: rounds.close_round(round_=mine, now=now),
        lambda: rounds.reopen_round(round_=mine),
    ):
        with pytest.raises(Gone):
            write()


def test_a_decision_on_a_round_deleted_meanwhile_is_gone_not_a_foreign_key_failure(world):
    round_ = open_round(world)
    mine = Round.objects.get(pk=round_.pk)
    rounds.delete_round(round_=Round.objects.get(pk=round_.pk))
    with pytest.raises(Gone):
        rounds.decide(
            round_=mine, kind=DecisionKind.NOTE, text="Vi taler om det", by=world.leder,
            now=timezone.now(),
        )  # fmt: skip
    assert not Decision.objects.exists()


def test_a_planned_meeting_saved_after_it_was_deleted_is_gone(world):
    meeting = builders.make_meeting(world.amg)
    mine = Meeting.objects.get(pk=meeting.pk)
    year.delete_meeting(meeting=Meeting.objects.get(pk=meeting.pk))
    with pytest.raises(Gone):
        year.update_meeting(
            meeting=mine,
            starts_at=mine.starts_at,
            moedeleder="Ny",
            focus="",
            agenda=None,
            now=timezone.now(),
        )
    with pytest.raises(Gone):
        year.plan_for(mine)


def test_a_checklist_ticked_after_its_meeting_was_deleted_is_gone(world):
    plan = year.add_meeting(
        amg=world.amg, kind=MeetingKind.AMG_MOEDE, moedeleder="Mette",
        starts_at=timezone.now() + datetime.timedelta(days=7),
    )  # fmt: skip
    year.delete_meeting(meeting=Meeting.objects.get(pk=plan.meeting_id))
    with pytest.raises(Gone):
        year.save_checklist(plan=plan, ticked=[])


def test_a_meeting_started_meanwhile_is_not_deleted(world):
    meeting = builders.make_meeting(world.amg, days=0)
    mine = Meeting.objects.get(pk=meeting.pk)
    Meeting.objects.filter(pk=meeting.pk).update(started_at=timezone.now())
    with pytest.raises(ValidationError):
        year.delete_meeting(meeting=mine)
    assert Meeting.objects.filter(pk=meeting.pk).exists()


def test_a_wheel_item_saved_after_it_was_deleted_is_gone(world):
    today = timezone.localdate()
    item = year.add_item(
        amg=world.amg, year=today.year, kind="eget", title="Trivselsdag", date=today, note="",
        now=timezone.now(),
    )  # fmt: skip
    mine = WheelItem.objects.get(pk=item.pk)
    year.delete_item(item=WheelItem.objects.get(pk=item.pk))
    with pytest.raises(Gone):
        year.update_item(
            item=mine, kind="eget", title="Ny", date=today, note="", now=timezone.now()
        )


# The views answer 404 with what happened --------------------------------------------------------


@pytest.fixture
def deleted_after_loading(monkeypatch):  # type: ignore[no-untyped-def]
    load = AMGContext.get

    def get_then_deleted(self, model, pk, queryset=None):  # type: ignore[no-untyped-def]
        found = load(self, model, pk, queryset)
        type(found).objects.filter(pk=found.pk).delete()
        return found

    monkeypatch.setattr(AMGContext, "get", get_then_deleted)


def test_notes_for_a_round_deleted_meanwhile_answer_404_with_the_reason(
    world, deleted_after_loading
):
    round_ = open_round(world)
    url = reverse("instrument_notes", args=[world.amg.pk, round_.pk])
    response = world.client_for("amr").post(url, {"notes": "Vores noter"})
    assert response.status_code == 404
    assert "Runden er slettet af et andet medlem" in response.content.decode()


def test_a_meeting_edited_after_it_was_deleted_answers_404_with_the_reason(
    world, deleted_after_loading
):
    meeting = builders.make_meeting(world.amg)
    when = timezone.localtime(meeting.starts_at + datetime.timedelta(hours=1))
    url = reverse("year_meeting_edit", args=[world.amg.pk, meeting.pk])
    data = {"starts_at": when.strftime("%Y-%m-%dT%H:%M"), "moedeleder": "Ny", "focus": ""}
    response = world.client_for("amr").post(url, data)
    assert response.status_code == 404
    assert "Mødet er slettet af et andet medlem" in response.content.decode()
    assert not Meeting.objects.filter(kind=MeetingKind.TAVLEMOEDE).exists()
