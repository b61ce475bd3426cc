from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from forkant.lib.numbers import AsciiDecimalField
from handleplan.forms import DATE
from metoder.training.models import CourseKind

# A date field that says what it wants in Danish and refuses years no one means.
EARLIEST = datetime.date(1975, 1, 1)


def _check_date(value: datetime.date | None) -> datetime.date | None:
    if value is not None and not (EARLIEST <= value <= datetime.date(2100, 12, 31)):
        raise forms.ValidationError(_("Angiv en dato mellem 1975 og 2100."))
    return value


class TookOfficeForm(forms.Form):
    took_office = forms.DateField(
        label=_("Tiltrådt i arbejdsmiljøorganisationen"),
        required=False,
        widget=DATE,
        error_messages={"invalid": _("Skriv datoen som åååå-mm-dd.")},
        help_text=_("Den obligatoriske uddannelse skal være taget senest 3 måneder efter."),
    )

    def clean_took_office(self) -> datetime.date | None:
        return _check_date(self.cleaned_data.get("took_office"))


class CourseForm(forms.Form):
    kind = forms.ChoiceField(label=_("Slags"), choices=CourseKind.choices)
    title = forms.CharField(label=_("Kursus"), max_length=200)
    days = AsciiDecimalField(
        label=_("Dage"),
        min_value=Decimal("0.5"),
        max_value=Decimal("30"),
        max_digits=3,
        decimal_places=1,
        help_text=_("Halve dage er tilladt, fx 1,5."),
        error_messages={
            "invalid": _("Skriv antal dage som et tal, fx 1 eller 1,5."),
            "min_value": _("Mindst en halv dag."),
            "max_value": _("Højst 30 dage."),
            "max_digits": _("Højst 30 dage."),
            "max_decimal_places": _("Brug hele eller halve dage, fx 1,5."),
        },
        localize=True,
    )
    offered_on = forms.DateField(
        label=_("Tilbudt den"),
        required=False,
        widget=DATE,
        error_messages={"invalid": _("Skriv datoen som åååå-mm-dd.")},
    )
    taken_on = forms.DateField(
        label=_("Taget den"),
        required=False,
        widget=DATE,
        error_messages={"invalid": _("Skriv datoen som åååå-mm-dd.")},
        help_text=_("Tom, hvis kurset kun er tilbudt eller planlagt."),
    )

    def clean_title(self) -> str:
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError(_("Skriv kursets navn."))
        return title

    def clean_days(self) -> Decimal:
        days = self.cleaned_data["days"]
        if (days * 2) % 1:
            raise forms.ValidationError(_("Brug hele eller halve dage, fx 1,5."))
        return days

    def clean_offered_on(self) -> datetime.date | None:
        return _check_date(self.cleaned_data.get("offered_on"))

    def clean_taken_on(self) -> datetime.date | None:
        return _check_date(self.cleaned_data.get("taken_on"))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not self.errors and not data.get("offered_on") and not data.get("taken_on"):
            raise forms.ValidationError(
                _("Angiv hvornår kurset blev tilbudt, hvornår det blev taget, eller begge.")
            )
        return data
