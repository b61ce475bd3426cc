from __future__ import annotations

from typing import Any

from django import forms

from forkant.models import Membership
from metoder.reminders.models import REMINDER_KINDS


class PreferencesForm(forms.Form):
    """One checkbox per kind of reminder for one membership (prefixed with its id)."""

    def __init__(self, *args: Any, membership: Membership, initial: dict[str, bool], **kwargs: Any):
        super().__init__(*args, prefix=f"m{membership.pk}", initial=initial, **kwargs)
        self.membership = membership
        for field, label, help_text in REMINDER_KINDS:
            self.fields[field] = forms.BooleanField(
                label=label, help_text=help_text, required=False
            )
