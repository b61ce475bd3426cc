"""The annual evaluation (årlig arbejdsmiljødrøftelse): the year looked back on from the
handleplan's history, the required points, concluding as a referat, goals that become actions."""

from __future__ import annotations

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from apv import services as apv_services
from handleplan import services as board
from handleplan.models import Action, MeetingEvent, Status
from metoder.evaluation import services
from metoder.evaluation.models import AnnualEvaluation, EvaluationGoal, WorkplaceInput
from metoder.evaluation.queries import LookingBack, looking_back
from tests import builders
from tests.bundle import render_inspection_html, section_html

ZONE = timezone.get_fixed_timezone(60)  # Copenhagen in winter (CET)


def at(instance: object, when: datetime.datetime, pk: int | None = None) -> None:
    """Date the latest history row of `instance` (the services stamp it with now)."""
    model = type(instance)
    record = model.history.filter(id=pk or instance.pk).order_by("-history_id").first()  # type: ignore[attr-defined]
    model.history.filter(history_id=record.history_id).update(history_date=when)  # type: ignore[attr-defined]


def moved(action: Action, status: str, when: datetime.datetime) -> Action:
    action.refresh_from_db()
    board.move_action(action=action, status=status, theme=action.theme, index=0)
    at(action, when)
    return action


def local(y: int, m: int, d: int, hh: int = 12, mm: int = 0) -> datetime.datetime:
    return datetime.datetime(y, m, d, hh, mm, tzinfo=ZONE)


def complete(evaluation: AnnualEvaluation) -> AnnualEvaluation:
    """Answer every required point."""
    services.save_draft(
        evaluation=evaluation,
        expected_version=None,
        answers={},
        goals_met="Delvist",
        focus="Trivsel i SFO'en",
        cooperation="Tavlemøde hver tredje uge",
        training="1,5 dag om konflikthåndtering",
        expertise_present="ja",
    )
    services.add_goal(evaluation=evaluation, title="Dørkarmsinterviews i SFO'en")
    return evaluation


def detail(evaluation: AnnualEvaluation) -> str:
    return reverse("evaluation_detail", args=[evaluation.amg_id, evaluation.pk])


# Looking back: from the handleplan's history ---------------------------------------------------


def test_the_year_is_read_from_the_history_with_the_boundary_at_local_midnight(world):
    amg, theme = world.amg, world.theme
    card = builders.make_action(amg, theme, title="Fælles mødekalender", status=Status.PARKERET)
    at(card, local(2025, 6, 1))
    moved(card, Status.STARTET, local(2025, 12, 31, 23, 30))  # the last half hour of 2025
    moved(card, Status.I_MAAL, local(2026, 1, 1, 0, 30))  # the first half hour of 2026
    moved(card, Status.OPFOELGNING, local(2026, 2, 1))
    moved(card, Status.AFSLUTTET, local(2026, 3, 1))
    apv_services.add_evaluation(
        action=card, date=datetime.date(2026, 3, 5), who="AMR", verdict="virket", note="Færre møder"
    )

    last_year = {r.title: r for r in looking_back(amg, 2025).rows}["Fælles mødekalender"]
    assert last_year.started == datetime.date(2025, 12, 31)
    assert last_year.finished is None
    assert last_year.status == Status.STARTET  # as it stood at the end of 2025
    assert last_year.created == datetime.date(2025, 6, 1)
    assert last_year.verdicts == []

    this_year = {r.title: r for r in looking_back(amg, 2026).rows}["Fælles mødekalender"]
    assert this_year.started is None  # it was started the year before
    assert this_year.finished == datetime.date(2026, 1, 1)
    assert this_year.closed == datetime.date(2026, 3, 1)
    assert this_year.status == Status.AFSLUTTET
    assert [(v.verdict, v.note) for v in this_year.verdicts] == [("virket", "Færre møder")]


def test_a_binned_card_is_shown_as_deleted_not_as_the_column_it_left(world):
    amg, theme = world.amg, world.theme
    card = builders.make_action(amg, theme, title="Droppet idé", status=Status.PARKERET)
    at(card, local(2026, 2, 1))
    pk = card.pk
    board.delete_action(action=card)
    at(card, local(2026, 3, 1), pk=pk)
    row = {r.title: r for r in looking_back(amg, 2026).rows}["Droppet idé"]
    assert row.binned
    assert row.deleted == datetime.date(2026, 3, 1)
    assert row.status_label == "Slettet (i papirkurven)"
    evaluation = services.start_evaluation(amg=amg, year=2026)
    html = world.client_for("leder").get(detail(evaluation)).content.decode()
    start = html.index("Droppet idé")
    row_html = html[start : html.index("</tr>", start)]
    assert "Ligger i papirkurven" in row_html
    assert "Parkeringsplads" not in row_html and "Står nu" not in row_html


