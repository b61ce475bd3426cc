"""Numbers people type: the digits 0–9 only, everywhere.

Python's `str.isdigit()` says yes to superscripts ("²", "⁰⁴⁵") that `int()` then refuses, and
`int()` and `Decimal()` take the digits of other scripts ("١٢٣", fullwidth "１２"). Neither is
a number anybody means in this app: a query parameter, a code or a form field written so is
refused like any other junk, never read as a number and never a 500.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_DIGITS = re.compile(r"[0-9]+")  # [0-9], not \d: \d matches every script's digits

ASCII_ONLY_MESSAGE = _("Skriv tallet med cifrene 0–9.")


def is_ascii_digits(raw: object) -> bool:
    """Whether `raw` is a string of the digits 0–9 (no sign, no spaces)."""
    return isinstance(raw, str) and _DIGITS.fullmatch(raw) is not None


def ascii_int(raw: object) -> int | None:
    """The whole number written in `raw` with the digits 0–9, or None for anything else."""
    return int(raw) if is_ascii_digits(raw) else None  # type: ignore[arg-type]


def body_length(meta: dict[str, Any]) -> int:
    """The request body's declared length (`request.META`); a missing or junk Content-Length
    counts as none, as Django reads it (such a body is bounded by DATA_UPLOAD_MAX_MEMORY_SIZE)."""
    return ascii_int(meta.get("CONTENT_LENGTH")) or 0


def is_ascii_number(raw: str) -> bool:
    """Whether a number as typed (sign, comma or point included) uses no other script's
    characters; the field or parser decides whether it is a number at all."""
    return raw.isascii()


class AsciiIntegerField(forms.IntegerField):
    """Django's IntegerField takes "１２" (int() does); this one takes the digits 0–9 only."""

    default_error_messages = {"ascii": ASCII_ONLY_MESSAGE}

    def to_python(self, value: Any) -> int | None:
        if isinstance(value, str) and not is_ascii_number(value):
            raise ValidationError(self.error_messages["ascii"], code="ascii")
        return super().to_python(value)


class AsciiDecimalField(forms.DecimalField):
    """Django's DecimalField takes "١٢٣" (Decimal() does); this one takes the digits 0–9 only."""

    default_error_messages = {"ascii": ASCII_ONLY_MESSAGE}

    def to_python(self, value: Any) -> Decimal | None:
        if isinstance(value, str) and not is_ascii_number(value):
            raise ValidationError(self.error_messages["ascii"], code="ascii")
        return super().to_python(value)
