"""The demo workplace shows the workplace's voice and the meetings: ideas waiting, a placed
matrix, a nudging plan, and two past tavlemøder with referater."""

from __future__ import annotations

import io

from django.core.management import call_command

from composition.demo.workplace import SCHOOL
from forkant.models import AMG
from handleplan.models import Action, Idea, IdeaStatus, Meeting, MeetingEvent, NudgePlan
from handleplan.queries import matrix_for


def load() -> AMG:
    call_command("demo", stdout=io.StringIO())
    return AMG.objects.get(name=SCHOOL)


def test_the_demo_school_has_ideas_waiting_and_some_already_handled(db):
    school = load()
    ideas = Idea.objects.filter(amg=school)
    assert ideas.filter(status=IdeaStatus.NEW).count() == 4
    assert ideas.filter(status=IdeaStatus.PUBLISHED).count() == 1
    assert ideas.filter(status=IdeaStatus.DECLINED).count() == 1


def test_the_demo_matrix_has_placed_ideas_and_cards(db):
    matrix = matrix_for(load())
    placed = [item for quadrant in matrix.quadrants for item in quadrant.items]
    assert any(isinstance(item, Idea) for item in placed)
    assert sum(isinstance(item, Action) for item in placed) >= 2
    assert matrix.unplaced  # something left to prioritise at the next meeting


def test_the_demo_has_a_nudging_plan_and_two_past_tavlemoeder_with_referater(db):
    school = load()
    assert NudgePlan.objects.filter(action__amg=school).count() == 1
    held = Meeting.objects.filter(amg=school, kind="tavlemoede", ended_at__isnull=False).order_by(
        "started_at"
    )  # the held AMG-møde is the year's
    assert held.count() == 2
    for meeting in held:
        assert "Flyttede kort" in meeting.referat or "Kort i mål" in meeting.referat
        assert "Idéer fra arbejdspladsen" in meeting.referat
        assert meeting.events.exists()
    assert not Meeting.objects.filter(amg=school, started_at__isnull=False, ended_at=None).exists()


def test_loading_the_demo_twice_adds_no_second_set(db):
    load()
    counts = (Idea.objects.count(), Meeting.objects.count(), MeetingEvent.objects.count())
    load()
    assert (Idea.objects.count(), Meeting.objects.count(), MeetingEvent.objects.count()) == counts