def test_a_card_restored_from_the_bin_stands_where_it_stood(world):
    amg, theme = world.amg, world.theme
    card = builders.make_action(amg, theme, title="Tilbage igen", status=Status.STARTET)
    pk = card.pk
    board.delete_action(action=card)
    record = Action.history.filter(id=pk, history_type="-").get()
    board.restore_deleted_action(amg=amg, record=record)
    row = {r.title: r for r in looking_back(amg, timezone.localdate().year).rows}["Tilbage igen"]
    assert not row.binned
    assert row.status_label == "Startet"


def test_the_look_back_counts_started_finished_and_evaluated_and_leaves_out_other_years_and_amgs(
    world,
):
    amg, theme = world.amg, world.theme
    started = builders.make_action(amg, theme, title="Startet i år", status=Status.STARTET)
    at(started, local(2026, 2, 1))
    finished = builders.make_action(amg, theme, title="Nået i år", status=Status.STARTET)
    at(finished, local(2025, 5, 1))
    moved(finished, Status.I_MAAL, local(2026, 4, 1))
    quiet = builders.make_action(amg, theme, title="Kun evalueret i år", status=Status.OPFOELGNING)
    at(quiet, local(2025, 9, 1))
    apv_services.add_evaluation(
        action=quiet, date=datetime.date(2026, 5, 1), who="Leder", verdict="delvist"
    )
    old = builders.make_action(amg, theme, title="Kun i 2024", status=Status.STARTET)
    at(old, local(2024, 3, 1))
    deleted = builders.make_action(amg, theme, title="Slettet i år", status=Status.PARKERET)
    at(deleted, local(2026, 1, 10))
    deleted_pk = deleted.pk
    board.delete_action(action=deleted)
    at(deleted, local(2026, 1, 11), pk=deleted_pk)
    # world.action and world.other_action were made today (2026 or later by the clock)
    back = looking_back(amg, 2026)
    titles = {r.title for r in back.rows}
    assert {"Startet i år", "Nået i år", "Kun evalueret i år", "Slettet i år"} <= titles
    assert "Kun i 2024" not in titles
    assert world.other_action.title not in titles
    assert "Startet i år" in {r.title for r in back.started}
    assert {r.title for r in back.finished} == {"Nået i år"}
    assert {r.title for r in back.evaluated} == {"Kun evalueret i år"}
    assert {r.title: r for r in back.rows}["Slettet i år"].deleted == datetime.date(2026, 1, 11)


def test_the_look_back_counts_meetings_their_moves_and_the_ideas_received(world):
    amg = world.amg
    meeting = builders.start_meeting(amg)
    board.move_action(action=world.action, status=Status.GODT_I_GANG, theme=world.theme, index=0)
    builders.end_meeting(meeting)
    builders.make_idea(amg, "Bedre lys i personalerummet", name="Mia Hansen")
    year = timezone.localdate().year
    back = looking_back(amg, year)
    row = {r.title: r for r in back.rows}[world.action.title]
    assert row.meeting_events == 1
    assert {m.kind_label: m.count for m in back.meetings}["Tavlemøde"] == 1
    assert [i.text for i in back.ideas] == ["Bedre lys i personalerummet"]
    assert "Mia Hansen" not in str(back.to_json())  # the sender's name never reaches it


def test_the_look_back_survives_its_json_round_trip(world):
    back = looking_back(world.amg, timezone.localdate().year)
    again = LookingBack.from_json(back.to_json())
    assert again == back


def test_last_years_goals_are_shown_with_where_their_actions_stand(world):
    last = services.start_evaluation(amg=world.amg, year=2025)
    goal = services.add_goal(evaluation=last, title="Mødefri formiddag")
    services.add_goal(evaluation=last, title="Aldrig sat på tavlen")
    services.goals_to_actions(evaluation=last, goals=[goal], theme=world.theme)
    action = EvaluationGoal.objects.get(pk=goal.pk).action
    board.move_action(action=action, status=Status.I_MAAL, theme=world.theme, index=0)
    goals = {g.title: g for g in looking_back(world.amg, 2026).last_goals}
    assert goals["Mødefri formiddag"].reached
    assert goals["Mødefri formiddag"].status_label == "I mål"
    assert not goals["Aldrig sat på tavlen"].reached


