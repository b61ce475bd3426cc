"""Opfølgning: per action when, how and by whom; the follow-up date on the card; an evaluation log;
overdue follow-ups highlighted on the board and the APV page."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from apv import services
from apv.models import Evaluation
from tests.apv import builders as apv_builders


def test_the_follow_up_is_planned_on_the_action_and_shown_on_the_card(world):
    client = world.client_for("amr")
    response = client.post(
        reverse("follow_up_edit", args=[world.amg.pk, world.action.pk]),
        {"follow_up_on": "2099-03-01", "follow_up_how": "Spørg teamet", "follow_up_who": "Jonas"},
    )
    assert response.status_code == 302
    world.action.refresh_from_db()
    assert (world.action.follow_up_on, world.action.follow_up_who) == (
        datetime.date(2099, 3, 1),
        "Jonas",
    )
    board = client.get(reverse("board", args=[world.amg.pk])).content.decode()
    assert "Opfølgning 1. mar" in board
    detail = client.get(reverse("action_detail", args=[world.amg.pk, world.action.pk]))
    assert "Spørg teamet" in detail.content.decode()


def test_the_action_form_on_the_board_edits_the_follow_up_too(world):
    response = world.client_for("leder").post(
        reverse("action_edit", args=[world.amg.pk, world.action.pk]),
        {
            "title": "Fælles aftaler om mails",
            "theme": world.theme.pk,
            "status": "startet",
            "follow_up_on": "2099-05-01",
            "follow_up_how": "Dørkarmsinterviews",
        },
    )
    assert response.status_code == 302
    world.action.refresh_from_db()
    assert world.action.follow_up_how == "Dørkarmsinterviews"


def test_overdue_follow_ups_are_highlighted_on_the_board_and_the_apv_page(world):
    apv = apv_builders.make_apv(world.amg)
    problem = apv_builders.make_problem(apv)
    (action,) = services.problem_to_actions(problem=problem, titles=["Kursus"], theme=world.theme)
    services.set_follow_up(
        action=action,
        follow_up_on=timezone.localdate() - datetime.timedelta(days=2),
        follow_up_how="",
        follow_up_who="Hanne",
    )
    client = world.client_for("laeser")
    board = client.get(reverse("board", args=[world.amg.pk])).content.decode()
    assert "card-follow-up-overdue" in board
    assert "Opfølgning overskredet" in board
    page = client.get(reverse("apv_detail", args=[world.amg.pk, apv.pk])).content.decode()
    assert "Overskredne opfølgninger" in page and "Kursus" in page


def test_the_evaluation_log_records_date_who_verdict_and_note(world):
    apv = apv_builders.make_apv(world.amg)
    problem = apv_builders.make_problem(apv)
    (action,) = services.problem_to_actions(problem=problem, titles=["Kursus"], theme=world.theme)
    client = world.client_for("leder")
    response = client.post(
        reverse("evaluation_new", args=[world.amg.pk, action.pk])
        + "?tilbage="
        + reverse("part_opfoelgning", args=[world.amg.pk, apv.pk]),
        {"date": "2026-04-01", "who": "Hanne og Jonas", "verdict": "delvist", "note": "Halvdelen"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("part_opfoelgning", args=[world.amg.pk, apv.pk])
    evaluation = Evaluation.objects.get()
    assert (evaluation.action, evaluation.verdict) == (action, "delvist")
    page = client.get(response["Location"]).content.decode()
    assert "Hanne og Jonas" in page and "Delvist" in page and "Halvdelen" in page


def test_the_way_back_after_an_evaluation_never_leaves_the_amg(world):
    response = world.client_for("leder").post(
        reverse("evaluation_new", args=[world.amg.pk, world.action.pk])
        + "?tilbage=https://evil.example/",
        {"date": "2026-04-01", "who": "AMR", "verdict": "virket"},
    )
    assert response["Location"] == reverse("board", args=[world.amg.pk])
