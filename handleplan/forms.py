from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forkant.models import AMG, Membership
from handleplan.models import Action, Status, Theme


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = [
            "title",
            "theme",
            "status",
            "responsible",
            "others",
            "deadline",
            "why",
            "how",
            "confidential",
            "follow_up_on",
            "follow_up_how",
            "follow_up_who",
        ]
        labels = {
            "title": _("Hvad?"),
            "why": _("Hvorfor?"),
            "responsible": _("Hvem rykker?"),
            "others": _("Hvem er ellers med?"),
            "how": _("Hvordan?"),
        }
        error_messages = {"title": {"required": _("Skriv, hvad handlingen går ud på.")}}
        widgets = {
            "title": forms.TextInput(attrs={"autocomplete": "off"}),
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "follow_up_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "why": forms.Textarea(attrs={"rows": 2}),
            "how": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: object, amg: AMG, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["theme"].queryset = Theme.objects.filter(amg=amg)
        self.fields["theme"].empty_label = None
        self.fields["responsible"].queryset = Membership.objects.filter(amg=amg).select_related(
            "user"
        )
        self.fields["responsible"].label_from_instance = lambda m: m.display_name
        self.fields["responsible"].empty_label = _("– ingen valgt –")

    def clean_title(self) -> str:
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError(_("Skriv, hvad handlingen går ud på."))
        return title


class ThemeForm(forms.Form):
    name = forms.CharField(label=_("Nyt tema"), max_length=120)

    def __init__(self, *args: object, amg: AMG, theme: Theme | None = None, **kw: object) -> None:
        super().__init__(*args, **kw)  # type: ignore[arg-type]
        self.amg = amg
        self.theme = theme
        if theme is not None:
            self.fields["name"].label = _("Navn på temaet")

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Giv temaet et navn."))
        clash = Theme.objects.filter(amg=self.amg, name__iexact=name)
        if self.theme is not None:
            clash = clash.exclude(pk=self.theme.pk)
        if clash.exists():
            raise forms.ValidationError(_("Der findes allerede et tema med det navn."))
        return name


class MoveForm(forms.Form):
    """Where a card goes: a column, optionally another row, optionally a place in the cell."""

    status = forms.ChoiceField(choices=Status.choices)
    theme = forms.ModelChoiceField(queryset=Theme.objects.none(), required=False)
    index = forms.IntegerField(min_value=0, max_value=10_000, required=False)

    def __init__(self, *args: object, amg: AMG, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["theme"].queryset = Theme.objects.filter(amg=amg)


class TavlemoedeForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Dato og tidspunkt"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    moedeleder = forms.CharField(
        label=_("Mødeleder"),
        max_length=120,
        required=False,
        help_text=_("Et medlem af gruppen eller en kollega, der leder mødet."),
        widget=forms.TextInput(attrs={"list": "moedeleder-options", "autocomplete": "off"}),
    )

    def clean_starts_at(self) -> datetime.datetime:
        starts_at = self.cleaned_data["starts_at"]
        if starts_at <= timezone.now():
            raise forms.ValidationError(_("Vælg et tidspunkt i fremtiden."))
        return starts_at

    def clean_moedeleder(self) -> str:
        return " ".join(self.cleaned_data["moedeleder"].split())
