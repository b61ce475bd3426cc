"""The group profiles the organisation overview and the inspection document read."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from forkant.models import Role
from metoder.instruments import services
from metoder.instruments.queries import GroupProfile, latest_group_profiles
from tests import builders

NOW = timezone.make_aware(datetime.datetime(2026, 3, 2, 10, 0))
SIX = {"aabenhed", "innovation", "motivation", "tid_ressourcer", "systematik", "teknikker_viden"}


def answered_round(amg, scores: list[dict[str, int]], *, now=NOW, submit=True):  # type: ignore[no-untyped-def]
    members = [builders.make_member(amg, role=Role.AMR) for _ in scores]
    round_ = services.open_round(
        amg=amg, instrument_key="kompetencemodel", by=members[0], participants=members, now=now
    )
    for member, score in zip(members, scores, strict=True):
        participant = round_.participants.get(membership=member)
        services.save_answers(
            participant=participant,
            answers={k: {"value": str(v)} for k, v in score.items()},
            now=now,
            submit=submit,
        )
    return round_


def full(value: int, **other: int) -> dict[str, int]:
    return {key: other.get(key, value) for key in SIX}


@pytest.mark.django_db
def test_latest_profile_is_the_groups_average_of_submitted_sheets() -> None:
    amg = builders.make_amg()
    answered_round(amg, [full(2), full(2)], now=NOW - datetime.timedelta(days=200))
    latest = answered_round(amg, [full(3, aabenhed=5), full(4, aabenhed=2), full(5, aabenhed=2)])
    profile = latest_group_profiles([amg.pk], "kompetencemodel")[amg.pk]
    assert isinstance(profile, GroupProfile)
    assert profile.round_id == latest.pk
    assert profile.respondents == 3
    assert profile.date == datetime.date(2026, 3, 2)
    assert profile.labels[0] == "Åbenhed og tillid" and len(profile.labels) == 6
    assert profile.means == [3.0, 4.0, 4.0, 4.0, 4.0, 4.0]


@pytest.mark.django_db
def test_unsubmitted_sheets_do_not_count_and_unknown_instrument_is_empty() -> None:
    amg = builders.make_amg()
    answered_round(amg, [full(1)], submit=False)
    assert latest_group_profiles([amg.pk], "kompetencemodel") == {}
    assert latest_group_profiles([amg.pk], "nonsense") == {}
    assert latest_group_profiles([], "kompetencemodel") == {}


@pytest.mark.django_db
@pytest.mark.parametrize("count", [2, 12])
def test_queries_are_constant_in_the_number_of_amgs(count: int) -> None:
    amgs = [builders.make_amg() for _ in range(count)]
    for amg in amgs:
        answered_round(amg, [full(3), full(4)])
    with CaptureQueriesContext(connection) as queries:
        profiles = latest_group_profiles([a.pk for a in amgs], "kompetencemodel")
    assert len(profiles) == count
    assert len(queries) == 2
