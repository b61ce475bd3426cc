"""metoder's checks in the engine of obligations: AMG-møder held with attendance (the årshjul),
the annual arbejdsmiljødrøftelse, and the training rules — each state, around each deadline."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from forkant.lib.dates import add_months
from forkant.models import Role
from forkant.obligations import State
from handleplan.models import Meeting, MeetingKind
from metoder.evaluation.models import AnnualEvaluation
from metoder.evaluation.obligations import annual_discussion
from metoder.training import services as training
from metoder.training.obligations import mandatory_training, supplementary_training
from metoder.year.obligations import amo_meetings
from tests import builders

DAY = datetime.timedelta(days=1)
TODAY = datetime.date(2026, 6, 15)


def at(day: datetime.date, hour: int = 14) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def held(amg, day: datetime.date, attendees=()) -> Meeting:  # type: ignore[no-untyped-def]
    return builders.start_meeting(
        amg, kind=MeetingKind.AMG_MOEDE, attendees=list(attendees), now=at(day)
    )


def planned(amg, day: datetime.date) -> Meeting:  # type: ignore[no-untyped-def]
    return Meeting.objects.create(amg=amg, kind=MeetingKind.AMG_MOEDE, starts_at=at(day))


def states(found: list) -> list[State]:
    return [f.state for f in found]


# Point 7: AMG-møder ------------------------------------------------------------------------


def test_no_amg_meeting_in_a_year_is_missing_and_points_at_the_next_planned(world):
    [finding] = amo_meetings(world.amg, TODAY)
    assert finding.state == State.MISSING
    assert finding.url == reverse("year_wheel", args=[world.amg.pk])
    upcoming = planned(world.amg, TODAY + 10 * DAY)
    [finding] = amo_meetings(world.amg, TODAY)
    assert "Det næste er planlagt 25. juni 2026." in finding.reason
    assert finding.url == reverse("meeting_agenda", args=[world.amg.pk, upcoming.pk])


@pytest.mark.parametrize(
    ("days_since", "expected"),
    [(89, State.OK), (90, State.DUE_SOON), (120, State.DUE_SOON), (121, State.OVERDUE)],
)
def test_the_gap_between_amg_meetings_around_its_limit(world, days_since, expected):
    held(world.amg, TODAY - days_since * DAY, attendees=[world.leder, world.amr])
    found = list(amo_meetings(world.amg, TODAY))
    assert found[0].state == expected
    assert found[0].due == TODAY - days_since * DAY + 120 * DAY
    assert found[-1].reason == "Deltagerne er registreret ved 1 AMG-møde det seneste år."


def test_a_meeting_planned_in_time_is_in_order(world):
    held(world.amg, TODAY - 100 * DAY, attendees=[world.leder])
    nxt = planned(world.amg, TODAY + 10 * DAY)
    found = list(amo_meetings(world.amg, TODAY))
    assert found[0].state == State.OK
    assert found[0].url == reverse("meeting_agenda", args=[world.amg.pk, nxt.pk])


def test_a_meeting_planned_and_not_held_is_asked_about(world):
    held(world.amg, TODAY - 60 * DAY, attendees=[world.leder])
    missed = planned(world.amg, TODAY - 5 * DAY)
    planned(world.amg, TODAY - 90 * DAY)  # before the last one held: settled
    found = [f for f in amo_meetings(world.amg, TODAY) if f.ref.startswith("planned")]
    assert [f.ref for f in found] == [f"planned-meeting:{missed.pk}"]
    assert found[0].state == State.DUE_SOON
    assert found[0].reason.startswith("AMG-mødet planlagt 10. juni 2026 er ikke holdt i appen")


def test_a_meeting_held_without_attendees_is_missing_them(world):
    meeting = held(world.amg, TODAY - 10 * DAY)
    found = [f for f in amo_meetings(world.amg, TODAY) if f.state == State.MISSING]
    assert [f.reason for f in found] == [
        "Der er ikke registreret deltagere ved AMG-mødet 5. juni 2026."
    ]
    assert found[0].url == reverse("meeting_detail", args=[world.amg.pk, meeting.pk])


def test_tavlemoeder_are_not_amg_meetings(world):
    builders.start_meeting(world.amg, attendees=[world.leder], now=at(TODAY - 5 * DAY))
    assert states(list(amo_meetings(world.amg, TODAY))) == [State.MISSING]


# Point 9: the annual discussion ------------------------------------------------------------


def _concluded(amg, day: datetime.date) -> AnnualEvaluation:  # type: ignore[no-untyped-def]
    return AnnualEvaluation.objects.create(
        amg=amg, year=day.year, held_on=day, concluded_at=at(day)
    )


def test_no_annual_discussion_is_missing_and_a_draft_is_named(world):
    [finding] = annual_discussion(world.amg, TODAY)
    assert finding.state == State.MISSING
    assert finding.url == reverse("evaluation_list", args=[world.amg.pk])
    draft = AnnualEvaluation.objects.create(amg=world.amg, year=2026)
    [finding] = annual_discussion(world.amg, TODAY)
    assert finding.reason.endswith("Kladden for 2026 er ikke afsluttet.")
    assert finding.url == reverse("evaluation_detail", args=[world.amg.pk, draft.pk])


@pytest.mark.parametrize(
    ("days_before_due", "expected"),
    [(61, State.OK), (60, State.DUE_SOON), (0, State.DUE_SOON), (-1, State.OVERDUE)],
)
def test_the_annual_discussion_within_12_months(world, days_before_due, expected):
    last = _concluded(world.amg, datetime.date(2025, 9, 10))
    due = datetime.date(2026, 9, 10)
    [finding] = annual_discussion(world.amg, due - days_before_due * DAY)
    assert finding.state == expected and finding.due == due
    if expected == State.OK:
        assert finding.reason == (
            "Holdt 10. september 2025, og referatet er gemt; den næste senest 10. september 2026."
        )
        assert finding.url == reverse("evaluation_detail", args=[world.amg.pk, last.pk])
    if expected == State.OVERDUE:
        assert "skulle have været holdt senest 10. september 2026" in finding.reason


def test_a_draft_is_not_a_discussion_held(world):
    AnnualEvaluation.objects.create(amg=world.amg, year=2026, held_on=TODAY)  # not concluded
    assert states(list(annual_discussion(world.amg, TODAY))) == [State.MISSING]


# Point 10: training ------------------------------------------------------------------------


def _amr(world, took_office: datetime.date | None):  # type: ignore[no-untyped-def]
    member = builders.make_member(
        world.other_amg, builders.make_user(first_name="Ali", last_name="Hassan"), Role.AMR
    )
    training.set_took_office(membership=member, took_office=took_office)
    return member


@pytest.mark.parametrize(
    ("offset", "expected"), [(-1, State.DUE_SOON), (0, State.DUE_SOON), (1, State.OVERDUE)]
)
def test_the_mandatory_course_within_3_months_of_taking_office(world, offset, expected):
    took = datetime.date(2026, 1, 20)
    member = _amr(world, took)
    due = add_months(took, 3)
    found = [
        f
        for f in mandatory_training(world.other_amg, due + offset * DAY)
        if f.subject == "Ali Hassan"
    ]
    assert states(found) == [expected]
    assert found[0].due == due
    assert found[0].url == reverse("training_member", args=[world.other_amg.pk, member.pk])
    if expected == State.OVERDUE:
        assert found[0].reason == (
            "Ali Hassan (arbejdsmiljørepræsentant) skulle have haft den obligatoriske "
            "arbejdsmiljøuddannelse senest 20. april 2026."
        )


def test_the_mandatory_course_taken_is_in_order_and_no_date_of_taking_office_is_missing(world):
    member = _amr(world, datetime.date(2026, 1, 20))
    training.add_course(
        membership=member,
        kind="obligatorisk",
        title="Arbejdsmiljøuddannelse",
        days=Decimal(3),
        offered_on=None,
        taken_on=datetime.date(2026, 3, 1),
    )
    found = list(mandatory_training(world.other_amg, TODAY))
    assert [f.state for f in found if "Ali Hassan" in f.reason] == [State.OK]
    # Taken is taken, even when the day of taking office is not known ...
    training.set_took_office(membership=member, took_office=None)
    found = mandatory_training(world.other_amg, TODAY)
    assert not [f for f in found if f.state != State.OK and f.subject == "Ali Hassan"]
    # ... but without the course, no date of taking office means no deadline can be computed.
    leder = builders.make_member(
        world.other_amg, builders.make_user(first_name="Birthe", last_name="Lund"), Role.LEDER
    )
    training.set_took_office(membership=leder, took_office=None)
    found = [f for f in mandatory_training(world.other_amg, TODAY) if f.subject == "Birthe Lund"]
    assert states(found) == [State.MISSING]
    assert found[0].reason.startswith("Tiltrædelsesdatoen for Birthe Lund (leder) mangler")


@pytest.mark.parametrize(
    ("days_in_office", "expected"),
    [(300, State.OK), (310, State.DUE_SOON), (400, State.OVERDUE)],
)
def test_the_supplementary_training_of_the_first_year(world, days_in_office, expected):
    _amr(world, TODAY - days_in_office * DAY)
    found = [f for f in supplementary_training(world.other_amg, TODAY) if "Ali Hassan" in f.reason]
    assert states(found) == [expected]
    if expected == State.OVERDUE:
        assert "fik tilbudt 0 af 2 dages supplerende uddannelse" in found[0].reason


def test_training_applies_to_leder_and_amr_only(world):
    tr = builders.make_member(world.amg, builders.make_user(), Role.TR)
    training.set_took_office(membership=tr, took_office=TODAY - 400 * DAY)
    reasons = " ".join(f.reason for f in mandatory_training(world.amg, TODAY))
    assert tr.display_name not in reasons
