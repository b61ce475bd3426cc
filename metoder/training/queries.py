"""Reads of the training record that pages, the dashboard, the organisation overview, the
inspection document and the reminders share. Each costs a constant number of queries."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet

from forkant.models import AMG, Membership
from metoder.training.models import (
    TRAINING_ROLES,
    TrainingCourse,
    TrainingStatus,
    training_status,
)


def courses_by_member(membership_ids: Iterable[int]) -> dict[int, list[TrainingCourse]]:
    """The courses of these members, in one query."""
    grouped: dict[int, list[TrainingCourse]] = defaultdict(list)
    for course in TrainingCourse.objects.filter(membership_id__in=list(membership_ids)):
        grouped[course.membership_id].append(course)
    return grouped


def statuses(members: Iterable[Membership], *, today: datetime.date) -> dict[int, TrainingStatus]:
    """Each member's training state by membership id (one query for all their courses)."""
    members = list(members)
    courses = courses_by_member(m.pk for m in members)
    return {m.pk: training_status(m, courses.get(m.pk, []), today=today) for m in members}


def _obliged(amg_ids: Iterable[int]) -> QuerySet[Membership]:
    return Membership.objects.filter(
        amg_id__in=list(amg_ids), role__in=TRAINING_ROLES, amg__archived_at__isnull=True
    )


def training_due_counts(amg_ids: list[int], *, today: datetime.date) -> dict[int, int]:
    """Per AMG (every id asked for), how many of the members the rules apply to have training
    due or overdue. Two queries, whatever the number of AMGs and members."""
    members = list(_obliged(amg_ids).only("pk", "amg_id", "role", "took_office"))
    amg_of = {m.pk: m.amg_id for m in members}
    counts: dict[int, int] = defaultdict(int)
    for pk, status in statuses(members, today=today).items():
        if status.needs_attention:
            counts[amg_of[pk]] += 1
    return {amg_id: counts.get(amg_id, 0) for amg_id in amg_ids}


@dataclass(frozen=True)
class TrainingRow:
    member: Membership
    status: TrainingStatus
    courses: list[TrainingCourse]


def training_rows(amg: AMG, *, today: datetime.date) -> list[TrainingRow]:
    """Every current member with their training (for the inspection document): two queries."""
    members = list(
        Membership.objects.filter(amg=amg)
        .select_related("user")
        .order_by("role", "user__first_name")
    )
    courses = courses_by_member(m.pk for m in members)
    rows = []
    for m in members:
        mine = courses.get(m.pk, [])
        rows.append(TrainingRow(m, training_status(m, mine, today=today), mine))
    return rows
