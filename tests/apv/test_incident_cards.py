"""The incident form chooses its preventive actions with a searchable select that works without
JavaScript: the chosen cards ticked, one text field with the board's cards as suggestions."""

from __future__ import annotations

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apv.models import Incident
from tests import builders
from tests.apv import builders as apv_builders

INCIDENT = {"date": "2026-01-05", "kind": "vold", "where": "Gården", "what": "Slag"}


def _new(client, amg, **data):  # type: ignore[no-untyped-def]
    return client.post(reverse("incident_new", args=[amg.pk]), {**INCIDENT, **data})


def test_the_form_lists_no_checkbox_per_card_but_suggests_every_card(world):
    for n in range(60):
        builders.make_action(world.amg, world.theme, title=f"Kort nummer {n}")
    html = world.client_for("leder").get(reverse("incident_new", args=[world.amg.pk]))
    html = html.content.decode()
    assert 'type="checkbox" name="actions"' not in html  # nothing chosen yet, nothing ticked
    assert html.count('<option value="Kort nummer') == 60
    assert 'list="id_actions_list"' in html


def test_optional_is_said_once_per_label(world):
    html = world.client_for("leder").get(reverse("incident_new", args=[world.amg.pk]))
    assert "(valgfrit)</span>) <span" not in html.content.decode()
    text = re.sub(r"<[^>]+>", "", html.content.decode())
    assert "(valgfrit) (valgfrit)" not in text
    assert "Involverede (valgfrit)" in " ".join(text.split())


def test_a_card_typed_by_its_title_is_linked_without_javascript(world):
    response = _new(world.client_for("leder"), world.amg, actions_add=world.action.title)
    assert response.status_code == 302
    assert list(Incident.objects.get().actions.all()) == [world.action]


def test_part_of_a_title_is_enough_when_only_one_card_has_it(world):
    card = builders.make_action(world.amg, world.theme, title="Lydabsorberende plader i kantinen")
    response = _new(world.client_for("leder"), world.amg, actions_add="  lydabsorb ")
    assert response.status_code == 302
    assert list(Incident.objects.get().actions.all()) == [card]


def test_several_matching_cards_come_back_to_be_ticked_and_nothing_is_saved(world):
    one = builders.make_action(world.amg, world.theme, title="Alarm i gården")
    two = builders.make_action(world.amg, world.theme, title="Alarm på kontoret")
    client = world.client_for("leder")
    response = _new(client, world.amg, actions_add="alarm")
    assert response.status_code == 422
    html = response.content.decode()
    assert "2 kort passer til “alarm”" in html
    assert f'name="actions" value="{one.pk}">' in html
    assert f'name="actions" value="{two.pk}">' in html
    assert not Incident.objects.exists()
    # Ticking one of them saves it; the search text does not come back with the form.
    assert 'name="actions_add" value=""' in html
    response = _new(client, world.amg, actions=[two.pk], actions_add="")
    assert response.status_code == 302
    assert list(Incident.objects.get().actions.all()) == [two]


def test_an_unknown_title_is_refused_in_danish_and_kept_for_correcting(world):
    response = _new(world.client_for("leder"), world.amg, actions_add="Findes ikke")
    assert response.status_code == 422
    html = response.content.decode()
    assert "Intet kort passer til “Findes ikke”" in html
    assert 'value="Findes ikke"' in html
    assert not Incident.objects.exists()


def test_two_cards_with_the_same_title_are_told_apart_by_their_theme(world):
    other_theme = builders.make_theme(world.amg, "Støj")
    builders.make_action(world.amg, world.theme, title="Samtale")
    second = builders.make_action(world.amg, other_theme, title="Samtale")
    response = _new(world.client_for("leder"), world.amg, actions_add="Samtale (Støj)")
    assert response.status_code == 302
    assert list(Incident.objects.get().actions.all()) == [second]


def test_another_amgs_card_cannot_be_linked(world):
    response = _new(world.client_for("leder"), world.amg, actions=[world.other_action.pk])
    assert response.status_code == 422
    assert "findes ikke længere" in response.content.decode()
    response = _new(world.client_for("leder"), world.amg, actions_add=world.other_action.title)
    assert response.status_code == 422
    assert not Incident.objects.exists()


def test_editing_shows_the_linked_cards_ticked_and_unticking_removes_one(world):
    incident = apv_builders.make_incident(world.amg)
    extra = builders.make_action(world.amg, world.theme, title="Skærmvæg ved skranken")
    incident.actions.set([world.action, extra])
    client = world.client_for("leder")
    url = reverse("incident_edit", args=[world.amg.pk, incident.pk])
    html = client.get(url).content.decode()
    assert f'name="actions" value="{world.action.pk}" checked' in html
    assert f'name="actions" value="{extra.pk}" checked' in html
    data = {
        "date": incident.date.isoformat(),
        "kind": incident.kind,
        "where": incident.where,
        "what": incident.what,
        "actions": [extra.pk],
    }
    assert client.post(url, data).status_code == 302
    assert list(incident.actions.all()) == [extra]


def _queries(client, url) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_form_costs_the_same_queries_for_1_and_40_cards(world):
    client = world.client_for("leder")
    url = reverse("incident_new", args=[world.amg.pk])
    _queries(client, url)  # warm the session
    one = _queries(client, url)
    for n in range(40):
        builders.make_action(world.amg, world.theme, title=f"Kort {n}")
    assert _queries(client, url) == one
