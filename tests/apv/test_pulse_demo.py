"""The demo school's pulses: two closed ones recorded in the kortlægning, one open on the wall."""

from __future__ import annotations

from django.core.management import call_command
from django.utils import timezone

from apv.models import DialogSession
from apv.pulse import queries
from forkant.models import AMG


def test_the_demo_school_has_two_closed_pulses_and_one_open(db):
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    school = AMG.objects.get(name="Solsikkeskolen")
    now = timezone.now()
    pulses = list(school.pulses.order_by("opens_at"))
    assert len(pulses) == 3
    assert [p.has_closed(now) for p in pulses] == [True, True, False]
    assert queries.open_pulse(school.pk, now) == pulses[2]
    records = DialogSession.objects.filter(pulse__in=pulses[:2])
    assert records.count() == 2
    assert all(not r.apv.is_closed for r in records)
    assert all(queries.results(p).shown for p in pulses)  # each has at least five answers
    _pulses, trends = queries.trend(school, now=now)
    samlet = next(t for t in trends if t.theme.code == "samlet")
    assert len([v for v in samlet.averages if v is not None]) == 2
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert school.pulses.count() == 3
