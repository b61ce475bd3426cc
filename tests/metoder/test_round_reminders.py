"""Members are told a self-assessment round is waiting: an e-mail when it opens (through the
reminders: sent once, the member's choice), on their front page, and a reminder before its
deadline if they have not answered."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from metoder.instruments import services as rounds
from metoder.reminders import services as reminder_services
from metoder.reminders.sending import collect, send_reminders
from metoder.training import services as training_services

SITE = "https://forkant.example"


@pytest.fixture(autouse=True)
def _site(settings):  # type: ignore[no-untyped-def]
    settings.SITE_URL = SITE
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def trained(world):  # type: ignore[no-untyped-def]
    """No training reminders to muddle a test."""
    for member in (world.leder, world.amr):
        training_services.add_course(
            membership=member, kind="obligatorisk", title="Arbejdsmiljøuddannelsen",
            days=Decimal(3), offered_on=None, taken_on=timezone.localdate(),
        )  # fmt: skip
    return world


def open_round(world, *, deadline_days: int | None = 10):  # type: ignore[no-untyped-def]
    now = timezone.now()
    return rounds.open_round(
        amg=world.amg,
        instrument_key="opgavepyramiden",
        by=world.leder,
        participants=[world.leder, world.amr],
        now=now,
        deadline=None
        if deadline_days is None
        else timezone.localdate() + datetime.timedelta(deadline_days),
    )


def texts(world, persona: str, now=None) -> list[str]:  # type: ignore[no-untyped-def]
    member = getattr(world, persona)
    outgoing = [o for o in collect(now=now or timezone.now()) if o.membership.pk == member.pk]
    return [r.text for o in outgoing for r in o.reminders if r.kind == "rounds"]


def submit(round_, member) -> None:  # type: ignore[no-untyped-def]
    rounds.save_answers(
        participant=round_.participants.get(membership=member),
        answers={k: {"value": "3"} for k in ("basale", "relationelle", "strategiske")},
        now=timezone.now(),
        submit=True,
    )


def test_opening_a_round_mails_the_members_asked_once_with_the_link_to_answer(trained):
    w = trained
    round_ = open_round(w)
    assert send_reminders().failed == []
    messages = [m for m in mail.outbox if m.to == ["amr@example.dk"]]
    assert len(messages) == 1
    body = messages[0].body
    assert "Selvevaluering venter på dit svar: Opgavepyramiden" in body
    assert f"{SITE}/amg/{w.amg.pk}/selvevaluering/{round_.pk}/svar/" in body
    assert "frist" in body and "-" not in body.split("frist", 1)[1].split(")")[0]  # no ISO date
    to_leder = [m.body for m in mail.outbox if m.to == ["leder@example.dk"]]
    assert not any("venter på dit svar" in body for body in to_leder)  # who opened it knows
    mail.outbox.clear()
    send_reminders()
    assert mail.outbox == []  # sent once


def test_a_member_who_opted_out_of_rounds_gets_none(trained):
    w = trained
    reminder_services.set_preferences(
        membership=w.amr, choices={"meetings": True, "actions": True, "rounds": False}
    )
    open_round(w)
    assert texts(w, "amr") == []


def test_the_deadline_brings_one_more_reminder_to_those_who_have_not_answered(trained):
    w = trained
    round_ = open_round(w, deadline_days=2)
    texts_amr = texts(w, "amr")
    assert len(texts_amr) == 2
    assert texts_amr[1].startswith("Sidste frist for dit svar på Opgavepyramiden er ")
    assert texts(w, "leder") == [texts_amr[1]]  # the opener too, who has not answered either
    submit(round_, w.leder)
    assert texts(w, "leder") == []
    send_reminders()
    mail.outbox.clear()
    send_reminders()
    assert mail.outbox == []


def test_no_reminder_for_a_closed_round_a_passed_deadline_or_a_submitted_sheet(trained):
    w = trained
    round_ = open_round(w, deadline_days=2)
    later = timezone.now() + datetime.timedelta(days=3)
    assert not any(t.startswith("Sidste frist") for t in texts(w, "amr", now=later))
    submit(round_, w.amr)
    assert texts(w, "amr") == []
    other = open_round(w, deadline_days=None)
    rounds.close_round(round_=other, now=timezone.now())
    assert texts(w, "amr") == []


def test_the_front_page_shows_the_round_waiting_for_the_member(trained):
    w = trained
    round_ = open_round(w)
    html = w.client_for("amr").get(reverse("dashboard")).content.decode()
    assert "En selvevaluering venter på dit svar" in html
    assert reverse("instrument_answer", args=[w.amg.pk, round_.pk]) in html
    submit(round_, w.amr)
    html = w.client_for("amr").get(reverse("dashboard")).content.decode()
    assert "venter på dit svar" not in html


def test_the_members_choose_it_on_their_reminders_page(trained):
    html = trained.client_for("amr").get(reverse("reminder_preferences")).content.decode()
    assert "Selvevalueringer" in html


def test_the_reminders_read_rounds_in_the_same_queries_for_1_and_10_rounds(trained):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    w = trained
    open_round(w)
    with CaptureQueriesContext(connection) as one:
        collect(now=timezone.now())
    for _n in range(9):
        open_round(w)
    with CaptureQueriesContext(connection) as ten:
        collect(now=timezone.now())
    assert len(ten) == len(one)
