"""The fields that put something on the board (handleplan/forms.py: OnTheBoardForm), shared by
the forms that make cards from an APV problem, a risk assessment, a dialog's proposals, an
evaluation's goals and an instrument's decision."""

from __future__ import annotations

from django import forms

from handleplan.forms import ActionForm, OnTheBoardForm, fill_board_choices


class ThemeOnly(OnTheBoardForm):
    note = forms.CharField()
    responsible = None
    deadline = None
    field_order = ["note"]


def test_the_form_offers_only_the_amgs_own_themes_and_members_by_name(world):
    form = OnTheBoardForm(amg=world.amg)
    assert list(form.fields["theme"].queryset) == [world.theme]
    members = list(form.fields["responsible"].queryset)
    assert world.outsider not in members
    assert set(members) == {world.leder, world.amr, world.laeser}
    labels = [label for _value, label in form.fields["responsible"].choices]
    assert labels[0] == "– ingen valgt –"
    assert world.amr.display_name in labels


def test_it_asks_for_the_theme_and_lets_who_and_when_be_empty(world):
    form = OnTheBoardForm({"theme": world.theme.pk}, amg=world.amg)
    assert form.is_valid()
    assert form.cleaned_data == {"theme": world.theme, "responsible": None, "deadline": None}
    assert not OnTheBoardForm({}, amg=world.amg).is_valid()


def test_another_amgs_theme_or_member_is_refused(world):
    form = OnTheBoardForm(
        {"theme": world.other_theme.pk, "responsible": world.outsider.pk}, amg=world.amg
    )
    assert not form.is_valid()
    assert set(form.errors) == {"theme", "responsible"}


def test_a_form_can_leave_fields_out_and_put_its_own_first(world):
    form = ThemeOnly(amg=world.amg)
    assert list(form.fields) == ["note", "theme"]
    assert '<input type="date"' not in form.as_div()


def test_the_deadline_is_a_date_input_in_iso_format(world):
    form = OnTheBoardForm(amg=world.amg, initial={"deadline": "2026-03-04"})
    assert '<input type="date" name="deadline" value="2026-03-04"' in str(form["deadline"])


def test_a_model_form_gets_the_same_choices_through_fill_board_choices(world):
    form = ActionForm(amg=world.amg)
    assert list(form.fields["theme"].queryset) == [world.theme]
    assert world.outsider not in form.fields["responsible"].queryset
    bare = forms.Form()
    fill_board_choices(bare, world.amg)  # a form without the fields is left as it is
    assert bare.fields == {}


def test_putting_something_on_the_board_asks_for_the_theme_and_never_picks_the_first(world):
    form = OnTheBoardForm(amg=world.amg)
    assert '<option value="" selected>– vælg et tema –</option>' in str(form["theme"])
    posted = OnTheBoardForm({"deadline": ""}, amg=world.amg)
    assert not posted.is_valid()
    assert posted.errors["theme"] == ["Vælg det tema, kortet skal stå under."]
