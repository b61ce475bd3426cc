"""E-mail reminders (metoder/reminders.py, `manage.py send_reminders`): sent once, to the right
people, opt-outs respected, a failing mail server reported and retried, never lost."""

from __future__ import annotations

import datetime
import re
import smtplib
from decimal import Decimal

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from apv import services as apv_services
from forkant import services as core_services
from handleplan import services as board
from handleplan.models import Status
from metoder.reminders import services as reminder_services
from metoder.reminders.models import ReminderPreference, ReminderSent
from metoder.reminders.sending import collect, meeting_link, send_reminders
from metoder.training import services as training_services
from tests import builders

SITE = "https://forkant.example"


@pytest.fixture(autouse=True)
def _site(settings):  # type: ignore[no-untyped-def]
    settings.SITE_URL = SITE
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture(autouse=True)
def _inspection_quiet(request, monkeypatch):  # type: ignore[no-untyped-def]
    """A new test AMG has plenty an inspection would find; those reminders (the kind "tilsyn")
    are tested in test_reminders_tilsyn.py. A test that asks for `with_tilsyn` keeps them."""
    if "with_tilsyn" not in request.fixturenames:
        from metoder.reminders import sending

        monkeypatch.setattr(sending.obligations, "summaries", lambda ids, today: {})


@pytest.fixture
def with_tilsyn() -> None:
    """Keep the engine of obligations' reminders on (see _inspection_quiet)."""


@pytest.fixture
def trained(world):  # type: ignore[no-untyped-def]
    """Leder and AMR have taken the mandatory course: no training reminders to muddle a test."""
    for member in (world.leder, world.amr, world.outsider):
        training_services.add_course(
            membership=member, kind="obligatorisk", title="Arbejdsmiljøuddannelsen",
            days=Decimal(3), offered_on=None, taken_on=timezone.localdate(),
        )  # fmt: skip
    return world


def to(address: str) -> list[mail.EmailMessage]:
    return [m for m in mail.outbox if m.to == [address]]


def test_an_upcoming_meeting_reaches_every_member_once_with_its_link(trained):
    w = trained
    meeting = builders.make_meeting(w.amg, days=1, moedeleder="Mette")
    result = send_reminders()
    assert result.failed == []
    assert sorted(m.to[0] for m in mail.outbox) == [
        "amr@example.dk", "laeser@example.dk", "leder@example.dk",
    ]  # fmt: skip
    message = to("amr@example.dk")[0]
    link = f"{SITE}/amg/{w.amg.pk}/aarshjul/moede/{meeting.pk}/dagsorden/"
    assert meeting_link(meeting) == link
    assert link in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="{link}"' in html
    assert "Tavlemøde" in message.body and "mødeleder Mette" in message.body
    assert "påmindelse" in message.subject and w.amg.name in message.subject
    assert f"{SITE}{reverse('reminder_preferences')}" in message.body
    # Twice: nothing new.
    mail.outbox.clear()
    assert send_reminders().sent == 0
    assert mail.outbox == []


def test_a_meeting_further_away_or_already_started_is_not_reminded(trained):
    builders.make_meeting(trained.amg, days=5)
    builders.start_meeting(trained.other_amg)
    send_reminders()
    assert mail.outbox == []


def test_a_moved_meeting_is_a_new_reminder(trained):
    w = trained
    builders.make_meeting(w.amg, days=1)
    send_reminders()
    mail.outbox.clear()
    now = timezone.now()
    board.set_next_tavlemoede(
        amg=w.amg, starts_at=now + datetime.timedelta(hours=30), moedeleder="Mette", now=now
    )
    send_reminders()
    assert len(to("leder@example.dk")) == 1


