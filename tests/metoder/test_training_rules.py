"""The training rules as pure functions (metoder/models/training.py): no database needed.

Leder and AMR: the mandatory course within 3 months of taking office; the supplementary
training offered, 2 days in the first service year and 1½ days in each following one; service
years counted from the day of taking office (so mid-year starters get whole years)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from forkant.models import Membership, Role
from metoder.training.models import CourseKind, TrainingCourse, add_months, training_status

D = datetime.date
M, S = CourseKind.MANDATORY, CourseKind.SUPPLEMENTARY


START = D(2025, 1, 6)


def member(role: str = Role.AMR, took_office: datetime.date | None = START) -> Membership:
    return Membership(role=role, took_office=took_office)


def course(
    kind: str, days: str, offered: datetime.date | None = None, taken=None
) -> TrainingCourse:  # type: ignore[no-untyped-def]
    return TrainingCourse(kind=kind, title="Kursus", days=Decimal(days), offered_on=offered,
                          taken_on=taken)  # fmt: skip


def status(courses=(), *, today, **kwargs):  # type: ignore[no-untyped-def]
    return training_status(member(**kwargs), list(courses), today=today)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2025, 1, 6), 3, D(2025, 4, 6)),
        (D(2025, 11, 30), 3, D(2026, 2, 28)),  # no 30 February
        (D(2024, 2, 29), 12, D(2025, 2, 28)),  # leap day
        (D(2025, 10, 31), 1, D(2025, 11, 30)),
        (D(2025, 5, 31), -3, D(2025, 2, 28)),
    ],
)
def test_add_months_clamps_to_the_months_last_day(day, months, expected):
    assert add_months(day, months) == expected


# The mandatory course --------------------------------------------------------------------------


def test_the_mandatory_course_is_due_within_three_months_of_taking_office():
    s = status(today=D(2025, 2, 1))
    assert s.mandatory_due == D(2025, 4, 6)
    assert s.mandatory_state == "due"
    assert s.needs_attention


def test_the_mandatory_course_is_due_on_the_last_day_and_overdue_the_day_after():
    assert status(today=D(2025, 4, 6)).mandatory_state == "due"
    assert status(today=D(2025, 4, 7)).mandatory_state == "overdue"
    assert status(today=D(2025, 4, 7)).state == "overdue"


def test_a_taken_mandatory_course_is_done_even_if_taken_late():
    s = status([course(M, "3", taken=D(2025, 6, 1))], today=D(2025, 7, 1))
    assert s.mandatory_state == "done"
    assert s.mandatory_taken_on == D(2025, 6, 1)


def test_a_mandatory_course_only_planned_does_not_count_until_taken():
    planned = course(M, "3", offered=D(2025, 3, 1), taken=D(2025, 5, 10))
    s = status([planned], today=D(2025, 4, 20))
    assert s.mandatory_state == "overdue"
    assert s.mandatory_planned_on == D(2025, 3, 1)
    assert status([planned], today=D(2025, 5, 10)).mandatory_state == "done"


def test_a_mandatory_course_taken_before_taking_office_counts():
    s = status([course(M, "3", taken=D(2020, 9, 1))], today=D(2025, 2, 1))
    assert s.mandatory_state == "done"


def test_without_a_date_of_taking_office_the_deadline_is_unknown_and_needs_attention():
    s = status(today=D(2025, 2, 1), took_office=None)
    assert s.mandatory_state == "unknown"
    assert s.supplementary_state == "unknown"
    assert s.needs_attention


@pytest.mark.parametrize("role", [Role.TR, Role.ANDET])
def test_nothing_is_ever_due_for_roles_outside_the_arbejdsmiljoorganisation(role):
    s = status(today=D(2027, 1, 1), role=role)
    assert s.applies is False
    assert s.state == "none"
    assert not s.needs_attention
    assert status(today=D(2027, 1, 1), role=role, took_office=None).state == "none"


def test_the_rules_apply_to_the_leder_too():
    assert status(today=D(2025, 5, 1), role=Role.LEDER).state == "overdue"


# Supplementary training: the first year -----------------------------------------------------------


def test_the_first_year_needs_two_days_offered():
    s = status([course(M, "3", taken=D(2025, 2, 1))], today=D(2025, 6, 1))
    assert s.year.number == 1
    assert (s.year.start, s.year.end) == (D(2025, 1, 6), D(2026, 1, 5))
    assert s.year.required == Decimal(2)
    assert s.previous_year is None
    assert s.supplementary_state == "ok"  # plenty of time left


def test_the_first_year_is_due_in_its_last_60_days_and_overdue_after_it():
    taken = course(M, "3", taken=D(2025, 2, 1))
    one_day = course(S, "1", offered=D(2025, 5, 1))
    assert status([taken, one_day], today=D(2025, 11, 6)).supplementary_state == "ok"
    s = status([taken, one_day], today=D(2025, 11, 7))
    assert s.supplementary_state == "due"
    assert s.year.missing == Decimal(1)
    assert s.supplementary_due == D(2026, 1, 5)
    after = status([taken, one_day], today=D(2026, 1, 6))
    assert after.year.number == 2
    assert after.supplementary_state == "overdue"
    assert after.previous_year.missing == Decimal(1)
    assert after.supplementary_due == D(2026, 1, 5)


def test_half_days_add_up_and_offered_counts_even_if_not_taken():
    taken = course(M, "3", taken=D(2025, 2, 1))
    courses = [
        taken,
        course(S, "0.5", offered=D(2025, 3, 1), taken=D(2025, 3, 1)),
        course(S, "1.5", offered=D(2025, 9, 1)),  # offered, declined
    ]
    s = status(courses, today=D(2025, 12, 20))
    assert s.year.offered == Decimal(2)
    assert s.year.taken == Decimal("0.5")
    assert s.supplementary_state == "ok"
    assert s.state == "ok"


def test_a_course_with_only_a_taken_date_counts_on_that_date():
    courses = [course(M, "3", taken=D(2025, 2, 1)), course(S, "2", taken=D(2025, 4, 1))]
    assert status(courses, today=D(2025, 12, 20)).year.offered == Decimal(2)


# Supplementary training: the following years ------------------------------------------------------


def test_following_years_need_one_and_a_half_days():
    courses = [
        course(M, "3", taken=D(2025, 2, 1)),
        course(S, "2", offered=D(2025, 6, 1)),
        course(S, "1.5", offered=D(2026, 3, 1)),
    ]
    s = status(courses, today=D(2026, 12, 1))
    assert s.year.number == 2
    assert (s.year.start, s.year.end) == (D(2026, 1, 6), D(2027, 1, 5))
    assert s.year.required == Decimal("1.5")
    assert s.year.met and s.previous_year.met
    assert s.state == "ok"


def test_one_day_in_a_following_year_is_not_enough():
    courses = [
        course(M, "3", taken=D(2025, 2, 1)),
        course(S, "2", offered=D(2025, 6, 1)),
        course(S, "1", offered=D(2026, 3, 1)),
    ]
    assert status(courses, today=D(2026, 12, 1)).supplementary_state == "due"
    later = status(courses, today=D(2027, 1, 6))
    assert later.year.number == 3
    assert later.supplementary_state == "overdue"
    assert later.previous_year.missing == Decimal("0.5")


def test_a_years_shortfall_is_overdue_for_one_year_then_only_the_new_year_counts():
    courses = [course(M, "3", taken=D(2025, 2, 1))]  # no supplementary training at all
    assert status(courses, today=D(2026, 6, 1)).supplementary_state == "overdue"  # year 1 short
    # Year 3: year 2 was short too, so still overdue; the rule looks at the last completed year.
    s = status(courses, today=D(2027, 6, 1))
    assert s.previous_year.number == 2
    assert s.supplementary_state == "overdue"


def test_extra_days_in_one_year_do_not_carry_over_to_the_next():
    courses = [course(M, "3", taken=D(2025, 2, 1)), course(S, "4", offered=D(2025, 6, 1))]
    s = status(courses, today=D(2026, 12, 1))
    assert s.year.offered == 0
    assert s.supplementary_state == "due"


# Joined mid-year -------------------------------------------------------------------------------


def test_someone_who_took_office_mid_year_gets_whole_service_years():
    mid = D(2025, 9, 15)
    courses = [course(M, "3", taken=D(2025, 11, 1)), course(S, "2", offered=D(2026, 8, 1))]
    # Across New Year the first year goes on: no calendar-year cut at 31 December.
    s = status(courses, today=D(2026, 2, 1), took_office=mid)
    assert s.year.number == 1
    assert (s.year.start, s.year.end) == (mid, D(2026, 9, 14))
    assert s.year.offered == Decimal(2)
    assert s.state == "ok"
    # The second year starts on the anniversary and needs 1½ days by 14 September 2027.
    s = status(courses, today=D(2026, 9, 15), took_office=mid)
    assert s.year.number == 2
    assert (s.year.start, s.year.end) == (D(2026, 9, 15), D(2027, 9, 14))
    assert s.year.required == Decimal("1.5")
    assert s.previous_year.met
    assert s.supplementary_state == "ok"
    assert status(courses, today=D(2027, 7, 20), took_office=mid).supplementary_state == "due"


def test_mid_year_mandatory_deadline_crosses_the_new_year():
    s = status(today=D(2026, 1, 10), took_office=D(2025, 11, 30))
    assert s.mandatory_due == D(2026, 2, 28)
    assert s.mandatory_state == "due"


def test_a_course_before_taking_office_does_not_count_for_the_first_year():
    courses = [course(M, "3", taken=D(2025, 10, 1)), course(S, "2", offered=D(2025, 8, 1))]
    s = status(courses, today=D(2026, 8, 1), took_office=D(2025, 9, 15))
    assert s.year.offered == 0
    assert s.supplementary_state == "due"


def test_someone_taking_office_in_the_future_has_nothing_overdue():
    s = status(today=D(2025, 1, 1), took_office=D(2025, 3, 1))
    assert s.year is None
    assert s.mandatory_state == "due"
    assert s.supplementary_state == "ok"


def test_leap_day_service_years():
    s = status(today=D(2025, 2, 28), took_office=D(2024, 2, 29))
    assert s.year.number == 2
    assert s.year.start == D(2025, 2, 28)
    assert s.previous_year.end == D(2025, 2, 27)
