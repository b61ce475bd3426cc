from __future__ import annotations

import re

from django.core.management import call_command
from django.test import Client

from composition.demo.workplace import DEMO_PASSWORD
from forkant.models import AMG, Membership, OrganisationAdmin, User
from handleplan.models import Action, Meeting, Status, Theme


def snapshot() -> tuple[int, ...]:
    return (
        User.objects.count(),
        AMG.objects.count(),
        Membership.objects.count(),
        Theme.objects.count(),
        Action.objects.count(),
        Meeting.objects.count(),
    )


def test_the_demo_command_can_run_twice_without_duplicating_anything(db):
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    first = snapshot()
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert snapshot() == first


def test_the_demo_workplace_has_two_amgs_with_a_full_board(db):
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    school, daycare = AMG.objects.order_by("-name")
    assert school.organisation.name == "Demo Kommune"
    assert {t.name for t in Theme.objects.filter(amg=school)} >= {
        "Forebyggelse af stress",
        "Risikovurdering, ny organisation",
        "Interviews, generel trivsel",
    }
    actions = Action.objects.filter(amg=school)
    assert actions.count() >= 25
    assert {a.status for a in actions} == set(Status.values)
    assert actions.filter(status=Status.PARKERET).count() >= 3
    assert actions.filter(confidential=True).exists()
    assert Meeting.objects.filter(amg=school).exclude(moedeleder="").exists()
    assert Action.objects.filter(amg=daycare).exists()


def test_the_demo_accounts_match_the_readme(db):
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    school = AMG.objects.get(name="Solsikkeskolen")
    daycare = AMG.objects.get(name="Børnehuset Mælkebøtten")

    def member(email: str) -> Membership:
        return Membership.objects.get(user__email=email)

    assert member("leder@demo.dk").amg == school and not member("leder@demo.dk").read_only
    assert member("amr@demo.dk").amg == school and not member("amr@demo.dk").read_only
    assert member("laeser@demo.dk").amg == school and member("laeser@demo.dk").read_only
    assert member("amr2@demo.dk").amg == daycare
    assert OrganisationAdmin.objects.filter(user__email="admin@demo.dk").exists()
    client = Client()
    assert client.login(username="leder@demo.dk", password=DEMO_PASSWORD)
    readme = (__import__("pathlib").Path(__file__).resolve().parents[2] / "README.md").read_text()
    for email in (
        "leder@demo.dk",
        "amr@demo.dk",
        "laeser@demo.dk",
        "amr2@demo.dk",
        "admin@demo.dk",
    ):
        assert email in readme
    assert DEMO_PASSWORD in readme


def test_the_demo_shows_a_cards_history_and_a_card_in_the_bin(db):
    from composition.demo.workplace import load_demo
    from forkant.models import AMG
    from handleplan import history

    load_demo()
    load_demo()  # twice: the history is made once
    school = AMG.objects.get(name="Solsikkeskolen")
    card = school.actions.get(title="Fælles aftaler om mails efter kl. 17")
    versions = history.action_versions(school, card.pk)
    assert versions[-1].kind == "Oprettet"
    edits = [v for v in versions if v.kind == "Ændret" and v.changes]
    assert {v.who for v in edits} >= {"Hanne Bech", "Jonas Madsen"}
    assert any(c.label == "Hvordan" for v in edits for c in v.changes)
    binned, _themes = history.binned(school)
    assert [b.record.title for b in binned] == [
        "Spørgeskema om mails (erstattet af dialog på personalemødet)"
    ]


def test_the_demo_meetings_history_matches_what_is_saved(db):
    """A save of a stale copy would write a history row that differs from the row itself."""
    from composition.demo.workplace import load_demo
    from handleplan.models import Meeting

    load_demo()
    held = Meeting.objects.filter(ended_at__isnull=False)
    assert held.exists()
    for meeting in held:
        latest = meeting.history.order_by("-history_id").first()
        assert latest.referat == meeting.referat
        assert latest.ended_at == meeting.ended_at
        assert meeting.referat_sent_at == meeting.ended_at


def test_the_demo_commands_closing_message_lists_every_demo_account(db):
    import io

    out = io.StringIO()
    call_command("demo", stdout=out)
    message = out.getvalue()
    emails = set(User.objects.filter(email__endswith="@demo.dk").values_list("email", flat=True))
    assert len(emails) == 7
    for email in emails:
        assert email in message, email
    assert DEMO_PASSWORD in message
    assert re.search(r"tr@demo\.dk +Sara Holm, TR, Solsikkeskolen", message)


def test_with_the_sample_organisation_its_admin_is_listed_too(db):
    import io

    out = io.StringIO()
    call_command("demo", "--eksempel", "2", stdout=out)
    assert "overblik@demo.dk" in out.getvalue()