def test_an_action_deadline_near_and_then_passed_goes_to_the_responsible_member_only(trained):
    w = trained
    today = timezone.localdate()
    action = builders.make_action(
        w.amg, w.theme, title="Ny mødekultur", responsible=w.amr,
        deadline=today + datetime.timedelta(days=3),
    )  # fmt: skip
    send_reminders()
    assert [m.to[0] for m in mail.outbox] == ["amr@example.dk"]
    assert "Fristen for „Ny mødekultur“ er" in mail.outbox[0].body
    assert f"{SITE}/amg/{w.amg.pk}/handlinger/{action.pk}/" in mail.outbox[0].body
    mail.outbox.clear()
    send_reminders()
    assert mail.outbox == []
    # Four days later the deadline has passed: one more reminder, then quiet again.
    later = timezone.now() + datetime.timedelta(days=4)
    send_reminders(now=later)
    assert len(mail.outbox) == 1
    assert "Fristen for „Ny mødekultur“ var" in mail.outbox[0].body
    mail.outbox.clear()
    send_reminders(now=later)
    assert mail.outbox == []


def test_a_finished_action_or_a_distant_deadline_is_not_reminded(trained):
    w = trained
    today = timezone.localdate()
    builders.make_action(w.amg, w.theme, responsible=w.amr, status=Status.AFSLUTTET,
                         deadline=today - datetime.timedelta(days=1))  # fmt: skip
    builders.make_action(w.amg, w.theme, responsible=w.amr,
                         deadline=today + datetime.timedelta(days=30))  # fmt: skip
    send_reminders()
    assert mail.outbox == []


def test_a_changed_deadline_is_a_new_reminder(trained):
    w = trained
    today = timezone.localdate()
    action = builders.make_action(w.amg, w.theme, responsible=w.amr,
                                  deadline=today + datetime.timedelta(days=2))  # fmt: skip
    send_reminders()
    board.update_action(action=action, deadline=today + datetime.timedelta(days=5))
    mail.outbox.clear()
    send_reminders()
    assert len(to("amr@example.dk")) == 1


def test_a_follow_up_near_goes_to_the_responsible_member(trained):
    w = trained
    soon = timezone.localdate() + datetime.timedelta(days=1)
    builders.make_action(w.amg, w.theme, title="Evaluer stille time", responsible=w.leder,
                         status=Status.OPFOELGNING, follow_up_on=soon)  # fmt: skip
    send_reminders()
    assert [m.to[0] for m in mail.outbox] == ["leder@example.dk"]
    assert "Opfølgningen på „Evaluer stille time“" in mail.outbox[0].body


def test_a_deadline_and_a_follow_up_of_one_action_are_two_reminders_each_with_its_phase(trained):
    w = trained
    today = timezone.localdate()
    passed, soon = today - datetime.timedelta(days=1), today + datetime.timedelta(days=2)
    action = builders.make_action(w.amg, w.theme, title="Støjmåling", responsible=w.amr,
                                  deadline=passed, follow_up_on=soon)  # fmt: skip
    (outgoing,) = collect(now=timezone.now())
    reminders = {r.key: (r.text, r.warn) for r in outgoing.reminders if r.kind == "actions"}
    assert reminders == {
        f"action-deadline:{action.pk}:{passed.isoformat()}:passed": (
            f"Fristen for „Støjmåling“ var {date_format(passed, 'j. F Y')}",
            True,
        ),
        f"action-follow-up:{action.pk}:{soon.isoformat()}:soon": (
            f"Opfølgningen på „Støjmåling“ er {date_format(soon, 'j. F Y')}",
            False,
        ),
    }


def test_the_apv_limit_goes_to_leder_and_amr_by_default(trained):
    w = trained
    today = timezone.localdate()
    apv_services.create_area(amg=w.amg, name="Indskolingen", kind="enhed",
                             last_assessed=today.replace(year=today.year - 3)
                             + datetime.timedelta(days=30))  # fmt: skip
    apv_services.create_area(amg=w.amg, name="Kontoret", kind="enhed", last_assessed=today)
    send_reminders()
    assert sorted(m.to[0] for m in mail.outbox) == ["amr@example.dk", "leder@example.dk"]
    assert "Indskolingen skal vurderes igen" in mail.outbox[0].body
    assert "Kontoret" not in mail.outbox[0].body


