"""Fælles prioritering (Metode 6): the effect × reach matrix, and nudging plans (Metode 3)."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from handleplan import services
from handleplan.models import Action, Decision, IdeaStatus, NudgePlan, Status
from tests import builders


def matrix_url(world) -> str:  # type: ignore[no-untyped-def]
    return reverse("matrix", kwargs={"amg_id": world.amg.pk})


def place_url(world, kind: str, pk: int) -> str:  # type: ignore[no-untyped-def]
    return reverse("matrix_place", kwargs={"amg_id": world.amg.pk, "kind": kind, "pk": pk})


def decide_url(world, kind: str, pk: int) -> str:  # type: ignore[no-untyped-def]
    return reverse("matrix_decide", kwargs={"amg_id": world.amg.pk, "kind": kind, "pk": pk})


def quadrant_html(html: str, effect: str, reach: str) -> str:
    start = html.index(f'data-drop-effect="{effect}" data-drop-reach="{reach}"')
    return html[start : html.index("</section>", start)]


def test_ideas_and_parked_cards_start_unplaced_and_land_in_their_quadrant(world):
    idea = builders.make_idea(world.amg, "Makkerordning for nye")
    parked = builders.make_action(world.amg, world.theme, title="Stille time", status="parkeret")
    client = world.client_for("amr")
    html = client.get(matrix_url(world)).content.decode()
    tray = html[html.index('class="mx-tray"') :]
    assert "Makkerordning for nye" in tray
    assert "Stille time" in tray
    assert "Fælles aftaler om mails" not in html  # in Startet: not for the matrix

    client.post(place_url(world, "ide", idea.pk), {"effect": "stor", "reach": "mange"})
    client.post(
        place_url(world, "handling", parked.pk),
        {"effect": "lille", "reach": "faa", "radius": "andre"},
    )
    html = client.get(matrix_url(world)).content.decode()
    assert "Makkerordning for nye" in quadrant_html(html, "stor", "mange")
    lille_faa = quadrant_html(html, "lille", "faa")
    assert "Stille time" in lille_faa
    assert "Vi skal have andre med" in lille_faa


def test_placing_with_the_keyboard_form_over_htmx_returns_the_matrix_and_keeps_focus(world):
    idea = builders.make_idea(world.amg, "Frugtkurv ved kaffemaskinen")
    response = world.client_for("leder").post(
        place_url(world, "ide", idea.pk),
        {"effect": "lille", "reach": "mange", "radius": "selv", "focus": "mx-title"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#matrix"
    assert '"focus": "mx-title"' in response["HX-Trigger-After-Settle"]
    assert "Frugtkurv ved kaffemaskinen" in quadrant_html(
        response.content.decode(), "lille", "mange"
    )
    idea.refresh_from_db()
    assert (idea.effect, idea.reach, idea.radius) == ("lille", "mange", "selv")


def test_every_item_has_a_keyboard_form_for_its_place_and_its_decision(world):
    idea = builders.make_idea(world.amg, "Idé")
    html = world.client_for("leder").get(matrix_url(world)).content.decode()
    assert f'<form method="post" action="{place_url(world, "ide", idea.pk)}"' in html
    assert f'<form method="post" action="{decide_url(world, "ide", idea.pk)}"' in html
    assert 'name="effect"' in html
    assert 'name="reach"' in html
    assert 'name="radius"' in html
    assert f'data-place-url="{place_url(world, "ide", idea.pk)}"' in html  # and by mouse


def test_half_a_placement_is_refused_in_danish(world):
    idea = builders.make_idea(world.amg, "Idé")
    response = world.client_for("leder").post(
        place_url(world, "ide", idea.pk), {"effect": "stor"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 422
    message = json.loads(response["HX-Trigger"])["board:error"]["message"]
    assert message == "Vælg både effekt og hvor mange den berører."
    idea.refresh_from_db()
    assert idea.effect == ""


@pytest.mark.parametrize("data", [{"effect": "enorm", "reach": "mange"}, {"radius": "månen"}])
def test_unknown_values_are_refused(world, data):
    idea = builders.make_idea(world.amg, "Idé")
    response = world.client_for("leder").post(
        place_url(world, "ide", idea.pk), data, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 422


def test_a_card_in_progress_is_not_placed_on_the_matrix(world):
    response = world.client_for("leder").post(
        place_url(world, "handling", world.action.pk),
        {"effect": "stor", "reach": "mange"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 422
    world.action.refresh_from_db()
    assert world.action.effect == ""


def test_an_unknown_kind_answers_404(world):
    response = world.client_for("leder").post(
        place_url(world, "kage", world.action.pk), {"effect": "stor", "reach": "mange"}
    )
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("decision", "status", "others"),
    [
        (Decision.NU, Status.STARTET, ""),
        (Decision.SENERE, Status.PARKERET, ""),
        (Decision.KOLLEGER, Status.STARTET, "Kollegerne selv"),
    ],
)
def test_deciding_on_a_parked_card(world, decision, status, others):
    parked = builders.make_action(world.amg, world.theme, title="Stille time", status="parkeret")
    response = world.client_for("leder").post(
        decide_url(world, "handling", parked.pk), {"decision": decision}
    )
    assert response.status_code == 302
    parked.refresh_from_db()
    assert (parked.decision, parked.status, parked.others) == (decision, status, others)


def test_deciding_on_an_idea_puts_it_on_the_board_under_the_chosen_theme(world):
    idea = builders.make_idea(world.amg, "Makkerordning for nye kolleger")
    services.place_on_matrix(item=idea, effect="stor", reach="faa", radius="selv")
    theme = builders.make_theme(world.amg, "Nye kolleger")
    world.client_for("leder").post(
        decide_url(world, "ide", idea.pk), {"decision": "nu", "theme": theme.pk}
    )
    idea.refresh_from_db()
    card = idea.action
    assert idea.status == IdeaStatus.PUBLISHED
    assert (card.title, card.theme, card.status, card.decision) == (
        "Makkerordning for nye kolleger",
        theme,
        Status.STARTET,
        "nu",
    )
    assert (card.effect, card.reach, card.radius) == ("stor", "faa", "selv")


def test_deciding_on_an_idea_needs_a_theme(world):
    idea = builders.make_idea(world.amg, "Idé")
    response = world.client_for("leder").post(
        decide_url(world, "ide", idea.pk), {"decision": "nu"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 422
    assert not Action.objects.filter(title="Idé").exists()


@pytest.mark.parametrize("items", [1, 200])
def test_the_matrix_costs_the_same_number_of_queries_for_1_and_200_items(
    world, items, django_assert_num_queries
):
    themes = [world.theme, builders.make_theme(world.amg, "To")]  # 100 cards a theme at most
    for n in range(items):
        if n % 2:
            idea = builders.make_idea(world.amg, f"Idé {n}")
            services.place_on_matrix(item=idea, effect="stor", reach="mange", radius="")
        else:
            theme = themes[n % 4 // 2]
            builders.make_action(world.amg, theme, title=f"Kort {n}", status="parkeret")
    client = world.client_for("leder")
    # session, user, AMG, membership, org-admin check, ideas, parked cards, themes
    with django_assert_num_queries(5):
        response = client.get(matrix_url(world))
    assert response.status_code == 200
    assert response.content.decode().count('<article class="mx-item') == items


# Nudging ----------------------------------------------------------------------------------------


def nudge_url(world) -> str:  # type: ignore[no-untyped-def]
    return reverse("nudge_edit", kwargs={"amg_id": world.amg.pk, "pk": world.action.pk})


def test_a_nudging_plan_is_attached_to_an_action_and_shown_with_it(world):
    client = world.client_for("amr")
    response = client.post(
        nudge_url(world),
        {
            "goal": "Færre mails efter kl. 17",
            "barriers": "Man vil have det ud af hovedet",
            "solution": "Udskudt afsendelse som standard",
            "types": ["standard", "normer"],
        },
    )
    assert response.status_code == 302
    plan = NudgePlan.objects.get(action=world.action)
    assert plan.types == ["standard", "normer"]
    detail = client.get(
        reverse("action_detail", kwargs={"amg_id": world.amg.pk, "pk": world.action.pk})
    ).content.decode()
    assert "Færre mails efter kl. 17" in detail
    assert "Brug standardindstillinger" in detail
    assert "Etabler sociale normer" in detail
    # Editing it again changes the same plan.
    client.post(nudge_url(world), {"goal": "Ingen mails efter kl. 17", "types": ["feedback"]})
    plan.refresh_from_db()
    assert (plan.goal, plan.types, NudgePlan.objects.count()) == (
        "Ingen mails efter kl. 17",
        ["feedback"],
        1,
    )


def test_a_nudging_plan_needs_a_goal_and_known_nudge_types(world):
    client = world.client_for("amr")
    response = client.post(nudge_url(world), {"goal": "", "types": ["hypnose"]})
    assert response.status_code == 422
    html = response.content.decode()
    assert "Skriv, hvad I vil opnå." in html
    assert "hypnose er ikke en af de tilgængelige valgmuligheder" in html
    assert not NudgePlan.objects.exists()


def test_the_nudging_form_offers_the_five_ways_from_the_booklet(world):
    html = world.client_for("amr").get(nudge_url(world)).content.decode()
    for label in (
        "Giv feedback, som kan lede på rette vej",
        "Forudse, at folk vil begå fejl",
        "Brug standardindstillinger",
        "Giv gode forslag",
        "Etabler sociale normer",
    ):
        assert label in html
