"""A year that knows the holidays: the generated årshjul plans no meeting on a Danish public
holiday or in the AMG's own closed periods; the school summer holiday is suggested for the AMG
to confirm; saving a closed period moves the planned meetings out of it, agenda and all."""

from __future__ import annotations

import datetime

import holidays
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from handleplan.models import Meeting, MeetingKind
from metoder.year import closed_days, queries, services
from metoder.year.models import ClosedPeriod, PlannedMeeting, WheelItem
from tests import builders

YEAR = 2026
NOW = timezone.make_aware(datetime.datetime(YEAR, 3, 1, 12, 0))


def generate(amg, year=YEAR, source=services.Source.TEMPLATE):  # type: ignore[no-untyped-def]
    return services.generate_year(amg=amg, year=year, source=source)


def meeting_days(amg) -> list[datetime.date]:  # type: ignore[no-untyped-def]
    return [timezone.localtime(m.starts_at).date() for m in Meeting.objects.filter(amg=amg)]


def save_period(amg, name, starts_on, ends_on, period=None):  # type: ignore[no-untyped-def]
    return services.save_closed_period(
        amg=amg, period=period, name=name, starts_on=starts_on, ends_on=ends_on, now=NOW
    )


@pytest.mark.parametrize("year", [2026, 2027, 2028, 2029, 2030])
def test_no_generated_meeting_falls_on_a_danish_public_holiday(world, year):
    generate(world.amg, year)
    official = holidays.country_holidays("DK", years=year)
    days = meeting_days(world.amg)
    assert len(days) >= 14
    assert [d for d in days if d in official] == []
    assert all(d.weekday() < 5 for d in days)


def test_new_years_day_and_maundy_thursday_move_a_week_on(world):
    generate(world.amg)
    days = meeting_days(world.amg)
    # The first Thursdays of January and April 2026 are Nytårsdag and Skærtorsdag.
    assert datetime.date(YEAR, 1, 1) not in days and datetime.date(YEAR, 1, 8) in days
    assert datetime.date(YEAR, 4, 2) not in days and datetime.date(YEAR, 4, 9) in days


def test_the_template_suggests_the_school_summer_holiday_and_plans_nothing_in_it(world):
    generate(world.amg)
    summer = ClosedPeriod.objects.get(amg=world.amg)
    assert (summer.name, summer.suggested) == ("Sommerferie", True)
    assert (summer.starts_on, summer.ends_on) == (
        datetime.date(YEAR, 6, 27),
        datetime.date(YEAR, 8, 9),
    )
    assert [d for d in meeting_days(world.amg) if summer.starts_on <= d <= summer.ends_on] == []
    august = [d for d in meeting_days(world.amg) if d.month == 8]
    assert august == [datetime.date(YEAR, 8, 13)]  # the first Thursday after the holiday


def test_the_amgs_own_periods_are_respected_and_no_summer_is_suggested_over_them(world):
    save_period(world.amg, "Sommerlukning", datetime.date(YEAR, 7, 6), datetime.date(YEAR, 7, 31))
    save_period(
        world.amg, "Efterårsferie", datetime.date(YEAR, 10, 10), datetime.date(YEAR, 10, 18)
    )
    generate(world.amg)
    assert ClosedPeriod.objects.filter(amg=world.amg).count() == 2
    days = meeting_days(world.amg)
    assert datetime.date(YEAR, 7, 2) in days  # before the AMG's own summer closing
    assert [d for d in days if datetime.date(YEAR, 7, 6) <= d <= datetime.date(YEAR, 7, 31)] == []
    assert [
        d for d in days if datetime.date(YEAR, 10, 10) <= d <= datetime.date(YEAR, 10, 18)
    ] == []


def test_generated_items_move_off_weekends_and_holidays(world):
    generate(world.amg, 2029)  # 20 January 2029 is a Saturday
    item = WheelItem.objects.get(amg=world.amg, source_key="2029:uddannelse")
    assert item.date == datetime.date(2029, 1, 22)


