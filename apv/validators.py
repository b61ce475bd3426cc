"""Input the APV must never hold: CPR numbers."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# ddmmyy-xxxx, ddmmyyxxxx or ddmmyy xxxx with a plausible day and month.
CPR_LIKE = re.compile(r"(?<!\d)(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])\d{2}[-\s]?\d{4}(?!\d)")


def looks_like_cpr(text: str) -> bool:
    return bool(CPR_LIKE.search(text or ""))


def reject_cpr(text: str) -> None:
    if looks_like_cpr(text):
        raise ValidationError(
            _(
                "Feltet ser ud til at indeholde et CPR-nummer. Skriv aldrig CPR-numre eller "
                "helbredsoplysninger her – fjern nummeret og gem igen."
            ),
            code="cpr",
        )