def make_history(world, count: int) -> None:  # type: ignore[no-untyped-def]
    year = timezone.localdate().year
    themes = [builders.make_theme(world.amg, f"Historik {count}-{t}") for t in range(2)]
    for n in range(count):  # two themes: one holds 100 cards at most (handleplan.limits)
        card = builders.make_action(world.amg, themes[n % 2], title=f"Kort {n}", status="parkeret")
        moved(card, Status.STARTET, local(year, 2, 1))
        moved(card, Status.I_MAAL, local(year, 3, 1))
        apv_services.add_evaluation(
            action=card, date=datetime.date(year, 3, 2), who="AMR", verdict="virket"
        )
        builders.make_idea(world.amg, f"Idé {n}")


def test_query_counts_do_not_grow_with_the_number_of_actions(world):
    year = timezone.localdate().year
    evaluation = services.start_evaluation(amg=world.amg, year=year)
    complete(evaluation)
    client = world.client_for("amr")
    url = detail(evaluation)

    def measure() -> tuple[int, int, int]:
        with CaptureQueriesContext(connection) as page:
            assert client.get(url).status_code == 200
        with CaptureQueriesContext(connection) as back:
            looking_back(world.amg, year)
        with CaptureQueriesContext(connection) as document:
            render_inspection_html(world.amg.pk)
        return len(page), len(back), len(document)

    make_history(world, 1)
    few = measure()
    make_history(world, 199)
    many = measure()
    assert few == many
    assert few[1] <= 8


# The required points and concluding --------------------------------------------------------------


def test_concluding_needs_every_required_point(world):
    evaluation = services.start_evaluation(amg=world.amg, year=2026)
    missing = services.missing_points(evaluation)
    assert missing == [
        "Er målene fra det foregående år nået?",
        "Hvad skal være fokus på i det kommende år?",
        "Hvad er de nye mål for det kommende år?",
        "Hvordan skal samarbejdet om arbejdsmiljøet foregå, og hvordan vil vi nå målene?",
        "Hvordan vil I bruge jeres ret til årlig supplerende arbejdsmiljøuddannelse?",
        "Har arbejdsmiljøorganisationen den nødvendige ekspertise?",
    ]
    client = world.client_for("amr")
    url = reverse("evaluation_conclude", args=[world.amg.pk, evaluation.pk])
    page = client.get(url)
    assert "Disse punkter mangler" in page.content.decode()
    response = client.post(
        url, {"held_on": "2026-01-05", "participants": [world.amr.pk, world.leder.pk]}
    )
    assert response.status_code == 422
    evaluation.refresh_from_db()
    assert not evaluation.is_concluded


def test_concluding_freezes_the_referat_with_date_participants_and_the_year(world):
    year = timezone.localdate().year
    evaluation = complete(services.start_evaluation(amg=world.amg, year=year))
    client = world.client_for("amr")
    url = reverse("evaluation_conclude", args=[world.amg.pk, evaluation.pk])
    today = timezone.localdate().isoformat()
    response = client.post(
        url,
        {
            "held_on": today,
            "participants": [world.amr.pk, world.leder.pk],
            "other_participants": "MED-udvalget",
        },
    )
    assert response.status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.is_concluded
    assert evaluation.held_on == timezone.localdate()
    names = [p["name"] for p in evaluation.participants]
    assert sorted(names) == sorted([world.amr.display_name, world.leder.display_name])
    assert {p["role"] for p in evaluation.participants} == {"Arbejdsmiljørepræsentant", "Leder"}
    frozen = evaluation.looking_back_snapshot
    title = world.action.title
    assert title in {r["title"] for r in frozen["rows"]}

    # Later changes on the board do not change the referat ...
    board.update_action(action=world.action, title="Omdøbt bagefter")
    page = client.get(detail(evaluation)).content.decode()
    assert title in page and "Omdøbt bagefter" not in page
    # ... and the referat cannot be edited until it is reopened.
    response = client.post(detail(evaluation), {"focus": "Ændret", "version": evaluation.version})
    assert response.status_code == 409
    assert (
        client.post(
            reverse("evaluation_input_add", args=[world.amg.pk, evaluation.pk]),
            {"input-source": "x", "input-text": "y"},
        ).status_code
        == 409
    )
    evaluation.refresh_from_db()
    assert evaluation.focus == "Trivsel i SFO'en"

    # Reopening asks first, then makes it a draft; the concluded version stays in the history.
    reopen = reverse("evaluation_reopen", args=[world.amg.pk, evaluation.pk])
    assert "Genåbn drøftelsen" in client.get(reopen).content.decode()
    assert client.post(reopen).status_code == 302
    evaluation.refresh_from_db()
    assert not evaluation.is_concluded
    history = client.get(reverse("evaluation_history", args=[world.amg.pk, evaluation.pk]))
    text = history.content.decode()
    assert "Afsluttet som referat" in text and "Genåbnet" in text


