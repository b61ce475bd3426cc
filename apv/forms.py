from __future__ import annotations

import datetime
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from apv import catalogue
from apv.models import (
    APV,
    Absence,
    Area,
    Change,
    Evaluation,
    FactorAssessment,
    Gennemgang,
    Incident,
    Input,
    Problem,
    RiskAssessment,
    ViolenceGuideline,
)
from apv.services import GUIDELINE_FIELDS, INCIDENT_FIELDS, PROBLEM_FIELDS
from apv.validators import looks_like_cpr, reject_cpr
from forkant.lib.numbers import AsciiDecimalField, AsciiIntegerField
from forkant.models import AMG, Membership
from handleplan.card_picker import CardChoiceField
from handleplan.forms import DATE, OnTheBoardForm
from handleplan.models import Action


class NoCprMixin:
    """Every text the APV keeps is checked: a CPR-like number is refused with a clear message."""

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()  # type: ignore[misc]
        for name, value in list(data.items()):
            if isinstance(value, str) and looks_like_cpr(value):
                try:
                    reject_cpr(value)
                except ValidationError as error:
                    self.add_error(name, error)  # type: ignore[attr-defined]
        return data


def _members(amg: AMG):  # type: ignore[no-untyped-def]
    return Membership.objects.filter(amg=amg).select_related("user")


class AreaForm(NoCprMixin, forms.ModelForm):
    class Meta:
        model = Area
        fields = ["name", "kind", "last_assessed"]
        widgets = {"last_assessed": DATE}
        labels = {"name": _("Navn på området")}

    def __init__(self, *args: object, amg: AMG, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.amg = amg

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        clash = Area.objects.filter(amg=self.amg, name__iexact=name)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("Der findes allerede et område med det navn."))
        return name

    def clean_last_assessed(self) -> datetime.date | None:
        day = self.cleaned_data["last_assessed"]
        if day and day > datetime.date.today():
            raise forms.ValidationError(_("Datoen må ikke ligge i fremtiden."))
        return day


class ChangeForm(NoCprMixin, forms.ModelForm):
    class Meta:
        model = Change
        fields = ["date", "kind", "description", "areas"]
        widgets = {"date": DATE, "areas": forms.CheckboxSelectMultiple}

    def __init__(self, *args: object, amg: AMG, **kwargs: object) -> None:
        # It shares the areas page with the area form, whose fields have the same names.
        kwargs.setdefault("auto_id", "id_change_%s")
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["areas"].queryset = Area.objects.filter(amg=amg)
        self.fields["areas"].error_messages["required"] = _("Vælg mindst ét område.")


