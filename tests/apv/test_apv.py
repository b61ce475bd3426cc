"""The APV itself: areas and the 3-year rule, changes, revisions, closing, the five parts, and
problems that become actions on the board."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apv import services
from apv.models import APV, Area, Problem
from apv.queries import area_rows, overview
from handleplan.models import Action, Status
from tests.apv import builders as apv_builders
from tests.builders import make_theme
from tests.bundle import render_inspection_html


def url(name: str, *args: int) -> str:
    return reverse(name, args=args)


@pytest.fixture
def apv(world):
    area = apv_builders.make_area(world.amg, "Indskolingen")
    return apv_builders.make_apv(world.amg, areas=[area], members=[world.leder, world.amr])


# Areas, the 3-year rule and changes -----------------------------------------------------------


def test_an_area_warns_90_days_before_three_years_pass_and_is_overdue_after(world):
    today = datetime.date(2026, 6, 1)
    fresh = apv_builders.make_area(world.amg, "Frisk", last_assessed=datetime.date(2025, 1, 1))
    soon = apv_builders.make_area(world.amg, "Snart", last_assessed=datetime.date(2023, 7, 15))
    old = apv_builders.make_area(world.amg, "Gammel", last_assessed=datetime.date(2023, 5, 31))
    never = apv_builders.make_area(world.amg, "Aldrig")
    assert fresh.assessment_state(today) == "ok"
    assert soon.due == datetime.date(2026, 7, 15)
    assert soon.assessment_state(today) == "soon"
    assert old.assessment_state(today) == "overdue"
    assert never.assessment_state(today) == "never"


def test_a_leap_day_assessment_is_due_three_years_later_on_28_february(world):
    area = apv_builders.make_area(world.amg, "Skud", last_assessed=datetime.date(2024, 2, 29))
    assert area.due == datetime.date(2027, 2, 28)


def test_a_change_flags_the_areas_it_touches_until_they_are_assessed_again(world):
    today = timezone.localdate()
    touched = apv_builders.make_area(
        world.amg, "Indskolingen", last_assessed=today - datetime.timedelta(days=100)
    )
    apv_builders.make_area(
        world.amg, "Udskolingen", last_assessed=today - datetime.timedelta(days=100)
    )
    services.register_change(
        amg=world.amg,
        date=today - datetime.timedelta(days=10),
        kind="it",
        description="Nyt dokumentationssystem",
        areas=[touched],
    )
    flags = {row.area.name: row.flagged for row in area_rows(world.amg, today)}
    assert flags == {"Indskolingen": True, "Udskolingen": False}

    apv = apv_builders.make_apv(world.amg, areas=[touched])
    apv_builders.make_problem(apv)
    services.close_apv(apv=apv, today=today)
    flags = {row.area.name: row.flagged for row in area_rows(world.amg, today)}
    assert flags == {"Indskolingen": False, "Udskolingen": False}


def test_the_apv_page_lists_areas_that_need_attention(world):
    today = timezone.localdate()
    apv_builders.make_area(world.amg, "Kantinen", last_assessed=today.replace(year=today.year - 4))
    apv_builders.make_area(world.amg, "Biblioteket", last_assessed=today)
    html = world.client_for("laeser").get(url("apv_home", world.amg.pk)).content.decode()
    assert "Kantinen" in html
    assert "3 år overskredet" in html
    assert "Biblioteket" not in html


def test_a_change_needs_at_least_one_area_of_the_same_amg(world):
    other_area = apv_builders.make_area(world.other_amg, "Deres")
    response = world.client_for("leder").post(
        url("change_new", world.amg.pk),
        {"date": "2026-01-05", "kind": "it", "description": "x", "areas": [other_area.pk]},
    )
    assert response.status_code == 422
    assert not other_area.changes.exists()


# The APV, revisions and closing ---------------------------------------------------------------


def test_closing_keeps_the_apv_as_it_was_and_marks_its_areas_assessed(world, apv):
    problem = apv_builders.make_problem(apv)
    today = timezone.localdate()
    services.close_apv(apv=apv, today=today)
    assert Area.objects.get(name="Indskolingen").last_assessed == today
    with pytest.raises(ValidationError):
        services.save_problem(apv=apv, problem=problem, title="Ændret")
    response = world.client_for("leder").post(
        url("problem_edit", world.amg.pk, problem.pk),
        {"title": "Ændret", "probability": 1, "consequence": 1, "urgency": "laengere"},
    )
    assert response.status_code == 302
    problem.refresh_from_db()
    assert problem.title == "Tidspres i udskolingen"
    html = world.client_for("leder").get(url("apv_detail", world.amg.pk, apv.pk)).content.decode()
    assert "Start en revision" in html
    assert "Afslut APV’en" not in html


def test_an_apv_cannot_be_closed_without_problems_or_a_no_problems_record(world, apv):
    with pytest.raises(ValidationError):
        services.close_apv(apv=apv, today=timezone.localdate())
    services.record_no_problems(apv=apv, on=timezone.localdate(), with_whom="Hele personalet")
    services.close_apv(apv=apv, today=timezone.localdate())
    assert APV.objects.get(pk=apv.pk).is_closed


def test_no_problems_found_is_recorded_and_the_documentation_says_so(world, apv):
    response = world.client_for("amr").post(
        url("apv_no_problems", world.amg.pk, apv.pk),
        {"on": "2026-02-03", "with_whom": "Hele personalet på personalemødet"},
    )
    assert response.status_code == 302
    apv.refresh_from_db()
    assert apv.no_problems_found
    html = render_inspection_html(world.amg.pk)
    assert "Der blev ikke fundet problemer" in html
    assert "Hele personalet på personalemødet" in html
    assert "3. februar 2026" in html
    parts = {p.code: p.done for p in overview(apv, timezone.localdate()).parts}
    assert parts["analyse"] and parts["handlingsplan"]


def test_a_revision_starts_from_the_last_apv_and_the_old_one_stays_readable(world, apv):
    problem = apv_builders.make_problem(apv, title="Støj i kantinen")
    services.problem_to_actions(problem=problem, titles=["Lydplader"], theme=world.theme)
    services.close_apv(apv=apv, today=timezone.localdate())

    response = world.client_for("leder").get(url("apv_new", world.amg.pk) + f"?revision={apv.pk}")
    assert "Revision af APV 2026" in response.content.decode()
    response = world.client_for("leder").post(
        url("apv_new", world.amg.pk) + f"?revision={apv.pk}",
        {
            "title": "APV 2027",
            "method": "dialogisk",
            "start_date": "2027-01-04",
            "status": "i_gang",
            "areas": [a.pk for a in apv.areas.all()],
        },
    )
    assert response.status_code == 302
    revision = APV.objects.get(title="APV 2027")
    assert revision.previous == apv
    carried = revision.problems.get()
    assert carried.title == "Støj i kantinen"
    assert [a.title for a in carried.actions.all()] == ["Lydplader"]
    assert apv.problems.count() == 1  # the old APV keeps its own problem

    reader = world.client_for("laeser")
    old_page = reader.get(url("apv_detail", world.amg.pk, apv.pk)).content.decode()
    assert "Afsluttet" in old_page
    assert "APV 2027" in old_page  # links to its revision
    analyse = reader.get(url("part_analyse", world.amg.pk, apv.pk)).content.decode()
    assert "Støj i kantinen" in analyse


def test_the_apv_page_maps_the_five_parts_to_the_four_elements_of_the_rules(world, apv):
    html = world.client_for("laeser").get(url("apv_detail", world.amg.pk, apv.pk)).content.decode()
    for text in (
        "Kortlægning",
        "Analyse",
        "Handlingsplan",
        "Opfølgning",
        "Sygefravær",
        "Reglerne siden 1. februar 2024",
        "En risikovurdering på grundlag af en afdækning af arbejdsmiljøforholdene",
        "Inddragelse af sygefraværet",
        "En skriftlig handlingsplan for de problemer, der ikke løses med det samme",
        "Opfølgning på handlingsplanen",
        "Ingen kilder endnu",
    ):
        assert text in html, text


def test_each_part_page_shows_what_is_missing(world, apv):
    problem = apv_builders.make_problem(apv)
    parts = {p.code: p for p in overview(apv, timezone.localdate()).parts}
    assert not parts["handlingsplan"].done
    assert "1 problem har ingen handling på tavlen." in parts["handlingsplan"].missing
    services.problem_to_actions(problem=problem, titles=["Mødefri fredag"], theme=world.theme)
    parts = {p.code: p for p in overview(apv, timezone.localdate()).parts}
    assert parts["handlingsplan"].done
    assert not parts["opfoelgning"].done
    assert "1 handling har ingen opfølgningsdato." in parts["opfoelgning"].missing


# Analyse: problems, risk and the link to the board ---------------------------------------------


def test_problems_are_listed_by_risk_score_with_the_permanent_ones_apart(world, apv):
    apv_builders.make_problem(apv, title="Lav", probability=1, consequence=2)
    apv_builders.make_problem(apv, title="Høj", probability=5, consequence=4)
    apv_builders.make_problem(apv, title="Vold", probability=3, consequence=5, permanent=True)
    html = (
        world.client_for("laeser").get(url("part_analyse", world.amg.pk, apv.pk)).content.decode()
    )
    # ">Vold<": the problem's link, not the APV menu's "Vold og trusler"
    order = ["Høj", "Lav", "Permanente risici", ">Vold<"]
    assert [html.index(text) for text in order] == sorted(html.index(text) for text in order)
    assert "<svg" in html and "Risikomatrix" in html


def test_risk_score_and_plain_words_severity(world, apv):
    assert apv_builders.make_problem(apv, probability=1, consequence=4).severity == "Lav risiko"
    assert apv_builders.make_problem(apv, probability=3, consequence=3).severity == (
        "Moderat risiko"
    )
    assert apv_builders.make_problem(apv, probability=4, consequence=4).severity == "Høj risiko"
    top = apv_builders.make_problem(apv, probability=5, consequence=4)
    assert (top.risk_score, top.severity) == (20, "Meget høj risiko")


def test_scores_outside_one_to_five_are_refused_with_a_danish_message(world, apv):
    response = world.client_for("leder").post(
        url("problem_new", world.amg.pk, apv.pk),
        {"title": "X", "probability": 6, "consequence": 0, "urgency": "hurtigt"},
    )
    assert response.status_code == 422
    assert "Marker en gyldig valgmulighed" in response.content.decode()
    assert not Problem.objects.exists()


def test_a_problem_becomes_actions_in_one_step_linked_both_ways(world, apv):
    problem = apv_builders.make_problem(apv, title="Uklare roller")
    client = world.client_for("leder")
    response = client.post(
        url("problem_to_actions", world.amg.pk, problem.pk),
        {"titles": "Rollebeskrivelser\nFast mødeplan", "theme": world.theme.pk},
    )
    assert response.status_code == 302
    actions = list(problem.actions.order_by("pk"))
    assert [a.title for a in actions] == ["Rollebeskrivelser", "Fast mødeplan"]
    assert all(a.status == Status.STARTET and a.amg == world.amg for a in actions)

    detail = client.get(url("problem_detail", world.amg.pk, problem.pk)).content.decode()
    assert "Rollebeskrivelser" in detail and "Startet" in detail

    board = client.get(url("board", world.amg.pk)).content.decode()
    assert board.count('title="Svarer på: Uklare roller"') == 2
    card = client.get(url("action_detail", world.amg.pk, actions[0].pk)).content.decode()
    assert "Svarer på: Uklare roller" in card
    assert url("problem_detail", world.amg.pk, problem.pk) in card


def test_the_wall_screen_never_shows_which_problem_a_card_answers(world, apv):
    from handleplan.queries import board_for

    problem = apv_builders.make_problem(apv, title="Fortroligt problem")
    services.problem_to_actions(problem=problem, titles=["Kort"], theme=world.theme)
    wall = board_for(world.amg, now=timezone.now(), public_only=True)
    assert all(a.marks == [] for row in wall.rows for c in row.cells for a in c.actions)


def test_actions_cannot_be_made_under_another_amgs_theme(world, apv):
    problem = apv_builders.make_problem(apv)
    response = world.client_for("leder").post(
        url("problem_to_actions", world.amg.pk, problem.pk),
        {"titles": "X", "theme": world.other_theme.pk},
    )
    assert response.status_code == 422
    assert not Action.objects.filter(title="X").exists()


@pytest.mark.parametrize(
    ("name", "factory"),
    [
        ("apv_detail", lambda w: apv_builders.make_apv(w.other_amg)),
        ("problem_detail", lambda w: apv_builders.make_problem(apv_builders.make_apv(w.other_amg))),
        ("dialog_detail", lambda w: apv_builders.make_dialog(apv_builders.make_apv(w.other_amg))),
        ("risk_detail", lambda w: apv_builders.make_risk(w.other_amg)),
        ("incident_edit", lambda w: apv_builders.make_incident(w.other_amg)),
        ("area_edit", lambda w: apv_builders.make_area(w.other_amg)),
        ("follow_up_edit", lambda w: w.other_action),
    ],
)
def test_another_amgs_apv_objects_answer_404_through_your_own_amg(world, name, factory):
    obj = factory(world)
    response = world.client_for("leder").get(url(name, world.amg.pk, obj.pk))
    assert response.status_code == 404


# Query counts ---------------------------------------------------------------------------------


def _count(client, path: str) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def spread_themes(world) -> list:  # type: ignore[no-untyped-def, type-arg]
    """200 cards in three themes: a theme holds 100 at most (handleplan.limits)."""
    return [world.theme, make_theme(world.amg, "To"), make_theme(world.amg, "Tre")]


@pytest.mark.parametrize("page", ["apv_detail", "part_analyse", "part_handlingsplan"])
def test_the_apv_pages_cost_the_same_queries_for_1_and_200_problems(world, apv, page):
    client = world.client_for("leder")
    first = apv_builders.make_problem(apv, title="Problem 0")
    services.problem_to_actions(problem=first, titles=["Handling 0"], theme=world.theme)
    path = url(page, world.amg.pk, apv.pk)
    one = _count(client, path)
    themes = spread_themes(world)
    for n in range(1, 200):
        problem = apv_builders.make_problem(apv, title=f"Problem {n}", probability=1 + n % 5)
        services.problem_to_actions(problem=problem, titles=[f"Handling {n}"], theme=themes[n % 3])
    assert _count(client, path) == one


def test_the_board_costs_the_same_queries_with_marks_on_1_and_200_cards(world, apv):
    client = world.client_for("leder")
    first = apv_builders.make_problem(apv)
    services.problem_to_actions(problem=first, titles=["A"], theme=world.theme)
    path = url("board", world.amg.pk)
    one = _count(client, path)
    problem = apv_builders.make_problem(apv, title="Mange")
    services.problem_to_actions(
        problem=problem, titles=[f"Kort {n}" for n in range(20)], theme=world.theme
    )
    themes = spread_themes(world)
    for n in range(9):
        services.problem_to_actions(
            problem=apv_builders.make_problem(apv),
            titles=[f"Kort {n}" for n in range(20)],
            theme=themes[n % 3],
        )
    assert Action.objects.filter(amg=world.amg).count() > 200
    assert _count(client, path) == one


def test_each_part_has_its_own_page_with_its_progress_and_what_is_missing(world, apv):
    client = world.client_for("laeser")
    page = client.get(url("part_sygefravaer", world.amg.pk, apv.pk)).content.decode()
    assert "Intet sygefravær registreret." in page
    assert "Gruppens vurdering af, om arbejdsforholdene bidrager, mangler." in page
    page = client.get(url("part_kortlaegning", world.amg.pk, apv.pk)).content.decode()
    assert "Ingen kilder endnu" in page
    apv_builders.make_dialog(apv)
    page = client.get(url("part_kortlaegning", world.amg.pk, apv.pk)).content.decode()
    assert "Ingen kilder endnu" not in page and "På plads" in page


def test_a_closed_apv_shows_its_actions_as_they_stood_when_it_was_closed(world, apv):
    from handleplan import services as board

    problem = apv_builders.make_problem(apv, title="Tidspres")
    (action,) = services.problem_to_actions(problem=problem, titles=["Kursus"], theme=world.theme)
    services.close_apv(apv=apv, today=timezone.localdate())
    board.move_action(action=action, status=Status.AFSLUTTET)
    client = world.client_for("laeser")
    page = client.get(url("part_analyse", world.amg.pk, apv.pk)).content.decode()
    table = page.split("Problemer efter risiko")[1].split("Permanente risici")[0]
    assert "Startet" in table and "Afsluttet" not in table
    assert (
        "Da APV’en blev afsluttet:"
        in client.get(url("problem_detail", world.amg.pk, problem.pk)).content.decode()
    )


def test_the_documentation_costs_the_same_queries_for_1_and_200_problems(world, apv):
    first = apv_builders.make_problem(apv, title="Problem 0")
    services.problem_to_actions(problem=first, titles=["Handling 0"], theme=world.theme)
    with CaptureQueriesContext(connection) as one:
        render_inspection_html(world.amg.pk)
    themes = spread_themes(world)
    for n in range(1, 200):
        problem = apv_builders.make_problem(apv, title=f"Problem {n}", permanent=n % 7 == 0)
        services.problem_to_actions(problem=problem, titles=[f"Handling {n}"], theme=themes[n % 3])
    with CaptureQueriesContext(connection) as many:
        html = render_inspection_html(world.amg.pk)
    assert "Problem 199" in html
    assert len(many) == len(one)


def test_what_users_write_in_the_apv_is_escaped(world, apv):
    problem = apv_builders.make_problem(apv, title="<script>alert(1)</script>")
    html = world.client_for("leder").get(url("problem_detail", world.amg.pk, problem.pk))
    assert "<script>alert(1)</script>" not in html.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html.content.decode()


def test_a_new_apv_starts_from_the_last_ones_scope_areas_and_people(world, apv):
    apv.scope = "Hele skolen"
    apv.save()
    html = world.client_for("leder").get(url("apv_new", world.amg.pk)).content.decode()
    assert "Hele skolen" in html
    area = apv.areas.get()
    assert f'value="{area.pk}" id="id_areas_0" checked' in html


def test_the_documentation_shows_the_whole_apv(world, apv):
    from decimal import Decimal

    from apv.survey_csv import Row

    apv_builders.make_dialog(apv)
    services.import_survey(
        apv=apv, title="Trivselsmåling 2026", filename="t.csv", rows=[Row(2, "Q", Decimal(3))]
    )
    services.add_gennemgang(
        apv=apv,
        kind="aaben",
        form="team",
        where="Team 7",
        date=timezone.localdate(),
        participants="AMR",
        urgency="hurtigt",
    )
    apv_builders.make_problem(apv, title="Tidspres")
    apv_builders.make_problem(apv, title="Udadreagerende elever", permanent=True)
    apv_builders.make_risk(world.amg, title="Forældremøder")
    apv_builders.make_incident(world.amg, where="Skolegården")
    html = render_inspection_html(world.amg.pk)
    for text in (
        "APV 2026",
        "Indskolingen",
        "Trivselsmåling 2026 (indlæst",
        "Team 7",
        "chart-histogram",
        "chart-matrix",
        "Tidspres",
        "Permanente risici",
        "Udadreagerende elever",
        "Forældremøder",
        "Skolegården",
        world.leder.display_name,
    ):
        assert text in html, text
