from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from handleplan.forms import DATE
from handleplan.models import MeetingKind
from metoder.booklet import CHECKLIST_KEYS
from metoder.year.models import AgendaTemplate, ClosedPeriod, ItemKind, WheelItem
from metoder.year.services import Source

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


class GenerateForm(forms.Form):
    source = forms.ChoiceField(
        label=_("Byg året af"),
        choices=[
            (Source.TEMPLATE, _("Skabelonen (hæftets eksempel på et årshjul)")),
            (Source.LAST_YEAR, _("Sidste års årshjul")),
        ],
        widget=forms.RadioSelect,
        initial=Source.TEMPLATE,
    )


class ItemForm(forms.ModelForm):
    class Meta:
        model = WheelItem
        fields = ["kind", "title", "date", "note"]
        widgets = {"date": DATE, "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: object, year: int | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.year = year
        self.fields["kind"].choices = ItemKind.choices

    def clean_date(self):  # type: ignore[no-untyped-def]
        date = self.cleaned_data["date"]
        if self.year is not None and date.year != self.year:
            raise forms.ValidationError(_("Datoen skal ligge i %(year)s.") % {"year": self.year})
        return date


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Slags møde"), choices=MeetingKind.choices)
    starts_at = forms.DateTimeField(
        label=_("Dato og tidspunkt"), widget=DATETIME, input_formats=DATETIME_FORMATS
    )
    moedeleder = forms.CharField(label=_("Mødeleder"), max_length=120, required=False)
    focus = forms.CharField(label=_("Fokus"), max_length=200, required=False)

    def __init__(self, *args: object, year: int | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.year = year

    def clean_starts_at(self):  # type: ignore[no-untyped-def]
        starts_at = self.cleaned_data["starts_at"]
        if self.year is not None and starts_at.year != self.year:
            raise forms.ValidationError(_("Datoen skal ligge i %(year)s.") % {"year": self.year})
        return starts_at


class MeetingEditForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Dato og tidspunkt"), widget=DATETIME, input_formats=DATETIME_FORMATS
    )
    moedeleder = forms.CharField(label=_("Mødeleder"), max_length=120, required=False)
    focus = forms.CharField(label=_("Fokus"), max_length=200, required=False)
    agenda = forms.CharField(
        label=_("Dagsordenens punkter"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Ét punkt pr. linje. Det åbne arbejde fra tavlen og APV'en kommer med af sig selv."
        ),
    )


class TemplateForm(forms.ModelForm):
    class Meta:
        model = AgendaTemplate
        fields = ["focus", "items"]
        widgets = {"items": forms.Textarea(attrs={"rows": 8})}


class ChecklistForm(forms.Form):
    ticked = forms.MultipleChoiceField(
        choices=[(key, key) for key in sorted(CHECKLIST_KEYS)], required=False
    )


class ClosedPeriodForm(forms.ModelForm):
    class Meta:
        model = ClosedPeriod
        fields = ["name", "starts_on", "ends_on"]
        widgets = {"starts_on": DATE, "ends_on": DATE}
        labels = {"name": _("Hvad hedder perioden?")}
        help_texts = {"name": _("Fx “Sommerferie”, “Efterårsferie” eller “Lukkeuge”.")}

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error(
                "ends_on", _("Perioden skal slutte samme dag eller efter, den begynder.")
            )
        return data
