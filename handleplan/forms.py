from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forkant.lib.numbers import AsciiIntegerField
from forkant.models import AMG, Membership
from handleplan.models import (
    Action,
    Decision,
    Effect,
    Idea,
    IdeaStatus,
    MeetingKind,
    NudgeType,
    Radius,
    Reach,
    Status,
    Theme,
)
from handleplan.similarity import likely_duplicates

# A date field's input: the browser's date picker, the value as ISO (yyyy-mm-dd).
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def fill_board_choices(form: forms.BaseForm, amg: AMG) -> None:
    """The AMG's own themes and members (by name) in a form's `theme` and `responsible` fields,
    where it has them."""
    if "theme" in form.fields:
        form.fields["theme"].queryset = Theme.objects.filter(amg=amg)
    if "responsible" in form.fields:
        responsible = form.fields["responsible"]
        responsible.queryset = Membership.objects.filter(amg=amg).select_related("user")
        responsible.label_from_instance = lambda m: m.display_name


class OnTheBoardForm(forms.Form):
    """What puts something on the board: the theme it goes under, who moves it and the deadline,
    chosen among the AMG's own themes and members (`amg=`).

    A form that asks for less sets the others to None; its own fields come after these unless its
    `field_order` names them first."""

    # Nothing chosen for the member: the first theme is rarely the right one.
    theme = forms.ModelChoiceField(
        label=_("Tema på tavlen"),
        queryset=Theme.objects.none(),
        empty_label=_("– vælg et tema –"),
        error_messages={"required": _("Vælg det tema, kortet skal stå under.")},
    )
    responsible = forms.ModelChoiceField(
        label=_("Hvem rykker?"),
        queryset=Membership.objects.none(),
        required=False,
        empty_label=_("– ingen valgt –"),
    )
    deadline = forms.DateField(label=_("Frist"), required=False, widget=DATE)

    def __init__(self, *args: object, amg: AMG, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        fill_board_choices(self, amg)


class ActionForm(forms.ModelForm):
    # The card's version the form was filled in from: a save based on an older one is refused.
    version = AsciiIntegerField(
        widget=forms.HiddenInput, required=False, min_value=1, max_value=2_000_000_000
    )

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
            "deadline": DATE,
            "follow_up_on": DATE,
            "why": forms.Textarea(attrs={"rows": 2}),
            "how": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: object, amg: AMG, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        fill_board_choices(self, amg)
        self.fields["theme"].empty_label = None
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
    index = AsciiIntegerField(min_value=0, max_value=10_000, required=False)
    # The card's version on the member's board: a move based on a stale board is refused.
    version = AsciiIntegerField(min_value=1, max_value=2_000_000_000, required=False)

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


# Ideas from the workplace -------------------------------------------------------------------


def _one_line(value: str) -> str:
    return " ".join(value.split())


class IdeaForm(forms.Form):
    """The public idea form. `website` is a honeypot: hidden from people (and from screen
    readers), filled in only by bots that fill in everything."""

    text = forms.CharField(
        label=_("Din idé eller observation"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": 2000}),
        error_messages={
            "required": _("Skriv din idé, før du sender."),
            "max_length": _("Højst 2000 tegn – forkort teksten lidt."),
        },
    )
    name = forms.CharField(
        label=_("Dit navn"),
        max_length=100,
        required=False,
        help_text=_("Kun arbejdsmiljøgruppen ser dit navn. Det vises aldrig på tavlen."),
        error_messages={"max_length": _("Højst 100 tegn.")},
        widget=forms.TextInput(attrs={"autocomplete": "name", "maxlength": 100}),
    )
    website = forms.CharField(required=False, max_length=200, label=_("Lad dette felt stå tomt"))

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Skriv din idé, før du sender."))
        return text

    def clean_name(self) -> str:
        return _one_line(self.cleaned_data["name"])

    @property
    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))


