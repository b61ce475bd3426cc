"""Today's date where the app lives (settings.TIME_ZONE), not the server's or UTC's."""

from __future__ import annotations

import datetime

from django.utils import timezone


def today() -> datetime.date:
    """The local date now: what a deadline, a form's default date or the 3-year rule count from."""
    return timezone.localdate()