def test_a_participant_from_another_amg_is_refused(world):
    evaluation = complete(services.start_evaluation(amg=world.amg, year=2026))
    client = world.client_for("amr")
    url = reverse("evaluation_conclude", args=[world.amg.pk, evaluation.pk])
    response = client.post(url, {"held_on": "2026-01-05", "participants": [world.outsider.pk]})
    assert response.status_code == 422
    evaluation.refresh_from_db()
    assert not evaluation.is_concluded


def test_the_concluded_evaluation_is_in_the_inspection_document_and_its_pdf(world):
    evaluation = complete(services.start_evaluation(amg=world.amg, year=2026))
    draft = section_html(render_inspection_html(world.amg.pk), "droeftelse")
    assert "Der er ikke registreret en afsluttet årlig arbejdsmiljødrøftelse" in draft
    services.conclude(
        evaluation=evaluation,
        held_on=datetime.date(2026, 11, 20),
        participants=[world.amr],
        now=timezone.now(),
    )
    html = render_inspection_html(world.amg.pk)
    assert "Referat af den årlige arbejdsmiljødrøftelse for 2026" in html
    assert "Trivsel i SFO&#x27;en" in html
    response = world.client_for("laeser").get(
        reverse("evaluation_pdf", args=[world.amg.pk, evaluation.pk])
    )
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Referat: årlig arbejdsmiljødrøftelse 2026" in text
    assert "20. november 2026" in text
    assert world.amr.display_name in text


# Goals become actions -----------------------------------------------------------------------------


def test_goals_become_actions_in_one_step_through_the_board_services(world):
    evaluation = services.start_evaluation(amg=world.amg, year=2026)
    first = services.add_goal(evaluation=evaluation, title="Mødefri formiddag", why="Travlhed")
    second = services.add_goal(evaluation=evaluation, title="Makkerordning")
    meeting = builders.start_meeting(world.amg)
    revision = type(world.amg).objects.get(pk=world.amg.pk).board_revision
    client = world.client_for("amr")
    url = reverse("evaluation_goals_to_actions", args=[world.amg.pk, evaluation.pk])
    response = client.post(
        url,
        {
            "actions-goals": [first.pk, second.pk],
            "actions-theme": world.theme.pk,
            "actions-status": "startet",
        },
    )
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.action.title == "Mødefri formiddag"
    assert first.action.status == Status.STARTET
    assert first.action.theme == world.theme
    assert "Travlhed" in first.action.why and "2026" in first.action.why
    assert first.action.history.count() == 1
    assert MeetingEvent.objects.filter(meeting=meeting, action=first.action).exists()
    assert type(world.amg).objects.get(pk=world.amg.pk).board_revision > revision
    # Once only: a goal that has its action is not made again.
    client.post(
        url,
        {
            "actions-goals": [first.pk],
            "actions-theme": world.theme.pk,
            "actions-status": "parkeret",
        },
    )
    assert Action.objects.filter(title="Mødefri formiddag").count() == 1
    # The page links the goal to its card.
    page = client.get(detail(evaluation)).content.decode()
    assert reverse("action_detail", args=[world.amg.pk, first.action.pk]) in page


def test_a_theme_of_another_amg_is_refused_for_the_goals(world):
    evaluation = services.start_evaluation(amg=world.amg, year=2026)
    goal = services.add_goal(evaluation=evaluation, title="Mål")
    url = reverse("evaluation_goals_to_actions", args=[world.amg.pk, evaluation.pk])
    response = world.client_for("amr").post(
        url,
        {
            "actions-goals": [goal.pk],
            "actions-theme": world.other_theme.pk,
            "actions-status": "parkeret",
        },
    )
    assert response.status_code == 422
    assert "Vælg et tema" in response.content.decode()
    goal.refresh_from_db()
    assert goal.action is None