def test_a_year_built_on_last_year_avoids_the_holidays_and_suggests_last_years_periods(world):
    save_period(
        world.amg, "Efterårsferie", datetime.date(2025, 10, 11), datetime.date(2025, 10, 19)
    )
    generate(world.amg, 2025)
    generate(world.amg, 2026, services.Source.LAST_YEAR)
    official = holidays.country_holidays("DK", years=2026)
    days = [d for d in meeting_days(world.amg) if d.year == 2026]
    assert days and [d for d in days if d in official] == []
    autumn = ClosedPeriod.objects.get(amg=world.amg, name="Efterårsferie", starts_on__year=2026)
    assert autumn.suggested and autumn.starts_on == datetime.date(2026, 10, 10)  # same weekday
    assert ClosedPeriod.objects.filter(amg=world.amg, name="Sommerferie", starts_on__year=2026)


def test_saving_a_period_moves_planned_meetings_out_keeping_agenda_and_checklist(world):
    generate(world.amg)
    q2 = PlannedMeeting.objects.select_related("meeting").get(source_key=f"{YEAR}:amg-q2")
    services.update_meeting(
        meeting=q2.meeting,
        starts_at=q2.meeting.starts_at,
        moedeleder="Anne",
        focus="Vold",
        agenda="Siden sidst\nVoldspolitik",
        now=NOW,
    )
    services.save_checklist(plan=PlannedMeeting.objects.get(pk=q2.pk), ticked=["foer-doerkarm"])
    day = timezone.localtime(q2.meeting.starts_at).date()
    sequence = PlannedMeeting.objects.get(pk=q2.pk).sequence
    _period, moved = save_period(world.amg, "Lukkeuge", day, day + datetime.timedelta(days=6))
    assert [m.meeting.pk for m in moved if m.now] == [q2.meeting.pk]
    q2.refresh_from_db()
    q2.meeting.refresh_from_db()
    new_day = timezone.localtime(q2.meeting.starts_at)
    assert new_day.date() == day + datetime.timedelta(days=7)
    assert new_day.time() == datetime.time(14, 0)
    assert q2.agenda == "Siden sidst\nVoldspolitik"
    assert q2.checklist == ["foer-doerkarm"]
    assert q2.meeting.moedeleder == "Anne"
    assert q2.sequence == sequence + 1  # subscribed calendars update the event


def test_a_held_meeting_is_never_moved(world):
    meeting = builders.make_held_meeting(world.amg)
    day = timezone.localtime(meeting.starts_at).date()
    _period, moved = save_period(world.amg, "Lukket", day, day)
    meeting.refresh_from_db()
    assert moved == []
    assert timezone.localtime(meeting.starts_at).date() == day


def test_a_meeting_with_no_open_day_in_its_month_stays_and_is_reported(world):
    generate(world.amg)
    march = datetime.date(YEAR, 3, 5)
    _period, moved = save_period(
        world.amg, "Ombygning", datetime.date(YEAR, 3, 1), datetime.date(YEAR, 3, 31)
    )
    stuck = [m for m in moved if m.now is None]
    assert [m.was for m in stuck] == [march]
    assert march in meeting_days(world.amg)
    data = queries.year_data(world.amg, YEAR)
    flagged = [e for e in data.entries if e.closed_reason]
    assert [(e.date, e.closed_reason) for e in flagged] == [(march, "Ombygning")]


def test_a_period_that_ends_before_it_starts_is_refused(world):
    with pytest.raises(ValidationError):
        save_period(world.amg, "Baglæns", datetime.date(YEAR, 5, 2), datetime.date(YEAR, 5, 1))
    with pytest.raises(ValidationError):
        save_period(world.amg, "For lang", datetime.date(YEAR, 1, 1), datetime.date(YEAR + 2, 1, 1))
    assert not ClosedPeriod.objects.exists()


