from __future__ import annotations

import json

import pytest
from django.urls import reverse

from handleplan.models import Action, Meeting, Theme
from tests import builders

HTMX = {"HTTP_HX_REQUEST": "true"}


def board_url(world) -> str:
    return reverse("board", kwargs={"amg_id": world.amg.pk})


def test_the_board_shows_themes_columns_cards_and_who_moves_them(world):
    builders.make_meeting(world.amg, moedeleder="Mette Møller")
    response = world.client_for("laeser").get(board_url(world))
    html = response.content.decode().replace("\u00ad", "")  # soft hyphens in long words
    assert response.status_code == 200
    for column in ("Parkeringsplads", "Startet", "Godt i gang", "I mål", "Opfølgning", "Afsluttet"):
        assert column in html
    assert "Forebyggelse af stress" in html
    assert "Fælles aftaler om mails" in html
    assert world.amr.display_name in html
    assert "Mette Møller" in html


def test_read_only_members_see_no_editing_controls(world):
    html = world.client_for("laeser").get(board_url(world)).content.decode()
    assert 'draggable="true"' not in html
    assert reverse("action_new", kwargs={"amg_id": world.amg.pk}) not in html
    assert "læseadgang" in html


def test_an_htmx_request_gets_only_the_board_fragment(world):
    response = world.client_for("leder").get(board_url(world), **HTMX)
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="board"')
    assert "<html" not in html


def test_moving_a_card_with_htmx_returns_only_the_changed_cells_and_announces_it(world):
    url = reverse("action_move", kwargs={"amg_id": world.amg.pk, "pk": world.action.pk})
    response = world.client_for("amr").post(
        url, {"status": "godt_i_gang", "focus": f"move-next-{world.action.pk}"}, **HTMX
    )
    assert response.status_code == 200
    assert response["HX-Reswap"] == "none"
    html = response.content.decode()
    theme = world.theme.pk
    # The card's old and new cells, its row's head and the column counts; nothing else.
    assert html.count('hx-swap-oob="true"') == 2 + 1 + 6
    assert f'id="cell-{theme}-startet"' in html and f'id="cell-{theme}-godt_i_gang"' in html
    assert html.count("<td") == 2
    assert f'id="move-next-{world.action.pk}"' in html
    assert 'id="board"' not in html
    event = json.loads(response["HX-Trigger-After-Settle"])["board:changed"]
    assert "Godt i gang" in event["message"]
    assert event["focus"] == f"move-next-{world.action.pk}"
    world.action.refresh_from_db()
    assert world.action.status == "godt_i_gang"


def test_moving_a_card_without_javascript_redirects_back_to_the_board(world):
    url = reverse("action_move", kwargs={"amg_id": world.amg.pk, "pk": world.action.pk})
    response = world.client_for("amr").post(url, {"status": "opfoelgning"})
    assert response.status_code == 302
    assert response["Location"] == board_url(world)


@pytest.mark.parametrize(
    "data",
    [
        {"status": "done"},
        {},
        {"status": "startet", "theme": "abc"},
        {"status": "startet", "index": "-3"},
    ],
)
def test_a_malformed_move_is_refused_with_a_danish_message_and_changes_nothing(world, data):
    url = reverse("action_move", kwargs={"amg_id": world.amg.pk, "pk": world.action.pk})
    response = world.client_for("amr").post(url, data, **HTMX)
    assert response.status_code == 422
    assert "kunne ikke flyttes" in json.loads(response["HX-Trigger"])["board:error"]["message"]
    world.action.refresh_from_db()
    assert world.action.status == "startet"


def test_moving_a_card_into_another_amgs_theme_is_refused(world):
    url = reverse("action_move", kwargs={"amg_id": world.amg.pk, "pk": world.action.pk})
    response = world.client_for("amr").post(
        url, {"status": "startet", "theme": world.other_theme.pk}, **HTMX
    )
    assert response.status_code == 422
    world.action.refresh_from_db()
    assert world.action.theme == world.theme


def test_creating_a_card_in_the_dialog_returns_the_board_and_closes_the_dialog(world):
    url = reverse("action_new", kwargs={"amg_id": world.amg.pk})
    response = world.client_for("leder").post(
        url,
        {
            "title": "  Trivselsambassadør   i hvert team ",
            "theme": world.theme.pk,
            "status": "parkeret",
            "responsible": world.leder.pk,
            "deadline": "2027-01-31",
        },
        **HTMX,
    )
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#board"
    action = Action.objects.get(title="Trivselsambassadør i hvert team")
    assert (action.status, action.responsible, str(action.deadline)) == (
        "parkeret",
        world.leder,
        "2027-01-31",
    )


