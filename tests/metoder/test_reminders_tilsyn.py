"""The reminders of the kind "tilsyn": what an inspection would find (the engine of
obligations), once per finding and state, to the leder and the AMR unless they opt out; the
rules another kind covers are left to it."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from apv.models import Incident
from forkant.lib.dates import today
from metoder.reminders import services as reminder_services
from metoder.reminders.models import default_preferences
from metoder.reminders.sending import OWN_KIND, collect, send_reminders
from tests.apv import builders as apv_builders

SITE = "https://forkant.example"


@pytest.fixture(autouse=True)
def _site(settings):  # type: ignore[no-untyped-def]
    settings.SITE_URL = SITE
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def _tilsyn(outgoing, membership) -> list:  # type: ignore[no-untyped-def]
    for item in outgoing:
        if item.membership.pk == membership.pk:
            return [r for r in item.reminders if r.kind == "tilsyn"]
    return []


def _unreported_accident(world, days_ago: int = 20) -> Incident:  # type: ignore[no-untyped-def]
    first_day = today() - datetime.timedelta(days=days_ago)
    return apv_builders.make_incident(
        world.amg, kind=Incident.Kind.ULYKKE, date=first_day, absence_from=first_day
    )


def test_the_leder_and_the_amr_are_told_what_an_inspection_would_find(world):
    incident = _unreported_accident(world)
    outgoing = collect(now=timezone.now())
    for member in (world.leder, world.amr):
        texts = [r.text for r in _tilsyn(outgoing, member)]
        assert any("er ikke anmeldt i EASY" in t and t.endswith("(overskredet)") for t in texts)
    easy = next(r for r in _tilsyn(outgoing, world.leder) if "EASY" in r.text)
    assert easy.url == f"{SITE}/amg/{world.amg.pk}/haendelser/{incident.pk}/"
    assert easy.warn
    # Not the read-only member, and nobody of another AMG.
    assert _tilsyn(outgoing, world.laeser) == []
    assert all(
        r.url.startswith(f"{SITE}/amg/{world.other_amg.pk}/")
        for r in _tilsyn(outgoing, world.outsider)
    )


def test_each_finding_is_sent_once_and_again_when_its_state_changes(world):
    first_day = today() - datetime.timedelta(days=10)  # due in 4 days
    apv_builders.make_incident(world.amg, kind="ulykke", date=first_day, absence_from=first_day)
    send_reminders(now=timezone.now())
    first = [m for m in mail.outbox if m.to == ["leder@example.dk"]]
    assert len(first) == 1 and "skal anmeldes i EASY senest" in first[0].body
    assert "KLAR TIL TILSYN" in first[0].body  # the group's heading
    mail.outbox.clear()
    send_reminders(now=timezone.now())
    assert mail.outbox == []  # nothing new
    # Five days on, the deadline has passed: reminded once more, now as overdue.
    later = timezone.now() + datetime.timedelta(days=5)
    send_reminders(now=later)
    again = [m for m in mail.outbox if m.to == ["leder@example.dk"]]
    assert len(again) == 1 and "er ikke anmeldt i EASY; fristen var" in again[0].body


def test_opting_out_of_tilsyn_is_respected(world):
    _unreported_accident(world)
    choices = {**default_preferences(world.leder), "tilsyn": False}
    reminder_services.set_preferences(membership=world.leder, choices=choices)
    outgoing = collect(now=timezone.now())
    assert _tilsyn(outgoing, world.leder) == []
    assert _tilsyn(outgoing, world.amr) != []


def test_rules_another_kind_reminds_of_are_left_to_it(world):
    from apv import services as apv_services

    apv_services.create_area(
        amg=world.amg, name="Hele huset", kind="enhed", last_assessed=datetime.date(2020, 1, 1)
    )
    outgoing = collect(now=timezone.now())
    reminders = [r for o in outgoing for r in o.reminders]
    # The 3-year limit comes once, as the kind "apv", never as "tilsyn" too.
    assert [r.kind for r in reminders if "Hele huset" in r.text] == ["apv", "apv"]
    assert not [r for r in reminders if r.kind == "tilsyn" and r.key.split(":")[1] in OWN_KIND]
