"""Demo training records for the school's AMG.

Hanne (leder) is in order; Jonas (AMR) took office five months ago and has not taken the
mandatory course yet, so he is overdue; Sara (TR) has a course recorded though the rules do not
require one. Idempotent: running the demo again changes nothing."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from forkant.models import AMG, Membership, Role
from metoder.training.models import CourseKind, TrainingCourse, add_months

M, S = CourseKind.MANDATORY, CourseKind.SUPPLEMENTARY


def _course(
    member: Membership,
    kind: str,
    title: str,
    days: str,
    offered: datetime.date | None,
    taken: datetime.date | None,
) -> None:
    TrainingCourse.objects.update_or_create(
        membership=member,
        kind=kind,
        title=title,
        defaults={
            "amg": member.amg,
            "days": Decimal(days),
            "offered_on": offered,
            "taken_on": taken,
        },
    )


def load_training(amg: AMG, now: datetime.datetime) -> None:
    today = timezone.localdate(now)
    members = {m.role: m for m in Membership.objects.filter(amg=amg, read_only=False)}
    leder, amr, tr = members.get(Role.LEDER), members.get(Role.AMR), members.get(Role.TR)
    if leder:
        start = add_months(today, -40)
        Membership.objects.filter(pk=leder.pk).update(took_office=start)
        mandatory = "Den obligatoriske arbejdsmiljøuddannelse"
        _course(leder, M, mandatory, "3", None, add_months(start, 2))
        _course(leder, S, "Psykisk arbejdsmiljø og trivsel", "2", add_months(start, 7), None)
        _course(leder, S, "Forebyggelse af vold og trusler", "1.5", add_months(start, 18), None)
        _course(leder, S, "Den gode APV", "1.5", add_months(start, 30), add_months(start, 31))
        _course(leder, S, "Stresshåndtering for ledere", "1.5", add_months(start, 37), None)
    if amr:
        start = add_months(today, -5)
        Membership.objects.filter(pk=amr.pk).update(took_office=start)
        _course(amr, S, "Konflikthåndtering", "0.5", add_months(start, 2), add_months(start, 2))
    if tr:
        start = add_months(today, -14)
        Membership.objects.filter(pk=tr.pk).update(took_office=start)
        _course(tr, S, "Samarbejde i MED", "1", add_months(start, 4), add_months(start, 4))