# Saving the draft, with and without JavaScript --------------------------------------------------


def test_the_draft_is_saved_without_javascript_and_with_htmx(world):
    evaluation = services.start_evaluation(amg=world.amg, year=2026)
    client = world.client_for("amr")
    response = client.post(
        detail(evaluation),
        {"focus": "Stress", "q_nu": "Travlt", "expertise_present": "delvist", "version": 1},
    )
    assert response.status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.focus == "Stress"
    assert evaluation.answers == {"nu": "Travlt"}
    assert evaluation.expertise_present == "delvist"

    response = client.post(
        detail(evaluation),
        {"focus": "Stress og støj", "version": evaluation.version},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Kladden er gemt" in body
    evaluation.refresh_from_db()
    assert evaluation.focus == "Stress og støj"
    assert f'value="{evaluation.version}"' in body  # the page's version moves on (out of band)


def test_a_stale_save_keeps_the_members_text_and_overwrites_nothing(world):
    evaluation = services.start_evaluation(amg=world.amg, year=2026)
    leder = world.client_for("leder")
    leder.post(detail(evaluation), {"focus": "Først", "version": 1})
    evaluation.refresh_from_db()
    assert evaluation.focus == "Først"
    client = world.client_for("amr")
    response = client.post(detail(evaluation), {"focus": "Min tekst", "version": 1})
    assert response.status_code == 409
    assert "Min tekst" in response.content.decode()
    evaluation.refresh_from_db()
    assert evaluation.focus == "Først"
    htmx = client.post(
        detail(evaluation), {"focus": "Min tekst", "version": 1}, headers={"HX-Request": "true"}
    )
    assert htmx.status_code == 409
    assert "har gemt evalueringen" in htmx.content.decode()


def test_a_members_own_autosave_that_overtook_their_button_is_no_conflict(world):
    evaluation = services.start_evaluation(amg=world.amg, year=2026)
    client = world.client_for("amr")
    client.post(
        detail(evaluation), {"focus": "Autogemt", "version": 1}, headers={"HX-Request": "true"}
    )
    response = client.post(detail(evaluation), {"focus": "Knappen", "version": 1})
    assert response.status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.focus == "Knappen"


def test_starting_twice_opens_the_same_evaluation_and_only_this_or_last_year(world):
    client = world.client_for("amr")
    url = reverse("evaluation_start", args=[world.amg.pk])
    year = timezone.localdate().year
    first = client.post(url, {"year": year})
    second = client.post(url, {"year": year})
    assert first["Location"] == second["Location"]
    assert AnnualEvaluation.objects.filter(amg=world.amg).count() == 1
    for junk in ("1999", "abc", str(year + 1), "99999999999999999999"):
        response = client.post(url, {"year": junk})
        assert response.status_code == 303
    assert AnnualEvaluation.objects.filter(amg=world.amg).count() == 1


# Hostile input -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        {"focus": "x" * 4001},
        {"q_nu": "x" * 4001},
        {"focus": "nul\x00byte"},
        {"expertise_present": "måske"},
        {"version": "abc"},
        {"focus": "CPR 010203-1234"},
    ],
    ids=["too-long", "too-long-answer", "nul", "bad-choice", "bad-version", "cpr"],
)
def test_bad_input_answers_422_in_danish_and_saves_nothing(world, data):
    evaluation = services.start_evaluation(amg=world.amg, year=2026)
    services.save_draft(evaluation=evaluation, expected_version=None, answers={}, focus="Gemt")
    client = world.client_for("amr")
    response = client.post(detail(evaluation), {"goals_met": "Også ny", **data})
    assert response.status_code == 422
    body = response.content.decode()
    assert 'class="error"' in body
    assert "Noget af det, du skrev, kunne ikke gemmes" in body
    evaluation.refresh_from_db()
    assert evaluation.focus == "Gemt" and evaluation.goals_met == ""
    htmx = client.post(detail(evaluation), data, headers={"HX-Request": "true"})
    assert htmx.status_code == 422
    assert "Ikke gemt" in htmx.content.decode()


def test_text_is_escaped_everywhere(world):
    evaluation = services.start_evaluation(amg=world.amg, year=2026)
    script = '<script>alert("x")</script>'
    services.save_draft(
        evaluation=evaluation, expected_version=None, answers={"nu": script}, focus=script
    )
    services.add_input(evaluation=evaluation, source=script, text=script)
    services.add_goal(evaluation=evaluation, title=script)
    client = world.client_for("amr")
    for url in (
        detail(evaluation),
        reverse("evaluation_history", args=[world.amg.pk, evaluation.pk]),
    ):
        body = client.get(url).content.decode()
        assert script not in body
        assert "&lt;script&gt;" in body


