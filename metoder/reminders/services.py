"""Writes of the reminders: a member's choices (the sending is metoder/reminders.py)."""

from __future__ import annotations

from django.db import transaction

from forkant.models import Membership
from metoder.reminders.models import REMINDER_KINDS, ReminderPreference


@transaction.atomic
def set_preferences(*, membership: Membership, choices: dict[str, bool]) -> ReminderPreference:
    values = {field: bool(choices.get(field)) for field, _label, _help in REMINDER_KINDS}
    preference, _created = ReminderPreference.objects.update_or_create(
        membership=membership, defaults=values
    )
    return preference
