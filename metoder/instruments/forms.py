"""Forms of the self-assessment rounds. The answer sheet itself is built from the instrument's
items in the template and checked by `services.instruments.clean_answers`."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from forkant.models import AMG, Membership
from handleplan.forms import DATE, OnTheBoardForm
from handleplan.models import Action, Theme
from metoder.instruments import engine
from metoder.instruments.models import DecisionKind


class MemberChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Membership) -> str:  # type: ignore[override]
        return f"{obj.display_name} ({obj.get_role_display()})"


class OpenRoundForm(forms.Form):
    about = forms.CharField(label=_("Om hvad"), max_length=200, required=False)
    action = forms.ModelChoiceField(
        label=_("Indsatsen"), queryset=Action.objects.none(), required=False
    )
    participants = MemberChoice(
        label=_("Hvem svarer"),
        queryset=Membership.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Vælg mindst én, der skal svare.")},
    )
    deadline = forms.DateField(label=_("Frist"), required=False, widget=DATE)

    def __init__(self, *args: object, amg: AMG, instrument: engine.Instrument, **kwargs: object):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.instrument = instrument
        members = Membership.objects.filter(amg=amg, read_only=False).select_related("user")
        self.fields["participants"].queryset = members.order_by("user__first_name", "pk")
        if instrument.about == "action":
            self.fields["action"].queryset = Action.objects.filter(amg=amg).order_by("title")
            self.fields["action"].label = instrument.about_label or _("Indsatsen")
            self.fields["action"].required = True
            self.fields["action"].error_messages["required"] = _(
                "Vælg den indsats, runden handler om."
            )
            del self.fields["about"]
        else:
            del self.fields["action"]
            if instrument.about == "focus_points":
                self.fields["about"].label = instrument.about_label or _("Fokusområde")
                self.fields["about"].required = instrument.key == "kompetencenet"
            else:
                self.fields["about"].label = _("Anledning")
                self.fields["about"].help_text = _(
                    "Fx »Efter sommerferien« eller »Før AMG-mødet i marts«."
                )
        for index in range(1, instrument.max_custom_items + 1):
            self.fields[f"point_{index}"] = forms.CharField(
                label=_("Punkt %(n)d") % {"n": index}, max_length=80, required=index == 1
            )
            if index == 1:
                self.fields[f"point_{index}"].error_messages["required"] = _(
                    "Skriv mindst ét punkt, gruppen vil vurdere."
                )

    @property
    def point_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith("point_")]

    @property
    def main_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if not name.startswith("point_")]

    def custom_items(self) -> list[str]:
        return [
            self.cleaned_data[name].strip()
            for name in self.fields
            if name.startswith("point_") and self.cleaned_data.get(name, "").strip()
        ]


class NotesForm(forms.Form):
    notes = forms.CharField(
        label=_("Noter fra drøftelsen"),
        max_length=8000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class DecisionForm(OnTheBoardForm):
    """A decision on a round; an action also goes on the board. Its theme may be left out, and
    the choices read as they always have here (no "?", Django's empty choice)."""

    field_order = ["kind", "text", "item_key"]
    kind = forms.ChoiceField(label=_("Hvad bliver det til"))
    text = forms.CharField(label=_("Beslutning"), max_length=200)
    item_key = forms.ChoiceField(label=_("Om punktet"), required=False)
    theme = forms.ModelChoiceField(
        label=_("Tema på tavlen"),
        queryset=Theme.objects.none(),
        required=False,
        help_text=_(
            "Kun for handlinger. Uden tema kommer kortet i et tema med instrumentets navn."
        ),
    )
    responsible = forms.ModelChoiceField(
        label=_("Hvem rykker"), queryset=Membership.objects.none(), required=False
    )

    def __init__(
        self,
        *args: object,
        amg: AMG,
        instrument: engine.Instrument,
        items: list[engine.Item],
        **kwargs: object,
    ):
        super().__init__(*args, amg=amg, **kwargs)  # type: ignore[arg-type]
        labels = dict(DecisionKind.choices)
        self.fields["kind"].choices = [(k, labels[k]) for k in instrument.outcomes]
        self.fields["item_key"].choices = [("", _("Hele runden"))] + [
            (i.key, i.short) for i in items
        ]
