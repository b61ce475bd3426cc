"""The demo workplace shows the workplace's voice and the meetings: ideas waiting, a placed
matrix, a nudging plan, and two past tavlemøder with referater."""

from __future__ import annotations

import io

from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from composition.demo.workplace import DEMO_FATE_TOKENS, SCHOOL
from forkant.models import AMG
from forkant.services import hash_token
from handleplan.models import Action, Idea, IdeaStatus, Meeting, MeetingEvent, NudgePlan
from handleplan.queries import actions_of, matrix_for


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


def test_the_demo_shows_ideas_coming_back_apologies_and_a_card_raised_by_two(db):
    school = load()
    # Each demo fate link (README) opens its idea's page, with its fate.
    expected = {
        "waiting": "Venter",
        "board": "På tavlen",
        "merged": "lagt den sammen med en lignende idé",
        "declined": "pedellen, som sørger for en ny sofa",
    }
    for kind, token in DEMO_FATE_TOKENS.items():
        response = Client().get(reverse("idea_fate", args=[token]))
        assert response.status_code == 200, kind
        assert expected[kind] in response.content.decode(), kind
    assert Idea.objects.filter(amg=school, status=IdeaStatus.MERGED).count() == 1
    card = Idea.objects.get(fate_token_hash=hash_token(DEMO_FATE_TOKENS["board"])).action
    raised = actions_of(school).get(pk=card.pk).raised_by
    assert raised == 2
    met = Meeting.objects.filter(amg=school, apologies__isnull=False).distinct().get()
    assert "Afbud: Sara Holm" in met.referat