def test_the_meeting_rule_keeps_the_weekday_and_the_month():
    closed = closed_days.ClosedDays(
        holidays={datetime.date(YEAR, 5, 14): "Kristi himmelfartsdag"}, periods=[]
    )
    day = closed_days.meeting_day(datetime.date(YEAR, 5, 14), closed, quarterly=False)
    assert day == datetime.date(YEAR, 5, 21)
    closed.periods = [
        ClosedPeriod(
            name="Maj", starts_on=datetime.date(YEAR, 5, 1), ends_on=datetime.date(YEAR, 5, 31)
        )
    ]
    assert closed_days.meeting_day(datetime.date(YEAR, 5, 14), closed, quarterly=False) is None
    quarterly = closed_days.meeting_day(datetime.date(YEAR, 5, 19), closed, quarterly=True)
    assert quarterly == datetime.date(YEAR, 6, 2)  # a Tuesday in the same quarter


def test_the_suggested_school_summer_follows_the_usual_rule():
    assert closed_days.school_summer(2026) == (
        datetime.date(2026, 6, 27),
        datetime.date(2026, 8, 9),
    )
    assert closed_days.school_summer(2027) == (
        datetime.date(2027, 6, 26),
        datetime.date(2027, 8, 15),
    )


def test_the_holidays_have_their_danish_names():
    days = closed_days.danish_holidays([YEAR])
    assert days[datetime.date(YEAR, 5, 14)] == "Kristi himmelfartsdag"
    assert days[datetime.date(YEAR, 6, 5)] == "Grundlovsdag"
    assert days[datetime.date(YEAR, 12, 24)] == "Juleaftensdag"


# The page ---------------------------------------------------------------------------------------


def test_a_member_adds_edits_confirms_and_deletes_a_closed_period_on_the_wheel_page(world):
    client = world.client_for("leder")
    generate(world.amg)
    page = client.get(reverse("year_detail", args=[world.amg.pk, YEAR])).content.decode()
    assert "Ferier og lukkede dage" in page and "Forslag" in page and "Bekræft" in page
    assert "Kristi himmelfartsdag" in page  # the year's holidays are listed
    summer = ClosedPeriod.objects.get(amg=world.amg)
    response = client.post(
        reverse("closed_period_edit", args=[world.amg.pk, summer.pk]),
        {"name": "Sommerferie", "starts_on": "2026-06-27", "ends_on": "2026-08-09"},
    )
    assert response.status_code == 302
    summer.refresh_from_db()
    assert not summer.suggested
    response = client.post(
        reverse("closed_period_new", args=[world.amg.pk]),
        {"name": "Efterårsferie", "starts_on": "2026-10-10", "ends_on": "2026-10-18"},
    )
    assert response.status_code == 302
    bad = client.post(
        reverse("closed_period_new", args=[world.amg.pk]),
        {"name": "Baglæns", "starts_on": "2026-10-18", "ends_on": "2026-10-10"},
    )
    assert bad.status_code == 422
    assert "Perioden skal slutte samme dag eller efter" in bad.content.decode()
    autumn = ClosedPeriod.objects.get(name="Efterårsferie")
    assert (
        client.post(reverse("closed_period_delete", args=[world.amg.pk, autumn.pk])).status_code
        == 302
    )
    assert not ClosedPeriod.objects.filter(name="Efterårsferie").exists()


def test_the_page_says_which_meetings_moved(world):
    client = world.client_for("leder")
    generate(world.amg)
    response = client.post(
        reverse("closed_period_new", args=[world.amg.pk]),
        {"name": "Vinterferie", "starts_on": "2026-02-14", "ends_on": "2026-02-22"},
        follow=True,
    )
    html = response.content.decode()
    assert "“Vinterferie” er gemt." in html
    assert "Et møde i perioden er flyttet: AMG-møde 17. februar → 24. februar." in html


def test_a_meeting_planned_by_hand_on_a_holiday_is_flagged_on_the_list(world):
    services.add_meeting(
        amg=world.amg,
        kind=MeetingKind.TAVLEMOEDE,
        starts_at=services.local_dt(datetime.date(YEAR, 5, 14), datetime.time(8, 15)),
        moedeleder="",
    )
    page = world.client_for("laeser").get(reverse("year_detail", args=[world.amg.pk, YEAR]))
    assert "Lukket: Kristi himmelfartsdag" in page.content.decode()
