"""The answer form keeps each question's source quietly, on demand: a closed <details> under the
question, not a line of small print under every one."""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils import timezone

from metoder.instruments import engine
from metoder.instruments import services as rounds


def test_every_questions_source_is_a_closed_details_on_the_answer_form(world):
    round_ = rounds.open_round(
        amg=world.amg,
        instrument_key="kompetencemodel",
        by=world.leder,
        participants=[world.leder, world.amr],
        now=timezone.now(),
    )
    html = (
        world.client_for("amr")
        .get(reverse("instrument_answer", args=[world.amg.pk, round_.pk]))
        .content.decode()
    )
    items = [i for i in engine.get("kompetencemodel").items if i.source]
    notes = re.findall(r'<details class="answer-source">(.*?)</details>', html, re.S)
    assert len(notes) == len(items) >= 6
    for item, note in zip(items, notes, strict=True):
        assert "<summary>Kilde" in note
        assert item.source in note
    assert '<details class="answer-source" open' not in html  # shown only when asked for
    assert '<p class="answer-source">' not in html
