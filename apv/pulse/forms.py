"""The pulse's forms: a member opens one; a colleague answers it on a phone."""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apv import catalogue
from apv.pulse.models import MAX_UNITS, Pulse
from apv.validators import looks_like_cpr, reject_cpr

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
FIELD_PREFIX = "t-"  # an answer's theme fields: t-arbejdsmaengden, …, t-egen-1


class OpenPulseForm(forms.Form):
    opens_at = forms.DateTimeField(label=_("Åbner"), widget=DATETIME)
    closes_at = forms.DateTimeField(label=_("Lukker"), widget=DATETIME)
    own_1 = forms.CharField(label=_("Eget tema 1"), max_length=120, required=False)
    own_2 = forms.CharField(label=_("Eget tema 2"), max_length=120, required=False)
    own_3 = forms.CharField(
        label=_("Eget tema 3"),
        max_length=120,
        required=False,
        help_text=_("De fem temaer fra Metode 1 er altid med. I kan tilføje op til tre egne."),
    )
    units = forms.CharField(
        label=_("Enheder"),
        max_length=1500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Valgfrit: én enhed pr. linje. Kollegerne kan så vælge deres enhed; en enhed vises "
            "først, når mindst 5 fra den har svaret."
        ),
    )

    @classmethod
    def initial_for(cls, now: datetime.datetime) -> dict[str, datetime.datetime]:
        start = timezone.localtime(now).replace(second=0, microsecond=0)
        return {"opens_at": start, "closes_at": start + datetime.timedelta(days=7)}

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        for name in ("own_1", "own_2", "own_3", "units"):
            value = data.get(name) or ""
            if looks_like_cpr(value):
                try:
                    reject_cpr(value)
                except ValidationError as error:
                    self.add_error(name, error)
        if len(self.unit_list()) > MAX_UNITS:
            self.add_error("units", _("Højst %(n)s enheder.") % {"n": MAX_UNITS})
        return data

    def own_themes(self) -> list[str]:
        return [self.cleaned_data.get(f"own_{i}", "") for i in (1, 2, 3)]

    def unit_list(self) -> list[str]:
        return [line.strip() for line in (self.cleaned_data.get("units") or "").splitlines()]


POINT_CHOICES = [(str(point), str(point)) for point in range(1, 11)]


class AnswerForm(forms.Form):
    """One 1–10 choice per theme, the unit (when the pulse covers units), a proposal."""

    proposal = forms.CharField(
        label=_("Dit forslag"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Valgfrit: hvad skulle der til, for at du stod længere oppe? Arbejdsmiljøgruppen "
            "læser alle forslag, før noget bliver vist. Skriv ikke navne."
        ),
    )

    def __init__(self, *args, pulse: Pulse, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.pulse = pulse
        self.theme_fields = []
        for theme in pulse.themes:
            name = f"{FIELD_PREFIX}{theme.code}"
            self.fields[name] = forms.TypedChoiceField(
                label=theme.text,
                choices=POINT_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Vælg et tal fra 1 til 10."),
                    "invalid_choice": _("Vælg et tal fra 1 til 10."),
                },
            )
            self.theme_fields.append((theme, catalogue.DIALOG_SCALES.get(theme.code), name))
        if pulse.units:
            self.fields["unit"] = forms.ChoiceField(
                label=_("Din enhed"),
                required=False,
                choices=[("", _("Vil ikke oplyse")), *((u, u) for u in pulse.units)],
                error_messages={"invalid_choice": _("Vælg en af enhederne på listen.")},
            )
        self.order_fields([name for _t, _e, name in self.theme_fields] + ["unit", "proposal"])

    def unknown_themes(self) -> list[str]:
        """Theme fields posted that the pulse does not have (a tampered or stale form)."""
        known = {name for _t, _e, name in self.theme_fields}
        return [key for key in self.data if key.startswith(FIELD_PREFIX) and key not in known]

    def clean_proposal(self) -> str:
        value = self.cleaned_data["proposal"]
        reject_cpr(value)
        return value

    def themes(self):  # type: ignore[no-untyped-def]
        return [(theme, ends, self[name]) for theme, ends, name in self.theme_fields]

    def scores(self) -> dict[str, int]:
        return {
            name.removeprefix(FIELD_PREFIX): self.cleaned_data[name]
            for _t, _e, name in self.theme_fields
        }