def test_ideas_waiting_go_to_members_who_can_moderate(trained):
    w = trained
    builders.make_idea(w.amg, "Bedre lys i personalerummet")
    send_reminders()
    assert sorted(m.to[0] for m in mail.outbox) == ["amr@example.dk", "leder@example.dk"]
    assert "Bedre lys i personalerummet" in mail.outbox[0].body
    assert f"{SITE}/amg/{w.amg.pk}/ideer/" in mail.outbox[0].body
    mail.outbox.clear()
    builders.make_idea(w.amg, "Cykelstativ")
    send_reminders()
    assert len(mail.outbox) == 2
    assert "Cykelstativ" in mail.outbox[0].body
    assert "Bedre lys" not in mail.outbox[0].body  # sent before


def test_training_due_goes_to_the_member_and_the_leder(world):
    send_reminders()  # world: leder and AMR took office today, mandatory course not taken
    leder_mail, amr_mail = to("leder@example.dk"), to("amr@example.dk")
    assert len(leder_mail) == len(amr_mail) == 1
    assert "Uddannelse for" in amr_mail[0].body
    assert world.amr.display_name in leder_mail[0].body  # the leder hears about the AMR
    assert world.leder.display_name not in amr_mail[0].body  # not the other way round
    assert to("laeser@example.dk") == []  # the rules do not apply to "andet medlem"
    link = f"{SITE}/amg/{world.amg.pk}/uddannelse/{world.amr.pk}/"
    assert link in amr_mail[0].body
    mail.outbox.clear()
    send_reminders()
    assert mail.outbox == []
    # Overdue after three months: a new reminder.
    send_reminders(now=timezone.now() + datetime.timedelta(days=100))
    assert len(to("amr@example.dk")) == 1
    assert "Uddannelse for" in to("amr@example.dk")[0].body


def test_opting_out_is_respected_and_opting_in_again_sends_what_is_new(trained):
    w = trained
    reminder_services.set_preferences(
        membership=w.amr, choices={"actions": True, "training": True}
    )  # meetings off
    builders.make_meeting(w.amg, days=1)
    send_reminders()
    assert to("amr@example.dk") == []
    assert len(to("leder@example.dk")) == 1
    reminder_services.set_preferences(membership=w.amr, choices={"meetings": True})
    mail.outbox.clear()
    send_reminders()
    assert [m.to[0] for m in mail.outbox] == ["amr@example.dk"]


def test_removed_members_and_archived_groups_get_nothing(trained):
    w = trained
    builders.make_meeting(w.amg, days=1)
    builders.make_meeting(w.other_amg, days=1)
    core_services.remove_member(membership=w.laeser, now=timezone.now())
    core_services.set_amg_archived(amg=w.other_amg, archived=True, now=timezone.now())
    send_reminders()
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["amr@example.dk", "leder@example.dk"]


class FailingBackend(LocmemBackend):
    """A mail server that refuses everything (or only the addresses in `refuse`)."""

    refuse: set[str] | None = None

    def send_messages(self, messages):  # type: ignore[no-untyped-def]
        for message in messages:
            if self.refuse is None or set(message.to) & self.refuse:
                raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


def test_a_failing_mail_server_is_reported_logged_and_retried_next_run(trained, settings, caplog):
    builders.make_meeting(trained.amg, days=1)
    settings.EMAIL_BACKEND = "tests.metoder.test_reminders.FailingBackend"
    FailingBackend.refuse = None
    with pytest.raises(CommandError, match="3 e-mail"):
        call_command("send_reminders")
    assert mail.outbox == []
    assert ReminderSent.objects.count() == 0  # nothing marked sent
    assert "retried next run" in caplog.text
    # The server is back: everything goes out, once.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_reminders")
    assert len(mail.outbox) == 3
    call_command("send_reminders")
    assert len(mail.outbox) == 3


