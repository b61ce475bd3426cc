"""Rounds, hidden answers, the comparison's maths, decisions → actions, the pages and their
input, the board's offer on stalled cards, the inspection document and the demo."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from forkant.models import Role
from handleplan.models import Action, BoardSettings, Status
from metoder.instruments import engine, queries, services
from metoder.instruments.models import Answer, Decision, Participant, Round
from tests import builders

NOW = timezone.make_aware(datetime.datetime(2026, 3, 2, 10, 0))
SIX = ("aabenhed", "innovation", "motivation", "tid_ressourcer", "systematik", "teknikker_viden")


def open_model(world, participants=None, **kwargs):  # type: ignore[no-untyped-def]
    return services.open_round(
        amg=world.amg,
        instrument_key=kwargs.pop("key", "kompetencemodel"),
        by=world.leder,
        participants=participants or [world.leder, world.amr],
        now=NOW,
        **kwargs,
    )


def sheet(round_, member):  # type: ignore[no-untyped-def]
    return round_.participants.get(membership=member)


def answer(round_, member, values, *, submit=True, comment=""):  # type: ignore[no-untyped-def]
    answers = {k: {"value": str(v)} for k, v in zip(SIX, values, strict=True)}
    if comment:
        answers["kommentar"] = {"text": comment}
    return services.save_answers(
        participant=sheet(round_, member), answers=answers, now=NOW, submit=submit
    )


# Rounds ----------------------------------------------------------------------------------------


def test_a_round_has_one_sheet_per_chosen_member(world) -> None:
    round_ = open_model(world, deadline=datetime.date(2026, 3, 16))
    assert round_.instrument_key == "kompetencemodel"
    assert {p.membership for p in round_.participants.all()} == {world.leder, world.amr}
    assert round_.deadline == datetime.date(2026, 3, 16)


def test_members_of_another_amg_cannot_be_asked(world) -> None:
    with pytest.raises(services.RoundError):
        open_model(world, participants=[world.leder, world.outsider])
    assert not Round.objects.exists()


def test_the_tjekliste_is_about_one_of_the_groups_own_actions(world) -> None:
    round_ = open_model(world, key="tjekliste", action=world.action)
    assert round_.action == world.action and round_.about == world.action.title
    with pytest.raises(services.RoundError):
        open_model(world, key="tjekliste", action=world.other_action)
    with pytest.raises(services.RoundError):
        open_model(world, key="tjekliste")


def test_the_kompetencenet_takes_up_to_eight_focus_points_of_the_groups_own(world) -> None:
    points = [f"Fokuspunkt {n}" for n in range(1, 9)]
    round_ = open_model(world, key="kompetencenet", about="Stress", custom_items=points)
    items = engine.get("kompetencenet").items_for(round_.custom_items)
    assert [i.label for i in items] == points
    assert [i.key for i in items][:2] == ["p1", "p2"]
    with pytest.raises(services.RoundError):
        open_model(world, key="kompetencenet", custom_items=[*points, "Ni"])
    with pytest.raises(services.RoundError):
        open_model(world, key="kompetencenet", custom_items=["  ", ""])


def test_a_member_saves_comes_back_and_submits(world) -> None:
    round_ = open_model(world)
    answer(round_, world.amr, (3, 3, 1, 1, 1, 1), submit=False)
    participant = sheet(round_, world.amr)
    assert participant.saved_at and participant.submitted_at is None
    services.save_answers(participant=participant, answers={"aabenhed": {"value": "5"}}, now=NOW)
    assert Answer.objects.get(participant=participant, item_key="aabenhed").number == 5
    services.save_answers(participant=participant, answers={}, now=NOW, submit=True)
    assert sheet(round_, world.amr).submitted_at == NOW


def test_submitting_needs_every_scored_item(world) -> None:
    round_ = open_model(world)
    participant = sheet(round_, world.amr)
    with pytest.raises(services.RoundError, match="Innovation"):
        services.save_answers(
            participant=participant, answers={"aabenhed": {"value": "3"}}, now=NOW, submit=True
        )


@pytest.mark.parametrize(
    "answers",
    [
        {"aabenhed": {"value": "6"}},
        {"aabenhed": {"value": "0"}},
        {"aabenhed": {"value": "3.5"}},
        {"aabenhed": {"value": "<script>"}},
        {"ukendt": {"value": "3"}},
        {"p1": {"value": "3"}},
    ],
)
def test_hostile_answers_are_refused_and_nothing_is_saved(world, answers) -> None:
    round_ = open_model(world)
    with pytest.raises(services.RoundError):
        services.save_answers(participant=sheet(round_, world.amr), answers=answers, now=NOW)
    assert not Answer.objects.exists()


def test_a_closed_round_takes_no_answers(world) -> None:
    round_ = open_model(world)
    services.close_round(round_=round_, now=NOW)
    with pytest.raises(services.RoundClosed):
        answer(round_, world.amr, (3,) * 6)


# Hidden until submitted ------------------------------------------------------------------------


def test_answers_are_hidden_until_the_member_has_submitted(world) -> None:
    round_ = open_model(world)
    answer(round_, world.amr, (5,) * 6, submit=False, comment="AMR's hemmelige kommentar")
    leder_view = queries.comparison(round_, viewer=world.leder)
    amr_sheet = next(s for s in leder_view.sheets if s.participant.membership == world.amr)
    assert not amr_sheet.visible
    assert all(r.mean is None for r in leder_view.numeric_rows)
    # the member sees their own
    assert next(s for s in queries.comparison(round_, viewer=world.amr).sheets if s.visible)


def test_a_member_who_has_not_submitted_sees_nobody_elses_answers(world) -> None:
    round_ = open_model(world)
    answer(round_, world.amr, (5,) * 6)  # AMR has submitted
    leder_view = queries.comparison(round_, viewer=world.leder)
    assert leder_view.waiting_for_me
    assert [s.name for s in leder_view.visible_sheets] == [world.leder.display_name]
    assert all(r.mean is None for r in leder_view.numeric_rows)
    answer(round_, world.leder, (3,) * 6)
    leder_view = queries.comparison(round_, viewer=world.leder)
    assert not leder_view.waiting_for_me and len(leder_view.visible_sheets) == 2


def test_revealing_shows_saved_answers_to_everyone(world) -> None:
    round_ = open_model(world)
    answer(round_, world.amr, (5,) * 6, submit=False)
    services.reveal_round(round_=round_, now=NOW)
    view = queries.comparison(Round.objects.get(pk=round_.pk), viewer=world.leder)
    assert len(view.visible_sheets) == 2
    assert view.rows[0].mean == 5.0


def test_the_page_does_not_leak_hidden_answers(world) -> None:
    round_ = open_model(world)
    answer(round_, world.amr, (5,) * 6, submit=False, comment="Meget hemmelig kommentar")
    page = world.client_for("leder").get(
        reverse("instrument_round", args=[world.amg.pk, round_.pk])
    )
    assert page.status_code == 200
    assert "Meget hemmelig kommentar" not in page.content.decode()


def test_an_organisation_admin_sees_the_groups_figures_but_no_names_or_own_answers(world) -> None:
    round_ = open_model(world)
    answer(round_, world.amr, (5,) * 6, comment="Kun til gruppen")
    answer(round_, world.leder, (3,) * 6)
    page = world.client_for("org_admin").get(
        reverse("instrument_round", args=[world.amg.pk, round_.pk])
    )
    body = page.content.decode()
    assert page.status_code == 200 and "4,0" in body
    assert "Kun til gruppen" not in body
    assert world.amr.display_name not in body


# The comparison's maths ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "spread", "agreement"),
    [
        ([3, 3, 3], 0, queries.AGREE),
        ([3, 4], 1, queries.AGREE),
        ([2, 4], 2, queries.DISAGREE),
        ([1, 5, 3], 4, queries.DISAGREE),
        ([3], None, ""),
    ],
)
def test_spread_and_agreement_on_one_to_five(values, spread, agreement) -> None:
    item = engine.get("kompetencemodel").items[0]
    assert queries.spread_and_agreement([float(v) for v in values], item) == (spread, agreement)


def test_agreement_is_relative_to_the_scale() -> None:
    point = engine.get("kompetencenet").items_for(["Stress"])[0]  # 0–10
    assert queries.spread_and_agreement([4.0, 6.0], point) == (2.0, queries.AGREE)
    assert queries.spread_and_agreement([4.0, 7.0], point) == (3.0, queries.PARTLY)
    assert queries.spread_and_agreement([2.0, 7.0], point) == (5.0, queries.DISAGREE)


def test_choice_agreement() -> None:
    assert queries.choice_agreement(["a", "a"]) == queries.AGREE
    assert queries.choice_agreement(["a", "a", "b"]) == queries.PARTLY
    assert queries.choice_agreement(["a", "b"]) == queries.DISAGREE
    assert queries.choice_agreement(["a"]) == ""


def test_the_comparison_sets_answers_side_by_side_with_the_previous_round(world) -> None:
    earlier = open_model(world)
    answer(earlier, world.leder, (2,) * 6)
    answer(earlier, world.amr, (2,) * 6)
    round_ = services.open_round(
        amg=world.amg,
        instrument_key="kompetencemodel",
        by=world.leder,
        participants=[world.leder, world.amr],
        now=NOW + datetime.timedelta(days=180),
    )
    answer(round_, world.leder, (4, 3, 3, 3, 3, 3))
    answer(round_, world.amr, (2, 3, 4, 3, 3, 3))
    view = queries.comparison(round_, viewer=world.leder)
    first = view.rows[0]
    assert [c.answer.number for c in first.cells] in ([4, 2], [2, 4])
    assert (first.mean, first.low, first.high, first.spread) == (3.0, 2.0, 4.0, 2.0)
    assert first.agreement == queries.DISAGREE
    assert view.rows[1].agreement == queries.AGREE
    assert view.previous == earlier and first.previous_mean == 2.0 and first.change == 1.0
    assert [r.item.short for r in view.disagreed] == ["Åbenhed og tillid"]
    chart = view.chart()
    assert chart.count("<polygon") >= 6 + 3  # grid rings + the members, the average, earlier
    assert "Gruppens gennemsnit" in chart


def test_choice_items_are_counted(world) -> None:
    round_ = open_model(world, key="positioner")
    for member, position in ((world.leder, "leder"), (world.amr, "amr")):
        services.save_answers(
            participant=sheet(round_, member),
            answers={"position": {"value": position}, "bidrag": {"text": "<b>fed</b>"}},
            now=NOW,
            submit=True,
        )
    view = queries.comparison(round_, viewer=world.leder)
    row = view.rows[0]
    assert dict(row.counts)["Leder"] == 1 and row.agreement == queries.DISAGREE
    page = world.client_for("leder").get(
        reverse("instrument_round", args=[world.amg.pk, round_.pk])
    )
    assert "&lt;b&gt;fed&lt;/b&gt;" in page.content.decode()


# Decisions --------------------------------------------------------------------------------------


def test_a_decision_becomes_a_parked_card_on_the_board_in_one_step(world) -> None:
    round_ = open_model(world)
    revision = world.amg.board_revision
    decision = services.decide(
        round_=round_,
        kind="action",
        text="Fast halv time til arbejdsmiljø",
        item_key="tid_ressourcer",
        by=world.leder,
        now=NOW,
        responsible=world.amr,
    )
    card = decision.action
    assert card.title == "Fast halv time til arbejdsmiljø" and card.status == Status.PARKERET
    assert card.theme.name == "Arbejdsmiljøkompetence" and card.responsible == world.amr
    assert "Tid og ressourcer" in card.why
    world.amg.refresh_from_db()
    assert world.amg.board_revision > revision
    again = services.decide(
        round_=round_, kind="action", text="Endnu et kort", by=world.leder, now=NOW
    )
    assert again.action.theme == card.theme  # the same theme, not a new one each time


def test_kompetencenet_outcomes_are_decisions_without_a_card(world) -> None:
    round_ = open_model(world, key="kompetencenet", custom_items=["Stresspolitik"])
    for kind in ("role", "competence", "help"):
        decision = services.decide(
            round_=round_, kind=kind, text=f"Udfald {kind}", item_key="p1", by=world.leder, now=NOW
        )
        assert decision.action is None
    assert Action.objects.filter(amg=world.amg).count() == 1  # only the world's own card


@pytest.mark.parametrize(
    ("kind", "text", "item_key"),
    [("role", "x", ""), ("action", "   ", ""), ("bogus", "x", ""), ("note", "x", "nope")],
)
def test_bad_decisions_are_refused(world, kind, text, item_key) -> None:
    round_ = open_model(world)  # the kompetencemodel has no role allocation
    with pytest.raises(services.RoundError):
        services.decide(
            round_=round_, kind=kind, text=text, item_key=item_key, by=world.leder, now=NOW
        )


def test_deciding_through_the_page_puts_the_card_on_the_board(world) -> None:
    round_ = open_model(world)
    client = world.client_for("amr")
    url = reverse("instrument_decide", args=[world.amg.pk, round_.pk])
    response = client.post(
        url, {"kind": "action", "text": "Trivselsambassadør", "theme": world.theme.pk}
    )
    assert response.status_code == 302
    card = Action.objects.get(title="Trivselsambassadør")
    assert card.theme == world.theme and Decision.objects.get().action == card
    board = client.get(reverse("board", args=[world.amg.pk])).content.decode()
    assert "Trivselsambassadør" in board


def test_another_amgs_theme_or_member_is_refused_for_a_decision(world) -> None:
    round_ = open_model(world)
    client = world.client_for("leder")
    url = reverse("instrument_decide", args=[world.amg.pk, round_.pk])
    client.post(url, {"kind": "action", "text": "x", "theme": world.other_theme.pk})
    client.post(url, {"kind": "action", "text": "y", "responsible": world.outsider.pk})
    assert not Decision.objects.exists()


# Pages and hostile input ----------------------------------------------------------------------


def test_opening_a_round_through_the_page_and_answering_on_it(world) -> None:
    client = world.client_for("leder")
    response = client.post(
        reverse("instrument_round_new", args=[world.amg.pk]),
        {"instrument": "kompetencemodel", "participants": [world.leder.pk, world.amr.pk]},
    )
    round_ = Round.objects.get()
    assert response["Location"] == reverse("instrument_answer", args=[world.amg.pk, round_.pk])
    url = reverse("instrument_answer", args=[world.amg.pk, round_.pk])
    data = {f"v_{k}": "4" for k in SIX}
    assert client.post(url, {**data, "t_kommentar": "Godt", "save": "1"}).status_code == 302
    assert sheet(round_, world.leder).submitted_at is None
    page = client.get(url).content.decode()
    assert 'value="4" checked' in page and "Godt" in page
    assert client.post(url, {**data, "submit": "1"}).status_code == 302
    assert sheet(round_, world.leder).submitted_at is not None


def test_an_incomplete_submit_answers_422_and_keeps_the_answers(world) -> None:
    round_ = open_model(world)
    url = reverse("instrument_answer", args=[world.amg.pk, round_.pk])
    response = world.client_for("amr").post(url, {"v_aabenhed": "2", "submit": "1"})
    assert response.status_code == 422
    assert "Svar på alle punkter" in response.content.decode()
    assert Answer.objects.get(item_key="aabenhed").number == 2
    assert sheet(round_, world.amr).submitted_at is None


def test_out_of_range_answers_on_the_page_answer_422(world) -> None:
    round_ = open_model(world)
    url = reverse("instrument_answer", args=[world.amg.pk, round_.pk])
    response = world.client_for("amr").post(url, {"v_aabenhed": "99", "save": "1"})
    assert response.status_code == 422 and not Answer.objects.exists()


def test_a_member_not_asked_gets_404_on_the_answer_sheet(world) -> None:
    round_ = open_model(world, participants=[world.leder])
    url = reverse("instrument_answer", args=[world.amg.pk, round_.pk])
    assert world.client_for("amr").get(url).status_code == 404


@pytest.mark.parametrize(
    "data",
    [
        {"instrument": "ukendt", "participants": ["1"]},
        {"instrument": "kompetencemodel", "participants": ["abc"]},
        {"instrument": "kompetencemodel"},
        {"instrument": "tjekliste", "participants": ["1"], "action": "999999"},
        {"instrument": "kompetencenet", "participants": ["1"], "about": "x", "point_1": "x" * 500},
    ],
)
def test_opening_a_round_with_hostile_input_answers_422(world, data) -> None:
    data = {k: ([str(world.leder.pk)] if v == ["1"] else v) for k, v in data.items()}
    response = world.client_for("leder").post(
        reverse("instrument_round_new", args=[world.amg.pk]), data
    )
    assert response.status_code == 422
    assert not Round.objects.exists()


def test_another_amgs_round_answers_404_through_your_own_amg(world) -> None:
    other = services.open_round(
        amg=world.other_amg,
        instrument_key="kompetencemodel",
        by=world.outsider,
        participants=[world.outsider],
        now=NOW,
    )
    client = world.client_for("leder")
    for name in ("instrument_round", "instrument_answer"):
        assert client.get(reverse(name, args=[world.amg.pk, other.pk])).status_code == 404
    for name in ("instrument_close", "instrument_round_delete", "instrument_notes"):
        assert client.post(reverse(name, args=[world.amg.pk, other.pk])).status_code == 404
    assert Round.objects.filter(pk=other.pk, closed_at__isnull=True).exists()


def test_the_stalled_card_offers_the_tjekliste_in_one_click(world) -> None:
    Action.objects.filter(pk=world.action.pk).update(
        status=Status.STARTET, moved_at=timezone.now() - datetime.timedelta(weeks=10)
    )
    BoardSettings.objects.update_or_create(amg=world.amg, defaults={"stalled_weeks": 6})
    client = world.client_for("leder")
    board = client.get(reverse("board", args=[world.amg.pk])).content.decode()
    new = reverse("instrument_round_new", args=[world.amg.pk])
    link = f"{new}?instrument=tjekliste&amp;handling={world.action.pk}"
    assert link in board
    detail = client.get(reverse("action_detail", args=[world.amg.pk, world.action.pk]))
    assert link in detail.content.decode()
    form = client.get(link.replace("&amp;", "&")).content.decode()
    assert f'<option value="{world.action.pk}" selected>' in form


def test_readers_are_not_offered_a_round_they_cannot_open(world) -> None:
    Action.objects.filter(pk=world.action.pk).update(
        status=Status.STARTET, moved_at=timezone.now() - datetime.timedelta(weeks=10)
    )
    for persona in ("laeser", "org_admin"):
        client = world.client_for(persona)
        board = client.get(reverse("board", args=[world.amg.pk])).content.decode()
        assert "instrument=tjekliste" not in board and "Står stille" in board
        detail = client.get(reverse("action_detail", args=[world.amg.pk, world.action.pk]))
        assert "instrument=tjekliste" not in detail.content.decode()


def test_a_card_that_moves_offers_nothing(world) -> None:
    board = world.client_for("leder").get(reverse("board", args=[world.amg.pk])).content.decode()
    assert "instrument=tjekliste" not in board


@pytest.mark.parametrize("members", [2, 8])
def test_the_comparison_page_costs_the_same_queries_for_2_and_8_members(
    world, members, django_assert_max_num_queries
) -> None:
    people = [world.leder, world.amr] + [
        builders.make_member(world.amg, role=Role.ANDET) for _ in range(members - 2)
    ]
    round_ = open_model(world, participants=people)
    for person in people:
        answer(round_, person, (3, 4, 2, 5, 1, 3), comment="Kommentar")
    services.decide(round_=round_, kind="action", text="Et kort", by=world.leder, now=NOW)
    client = world.client_for("leder")
    url = reverse("instrument_round", args=[world.amg.pk, round_.pk])
    with django_assert_max_num_queries(14):
        assert client.get(url).status_code == 200


def test_the_home_page_costs_the_same_queries_for_few_and_many_rounds(world) -> None:
    client = world.client_for("leder")
    url = reverse("instrument_home", args=[world.amg.pk])
    counts = []
    for n in (1, 6):
        while Round.objects.count() < n:
            open_model(world)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1]


# The inspection document and the demo --------------------------------------------------------


def test_the_inspection_bundle_leaves_the_groups_self_assessment_out(world) -> None:
    """The members' own self-assessment is the group's working tool, not documentation the
    rules ask for: the bundle holds neither the profiles nor anyone's answers."""
    round_ = open_model(world)
    answer(round_, world.leder, (4, 3, 3, 3, 3, 3), comment="Personlig kommentar")
    answer(round_, world.amr, (2, 3, 3, 3, 3, 3))
    body = world.client_for("leder").get(reverse("inspection", args=[world.amg.pk]))
    html = body.content.decode()
    assert "Personlig kommentar" not in html
    assert "Arbejdsmiljøkompetencemodellen" not in html


def test_the_demo_has_compared_rounds_and_stays_the_same_when_loaded_twice(db) -> None:
    call_command("demo")
    first = Round.objects.count(), Answer.objects.count(), Decision.objects.count()
    call_command("demo")
    assert (Round.objects.count(), Answer.objects.count(), Decision.objects.count()) == first
    school = Round.objects.filter(instrument_key="kompetencemodel").order_by("amg_id").first().amg
    profiles = queries.latest_group_profiles(
        list(Round.objects.values_list("amg_id", flat=True).distinct()), "kompetencemodel"
    )
    assert len(profiles) == 2
    assert queries.latest_group_profiles([school.pk], "vurderingsskema")
    # Only the open opgavepyramide waits: for the school's AMR and TR, who have not answered.
    waiting = Participant.objects.filter(submitted_at__isnull=True)
    assert {p.round.instrument_key for p in waiting} == {"opgavepyramiden"}
    assert sorted(p.membership.user.email for p in waiting) == ["amr@demo.dk", "tr@demo.dk"]
