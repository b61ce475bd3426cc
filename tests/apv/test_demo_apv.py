"""The demo school has a complete, realistic APV, so every APV page shows something real."""

from __future__ import annotations

import io

from django.core.management import call_command

from apv.absence import absence_table
from apv.models import APV, Incident, Problem, RiskAssessment
from forkant.models import AMG


def test_the_demo_school_has_an_apv_with_every_part_filled_in(db):
    call_command("demo", stdout=io.StringIO())
    school = AMG.objects.get(name="Solsikkeskolen")
    current, old = APV.objects.filter(amg=school).order_by("-start_date")
    assert old.is_closed and current.previous == old
    assert current.dialog_sessions.exists() and current.surveys.exists()
    assert current.gennemgange.exists() and current.inputs.exists()
    assert current.problems.filter(permanent=True).exists()
    assert Problem.objects.filter(apv=current, actions__isnull=False).count() >= 3
    assert current.absence_contributes
    assert {r.kind for r in RiskAssessment.objects.filter(amg=school)} == set(
        RiskAssessment.Kind.values
    )
    assert Incident.objects.filter(amg=school).count() >= 3
    tables = absence_table(current.absences.select_related("area"))
    assert all(table.any_suppressed for table in tables)  # the small unit
    assert all(table.total is not None for table in tables)


def test_loading_the_demo_twice_does_not_duplicate_the_apv(db):
    call_command("demo", stdout=io.StringIO())
    call_command("demo", stdout=io.StringIO())
    school = AMG.objects.get(name="Solsikkeskolen")
    assert APV.objects.filter(amg=school).count() == 2
    assert RiskAssessment.objects.filter(amg=school).count() == 4


def test_the_demo_school_tells_a_realistic_readiness_story(db):
    """Most points in order, some due soon, a few overdue – the ones the demo means to show."""
    from forkant import obligations
    from forkant.lib.dates import today

    call_command("demo", stdout=io.StringIO())
    call_command("demo", stdout=io.StringIO())  # twice: still one of each
    school = AMG.objects.get(name="Solsikkeskolen")
    assert school.violence_guidelines.count() == 1
    current = APV.objects.filter(amg=school).order_by("-start_date").first()
    assert current.factor_assessments.count() == 5
    states = {p.number: p.state for p in obligations.points(school, today=today())}
    in_order = [n for n, s in states.items() if s == obligations.State.OK]
    assert {1, 3, 4, 5, 8, 13} <= set(in_order)
    assert states[2] == states[12] == obligations.State.DUE_SOON  # the 3-year limit, the review
    assert states[6] == states[11] == obligations.State.OVERDUE  # a follow-up, EASY
    assert len(in_order) >= 7