class APVForm(NoCprMixin, forms.ModelForm):
    class Meta:
        model = APV
        fields = [
            "title",
            "method",
            "start_date",
            "status",
            "scope",
            "areas",
            "members",
            "other_participants",
        ]
        widgets = {
            "start_date": DATE,
            "scope": forms.Textarea(attrs={"rows": 3}),
            "areas": forms.CheckboxSelectMultiple,
            "members": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: object, amg: AMG, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["areas"].queryset = Area.objects.filter(amg=amg)
        self.fields["members"].queryset = _members(amg)
        self.fields["members"].label_from_instance = lambda m: (
            f"{m.display_name} ({m.get_role_display()})"
        )
        self.fields["status"].choices = [
            c for c in APV.Status.choices if c[0] != APV.Status.AFSLUTTET
        ]


class NoProblemsForm(NoCprMixin, forms.Form):
    on = forms.DateField(label=_("Kortlægningen blev gennemført den"), widget=DATE)
    with_whom = forms.CharField(
        label=_("Hvem deltog"),
        max_length=400,
        help_text=_("Fx hele personalegruppen på personalemødet, AMG og MED."),
    )


class AbsenceAssessmentForm(NoCprMixin, forms.ModelForm):
    class Meta:
        model = APV
        fields = ["absence_contributes", "absence_assessment"]
        widgets = {"absence_assessment": forms.Textarea(attrs={"rows": 3})}

    def clean_absence_contributes(self) -> str:
        value = self.cleaned_data["absence_contributes"]
        if not value:
            raise forms.ValidationError(_("Vælg gruppens vurdering."))
        return value


class SurveyUploadForm(forms.Form):
    title = forms.CharField(label=_("Navn på målingen"), max_length=200)
    file = forms.FileField(
        label=_("CSV-fil"),
        help_text=_(
            "Kolonner: Spørgsmål, Resultat og gerne Enhed og Antal. Semikolon eller komma; "
            "UTF-8 eller Windows-1252 (som Excel gemmer)."
        ),
    )


class SurveyScaleForm(NoCprMixin, forms.Form):
    """What the survey's results are measured on: one of the common scales, or the AMG's own
    (lowest and highest value and what each means)."""

    scale = forms.ChoiceField(label=_("Skalaen i målingen"), widget=forms.RadioSelect)
    low = AsciiDecimalField(
        label=_("Laveste værdi"), required=False, max_digits=8, decimal_places=2
    )
    low_means = forms.CharField(label=_("Den laveste værdi betyder"), required=False, max_length=80)
    high = AsciiDecimalField(
        label=_("Højeste værdi"), required=False, max_digits=8, decimal_places=2
    )
    high_means = forms.CharField(
        label=_("Den højeste værdi betyder"), required=False, max_length=80
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["scale"].choices = [
            *(
                (s.code, f"{s.low}–{s.high}: {s.low} = {s.low_means}, {s.high} = {s.high_means}")
                for s in catalogue.SURVEY_SCALES
            ),
            (catalogue.OWN_SCALE, _("En anden skala – skriv den herunder")),
        ]

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        code = data.get("scale")
        preset = catalogue.SURVEY_SCALE_CODES.get(code or "")
        if preset is not None:
            data.update(
                low=Decimal(preset.low),
                high=Decimal(preset.high),
                low_means=str(preset.low_means),
                high_means=str(preset.high_means),
            )
        elif code == catalogue.OWN_SCALE:
            for name in ("low", "low_means", "high", "high_means"):
                if data.get(name) in (None, ""):
                    self.add_error(name, _("Udfyld det for jeres egen skala."))
            low, high = data.get("low"), data.get("high")
            if low is not None and high is not None and low >= high:
                self.add_error("high", _("Den højeste værdi skal være større end den laveste."))
        return data

    def own_pairs(self) -> list[list[forms.BoundField]]:
        """The own scale's fields, each end with its meaning."""
        return [[self["low"], self["low_means"]], [self["high"], self["high_means"]]]

    def scale_values(self) -> dict[str, object]:
        data = self.cleaned_data
        return {
            "scale_low": data["low"],
            "scale_high": data["high"],
            "low_means": " ".join(data["low_means"].split()),
            "high_means": " ".join(data["high_means"].split()),
        }


class DialogSessionForm(NoCprMixin, forms.Form):
    date = forms.DateField(label=_("Dato"), widget=DATE)
    participants = AsciiIntegerField(label=_("Antal deltagere"), min_value=1, max_value=10_000)
    reflections = forms.CharField(
        label=_("Refleksioner"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    proposals = forms.CharField(
        label=_("Forslag"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Ét forslag pr. linje. De kan sættes på handleplanens Parkeringsplads i ét trin."
        ),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.themes = []
        for theme in catalogue.DIALOG_THEMES:
            names = []
            for point in catalogue.DIALOG_POINTS:
                name = f"{theme.code}_{point}"
                self.fields[name] = AsciiIntegerField(
                    label=f"{point}",
                    min_value=0,
                    max_value=10_000,
                    required=False,
                    widget=forms.NumberInput(
                        attrs={
                            "inputmode": "numeric",
                            "min": 0,
                            "aria-label": f"{theme.text}: {point}",
                        }
                    ),
                )
                names.append(name)
            self.themes.append((theme, names))

    def theme_rows(self):  # type: ignore[no-untyped-def]
        """(theme, what its line's ends mean, its ten fields)"""
        return [
            (theme, catalogue.DIALOG_SCALES[theme.code], [self[name] for name in names])
            for theme, names in self.themes
        ]

    def counts(self) -> dict[str, list[int]]:
        return {
            theme.code: [self.cleaned_data.get(name) or 0 for name in names]
            for theme, names in self.themes
        }

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        participants = data.get("participants")
        if participants:
            for theme, names in self.themes:
                if sum(data.get(n) or 0 for n in names) > participants:
                    self.add_error(
                        names[0],
                        _("Flere personer på linjen for “%(theme)s” end deltagere.")
                        % {"theme": theme.text},
                    )
        return data


class ThemeChoiceForm(OnTheBoardForm):
    """Only the theme: the dialogisk APV's proposals are parked on the board under it."""

    responsible = None
    deadline = None


class GennemgangForm(NoCprMixin, forms.ModelForm):
    class Meta:
        model = Gennemgang
        fields = [
            "kind",
            "form",
            "where",
            "date",
            "participants",
            "focus",
            "general_themes",
            "positive",
            "negative",
            "conflicts",
            "urgency",
        ]
        widgets = {
            "date": DATE,
            **{
                name: forms.Textarea(attrs={"rows": 2})
                for name in ("general_themes", "positive", "negative", "conflicts")
            },
        }


class InputForm(NoCprMixin, forms.ModelForm):
    class Meta:
        model = Input
        fields = ["channel", "date", "summary"]
        widgets = {"date": DATE, "summary": forms.Textarea(attrs={"rows": 3})}


class ProblemForm(NoCprMixin, forms.ModelForm):
    risk_factors = forms.MultipleChoiceField(
        label=_("Psykosociale risikofaktorer"),
        choices=catalogue.choices(catalogue.RISK_FACTORS),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    focus_points = forms.MultipleChoiceField(
        label=_("Fokuspunkter (Arbejdstilsynets vejvisere)"),
        choices=catalogue.choices(catalogue.FOCUS_POINTS),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sources = forms.MultipleChoiceField(
        label=_("Kilder i kortlægningen"),
        choices=Problem.Source.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    probability = forms.TypedChoiceField(
        label=_("Sandsynlighed"),
        coerce=int,
        choices=[(i, f"{i}") for i in range(1, 6)],
        help_text=_("1 = usandsynligt · 5 = sker næsten sikkert"),
    )
    consequence = forms.TypedChoiceField(
        label=_("Konsekvens"),
        coerce=int,
        choices=[(i, f"{i}") for i in range(1, 6)],
        help_text=_("1 = ubetydelig · 5 = meget alvorlig"),
    )

    class Meta:
        model = Problem
        fields = list(PROBLEM_FIELDS)  # what save_problem takes
        field_classes = {"affected_count": AsciiIntegerField}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "cause": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: object, amg: AMG, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["area"].queryset = Area.objects.filter(amg=amg)
        self.fields["area"].empty_label = _("– hele arbejdspladsen –")


class ProblemToActionsForm(NoCprMixin, OnTheBoardForm):
    titles = forms.CharField(
        label=_("Handlinger"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Én handling pr. linje. De sættes på tavlen under “Startet”."),
    )
    field_order = ["titles"]

    def lines(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["titles"].splitlines() if line.strip()]

    def clean_titles(self) -> str:
        titles = self.cleaned_data["titles"]
        lines = [line for line in titles.splitlines() if line.strip()]
        if not lines:
            raise forms.ValidationError(_("Skriv mindst én handling."))
        if len(lines) > 20:
            raise forms.ValidationError(_("Højst 20 handlinger ad gangen."))
        if any(len(line.strip()) > 200 for line in lines):
            raise forms.ValidationError(_("Hver handling må højst være 200 tegn."))
        return titles


class FollowUpForm(NoCprMixin, forms.ModelForm):
    class Meta:
        model = Action
        fields = ["follow_up_on", "follow_up_how", "follow_up_who"]
        widgets = {"follow_up_on": DATE}


class EvaluationForm(NoCprMixin, forms.ModelForm):
    class Meta:
        model = Evaluation
        fields = ["date", "who", "verdict", "note"]
        widgets = {"date": DATE, "note": forms.Textarea(attrs={"rows": 2})}


PERIOD_HELP = _("Fx 2025 eller 2025-K3 (kvartal).")


class AbsenceForm(forms.ModelForm):
    class Meta:
        model = Absence
        fields = ["area", "period", "employees", "short_days", "long_days"]
        field_classes = {
            "employees": AsciiIntegerField,
            "short_days": AsciiDecimalField,
            "long_days": AsciiDecimalField,
        }

    def __init__(self, *args: object, amg: AMG, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["area"].queryset = Area.objects.filter(amg=amg)
        self.fields["area"].empty_label = None
        self.fields["employees"].min_value = 1
        self.fields["short_days"].min_value = 0
        self.fields["long_days"].min_value = 0

    def validate_unique(self) -> None:
        """An existing figure for the same unit and period is replaced (see the service)."""

    def clean_period(self) -> str:
        import re

        period = self.cleaned_data["period"].strip().upper()
        if not re.fullmatch(r"(19|20)\d{2}(-(K[1-4]|H[12]|\d{2}))?", period):
            raise forms.ValidationError(
                _(
                    "Skriv perioden som år (2025), kvartal (2025-K3), halvår (2025-H1) eller "
                    "måned (2025-03)."
                )
            )
        return period


# Metode 5's form (the "skema" kind): its texts, and its deadline.
SKEMA_TEXTS = (
    "description",
    "previous_incidents",
    "risks",
    "prevention",
    "guidelines",
    "training",
    "follow_up",
)
SKEMA_FIELDS = (*SKEMA_TEXTS, "deadline")


class RiskAssessmentForm(NoCprMixin, forms.ModelForm):
    class Meta:
        model = RiskAssessment
        fields = ["title", "department", "date", "done_by", "apv", "revisit_on", *SKEMA_FIELDS]
        widgets = {
            "date": DATE,
            "deadline": DATE,
            "revisit_on": DATE,
            **{name: forms.Textarea(attrs={"rows": 2}) for name in SKEMA_TEXTS},
        }

    def __init__(self, *args: object, amg: AMG, kind: str, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["apv"].queryset = APV.objects.filter(amg=amg)
        self.fields["apv"].empty_label = _("– ingen –")
        if kind != RiskAssessment.Kind.SKEMA:
            for name in SKEMA_FIELDS:
                del self.fields[name]
        if kind != RiskAssessment.Kind.OPGAVER:
            del self.fields["revisit_on"]


class ChangeRowForm(NoCprMixin, forms.Form):
    theme = forms.CharField(label=_("Tema"), max_length=200, required=False)
    attention = forms.CharField(
        label=_("Opmærksomhedspunkter"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    prevention = forms.CharField(
        label=_("Forebyggende handlinger"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    responsible = forms.CharField(label=_("Ansvarlig/tidsfrist"), max_length=200, required=False)
    status = forms.CharField(
        label=_("Status til MED/HMU"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class TaskRowForm(NoCprMixin, forms.Form):
    initials = forms.CharField(label=_("Initialer"), max_length=6, required=False)
    red = AsciiIntegerField(label=_("Røde"), min_value=0, max_value=99, required=False)
    yellow = AsciiIntegerField(label=_("Gule"), min_value=0, max_value=99, required=False)
    green = AsciiIntegerField(label=_("Grønne"), min_value=0, max_value=99, required=False)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


ChangeRowFormSet = forms.formset_factory(ChangeRowForm, extra=2, max_num=30, validate_max=True)
TaskRowFormSet = forms.formset_factory(TaskRowForm, extra=2, max_num=30, validate_max=True)


class VoldAnswersForm(NoCprMixin, forms.Form):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for question in catalogue.VOLD_QUESTIONS:
            self.fields[question.code] = forms.CharField(
                label=question.text,
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=question.source,
            )


class RiskToActionForm(NoCprMixin, OnTheBoardForm):
    title = forms.CharField(label=_("Hvad?"), max_length=200)
    field_order = ["title"]


class IncidentForm(NoCprMixin, forms.ModelForm):
    actions = CardChoiceField(
        queryset=Action.objects.none(), label=_("Forebyggende handlinger på tavlen")
    )

    class Meta:
        model = Incident
        fields = [*INCIDENT_FIELDS, "actions"]  # what save_incident takes
        widgets = {
            "date": DATE,
            "absence_from": DATE,
            "reported_on": DATE,
            "before": forms.Textarea(attrs={"rows": 2}),
            "what": forms.Textarea(attrs={"rows": 3}),
            "handling": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "what": _("Beskriv hændelsen – ingen CPR-numre og ingen helbredsoplysninger."),
            "absence_from": _(
                "Den første dag, den tilskadekomne ikke kunne arbejde. Tom, hvis hændelsen ikke "
                "gav fravær ud over dagen selv."
            ),
        }

    def __init__(self, *args: object, amg: AMG, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["actions"].queryset = Action.objects.filter(amg=amg)

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        if data.get("reported_easy") and not data.get("reported_on"):
            self.add_error("reported_on", _("Skriv, hvornår hændelsen blev anmeldt."))
        day, absence = data.get("date"), data.get("absence_from")
        if day and absence and absence < day:
            self.add_error("absence_from", _("Den første fraværsdag kan ikke ligge før hændelsen."))
        return data


class AvailabilityForm(NoCprMixin, forms.Form):
    on = forms.DateField(label=_("Tilgængelig for de ansatte siden"), widget=DATE)
    how = forms.CharField(
        label=_("Hvor kan de ansatte læse den?"),
        max_length=300,
        help_text=_("Fx på intranettet under Arbejdsmiljø og udskrevet i personalerummet."),
    )


class FactorForm(NoCprMixin, forms.Form):
    """The five psychosocial risk factors for one APV: a verdict and why for each. A factor left
    without a verdict is not assessed yet (and keeps what it had)."""

    def __init__(self, *args: object, factors: list[catalogue.Item], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.factors = factors
        for item in factors:
            self.fields[f"{item.code}-verdict"] = forms.ChoiceField(
                label=item.text,
                choices=[("", _("Ikke vurderet endnu")), *FactorAssessment.Verdict.choices],
                required=False,
                widget=forms.RadioSelect,
            )
            self.fields[f"{item.code}-why"] = forms.CharField(
                label=_("Hvorfor?"),
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        for item in self.factors:
            if data.get(f"{item.code}-verdict") and not data.get(f"{item.code}-why", "").strip():
                self.add_error(
                    f"{item.code}-why",
                    _("Skriv, hvorfor I vurderer sådan – også når den ikke er fundet."),
                )
        return data

    def rows(self) -> list[tuple[catalogue.Item, forms.BoundField, forms.BoundField]]:
        return [
            (item, self[f"{item.code}-verdict"], self[f"{item.code}-why"]) for item in self.factors
        ]

    def assessments(self) -> list[tuple[str, str, str]]:
        data = self.cleaned_data
        return [
            (item.code, data[f"{item.code}-verdict"], data[f"{item.code}-why"])
            for item in self.factors
            if data.get(f"{item.code}-verdict")
        ]


class GuidelineForm(NoCprMixin, forms.ModelForm):
    class Meta:
        model = ViolenceGuideline
        fields = list(GUIDELINE_FIELDS)  # what save_guideline takes
        widgets = {
            "text": forms.Textarea(attrs={"rows": 10}),
            "agreed_on": DATE,
            "last_reviewed": DATE,
        }

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        if not (data.get("text", "").strip() or data.get("document", "").strip()):
            self.add_error(
                "text",
                _("Skriv retningslinjerne, eller skriv hvor de findes (dokument eller link)."),
            )
        agreed, reviewed = data.get("agreed_on"), data.get("last_reviewed")
        if agreed and reviewed and reviewed < agreed:
            self.add_error("last_reviewed", _("De kan ikke være gennemgået, før de blev aftalt."))
        return data
