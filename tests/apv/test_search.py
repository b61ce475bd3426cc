"""The APV in the search: problems, risk assessments and incidents — and the names of people
involved in an incident are never searchable."""

from __future__ import annotations

from django.urls import reverse

from apv import services
from tests.apv import builders as apv
from tests.searching import found


def test_a_problem_is_found_by_its_title_description_cause_and_who_it_affects(world):
    problem = apv.make_problem(
        apv.make_apv(world.amg),
        title="Tidspres ved skemalægning",
        description="Skemaet kommer sent",
        cause="Mangel på planlæggere",
        affected="Lærerne i udskolingen",
    )
    for word in ("tidspres", "skemaet", "planlæggere", "udskolingen"):
        assert found(world.laeser.user, word) == {"problemer": [problem.pk]}, word


def test_a_problem_carried_into_a_revision_is_found_in_both_apvs(world):
    first = apv.make_apv(world.amg, "APV 2023")
    old = apv.make_problem(first, title="Indeklima i fløj C")
    services.close_apv(apv=first, today=first.start_date)
    revision = apv.make_apv(world.amg, "APV 2026", previous=first)
    new = revision.problems.get()
    assert set(found(world.leder.user, "indeklima")["problemer"]) == {old.pk, new.pk}
    html = (
        world.client_for("leder")
        .get(reverse("amg_search", args=[world.amg.pk]), {"q": "indeklima"})
        .content.decode()
    )
    assert "APV 2023" in html and "APV 2026" in html


def test_an_edited_problem_is_found_by_its_new_words(world):
    problem = apv.make_problem(apv.make_apv(world.amg), title="Dårlig belysning")
    services.save_problem(apv=problem.apv, problem=problem, title="Blændende belysning")
    assert found(world.leder.user, "dårlig") == {}
    assert found(world.leder.user, "blændende") == {"problemer": [problem.pk]}


def test_a_risk_assessment_is_found_by_its_title_and_each_of_its_texts(world):
    risk = apv.make_risk(
        world.amg,
        title="Ture ud af huset",
        department="Børnehaveklassen",
        risks="Trafik",
        prevention="Refleksveste",
        guidelines="Altid to voksne",
    )
    for word in ("ture", "børnehaveklassen", "trafik", "refleksveste", "voksne"):
        assert found(world.laeser.user, word) == {"risikovurderinger": [risk.pk]}, word


def test_an_incident_is_found_by_where_what_and_how_it_was_handled_and_by_its_type(world):
    incident = apv.make_incident(
        world.amg,
        kind="vold",
        where="Gymnastiksalen",
        what="En elev kastede en stol",
        handling="Debriefing samme dag",
    )
    for word in ("gymnastiksalen", "stol", "debriefing", "vold"):
        assert found(world.laeser.user, word) == {"haendelser": [incident.pk]}, word


def test_the_people_involved_in_an_incident_are_never_searchable(world):
    apv.make_incident(world.amg, names="Mikkel Mikkelsen", what="Et skub i døren")
    assert found(world.leder.user, "mikkelsen") == {}
    html = (
        world.client_for("leder")
        .get(reverse("amg_search", args=[world.amg.pk]), {"q": "skub"})
        .content.decode()
    )
    assert "haendelse-" in html
    assert "Mikkelsen" not in html


def test_an_incident_hit_lands_on_its_row_in_the_register(world):
    incident = apv.make_incident(world.amg, what="Glat gulv i køkkenet")
    page = world.client_for("laeser").get(reverse("incident_list", args=[world.amg.pk]))
    assert f'id="haendelse-{incident.pk}"' in page.content.decode()