def test_an_invalid_card_is_answered_422_with_the_form_and_its_errors(world):
    url = reverse("action_new", kwargs={"amg_id": world.amg.pk})
    response = world.client_for("leder").post(
        url,
        {"title": "   ", "theme": world.other_theme.pk, "status": "x", "deadline": "31-31-2027"},
        **HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert "Skriv, hvad handlingen går ud på." in html
    assert "Indtast en gyldig dato." in html
    assert "<html" not in html
    assert Action.objects.filter(amg=world.amg).count() == 1


def test_an_oversized_title_is_refused_not_truncated(world):
    url = reverse("action_edit", kwargs={"amg_id": world.amg.pk, "pk": world.action.pk})
    response = world.client_for("leder").post(
        url, {"title": "x" * 201, "theme": world.theme.pk, "status": "startet"}, **HTMX
    )
    assert response.status_code == 422
    world.action.refresh_from_db()
    assert world.action.title == "Fælles aftaler om mails"


def test_the_new_card_form_starts_in_the_chosen_row_and_column(world):
    url = reverse("action_new", kwargs={"amg_id": world.amg.pk})
    response = world.client_for("leder").get(f"{url}?theme={world.theme.pk}&status=i_maal", **HTMX)
    form = response.context["form"]
    assert form.initial == {"theme": world.theme.pk, "status": "i_maal"}


def test_the_new_card_form_refuses_a_theme_of_another_amg_in_the_query(world):
    url = reverse("action_new", kwargs={"amg_id": world.amg.pk})
    response = world.client_for("leder").get(f"{url}?theme={world.other_theme.pk}")
    assert response.status_code == 404


def test_editing_a_card_saves_every_field(world):
    url = reverse("action_edit", kwargs={"amg_id": world.amg.pk, "pk": world.action.pk})
    response = world.client_for("leder").post(
        url,
        {
            "title": "Mailaftaler",
            "why": "Mange læser mails om aftenen.",
            "how": "Aftale på personalemødet.",
            "others": "Teamene",
            "theme": world.theme.pk,
            "status": "godt_i_gang",
            "responsible": world.leder.pk,
            "deadline": "2027-02-01",
            "confidential": "on",
        },
    )
    assert response.status_code == 302
    world.action.refresh_from_db()
    assert world.action.title == "Mailaftaler"
    assert world.action.why == "Mange læser mails om aftenen."
    assert world.action.confidential is True
    assert world.action.responsible == world.leder


def test_the_edit_form_only_offers_the_amgs_own_themes_and_members(world):
    url = reverse("action_edit", kwargs={"amg_id": world.amg.pk, "pk": world.action.pk})
    form = world.client_for("leder").get(url).context["form"]
    assert set(form.fields["theme"].queryset) == {world.theme}
    assert world.outsider not in set(form.fields["responsible"].queryset)


def test_card_titles_and_texts_are_escaped_everywhere(world):
    builders.make_action(
        world.amg, world.theme, title='<script>alert("x")</script>', why="<img src=x onerror=1>"
    )
    client = world.client_for("leder")
    board = client.get(board_url(world)).content.decode()
    assert '<script>alert("x")</script>' not in board
    assert "&lt;script&gt;" in board
    action = Action.objects.get(title__startswith="<script>")
    detail = client.get(
        reverse("action_detail", kwargs={"amg_id": world.amg.pk, "pk": action.pk})
    ).content.decode()
    assert "<img src=x" not in detail


def test_deleting_a_card_asks_first_then_removes_it(world):
    url = reverse("action_delete", kwargs={"amg_id": world.amg.pk, "pk": world.action.pk})
    client = world.client_for("leder")
    confirm = client.get(url, **HTMX)
    assert "Vil du slette" in confirm.content.decode()
    assert Action.objects.filter(pk=world.action.pk).exists()
    client.post(url, **HTMX)
    assert not Action.objects.filter(pk=world.action.pk).exists()


def test_adding_a_theme_with_a_duplicate_name_is_refused_in_danish(world):
    url = reverse("theme_new", kwargs={"amg_id": world.amg.pk})
    response = world.client_for("leder").post(url, {"name": "forebyggelse AF stress"}, **HTMX)
    assert response.status_code == 422
    assert "Der findes allerede et tema med det navn." in response.content.decode()
    assert Theme.objects.filter(amg=world.amg).count() == 1


def test_the_same_theme_name_may_exist_in_another_amg(world):
    url = reverse("theme_new", kwargs={"amg_id": world.amg.pk})
    world.client_for("leder").post(url, {"name": "Støj"})
    assert Theme.objects.filter(name="Støj").count() == 2


def test_renaming_and_reordering_themes(world):
    second = builders.make_theme(world.amg, "Flytning")
    client = world.client_for("leder")
    client.post(
        reverse("theme_edit", kwargs={"amg_id": world.amg.pk, "pk": second.pk}),
        {"name": "Opfølgning på flytning"},
    )
    client.post(
        reverse("theme_move", kwargs={"amg_id": world.amg.pk, "pk": second.pk}), {"retning": "op"}
    )
    names = list(Theme.objects.filter(amg=world.amg).values_list("name", flat=True))
    assert names == ["Opfølgning på flytning", "Forebyggelse af stress"]


def test_deleting_a_theme_with_cards_is_refused_with_a_message(world):
    url = reverse("theme_delete", kwargs={"amg_id": world.amg.pk, "pk": world.theme.pk})
    response = world.client_for("leder").post(url, **HTMX)
    assert response.status_code == 422
    assert "stadig handlinger" in response["HX-Trigger"]
    assert Theme.objects.filter(pk=world.theme.pk).exists()


def test_setting_the_next_tavlemoede_shows_it_beside_the_board(world):
    url = reverse("meeting_edit", kwargs={"amg_id": world.amg.pk})
    response = world.client_for("leder").post(
        url, {"starts_at": "2099-03-03T08:30", "moedeleder": "Pia fra indskolingen"}, **HTMX
    )
    assert response.status_code == 200
    assert "Pia fra indskolingen" in response.content.decode()
    meeting = Meeting.objects.get(amg=world.amg)
    assert meeting.moedeleder == "Pia fra indskolingen"


@pytest.mark.parametrize("starts_at", ["2001-01-01T08:00", "i morgen", ""])
def test_a_past_or_malformed_tavlemoede_time_is_refused(world, starts_at):
    url = reverse("meeting_edit", kwargs={"amg_id": world.amg.pk})
    response = world.client_for("leder").post(url, {"starts_at": starts_at}, **HTMX)
    assert response.status_code == 422
    assert not Meeting.objects.filter(amg=world.amg).exists()


def test_an_empty_board_tells_members_how_to_start(db):
    amg = builders.make_amg()
    member = builders.make_member(amg)
    from django.test import Client

    client = Client()
    client.force_login(member.user)
    html = client.get(reverse("board", kwargs={"amg_id": amg.pk})).content.decode()
    assert "Tavlen er tom." in html
    assert "Begynd med et tema" in html


@pytest.mark.parametrize("cards", [1, 200])
def test_the_board_costs_the_same_number_of_queries_for_1_and_200_cards(
    world, cards, django_assert_num_queries
):
    themes = [world.theme, *(builders.make_theme(world.amg, f"Tema {n}") for n in range(4))]
    for n in range(cards - 1):
        builders.make_action(
            world.amg,
            themes[n % 5],
            title=f"Kort {n}",
            status=["startet", "i_maal"][n % 2],
            responsible=world.leder,
        )
    builders.make_meeting(world.amg)
    client = world.client_for("leder")
    # session, user, AMG, membership, org-admin check, what the board shows besides its cards
    # (stalled-card rule, running meeting, ideas waiting: one query); the first time only,
    # themes, actions, the cards' marks from other apps (the APV's "answers a problem") and
    # next tavlemøde, the ideas behind the cards (counted for the whole board), and the cards
    # not yet in the cache (all of them in one query)
    with django_assert_num_queries(9):
        response = client.get(board_url(world))
    assert response.status_code == 200
    assert response.content.decode().count('<article class="card') == cards


def test_the_card_urls_the_board_builds_by_hand_are_the_real_ones(world):
    """The card partial derives its URLs from the detail URL to save reverse() calls."""
    detail = reverse("action_detail", kwargs={"amg_id": world.amg.pk, "pk": world.action.pk})
    assert reverse("action_edit", kwargs={"amg_id": world.amg.pk, "pk": world.action.pk}) == (
        f"{detail}rediger/"
    )
    assert reverse("action_move", kwargs={"amg_id": world.amg.pk, "pk": world.action.pk}) == (
        f"{detail}flyt/"
    )
    html = world.client_for("leder").get(board_url(world)).content.decode()
    assert f'hx-post="{detail}flyt/"' in html
    assert f'hx-get="{detail}rediger/"' in html


def test_a_form_opened_as_its_own_page_goes_to_the_board_after_saving(world):
    edit_url = reverse("action_edit", args=[world.amg.pk, world.action.pk])
    response = world.client_for("leder").post(
        edit_url,
        {"title": "Ny titel", "theme": world.theme.pk, "status": "startet", "version": 1},
        headers={"HX-Request": "true", "HX-Current-URL": f"http://testserver{edit_url}"},
    )
    assert response.status_code == 200
    assert response["HX-Redirect"] == reverse("board", args=[world.amg.pk])
