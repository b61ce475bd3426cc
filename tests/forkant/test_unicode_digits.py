"""Numbers take the digits 0–9 only, everywhere: superscripts ("²", which str.isdigit() accepts
and int() refuses) were 500s, and other scripts' digits ("١٢٣", fullwidth "１２", which int()
accepts) were read as numbers. Both are refused like any other junk: a 4xx or a form error.

The crawl over every form and link the personas reach is in test_hostile_forms.py; here are the
places that read numbers by hand, and every numeric form field of the project."""

from __future__ import annotations

import contextlib
import importlib
import inspect
import pkgutil
import re

import pytest
from django import forms
from django.urls import reverse
from django.utils import timezone

from apv.survey_csv import parse
from forkant import auth
from forkant.lib.numbers import AsciiDecimalField, AsciiIntegerField, ascii_int
from forkant.models import User
from handleplan.models import Theme
from metoder.evaluation.models import AnnualEvaluation
from metoder.instruments import services as instruments
from tests.forkant.test_two_factor import code_for

# Superscripts and subscripts (isdigit() but not int()), Arabic-Indic and fullwidth (int()).
UNICODE_DIGITS = ["²", "⁰⁴⁵", "₀₁₂", "١٢٣", "１２", "²³"]
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@pytest.mark.parametrize("raw", UNICODE_DIGITS)
def test_the_helper_reads_ascii_digits_only(raw):
    assert ascii_int(raw) is None
    assert ascii_int("0042") == 42
    assert ascii_int("-1") is None and ascii_int(" 1") is None and ascii_int(None) is None


def project_form_classes() -> list[type[forms.BaseForm]]:
    found: dict[str, type[forms.BaseForm]] = {}
    for package in ("forkant", "handleplan", "apv", "metoder", "composition"):
        root = importlib.import_module(package)
        for module in pkgutil.walk_packages(root.__path__, f"{package}."):
            if not module.name.endswith("forms"):
                continue
            for _name, cls in inspect.getmembers(importlib.import_module(module.name)):
                if (
                    inspect.isclass(cls)
                    and issubclass(cls, forms.BaseForm)
                    and cls.__module__.startswith(package)
                ):
                    found[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return [found[key] for key in sorted(found)]


def numeric_fields(cls: type[forms.BaseForm]) -> dict[str, forms.Field]:
    fields = dict(cls.base_fields)
    # fields a form adds in __init__ (the dialogisk APV's ten per theme)
    with contextlib.suppress(TypeError, KeyError, AttributeError):
        fields.update(cls().fields)  # type: ignore[call-arg]
    return {
        name: field
        for name, field in fields.items()
        if isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField)
    }


FORMS_WITH_NUMBERS = [cls for cls in project_form_classes() if numeric_fields(cls)]


def test_the_project_has_numeric_form_fields_to_check():
    assert len(FORMS_WITH_NUMBERS) >= 8, FORMS_WITH_NUMBERS


@pytest.mark.parametrize("form_class", FORMS_WITH_NUMBERS, ids=lambda c: c.__qualname__)
def test_every_numeric_form_field_refuses_unicode_digits(form_class):
    for name, field in numeric_fields(form_class).items():
        assert isinstance(field, AsciiIntegerField | AsciiDecimalField), (
            f"{form_class.__qualname__}.{name} is a {type(field).__name__}"
        )
        for raw in UNICODE_DIGITS:
            with pytest.raises(forms.ValidationError) as refused:
                field.clean(raw)
            assert refused.value.messages, name


def test_a_fullwidth_number_is_a_danish_form_error_not_a_number():
    field = AsciiIntegerField(min_value=0, max_value=99)
    assert field.clean("12") == 12
    with pytest.raises(forms.ValidationError, match="cifrene 0–9"):
        field.clean("１２")
    with pytest.raises(forms.ValidationError, match="cifrene 0–9"):
        AsciiDecimalField().clean("٣,٤")


# -- by hand: the two-factor codes ------------------------------------------------------------


@pytest.mark.parametrize("code", ["⁰⁴⁵₀₁₂", "²²²²²²", "١٢٣٤٥٦"])
def test_unicode_digits_as_the_enrolment_code_are_refused_not_a_500(world, code):
    client = world.client_for("amr")
    client.get(reverse("two_factor"))
    response = client.post(reverse("two_factor"), {"code": code})
    assert response.status_code in {200, 422}
    assert "Koden passer ikke" in response.content.decode() or "0–9" in response.content.decode()
    assert not auth.has_two_factor(User.objects.get(pk=world.amr.user.pk))