class PublishIdeaForm(forms.Form):
    # The whole idea (up to a title's 200 characters), all of it in view to be shortened.
    title = forms.CharField(
        label=_("Kortets titel (Hvad?)"),
        max_length=200,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": 200}),
        error_messages={
            "required": _("Giv kortet en titel."),
            "max_length": _("Højst 200 tegn – forkort titlen lidt."),
        },
    )
    # No theme is chosen for the member: the first theme is rarely the right one.
    theme = forms.ModelChoiceField(
        label=_("Tema"),
        queryset=Theme.objects.none(),
        empty_label=_("– vælg et tema –"),
        error_messages={"required": _("Vælg det tema, kortet skal stå under.")},
    )

    def __init__(self, *args: object, amg: AMG, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["theme"].queryset = Theme.objects.filter(amg=amg)

    def clean_title(self) -> str:
        title = _one_line(self.cleaned_data["title"])
        if not title:
            raise forms.ValidationError(_("Giv kortet en titel."))
        return title


class MergeIdeaForm(forms.Form):
    """Which idea this one repeats: the likely duplicates (ideas sharing words with it, and why)
    first, then the others; none is chosen beforehand, so one click never merges the wrong one."""

    into = forms.ModelChoiceField(
        label=_("Samme idé som"),
        queryset=Idea.objects.none(),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Vælg den idé, den er en dublet af."),
            "invalid_choice": _("Den idé kan ikke vælges. Vælg en anden."),
        },
    )

    def __init__(self, *args: object, idea: Idea, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        candidates = list(
            Idea.objects.filter(
                amg_id=idea.amg_id, status__in=[IdeaStatus.NEW, IdeaStatus.PUBLISHED]
            )
            .exclude(pk=idea.pk)
            .select_related("action")
            .order_by("-created_at")
        )
        self.fields["into"].queryset = Idea.objects.filter(pk__in=[c.pk for c in candidates])
        matches = likely_duplicates(idea.text, ((c, _idea_words(c)) for c in candidates))
        # (idea, label, the words it shares with this one) for the likely duplicates ...
        self.suggestions = [(m.item, idea_label(m.item), m.explanation) for m in matches]
        suggested = {m.item.pk for m in matches}
        # ... and (idea, label) for the rest.
        self.others = [(c, idea_label(c)) for c in candidates if c.pk not in suggested]

    @property
    def chosen(self) -> str:
        return str(self["into"].value() or "")


def _idea_words(idea: Idea) -> str:
    return f"{idea.action.title} {idea.text}" if idea.action is not None else idea.text


def idea_label(idea: Idea) -> str:
    if idea.status == IdeaStatus.PUBLISHED and idea.action is not None:
        return f"{idea.action.title} ({_('på tavlen')})"
    return idea.short_text


class DeclineIdeaForm(forms.Form):
    reason = forms.CharField(
        label=_("Begrundelse – kun til gruppen"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Fx “Hører under ledelsen” eller “Er allerede løst”. Kun gruppen ser den."),
        error_messages={"required": _("Skriv en begrundelse.")},
    )
    shared_reason = forms.CharField(
        label=_("Begrundelse til den, der sendte idéen"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Vises på afsenderens private link til idéen, hvis I skriver noget. Uden navne på "
            "kolleger eller andre personlige oplysninger."
        ),
        error_messages={"max_length": _("Højst 1000 tegn.")},
    )


class BoardSettingsForm(forms.Form):
    stalled_weeks = AsciiIntegerField(
        label=_("Et kort står stille efter (uger)"),
        min_value=1,
        max_value=52,
        help_text=_("Kort i Startet eller Godt i gang, der ikke er flyttet så længe, markeres."),
        error_messages={
            "required": _("Skriv et antal uger."),
            "invalid": _("Skriv et helt antal uger."),
            "min_value": _("Mindst 1 uge."),
            "max_value": _("Højst 52 uger."),
        },
    )


# The matrix and nudging -----------------------------------------------------------------------


class PlacementForm(forms.Form):
    effect = forms.ChoiceField(
        label=_("Effekt"), choices=[("", _("– ikke placeret –")), *Effect.choices], required=False
    )
    reach = forms.ChoiceField(
        label=_("Hvor mange berører den?"),
        choices=[("", _("– ikke placeret –")), *Reach.choices],
        required=False,
    )
    radius = forms.ChoiceField(
        label=_("Aktionsradius: kan vi selv?"),
        choices=[("", _("– ikke vurderet –")), *Radius.choices],
        required=False,
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if bool(data.get("effect")) != bool(data.get("reach")):
            raise forms.ValidationError(_("Vælg både effekt og hvor mange den berører."))
        return data


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=Decision.choices)
    theme = forms.ModelChoiceField(queryset=Theme.objects.none(), required=False)

    def __init__(self, *args: object, amg: AMG, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["theme"].queryset = Theme.objects.filter(amg=amg)


class NudgePlanForm(forms.Form):
    goal = forms.CharField(
        label=_("Målsætning: Hvad vil vi opnå?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Konkret, let at forstå og til at omsætte i handling."),
        error_messages={"required": _("Skriv, hvad I vil opnå.")},
    )
    barriers = forms.CharField(
        label=_("Barrierer: Hvorfor gør folk det ikke bare?"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    solution = forms.CharField(
        label=_("Løsning: Hvordan når vi frem til målet?"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    types = forms.MultipleChoiceField(
        label=_("Hvilke af de fem måder at nudge på?"),
        choices=NudgeType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


# Meetings ------------------------------------------------------------------------------------


class StartMeetingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Møde"), choices=MeetingKind.choices)
    moedeleder = forms.CharField(
        label=_("Mødeleder"),
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"list": "member-options", "autocomplete": "off"}),
    )
    referent = forms.CharField(
        label=_("Referent"),
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"list": "member-options", "autocomplete": "off"}),
    )
    attendees = forms.ModelMultipleChoiceField(
        label=_("Deltagere fra gruppen"),
        queryset=Membership.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    apologies = forms.ModelMultipleChoiceField(
        label=_("Afbud fra"),
        queryset=Membership.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Medlemmer, der har meldt afbud. Det står i referatet."),
    )
    other_attendees = AsciiIntegerField(
        label=_("Andre deltagere (antal)"),
        min_value=0,
        max_value=500,
        initial=0,
        error_messages={
            "required": _("Skriv 0, hvis ingen andre er med."),
            "invalid": _("Skriv et helt tal."),
            "min_value": _("Antallet kan ikke være negativt."),
            "max_value": _("Højst 500."),
        },
    )

    def __init__(self, *args: object, amg: AMG, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for name in ("attendees", "apologies"):
            field = self.fields[name]
            field.queryset = Membership.objects.filter(amg=amg).select_related("user")
            field.label_from_instance = lambda m: m.display_name

    def clean_moedeleder(self) -> str:
        return _one_line(self.cleaned_data["moedeleder"])

    def clean_referent(self) -> str:
        return _one_line(self.cleaned_data["referent"])

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        both = set(data.get("attendees") or []) & set(data.get("apologies") or [])
        if both:
            names = ", ".join(sorted(m.display_name for m in both))
            self.add_error(
                "apologies",
                _("%(names)s kan ikke både være med og have meldt afbud.") % {"names": names},
            )
        return data


class EndMeetingForm(forms.Form):
    decisions = forms.CharField(
        label=_("Beslutninger"),
        max_length=10_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    notes = forms.CharField(
        label=_("Noter"),
        max_length=10_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    next_starts_at = forms.DateTimeField(
        label=_("Næste tavlemøde"),
        required=False,
        help_text=_("Vises ved tavlen og på vægskærmen. Tomt: intet ændres."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    next_moedeleder = forms.CharField(
        label=_("Mødeleder næste gang"),
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"list": "member-options", "autocomplete": "off"}),
    )
    send = forms.BooleanField(
        label=_("Send referatet til gruppens medlemmer"), required=False, initial=True
    )

    def clean_next_starts_at(self) -> datetime.datetime | None:
        starts_at = self.cleaned_data["next_starts_at"]
        if starts_at is not None and starts_at <= timezone.now():
            raise forms.ValidationError(_("Vælg et tidspunkt i fremtiden."))
        return starts_at

    def clean_next_moedeleder(self) -> str:
        return _one_line(self.cleaned_data["next_moedeleder"])


class ReferatForm(forms.Form):
    referat = forms.CharField(
        label=_("Referat"),
        max_length=50_000,
        widget=forms.Textarea(attrs={"rows": 24}),
        error_messages={"required": _("Referatet må ikke være tomt.")},
    )
