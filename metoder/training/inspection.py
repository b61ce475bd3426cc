"""The training record's section of the inspection bundle (read by composition.inspection)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from forkant.models import AMG
from metoder.training.queries import TrainingRow, training_rows


def training_section(amg: AMG, now: datetime.datetime) -> list[TrainingRow] | None:
    """The training record of the members the rules apply to, and anyone with a course."""
    rows = [
        row
        for row in training_rows(amg, today=timezone.localdate(now))
        if row.status.applies or row.courses
    ]
    return rows or None
