from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from apv.forms import NoCprMixin
from forkant.lib.numbers import AsciiIntegerField
from forkant.models import AMG, Membership
from handleplan.forms import DATE, OnTheBoardForm
from handleplan.models import Status
from metoder.booklet import AHEAD_QUESTIONS, TRAINING_RIGHT
from metoder.evaluation.models import TEXT_MAX, AnnualEvaluation, EvaluationGoal, WorkplaceInput
from metoder.evaluation.services import DRAFT_FIELDS

FORM_ID = "evaluation-form"


def _area(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class EvaluationForm(NoCprMixin, forms.ModelForm):
    """The draft: the group's look back, the booklet's questions ahead and the required points."""

    version = AsciiIntegerField(
        widget=forms.HiddenInput,
        required=False,
        min_value=1,
        error_messages={
            "invalid": _("Siden er forældet. Kopiér din tekst, genindlæs siden og prøv igen."),
            "min_value": _("Siden er forældet. Kopiér din tekst, genindlæs siden og prøv igen."),
        },
    )

    class Meta:
        model = AnnualEvaluation
        fields = list(DRAFT_FIELDS)
        widgets = {
            "looking_back": _area(4),
            "goals_met": _area(),
            "focus": _area(),
            "cooperation": _area(),
            "training": _area(),
            "expertise_present": forms.RadioSelect,
            "expertise": _area(2),
        }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        instance = self.instance
        self.fields["expertise_present"].choices = [
            choice for choice in self.fields["expertise_present"].choices if choice[0]
        ]
        self.fields["expertise_present"].required = False
        self.fields["training"].help_text = TRAINING_RIGHT
        self.fields["version"].initial = instance.version
        self.fields["version"].widget.attrs["form"] = FORM_ID
        answers = instance.answers if isinstance(instance.answers, dict) else {}
        for question in AHEAD_QUESTIONS:
            self.fields[question.field_name] = forms.CharField(
                label=question.text,
                help_text=question.detail,
                required=False,
                max_length=TEXT_MAX,
                widget=_area(2),
                initial=answers.get(question.code, ""),
            )
        # The fields sit in the page's sections, outside the <form> element (form="…"); a
        # change saves the draft at once with JavaScript (htmx), the button saves it without.
        for name, field in self.fields.items():
            if name != "version":
                field.widget.attrs.update({"form": FORM_ID, "class": "autosave"})

    def ahead_fields(self) -> list[forms.BoundField]:
        return [self[q.field_name] for q in AHEAD_QUESTIONS]

    def answers(self) -> dict[str, str]:
        return {q.code: self.cleaned_data.get(q.field_name, "") for q in AHEAD_QUESTIONS}


class InputForm(NoCprMixin, forms.ModelForm):
    prefix = "input"

    class Meta:
        model = WorkplaceInput
        fields = ["source", "text"]
        widgets = {"text": _area()}


class GoalForm(NoCprMixin, forms.ModelForm):
    prefix = "goal"

    class Meta:
        model = EvaluationGoal
        fields = ["title", "why"]
        widgets = {"why": _area(2)}
        labels = {"title": _("Nyt mål"), "why": _("Hvorfor er det vigtigt?")}


class GoalsToActionsForm(OnTheBoardForm):
    """The chosen goals become cards under one theme; who and when are decided on the board."""

    prefix = "actions"
    field_order = ["goals", "theme", "status"]
    responsible = None
    deadline = None
    goals = forms.ModelMultipleChoiceField(
        label=_("Mål"),
        queryset=EvaluationGoal.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Vælg mindst ét mål.")},
    )
    status = forms.ChoiceField(
        label=_("Kolonne"),
        choices=[
            (Status.PARKERET.value, Status.PARKERET.label),
            (Status.STARTET.value, Status.STARTET.label),
        ],
        initial=Status.PARKERET.value,
    )

    def __init__(self, *args: object, evaluation: AnnualEvaluation, **kwargs: object) -> None:
        super().__init__(*args, amg=evaluation.amg, **kwargs)  # type: ignore[arg-type]
        open_goals = EvaluationGoal.objects.filter(evaluation=evaluation, action__isnull=True)
        self.fields["goals"].queryset = open_goals
        self.fields["goals"].initial = list(open_goals.values_list("pk", flat=True))
        self.fields["theme"].error_messages.update(
            required=_("Vælg et tema."), invalid_choice=_("Vælg et tema.")
        )


class ConcludeForm(NoCprMixin, forms.Form):
    held_on = forms.DateField(label=_("Drøftelsen blev holdt den"), widget=DATE)
    participants = forms.ModelMultipleChoiceField(
        label=_("Deltagere fra arbejdsmiljøgruppen"),
        queryset=Membership.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Vælg mindst én deltager.")},
    )
    other_participants = forms.CharField(
        label=_("Andre deltagere"),
        max_length=300,
        required=False,
        help_text=_("Fx MED-udvalget eller en arbejdsmiljøkonsulent."),
    )

    def __init__(self, *args: object, amg: AMG, today: datetime.date, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        members = Membership.objects.filter(amg=amg).select_related("user")
        self.fields["participants"].queryset = members
        self.fields["participants"].initial = [m.pk for m in members]
        self.fields["participants"].label_from_instance = lambda m: (
            f"{m.display_name} ({m.get_role_display()})"
        )
        self.fields["held_on"].initial = today
        self.today = today

    def clean_held_on(self) -> datetime.date:
        held_on = self.cleaned_data["held_on"]
        if held_on > self.today:
            raise forms.ValidationError(_("Datoen kan ikke ligge i fremtiden."))
        if held_on.year < 2000:
            raise forms.ValidationError(_("Angiv en dato efter år 2000."))
        return held_on
