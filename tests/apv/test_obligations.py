"""The APV's checks in the engine of obligations: each state, with the days around each
deadline, the reason in plain Danish and the form that fixes it."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from apv import services
from apv.models import APV, FactorAssessment, Incident, RiskAssessment
from apv.obligations import assessment, incidents, plan
from forkant.lib.dates import add_months, today
from forkant.obligations import State
from handleplan.models import Status
from tests import builders
from tests.apv import builders as apv_builders

DAY = datetime.timedelta(days=1)
FACTORS = ["arbejdsmaengde", "uklare_krav", "foelelsesmaessige_krav", "kraenkende", "vold"]


def run(check, amg, on: datetime.date | None = None) -> list:  # type: ignore[no-untyped-def]
    return list(check(amg, on or today()))


def states(found: list) -> list[State]:
    return [f.state for f in found]


def not_ok(found: list) -> list:
    return [f for f in found if f.state != State.OK]


def _apv(amg, **fields):  # type: ignore[no-untyped-def]
    return apv_builders.make_apv(amg, **fields)


def _problem(apv, **fields):  # type: ignore[no-untyped-def]
    fields.setdefault("cause", "Mange møder")
    fields.setdefault("affected", "Lærerne")
    return apv_builders.make_problem(apv, **fields)


def _close(apv: APV) -> APV:
    if not apv.problems.exists():
        services.record_no_problems(apv=apv, on=today(), with_whom="AMG")
    return services.close_apv(apv=apv, today=today())


# Point 2: areas within 3 years and changes -----------------------------------------------


def test_an_amg_without_areas_is_told_to_write_them(world):
    [finding] = run(assessment.apv_revision, world.amg)
    assert finding.state == State.MISSING
    assert finding.url == reverse("apv_areas", args=[world.amg.pk])


def test_an_area_never_assessed_is_missing(world):
    apv_builders.make_area(world.amg, "Kantinen")
    [finding] = run(assessment.apv_revision, world.amg)
    assert finding.state == State.MISSING
    assert finding.reason == "Kantinen er aldrig vurderet."
    assert finding.url == reverse("apv_new", args=[world.amg.pk])


@pytest.mark.parametrize(
    ("days_before_due", "expected"),
    [
        (91, State.OK),
        (90, State.DUE_SOON),
        (1, State.DUE_SOON),
        (0, State.DUE_SOON),
        (-1, State.OVERDUE),
    ],
)
def test_the_3_year_rule_around_its_deadline(world, days_before_due, expected):
    assessed = datetime.date(2023, 3, 1)
    apv_builders.make_area(world.amg, "Indskolingen", last_assessed=assessed)
    due = datetime.date(2026, 3, 1)
    [finding] = run(assessment.apv_revision, world.amg, due - days_before_due * DAY)
    assert finding.state == expected
    if expected == State.OVERDUE:
        assert finding.reason == (
            "Indskolingen blev sidst vurderet 1. marts 2023; fristen var 1. marts 2026."
        )
        assert finding.due == due
    if expected == State.OK:
        assert "1 område er vurderet inden for 3 år" in finding.reason


def test_an_apv_under_way_for_an_overdue_area_is_named_and_linked(world):
    area = apv_builders.make_area(world.amg, "SFO", last_assessed=datetime.date(2020, 1, 1))
    apv = _apv(world.amg, title="APV 2026", areas=[area])
    [finding] = run(assessment.apv_revision, world.amg)
    assert finding.state == State.OVERDUE
    assert finding.reason.endswith("APV 2026 er i gang.")
    assert finding.url == reverse("apv_detail", args=[world.amg.pk, apv.pk])


def test_a_change_after_the_last_assessment_needs_a_revision(world):
    area = apv_builders.make_area(world.amg, "SFO", last_assessed=today() - 100 * DAY)
    services.register_change(
        amg=world.amg, date=today() - 10 * DAY, kind="it", description="Nyt skema", areas=[area]
    )
    [finding] = run(assessment.apv_changes, world.amg)
    assert finding.state == State.MISSING
    assert "Ændringen “Nyt skema”" in finding.reason and "ingen APV er i gang" in finding.reason
    # A revision under way covers it: due soon, linked to the revision.
    apv = _apv(world.amg, areas=[area])
    [finding] = run(assessment.apv_changes, world.amg)
    assert finding.state == State.DUE_SOON
    assert finding.url == reverse("apv_detail", args=[world.amg.pk, apv.pk])


def test_a_change_before_the_last_assessment_asks_for_nothing(world):
    area = apv_builders.make_area(world.amg, "SFO", last_assessed=today() - 10 * DAY)
    services.register_change(
        amg=world.amg, date=today() - 100 * DAY, kind="it", description="Nyt skema", areas=[area]
    )
    assert states(run(assessment.apv_changes, world.amg)) == [State.OK]


# Point 3: risk assessment and the five factors ---------------------------------------------


def test_without_an_apv_the_apv_checks_say_so(world):
    for check in (
        assessment.risk_assessment,
        assessment.psychosocial_factors,
        assessment.absence_included,
        assessment.no_problems_statement,
        assessment.apv_available,
        plan.action_plan,
        plan.permanent_risks,
    ):
        [finding] = run(check, world.amg)
        assert finding.state == State.MISSING, check
        assert finding.reason == "Der er ingen APV endnu."
        assert finding.url == reverse("apv_new", args=[world.amg.pk])


def test_a_problem_without_cause_is_due_soon_while_the_apv_is_under_way(world):
    apv = _apv(world.amg)
    problem = _problem(apv, title="Tidspres", cause="", affected="")
    _problem(apv, title="Støj")
    found = run(assessment.risk_assessment, world.amg)
    assert states(found) == [State.DUE_SOON, State.OK]
    assert found[0].reason == "Problemet “Tidspres” mangler årsag og hvem det rammer."
    assert found[0].url == reverse("problem_edit", args=[world.amg.pk, problem.pk])


def test_a_closed_apv_missing_work_is_missing_and_the_fix_is_a_revision(world):
    apv = _apv(world.amg)
    _problem(apv, title="Tidspres", cause="")
    _close(apv)
    [finding] = run(assessment.risk_assessment, world.amg)
    assert finding.state == State.MISSING
    assert finding.url == reverse("apv_new", args=[world.amg.pk]) + f"?revision={apv.pk}"


def test_the_five_factors_not_assessed_are_listed(world):
    apv = _apv(world.amg, title="APV 2026")
    [finding] = run(assessment.psychosocial_factors, world.amg)
    assert finding.state == State.DUE_SOON
    assert finding.reason.startswith("5 af 5 risikofaktorer er ikke vurderet i APV 2026:")
    assert finding.url == reverse("part_analyse", args=[world.amg.pk, apv.pk]) + "#risikofaktorer"


def test_all_five_factors_assessed_is_in_order_and_counted(world):
    apv = _apv(world.amg)
    _problem(apv, risk_factors=["arbejdsmaengde"])
    verdicts = ["fundet", "ikke_fundet", "ikke_fundet", "ikke_relevant", "ikke_fundet"]
    services.assess_factors(
        apv=apv,
        assessments=[(f, v, "Fordi") for f, v in zip(FACTORS, verdicts, strict=True)],
        on=today(),
    )
    [finding] = run(assessment.psychosocial_factors, world.amg)
    assert finding.state == State.OK
    assert finding.reason.endswith("1 fundet, 3 ikke fundet, 1 ikke relevant.")


def test_a_factor_found_without_a_problem_is_not_in_order(world):
    apv = _apv(world.amg)
    services.assess_factors(
        apv=apv, assessments=[(f, "fundet", "Set i målingen") for f in FACTORS], on=today()
    )
    _problem(apv, risk_factors=["arbejdsmaengde", "uklare_krav", "kraenkende", "vold"])
    found = not_ok(run(assessment.psychosocial_factors, world.amg))
    assert [f.subject for f in found] == ["Høje følelsesmæssige krav"]
    assert found[0].url == reverse("problem_new", args=[world.amg.pk, apv.pk])


def test_assessing_a_factor_needs_its_why_and_an_open_apv(world):
    apv = _apv(world.amg)
    with pytest.raises(ValidationError):
        services.assess_factors(apv=apv, assessments=[("vold", "fundet", " ")], on=today())
    with pytest.raises(ValidationError):
        services.assess_factors(apv=apv, assessments=[("stjerner", "fundet", "x")], on=today())
    _close(apv)
    with pytest.raises(services.APVClosed):
        services.assess_factors(apv=apv, assessments=[("vold", "fundet", "x")], on=today())
    assert not FactorAssessment.objects.exists()


# Point 4: sickness absence -------------------------------------------------------------------


def test_sickness_absence_needs_figures_and_the_groups_assessment(world):
    from decimal import Decimal

    area = apv_builders.make_area(world.amg)
    apv = _apv(world.amg, title="APV 2026")
    [finding] = run(assessment.absence_included, world.amg)
    assert finding.state == State.DUE_SOON
    assert "ingen sygefraværstal" in finding.reason
    services.save_absence(
        apv=apv,
        area=area,
        period="2025",
        employees=12,
        short_days=Decimal(30),
        long_days=Decimal(5),
    )
    services.set_absence_assessment(apv=apv, contributes="delvist", assessment="Tidspres")
    [finding] = run(assessment.absence_included, world.amg)
    assert finding.state == State.OK
    assert finding.reason == (
        "APV 2026 har 1 tal for enheder og perioder; bidrager arbejdsforholdene: delvist."
    )


# Point 5: the handlingsplan and the permanent risks ----------------------------------------


def test_a_problem_without_an_action_is_not_in_the_plan(world):
    apv = _apv(world.amg)
    problem = _problem(apv, title="Tidspres")
    [finding] = run(plan.action_plan, world.amg)
    assert finding.state == State.DUE_SOON
    assert finding.url == reverse("problem_to_actions", args=[world.amg.pk, problem.pk])


def test_an_action_without_responsible_deadline_or_follow_up_is_missing_them(world):
    apv = _apv(world.amg)
    problem = _problem(apv)
    action = builders.make_action(world.amg, world.theme, title="Mødefri fredag")
    services.link_actions(problem=problem, actions=[action])
    [finding] = run(plan.action_plan, world.amg)
    assert finding.state == State.MISSING
    assert finding.reason == (
        "Handlingen “Mødefri fredag” mangler en ansvarlig, en frist, en opfølgningsdato."
    )
    assert finding.url == reverse("action_edit", args=[world.amg.pk, action.pk])


@pytest.mark.parametrize(
    ("offset", "expected"), [(1, State.OK), (0, State.OK), (-1, State.OVERDUE)]
)
def test_an_actions_deadline_around_the_day(world, offset, expected):
    apv = _apv(world.amg)
    problem = _problem(apv)
    on = today()
    action = builders.make_action(
        world.amg,
        world.theme,
        title="Mødefri fredag",
        responsible=world.amr,
        deadline=on + offset * DAY,
        follow_up_on=on + 30 * DAY,
    )
    services.link_actions(problem=problem, actions=[action])
    assert states(run(plan.action_plan, world.amg, on)) == [expected]
    if expected == State.OVERDUE:
        # Done or in follow-up, the deadline was kept.
        from handleplan import services as board

        board.update_action(action=action, status=Status.OPFOELGNING)
        assert states(run(plan.action_plan, world.amg, on)) == [State.OK]


def test_a_permanent_risk_needs_its_prevention_and_is_carried_into_the_revision(world):
    old = _apv(world.amg, title="APV 2023", start_date=today() - 1000 * DAY)
    risk = _problem(old, title="Udadreagerende elever", permanent=True)
    [finding] = run(plan.permanent_risks, world.amg)
    assert finding.state == State.DUE_SOON
    assert "har ingen fast forebyggelse" in finding.reason
    services.link_actions(problem=risk, actions=[world.action])
    _close(old)
    revision = _apv(world.amg, title="APV 2026", previous=old)
    [finding] = run(plan.permanent_risks, world.amg)
    assert finding.state == State.OK and "“Udadreagerende elever”" in finding.reason
    # Dropped from the revision: not kept.
    revision.problems.filter(permanent=True).delete()
    [finding] = run(plan.permanent_risks, world.amg)
    assert finding.state == State.DUE_SOON
    assert finding.reason == (
        "Den permanente risiko “Udadreagerende elever” fra APV 2023 er ikke ført med i APV 2026."
    )


# Point 6: follow-ups -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days_until", "expected"),
    [(15, State.OK), (14, State.DUE_SOON), (0, State.DUE_SOON), (-1, State.OVERDUE)],
)
def test_a_follow_up_around_its_date(world, days_until, expected):
    on = today()
    builders.make_action(
        world.amg, world.theme, title="Mødefri fredag", follow_up_on=on + days_until * DAY
    )
    found = run(plan.follow_up, world.amg, on)
    assert states(found)[0] == expected
    if expected == State.OVERDUE:
        assert found[0].reason.startswith("Opfølgningen på “Mødefri fredag” skulle have været")
        assert found[0].url.endswith("/evaluering/")


def test_an_evaluation_on_or_after_the_date_is_the_follow_up_done(world):
    on = today()
    action = builders.make_action(world.amg, world.theme, follow_up_on=on - 5 * DAY)
    services.add_evaluation(action=action, date=on - 6 * DAY, who="AMR", verdict="delvist")
    assert states(run(plan.follow_up, world.amg, on))[0] == State.OVERDUE
    services.add_evaluation(action=action, date=on - 5 * DAY, who="AMR", verdict="virket")
    assert states(run(plan.follow_up, world.amg, on)) == [State.OK]


def test_a_closed_action_has_no_follow_up_left(world):
    builders.make_action(
        world.amg, world.theme, status=Status.AFSLUTTET, follow_up_on=today() - 30 * DAY
    )
    [finding] = run(plan.follow_up, world.amg)
    assert finding.state == State.OK and finding.reason == "Ingen opfølgninger venter."


# Point 8: "no problems found" ---------------------------------------------------------------


def test_no_problems_and_no_statement_is_not_in_order_until_it_is_recorded(world):
    apv = _apv(world.amg, title="APV 2026")
    [finding] = run(assessment.no_problems_statement, world.amg)
    assert finding.state == State.DUE_SOON
    assert finding.url == (
        reverse("part_kortlaegning", args=[world.amg.pk, apv.pk]) + "#ingen-problemer"
    )
    services.record_no_problems(apv=apv, on=today(), with_whom="Hele personalegruppen")
    [finding] = run(assessment.no_problems_statement, world.amg)
    assert finding.state == State.OK and "Hele personalegruppen" in finding.reason


def test_an_apv_with_problems_needs_no_statement(world):
    _problem(_apv(world.amg))
    assert states(run(assessment.no_problems_statement, world.amg)) == [State.OK]


# Point 11: EASY -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days_after_absence", "expected"),
    [(13, State.DUE_SOON), (14, State.DUE_SOON), (15, State.OVERDUE)],
)
def test_an_accident_with_absence_around_the_14_day_deadline(world, days_after_absence, expected):
    first_day = datetime.date(2026, 3, 4)
    incident = apv_builders.make_incident(
        world.amg, kind=Incident.Kind.ULYKKE, date=datetime.date(2026, 3, 3), absence_from=first_day
    )
    [finding] = run(incidents.easy_report, world.amg, first_day + days_after_absence * DAY)
    assert finding.state == expected
    assert finding.due == datetime.date(2026, 3, 18)
    assert finding.url == reverse("incident_edit", args=[world.amg.pk, incident.pk])
    if expected == State.OVERDUE:
        assert finding.reason == (
            "Arbejdsulykke 3. marts 2026 med fravær fra 4. marts 2026 er ikke anmeldt i EASY; "
            "fristen var 18. marts 2026."
        )


def test_reported_on_time_is_in_order_and_reported_late_says_so(world):
    first_day = datetime.date(2026, 3, 4)
    apv_builders.make_incident(
        world.amg, absence_from=first_day, reported_easy=True, reported_on=first_day + 14 * DAY
    )
    late = apv_builders.make_incident(
        world.amg, absence_from=first_day, reported_easy=True, reported_on=first_day + 20 * DAY
    )
    found = run(incidents.easy_report, world.amg, datetime.date(2026, 6, 1))
    assert states(found) == [State.OK, State.OK]
    assert "6 dage efter fristen 18. marts 2026" in found[0].reason
    assert found[0].ref == f"incident:{late.pk}"
    assert found[1].reason == "1 hændelse med fravær er anmeldt i EASY inden fristen."


def test_incidents_without_absence_ask_for_no_report(world):
    apv_builders.make_incident(world.amg)
    [finding] = run(incidents.easy_report, world.amg)
    assert finding.state == State.OK
    assert finding.reason == "Ingen hændelser med fravær er registreret."


# Point 12: violence guidelines -----------------------------------------------------------


def _guideline(amg, reviewed: datetime.date):  # type: ignore[no-untyped-def]
    return services.save_guideline(
        amg=amg,
        title="Vold og trusler på skolen",
        text="Sådan gør vi",
        document="",
        agreed_by="MED-udvalget",
        agreed_on=reviewed,
        last_reviewed=reviewed,
    )


def test_no_signs_of_violence_asks_for_no_guidelines(world):
    [finding] = run(incidents.violence_guideline, world.amg)
    assert finding.state == State.OK
    assert "risikofaktoren er ikke vurderet" in finding.reason


def test_the_factor_not_relevant_is_in_order_with_its_why(world):
    apv = _apv(world.amg)
    services.assess_factors(
        apv=apv, assessments=[("vold", "ikke_relevant", "Kontorarbejde uden borgere")], on=today()
    )
    [finding] = run(incidents.violence_guideline, world.amg)
    assert finding.state == State.OK
    assert "Kontorarbejde uden borgere" in finding.reason


@pytest.mark.parametrize(
    "sign",
    ["incident", "factor", "risk"],
)
def test_violence_at_work_without_guidelines_is_missing_them(world, sign):
    if sign == "incident":
        apv_builders.make_incident(world.amg, kind=Incident.Kind.VOLD)
    elif sign == "factor":
        apv = _apv(world.amg)
        services.assess_factors(
            apv=apv, assessments=[("vold", "fundet", "Elever slår")], on=today()
        )
    else:
        apv_builders.make_risk(world.amg, kind=RiskAssessment.Kind.VOLD)
    [finding] = run(incidents.violence_guideline, world.amg)
    assert finding.state == State.MISSING
    assert finding.url == reverse("guideline_new", args=[world.amg.pk])


@pytest.mark.parametrize(
    ("days_before_due", "expected"),
    [(61, State.OK), (60, State.DUE_SOON), (0, State.DUE_SOON), (-1, State.OVERDUE)],
)
def test_guidelines_are_reviewed_every_12_months(world, days_before_due, expected):
    reviewed = datetime.date(2025, 9, 1)
    guideline = _guideline(world.amg, reviewed)
    due = add_months(reviewed, 12)
    [finding] = run(incidents.violence_guideline, world.amg, due - days_before_due * DAY)
    assert finding.state == expected
    assert finding.due == due == guideline.review_due
    assert finding.url == reverse("guideline_edit", args=[world.amg.pk, guideline.pk])


def test_guidelines_need_their_text_or_where_they_are(world):
    with pytest.raises(ValidationError):
        services.save_guideline(
            amg=world.amg,
            title="Tom",
            text=" ",
            document="",
            agreed_by="MED",
            agreed_on=today(),
            last_reviewed=today(),
        )


# Point 13: available to the employees ------------------------------------------------------


def test_the_apv_available_to_the_employees_closed_ones_too(world):
    apv = _apv(world.amg, title="APV 2026")
    [finding] = run(assessment.apv_available, world.amg)
    assert finding.state == State.DUE_SOON
    assert finding.url == reverse("apv_availability", args=[world.amg.pk, apv.pk])
    _close(apv)
    assert states(run(assessment.apv_available, world.amg)) == [State.MISSING]
    services.set_availability(apv=apv, on=datetime.date(2026, 3, 1), how="På intranettet")
    [finding] = run(assessment.apv_available, world.amg)
    assert finding.state == State.OK
    assert finding.reason == (
        "APV 2026 er tilgængelig for de ansatte siden 1. marts 2026: På intranettet"
    )