def test_one_failing_recipient_does_not_stop_the_others(trained, settings, capsys):
    builders.make_meeting(trained.amg, days=1)
    settings.EMAIL_BACKEND = "tests.metoder.test_reminders.FailingBackend"
    FailingBackend.refuse = {"amr@example.dk"}
    try:
        with pytest.raises(CommandError):
            call_command("send_reminders")
    finally:
        FailingBackend.refuse = None
    assert sorted(m.to[0] for m in mail.outbox) == ["laeser@example.dk", "leder@example.dk"]
    assert "amr@example.dk" in capsys.readouterr().err
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()
    call_command("send_reminders")
    assert [m.to[0] for m in mail.outbox] == ["amr@example.dk"]


def test_dry_run_sends_and_logs_nothing(trained, capsys):
    builders.make_meeting(trained.amg, days=1)
    call_command("send_reminders", "--dry-run")
    assert "would send 3 e-mail(s)" in capsys.readouterr().out
    assert mail.outbox == []
    assert ReminderSent.objects.count() == 0


def test_collecting_costs_the_same_queries_for_one_or_many_groups(
    trained, with_tilsyn, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            collect(now=timezone.now())
        return len(captured)

    builders.make_meeting(trained.amg, days=1)
    builders.make_idea(trained.amg)
    few = count()
    org = trained.organisation
    for i in range(8):
        amg = builders.make_amg(org, f"Gruppe {i}")
        for role in ("leder", "amr", "tr"):
            builders.make_member(amg, role=role)
        builders.make_meeting(amg, days=1)
        builders.make_idea(amg)
        apv_services.create_area(amg=amg, name="Hele huset", kind="enhed",
                                 last_assessed=datetime.date(2020, 1, 1))  # fmt: skip
    assert count() == few
    assert few <= 32  # 10 of the reminders' own, the rest the engine of obligations'


# The member's own choices -----------------------------------------------------------------------


def test_the_preferences_page_shows_defaults_and_saves_choices(world):
    client = world.client_for("laeser")
    page = client.get(reverse("reminder_preferences"))
    assert page.status_code == 200
    html = page.content.decode()
    assert world.amg.name in html

    def box(kind: str) -> str:
        return re.search(rf'<input[^>]*name="m{world.laeser.pk}-{kind}"[^>]*>', html).group(0)

    assert "checked" in box("meetings")  # the defaults of a read-only member
    assert "checked" not in box("ideas")
    assert "checked" not in box("apv")
    assert "checked" not in box("tilsyn")
    response = client.post(reverse("reminder_preferences"), {f"m{world.laeser.pk}-ideas": "on"})
    assert response.status_code == 302
    preference = ReminderPreference.objects.get(membership=world.laeser)
    assert preference.as_dict() == {
        "meetings": False, "actions": False, "apv": False, "training": False, "ideas": True,
        "tilsyn": False,
        "rounds": False,
    }  # fmt: skip


def test_nobody_can_change_someone_elses_choices(world):
    client = world.client_for("laeser")
    hostile = {f"m{world.amr.pk}-meetings": "", f"m{world.outsider.pk}-ideas": "on",
               "junk": "x" * 10000}  # fmt: skip
    assert client.post(reverse("reminder_preferences"), hostile).status_code == 302
    assert not ReminderPreference.objects.filter(membership__in=[world.amr, world.outsider])


def test_an_org_admin_without_memberships_sees_that_there_is_nothing_to_choose(world):
    page = world.client_for("org_admin").get(reverse("reminder_preferences"))
    assert page.status_code == 200
    assert "ikke medlem af nogen arbejdsmiljøgruppe" in page.content.decode()


def test_the_preferences_page_needs_a_login(client):
    response = client.get(reverse("reminder_preferences"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_account_page_links_to_the_reminders(world):
    page = world.client_for("amr").get(reverse("account"))
    assert reverse("reminder_preferences") in page.content.decode()


def test_the_preferences_page_costs_the_same_queries_for_one_or_many_memberships(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = world.client_for("amr")

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("reminder_preferences")).status_code == 200
        return len(captured)

    one = count()
    for i in range(6):
        builders.make_member(builders.make_amg(world.organisation, f"G{i}"), world.amr.user)
    assert count() == one