def test_the_right_enrolment_code_in_fullwidth_digits_is_refused(world):
    client = world.client_for("amr")
    html = client.get(reverse("two_factor")).content.decode()
    secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)</code>', html).group(1)
    response = client.post(reverse("two_factor"), {"code": code_for(secret).translate(FULLWIDTH)})
    assert response.status_code in {200, 422}
    assert not auth.has_two_factor(User.objects.get(pk=world.amr.user.pk))


def test_check_new_totp_takes_ascii_digits_only():
    assert auth.check_new_totp("00" * 20, "⁰⁴⁵₀₁₂") is None
    assert auth.check_new_totp("00" * 20, "１２３４５６") is None


# -- by hand: query parameters -----------------------------------------------------------------


@pytest.mark.parametrize("raw", UNICODE_DIGITS)
def test_the_self_assessments_handling_parameter_takes_ascii_digits_only(world, raw):
    url = reverse("instrument_round_new", args=[world.amg.pk])
    response = world.client_for("leder").get(url, {"instrument": "tjekliste", "handling": raw})
    assert response.status_code == 200


def test_the_self_assessment_does_not_read_a_fullwidth_card_number(world):
    url = reverse("instrument_round_new", args=[world.amg.pk])
    fullwidth = str(world.action.pk).translate(FULLWIDTH)
    client = world.client_for("leder")
    ascii_page = client.get(url, {"instrument": "tjekliste", "handling": world.action.pk})
    page = client.get(url, {"instrument": "tjekliste", "handling": fullwidth})
    selected = f'value="{world.action.pk}" selected'
    assert selected in ascii_page.content.decode()
    assert selected not in page.content.decode()


def test_a_new_card_does_not_read_a_fullwidth_theme_number(world):
    other = Theme.objects.create(amg=world.amg, name="Anden", position=5)
    url = reverse("action_new", args=[world.amg.pk])
    client = world.client_for("leder")
    selected = f'value="{other.pk}" selected'
    assert selected in client.get(url, {"theme": other.pk}).content.decode()
    response = client.get(url, {"theme": str(other.pk).translate(FULLWIDTH)})
    assert response.status_code in {200, 404}
    assert selected not in response.content.decode()


@pytest.mark.parametrize("raw", UNICODE_DIGITS)
def test_a_revision_of_a_unicode_numbered_apv_is_404(world, raw):
    url = reverse("apv_new", args=[world.amg.pk])
    response = world.client_for("leder").get(url, {"revision": raw})
    assert response.status_code == 404


def test_the_evaluation_year_takes_ascii_digits_only(world):
    this_year = str(timezone.localdate().year)
    url = reverse("evaluation_start", args=[world.amg.pk])
    for raw in [this_year.translate(FULLWIDTH), "²⁰²⁶", "٢٠٢٦"]:
        response = world.client_for("leder").post(url, {"year": raw})
        assert response.status_code == 303
    assert not AnnualEvaluation.objects.exists()


# -- by hand: files and answers ------------------------------------------------------------------


def test_a_survey_count_in_superscript_is_a_line_error_not_a_500():
    parsed = parse("Spørgsmål;Resultat;Antal\nA;3,1;²³\nB;2,0;１５\nC;٣,١;4\nD;2,5;12\n".encode())
    assert [r.question for r in parsed.rows] == ["D"]
    assert [line for line, _why in parsed.errors] == [2, 3, 4]


def test_a_survey_upload_with_a_superscript_count_answers_with_the_line(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.apv import builders as apv_builders

    apv = apv_builders.make_apv(world.amg)
    data = "Spørgsmål;Resultat;Antal\nA;3,1;²³\n".encode()
    response = world.client_for("leder").post(
        reverse("survey_import", args=[world.amg.pk, apv.pk]),
        {"title": "Trivsel", "file": SimpleUploadedFile("t.csv", data, "text/csv")},
    )
    assert response.status_code == 422
    assert "er ikke et helt tal" in response.content.decode()


def test_a_self_assessment_answer_in_unicode_digits_is_refused(world):
    round_ = instruments.open_round(
        amg=world.amg,
        instrument_key="kompetencemodel",
        by=world.leder,
        participants=[world.leder, world.amr],
        now=timezone.now(),
    )
    url = reverse("instrument_answer", args=[world.amg.pk, round_.pk])
    for raw in ["４", "٤", "⁴"]:
        response = world.client_for("amr").post(url, {"v_aabenhed": raw, "save": "1"})
        assert response.status_code == 422, raw
    assert not round_.participants.get(membership=world.amr).answers.exists()