def test_empty_and_oversized_input_and_goals_are_refused(world):
    evaluation = services.start_evaluation(amg=world.amg, year=2026)
    client = world.client_for("amr")
    add_input = reverse("evaluation_input_add", args=[world.amg.pk, evaluation.pk])
    add_goal = reverse("evaluation_goal_add", args=[world.amg.pk, evaluation.pk])
    assert client.post(add_input, {"input-source": "", "input-text": ""}).status_code == 422
    assert client.post(add_input, {"input-source": "x" * 201, "input-text": "y"}).status_code == 422
    assert client.post(add_goal, {"goal-title": ""}).status_code == 422
    response = client.post(add_goal, {"goal-title": "x" * 201})
    assert response.status_code == 422
    assert "Sørg for" in response.content.decode() or "højst" in response.content.decode()
    assert not WorkplaceInput.objects.exists() and not EvaluationGoal.objects.exists()


def test_another_amgs_evaluation_input_and_goal_answer_404_through_your_own_amg(world):
    theirs = services.start_evaluation(amg=world.other_amg, year=2026)
    item = services.add_input(evaluation=theirs, source="Deres", text="Input")
    goal = services.add_goal(evaluation=theirs, title="Deres mål")
    mine = services.start_evaluation(amg=world.amg, year=2026)
    client = world.client_for("leder")
    amg = world.amg.pk
    assert client.get(reverse("evaluation_detail", args=[amg, theirs.pk])).status_code == 404
    assert client.post(reverse("evaluation_detail", args=[amg, theirs.pk]), {}).status_code == 404
    assert client.get(reverse("evaluation_pdf", args=[amg, theirs.pk])).status_code == 404
    # Their input and goal through my own evaluation: 404, and nothing deleted.
    url = reverse("evaluation_input_delete", args=[amg, mine.pk, item.pk])
    assert client.post(url).status_code == 404
    url = reverse("evaluation_goal_delete", args=[amg, mine.pk, goal.pk])
    assert client.post(url).status_code == 404
    url = reverse("evaluation_goals_to_actions", args=[amg, mine.pk])
    response = client.post(
        url,
        {"actions-goals": [goal.pk], "actions-theme": world.theme.pk, "actions-status": "parkeret"},
    )
    assert response.status_code == 422
    assert WorkplaceInput.objects.filter(pk=item.pk).exists()
    goal.refresh_from_db()
    assert goal.action is None


def test_deleting_input_and_goals_keeps_them_in_the_history(world):
    evaluation = services.start_evaluation(amg=world.amg, year=2026)
    item = services.add_input(evaluation=evaluation, source="Personalemøde", text="Mere ro")
    goal = services.add_goal(evaluation=evaluation, title="Mødefri formiddag")
    client = world.client_for("amr")
    page = client.get(detail(evaluation)).content.decode()
    assert "data-confirm" in page  # asks first
    client.post(reverse("evaluation_input_delete", args=[world.amg.pk, evaluation.pk, item.pk]))
    client.post(reverse("evaluation_goal_delete", args=[world.amg.pk, evaluation.pk, goal.pk]))
    assert not WorkplaceInput.objects.exists() and not EvaluationGoal.objects.exists()
    history = client.get(reverse("evaluation_history", args=[world.amg.pk, evaluation.pk]))
    text = history.content.decode()
    assert "Personalemøde: Mere ro" in text and "Mødefri formiddag" in text


def test_readers_see_the_evaluation_but_no_forms(world):
    evaluation = complete(services.start_evaluation(amg=world.amg, year=2026))
    body = world.client_for("laeser").get(detail(evaluation)).content.decode()
    assert "Trivsel i SFO" in body
    assert 'id="evaluation-form"' not in body
    assert "Afslut drøftelsen" not in body


def test_the_dashboard_links_to_this_years_evaluation(world, django_assert_max_num_queries):
    client = world.client_for("amr")
    body = client.get(reverse("dashboard")).content.decode()
    assert reverse("evaluation_list", args=[world.amg.pk]) in body
    assert "ikke startet" in body
    services.start_evaluation(amg=world.amg, year=timezone.localdate().year)
    assert "kladde" in client.get(reverse("dashboard")).content.decode()
