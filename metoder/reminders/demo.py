"""Demo reminder choices for the school's AMG: members with write access hear of waiting ideas,
the leder and the AMR of the APV; read-only members only of meetings. Idempotent."""

from __future__ import annotations

from forkant.models import AMG, Membership, Role
from metoder.reminders.models import ReminderPreference


def load_reminders(amg: AMG) -> None:
    for member in Membership.objects.filter(amg=amg):
        choices = {"ideas": not member.read_only, "apv": member.role in {Role.LEDER, Role.AMR}}
        if member.read_only:
            choices.update(actions=False, training=False)
        ReminderPreference.objects.update_or_create(membership=member, defaults=choices)
