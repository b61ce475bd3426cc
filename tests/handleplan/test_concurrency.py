"""Two members, one card: a save or move based on an older version is refused, nothing is lost."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse

from handleplan import services
from handleplan.models import Action, Status

HTMX = {"headers": {"HX-Request": "true"}}


def form_data(action: Action, **changes: object) -> dict[str, object]:
    data = {
        k: ("" if v is None else v)
        for k, v in model_to_dict(action, services.EDITABLE_FIELDS).items()
        if not (k == "confidential" and not v)
    }
    return {**data, "version": action.version, **changes}


def test_every_save_and_move_bumps_the_version(world):
    assert world.action.version == 1
    services.update_action(action=world.action, title="Ny titel")
    assert world.action.version == 2
    services.move_action(action=world.action, status=Status.I_MAAL)
    world.action.refresh_from_db()
    assert world.action.version == 3


# Two members edit one card: a three-way merge on the version the second one started from ----


def edit_url(world) -> str:  # type: ignore[no-untyped-def]
    return reverse("action_edit", args=[world.amg.pk, world.action.pk])


def test_a_field_only_the_other_member_changed_keeps_their_value(world):
    anne_form = form_data(world.action, title="Annes titel")  # Anne opens the form ...
    # ... Jonas changes the deadline and the plan meanwhile, and saves.
    jonas = form_data(world.action, deadline="2031-05-01", how="Jonas' plan")
    assert world.client_for("leder").post(edit_url(world), jonas).status_code == 302

    response = world.client_for("amr").post(edit_url(world), anne_form, **HTMX)
    assert response.status_code == 200
    world.action.refresh_from_db()
    assert world.action.title == "Annes titel"  # hers
    assert (str(world.action.deadline), world.action.how) == ("2031-05-01", "Jonas' plan")
    message = json.loads(response["HX-Trigger-After-Settle"])["board:changed"]["message"]
    assert "Det, " + world.leder.display_name + " ændrede imens (hvordan, frist)" in message


def test_a_field_only_this_member_changed_is_saved_over_an_older_form(world):
    services.update_action(action=world.action, others="Teamkoordinatorerne")  # someone else
    stale = form_data(world.action, version=1, others="", why="Fordi det hjælper")
    response = world.client_for("amr").post(edit_url(world), stale)
    assert response.status_code == 302
    world.action.refresh_from_db()
    assert world.action.why == "Fordi det hjælper"
    assert world.action.others == "Teamkoordinatorerne"  # not undone by her untouched field


def test_a_field_both_changed_is_the_conflict_and_the_dialog_shows_only_it(world):
    anne_form = form_data(world.action, title="Annes titel", how="Annes plan")
    jonas = form_data(world.action, title="Jonas' titel", deadline="2031-05-01")
    assert world.client_for("leder").post(edit_url(world), jonas).status_code == 302

    response = world.client_for("amr").post(edit_url(world), anne_form, **HTMX)
    assert response.status_code == 409
    html = response.content.decode()
    table = html[html.index('<table class="conflict-table">') : html.index("</table>")]
    assert table.count('<tr class="conflict-differs">') == 1
    assert "Annes titel" in table and "Jonas&#x27; titel" in table
    assert "Hvordan" not in table and "Frist" not in table
    # The only field to decide is the title; the rest travels along hidden.
    assert re.findall(r'<input type="text" name="([a-z_]+)"', html) == ["title"]
    assert "data-autofocus" in html[: html.index("conflict-table")]  # opens at its heading
    world.action.refresh_from_db()
    assert (world.action.title, world.action.how) == ("Jonas' titel", "")  # nothing saved yet


def test_after_a_conflict_saving_ones_own_version_keeps_the_others_other_changes(world):
    anne_form = form_data(world.action, title="Annes titel", how="Annes plan")
    world.client_for("leder").post(
        edit_url(world), form_data(world.action, title="Jonas' titel", deadline="2031-05-01")
    )
    anne = world.client_for("amr")
    conflict = anne.post(edit_url(world), anne_form, **HTMX)
    world.action.refresh_from_db()
    # The dialog's form: the saved card, with all her changes and the saved version.
    mine = conflict_form(conflict.content.decode(), "conflict-mine")
    assert mine["version"] == str(world.action.version)
    assert (mine["title"], mine["how"], mine["deadline"]) == (
        "Annes titel",
        "Annes plan",
        "2031-05-01",
    )
    assert anne.post(edit_url(world), mine).status_code == 302
    world.action.refresh_from_db()
    assert (world.action.title, world.action.how, str(world.action.deadline)) == (
        "Annes titel",
        "Annes plan",
        "2031-05-01",
    )
    assert world.action.history.filter(title="Jonas' titel").exists()


def test_after_a_conflict_keeping_the_others_version_still_saves_ones_other_changes(world):
    anne_form = form_data(world.action, title="Annes titel", how="Annes plan")
    world.client_for("leder").post(edit_url(world), form_data(world.action, title="Jonas' titel"))
    anne = world.client_for("amr")
    conflict = anne.post(edit_url(world), anne_form, **HTMX)
    theirs = conflict_form(conflict.content.decode(), "conflict-theirs")
    assert anne.post(edit_url(world), theirs).status_code == 302
    world.action.refresh_from_db()
    assert (world.action.title, world.action.how) == ("Jonas' titel", "Annes plan")


class _FormFields(HTMLParser):
    """The values a browser would post from the form with `css_class` (inputs, textareas)."""

    def __init__(self, css_class: str) -> None:
        super().__init__()
        self.css_class, self.inside, self.textarea = css_class, False, ""
        self.values: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.inside = self.css_class in a.get("class", "").split()
        elif self.inside and tag == "input" and a.get("type") != "checkbox":
            self.values[a["name"]] = a.get("value", "")
        elif self.inside and tag == "textarea":
            self.textarea = a["name"]
            self.values[self.textarea] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        if tag == "textarea":
            self.textarea = ""

    def handle_data(self, data: str) -> None:
        if self.textarea:
            self.values[self.textarea] += data.lstrip("\n")


def conflict_form(html: str, css_class: str) -> dict[str, str]:
    parser = _FormFields(css_class)
    parser.feed(html)
    return parser.values


def test_a_move_based_on_a_stale_board_is_refused_and_the_board_refreshed(world):
    seen_version = world.action.version
    services.update_action(action=world.action, title="Ændret af en anden")
    url = reverse("action_move", args=[world.amg.pk, world.action.pk])
    response = world.client_for("amr").post(
        url, {"status": Status.AFSLUTTET, "version": seen_version}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 409
    assert response["HX-Retarget"] == "#board"
    event = json.loads(response["HX-Trigger-After-Settle"])["board:error"]
    assert "er lige blevet ændret" in event["message"]
    assert "Ændret af en anden" in response.content.decode()  # the fresh board
    world.action.refresh_from_db()
    assert world.action.status == Status.STARTET


def test_without_javascript_a_stale_move_redirects_with_the_message(world):
    seen_version = world.action.version
    services.update_action(action=world.action, title="Ændret af en anden")
    client = world.client_for("amr")
    url = reverse("action_move", args=[world.amg.pk, world.action.pk])
    response = client.post(url, {"status": Status.AFSLUTTET, "version": seen_version}, follow=True)
    assert "er lige blevet ændret" in response.content.decode()


def test_a_move_with_the_current_version_goes_through(world):
    url = reverse("action_move", args=[world.amg.pk, world.action.pk])
    response = world.client_for("amr").post(
        url, {"status": Status.I_MAAL, "version": world.action.version}
    )
    assert response.status_code == 302
    world.action.refresh_from_db()
    assert world.action.status == Status.I_MAAL


def test_the_board_carries_each_cards_version_for_moves(world):
    services.update_action(action=world.action, title="Version 2")
    html = world.client_for("amr").get(reverse("board", args=[world.amg.pk])).content.decode()
    assert f'data-version="{world.action.version}"' in html
    assert f'name="version" value="{world.action.version}"' in html


@pytest.mark.parametrize("junk", ["0", "-1", "abc", "99999999999"])
def test_a_junk_version_is_a_422_not_a_500(world, junk):
    url = reverse("action_move", args=[world.amg.pk, world.action.pk])
    response = world.client_for("amr").post(
        url, {"status": Status.I_MAAL, "version": junk}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 422
