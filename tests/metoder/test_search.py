"""The methods in the search: the annual evaluations (their own text and the answers to the
booklet's questions) and the notes of self-assessment rounds, never members' own answers."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from metoder.evaluation import services as evaluation
from metoder.instruments import services as instruments
from tests.searching import found


def test_an_evaluation_is_found_by_its_text_and_its_answers_to_the_booklets_questions(world):
    draft = evaluation.start_evaluation(amg=world.amg, year=2025)
    evaluation.save_draft(
        evaluation=draft,
        expected_version=None,
        answers={"nu": "Travlheden fylder", "krav": "Færre dokumentationskrav"},
        focus="Trivsel i SFO'en",
        looking_back="Mødekalenderen virkede",
        cooperation="Tavlemøder hver tredje uge",
    )
    for word in ("travlheden", "dokumentationskrav", "trivsel", "mødekalenderen", "tavlemøder"):
        assert found(world.laeser.user, word) == {"evalueringer": [draft.pk]}, word
    html = (
        world.client_for("laeser")
        .get(reverse("amg_search", args=[world.amg.pk]), {"q": "travlheden"})
        .content.decode()
    )
    assert "Årlig evaluering 2025" in html
    assert reverse("evaluation_detail", args=[world.amg.pk, draft.pk]) in html


def test_an_edited_evaluation_is_found_by_its_new_words(world):
    draft = evaluation.start_evaluation(amg=world.amg, year=2025)
    evaluation.save_draft(evaluation=draft, expected_version=None, answers={}, focus="Støj")
    evaluation.save_draft(evaluation=draft, expected_version=None, answers={}, focus="Lys")
    assert found(world.leder.user, "støj") == {}
    assert found(world.leder.user, "lys") == {"evalueringer": [draft.pk]}


def open_round(world, **fields):  # type: ignore[no-untyped-def]
    return instruments.open_round(
        amg=world.amg,
        instrument_key=fields.pop("key", "kompetencenet"),
        by=world.leder,
        participants=[world.leder, world.amr],
        now=timezone.now() - datetime.timedelta(days=2),
        **fields,
    )


def test_a_rounds_notes_and_what_it_was_about_are_found(world):
    round_ = open_round(world, about="Konflikthåndtering", custom_items=["Ro", "Ry"])
    instruments.save_notes(round_=round_, notes="Vi beder om et kursus i deeskalering")
    assert found(world.laeser.user, "deeskalering") == {"selvevalueringer": [round_.pk]}
    assert found(world.laeser.user, "konflikthåndtering") == {"selvevalueringer": [round_.pk]}
    html = (
        world.client_for("laeser")
        .get(reverse("amg_search", args=[world.amg.pk]), {"q": "deeskalering"})
        .content.decode()
    )
    assert reverse("instrument_round", args=[world.amg.pk, round_.pk]) + "#noter" in html


def test_members_own_answers_are_not_searchable(world):
    round_ = open_round(world, key="kompetencemodel")
    sheet = round_.participants.get(membership=world.leder)
    instruments.save_answers(
        participant=sheet,
        answers={"kommentar": {"text": "Privat bemærkning om ledelsen"}},
        now=timezone.now(),
    )
    assert sheet.answers.filter(text__contains="bemærkning").exists()
    assert found(world.amr.user, "bemærkning") == {}


def test_a_deleted_round_is_not_found(world):
    round_ = open_round(world, key="kompetencemodel")
    instruments.save_notes(round_=round_, notes="Om vikardækning")
    instruments.delete_round(round_=round_)
    assert found(world.leder.user, "vikardækning") == {}
