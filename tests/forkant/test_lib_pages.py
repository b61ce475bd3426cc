"""The one rule for a form page's status (forkant/lib/pages.py): 422 when a form sent back has
errors, else 200, unless the page says otherwise."""

from __future__ import annotations

from django import forms
from django.test import override_settings

from forkant.lib.pages import form_status, render_page

PAGE = {"page.html": "<p>{{ form.name.value|default:'' }}</p>{{ form.errors }}"}
LOCMEM = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "OPTIONS": {"loaders": [("django.template.loaders.locmem.Loader", PAGE)]},
    }
]


class NameForm(forms.Form):
    name = forms.CharField(max_length=5)


def test_a_page_without_forms_is_200():
    assert form_status({"title": "Tavlen", "count": 3}) == 200


def test_an_unbound_form_is_200():
    assert form_status({"form": NameForm()}) == 200


def test_a_bound_valid_form_is_200():
    assert form_status({"form": NameForm({"name": "Ida"})}) == 200


def test_a_bound_form_with_errors_is_422():
    assert form_status({"form": NameForm({"name": "far too long"})}) == 422


def test_any_form_in_the_context_counts_not_only_the_one_called_form():
    context = {"form": NameForm(), "other_form": NameForm({"name": ""})}
    assert form_status(context) == 422


@override_settings(TEMPLATES=LOCMEM)
def test_render_page_answers_422_with_the_form_and_its_errors(rf):
    response = render_page(rf.post("/"), "page.html", {"form": NameForm({"name": "far too long"})})
    assert response.status_code == 422
    assert b"<p>far too long</p>" in response.content
    assert b"errorlist" in response.content


@override_settings(TEMPLATES=LOCMEM)
def test_render_page_answers_200_for_an_unbound_form(rf):
    response = render_page(rf.post("/"), "page.html", {"form": NameForm()})
    assert response.status_code == 200
    assert response.content == b"<p></p>"


@override_settings(TEMPLATES=LOCMEM)
def test_a_status_given_by_the_page_wins_over_the_forms(rf):
    unbound, invalid = NameForm(), NameForm({"name": "far too long"})
    assert render_page(rf.get("/"), "page.html", {"form": unbound}, status=409).status_code == 409
    assert render_page(rf.post("/"), "page.html", {"form": invalid}, status=413).status_code == 413
