"""What the reminders tell members about self-assessment rounds (registered as the reminder
kind "rounds" in MetoderConfig.ready(); the reminders never import this topic): a round that
waits for their answer, once, and once more when its deadline is CLOSING_DAYS away or less."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from forkant.models import Membership
from metoder.instruments.queries import waiting_for_members

CLOSING_DAYS = 3


@dataclass(frozen=True)
class RoundReminder:
    membership_id: int
    key: str
    text: str
    path: str
    warn: bool = False


def due_rounds(members: list[Membership], now: datetime.datetime) -> list[RoundReminder]:
    today = timezone.localdate(now)
    due = []
    for waiting in waiting_for_members([m.pk for m in members]):
        round_, member_id = waiting.round, waiting.participant.membership_id
        deadline = round_.deadline
        if round_.opened_by_id != member_id:  # who opened it knows
            text = _("Selvevaluering venter på dit svar: %(title)s") % {"title": waiting.title}
            if deadline is not None:
                text += " " + _("(frist %(date)s)") % {"date": date_format(deadline, "j. F")}
            due.append(RoundReminder(member_id, f"round-open:{round_.pk}", text, waiting.path))
        if deadline is not None and today <= deadline <= today + datetime.timedelta(CLOSING_DAYS):
            due.append(
                RoundReminder(
                    member_id,
                    f"round-closing:{round_.pk}:{deadline.isoformat()}",
                    _("Sidste frist for dit svar på %(title)s er %(date)s")
                    % {"title": waiting.title, "date": date_format(deadline, "l j. F")},
                    waiting.path,
                    warn=True,
                )
            )
    return due
