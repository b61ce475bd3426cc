"""Writes of the training record: every one keyword-only, in a transaction."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction

from forkant.models import Membership
from metoder.training.models import TrainingCourse


@transaction.atomic
def set_took_office(*, membership: Membership, took_office: datetime.date | None) -> Membership:
    Membership.objects.filter(pk=membership.pk).update(took_office=took_office)
    membership.took_office = took_office
    return membership


@transaction.atomic
def add_course(
    *,
    membership: Membership,
    kind: str,
    title: str,
    days: Decimal,
    offered_on: datetime.date | None,
    taken_on: datetime.date | None,
) -> TrainingCourse:
    return TrainingCourse.objects.create(
        amg_id=membership.amg_id,
        membership=membership,
        kind=kind,
        title=title,
        days=days,
        offered_on=offered_on,
        taken_on=taken_on,
    )


@transaction.atomic
def update_course(
    *,
    course: TrainingCourse,
    kind: str,
    title: str,
    days: Decimal,
    offered_on: datetime.date | None,
    taken_on: datetime.date | None,
) -> TrainingCourse:
    course.kind, course.title, course.days = kind, title, days
    course.offered_on, course.taken_on = offered_on, taken_on
    course.save(update_fields=["kind", "title", "days", "offered_on", "taken_on"])
    return course


@transaction.atomic
def delete_course(*, course: TrainingCourse) -> None:
    course.delete()
