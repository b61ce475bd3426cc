"""Cards rendered once per version: always current, never another session's CSRF token, and a
move or edit answers with the same work on a 10-card and a 200-card board."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from handleplan import cards, services
from handleplan.models import Status
from tests import builders

HTMX = {"headers": {"HX-Request": "true"}}


def board_html(client, world) -> str:  # type: ignore[no-untyped-def]
    return client.get(reverse("board", args=[world.amg.pk])).content.decode()


def card_tokens(html: str, action_pk: int) -> set[str]:
    card = html[html.index(f'id="action-{action_pk}"') :]
    card = card[: card.index("</article>")]
    return set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', card))


def test_a_cached_card_carries_each_viewers_own_csrf_token(world):
    first, second = world.client_for("leder"), world.client_for("amr")
    html_one, html_two = board_html(first, world), board_html(second, world)
    tokens_one, tokens_two = (
        card_tokens(html_one, world.action.pk),
        card_tokens(html_two, world.action.pk),
    )
    assert tokens_one and tokens_two and tokens_one != tokens_two
    assert cards.CSRF_PLACEHOLDER not in html_one + html_two
    # And the token works: a move posted with the form's own fields goes through.
    response = first.post(
        reverse("action_move", args=[world.amg.pk, world.action.pk]),
        {"status": Status.I_MAAL, "csrfmiddlewaretoken": tokens_one.pop()},
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    "text", ["csrf-placeholder-9c1f0e", "<!--csrf-token-->", "Se csrf-placeholder-9c1f0e her"]
)
def test_a_card_and_a_theme_named_like_the_placeholder_show_literally_to_every_viewer(world, text):
    from django.utils.html import escape

    theme = builders.make_theme(world.amg, f"Tema {text}")
    action = builders.make_action(world.amg, theme, title=f"Kort {text}")
    for persona in ("leder", "amr", "laeser"):
        client = world.client_for(persona)
        for response in (
            client.get(reverse("board", args=[world.amg.pk])),
            client.get(reverse("board_poll", args=[world.amg.pk])),
        ):
            html = response.content.decode().replace("\xad", "")  # soft hyphens
            assert escape(f"Kort {text}") in html, persona
            assert escape(f"Tema {text}") in html, persona
        tokens = card_tokens(html, action.pk)
        assert all(token not in html.replace(f'value="{token}"', "") for token in tokens)
        assert cards.CSRF_PLACEHOLDER not in html


def test_a_changed_card_is_never_served_from_the_cache(world):
    client = world.client_for("leder")
    board_html(client, world)
    services.update_action(action=world.action, title="Helt ny titel")
    assert "Helt ny titel" in board_html(client, world)


def test_renaming_the_responsible_member_shows_on_the_card(world):
    client = world.client_for("leder")
    services.update_action(action=world.action, responsible=world.amr)
    board_html(client, world)
    user = world.amr.user
    from forkant import services as accounts

    accounts.update_profile(user=user, first_name="Omdøbt", last_name="", email=user.email)
    assert "Omdøbt" in board_html(client, world)


def test_readers_never_get_a_writers_cached_card(world):
    board_html(world.client_for("leder"), world)
    html = board_html(world.client_for("laeser"), world)
    assert f'id="move-next-{world.action.pk}"' not in html
    assert "draggable" not in html


def test_a_card_turns_overdue_even_if_it_was_cached_before(world):
    import datetime

    from django.utils import timezone

    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    client = world.client_for("leder")
    board_html(client, world)
    services.update_action(action=world.action, deadline=yesterday)
    assert "Over frist" in board_html(client, world)


def test_user_text_on_a_cached_card_is_escaped(world):
    services.update_action(action=world.action, title="<img src=x onerror=alert(1)>")
    client = world.client_for("leder")
    for _ in range(2):  # rendered, then from the cache
        html = board_html(client, world)
        assert "<img src=x" not in html
        assert "&lt;img src=x onerror=alert(1)&gt;" in html


@pytest.mark.parametrize("size", [10, 200])
def test_a_move_answers_in_the_same_queries_for_10_and_200_cards(
    world, size, django_assert_num_queries
):
    themes = [
        world.theme,
        builders.make_theme(world.amg, "To"),
        builders.make_theme(world.amg, "Tre"),
    ]
    for n in range(size - 1):
        builders.make_action(
            world.amg,
            themes[n % 3],
            title=f"Kort {n}",
            status=list(Status)[n % 6],
            responsible=world.amr,
        )
    client = world.client_for("amr")
    url = reverse("action_move", args=[world.amg.pk, world.action.pk])
    client.get(reverse("board", args=[world.amg.pk]))  # warm the card cache, as a board does
    with django_assert_num_queries(21):  # the AMG row locked first (handleplan.locks)
        response = client.post(url, {"status": Status.GODT_I_GANG, "version": 1}, **HTMX)
    assert response.status_code == 200
    assert response.content.decode().count("<td") == 2


@pytest.mark.parametrize("size", [1, 200])
def test_the_board_costs_the_same_queries_warm_or_cold_for_1_and_200_cards(
    world, size, django_assert_num_queries
):
    themes = [
        world.theme,
        builders.make_theme(world.amg, "To"),
        builders.make_theme(world.amg, "Tre"),
    ]
    for n in range(size - 1):  # a theme holds up to 100 cards (handleplan.limits)
        builders.make_action(world.amg, themes[n % 3], title=f"Kort {n}", responsible=world.amr)
    client = world.client_for("amr")
    url = reverse("board", args=[world.amg.pk])
    with django_assert_num_queries(9):  # the first view renders the board
        client.get(url)
    with django_assert_num_queries(2):  # then from the cache: the session and its user, access
        client.get(url)


def test_no_template_syntax_leaks_onto_the_board(world):
    html = board_html(world.client_for("leder"), world)
    for marker in ("{#", "#}", "{%", "%}", "{{", "}}"):
        assert marker not in html, marker


def test_after_a_change_only_the_changed_card_and_its_row_are_rendered_again(world, monkeypatch):
    other_theme = builders.make_theme(world.amg, "Indeklima")
    for n in range(20):
        builders.make_action(world.amg, other_theme, title=f"Kort {n}", responsible=world.amr)
    writer, reader = world.client_for("amr"), world.client_for("laeser")
    url = reverse("board", args=[world.amg.pk])
    writer.get(url), reader.get(url)
    drawn: list[str] = []
    original = cards.render_to_string

    def counting(template: str, context: dict) -> str:  # type: ignore[type-arg]
        drawn.append(template.split("#")[1])
        return original(template, context)

    monkeypatch.setattr(cards, "render_to_string", counting)
    services.move_action(action=world.action, status=Status.I_MAAL)
    page = writer.get(url).content.decode()
    assert sorted(drawn) == ["board", "board-row", "card"]  # not the other theme's 20 cards
    assert re.search(rf'id="cell-{world.theme.pk}-i_maal"[^>]*>.*?Fælles aftaler', page, re.S)
    # A reader's board is drawn from the reader's own fragments: no move buttons.
    drawn.clear()
    read = reader.get(url).content.decode()
    assert sorted(drawn) == ["board", "board-row", "card"]
    assert "move-next-" not in read
    assert "move-next-" in page


# The page around the board: drawn once per viewer, then only the board and the token go in.


def page_tokens(html: str) -> set[str]:
    found = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html))
    found |= set(re.findall(r'"X-CSRFToken": "([^"]+)"', html))
    return found


def test_the_page_around_the_board_carries_the_sessions_own_token_after_a_new_login(world):
    from django.test import Client

    url = reverse("board", args=[world.amg.pk])
    first = world.client_for("leder")
    before = page_tokens(first.get(url).content.decode())
    again = Client()  # the same person signs in again: a new session, a new token
    again.force_login(world.leder.user)
    after_html = again.get(url).content.decode()
    after = page_tokens(after_html)
    assert len(before) == 1 and len(after) == 1 and before != after
    for placeholder in (cards.CSRF_PLACEHOLDER, cards.BOARD_PLACEHOLDER, cards.ETAG_PLACEHOLDER):
        assert placeholder not in after_html
    # The page's own forms work with it: the logout form signs this session out.
    token = after.pop()
    assert again.post(reverse("logout"), {"csrfmiddlewaretoken": token}).status_code == 302


def test_the_page_shows_each_viewers_own_name_and_a_renamed_amg(world):
    from forkant import services as core

    url = reverse("board", args=[world.amg.pk])
    leder, amr = world.client_for("leder"), world.client_for("amr")
    leder.get(url), amr.get(url)
    core.update_profile(
        user=world.leder.user, first_name="Lise", last_name="Ledersen", email="leder@example.dk"
    )
    core.rename_amg(amg=world.amg, name="Skolen ved Søen")
    html = leder.get(url).content.decode()
    assert "Lise Ledersen" in html and "Skolen ved Søen" in html
    assert "Lise Ledersen" not in amr.get(url).content.decode()


def test_the_board_in_the_page_and_its_etag_are_the_current_ones(world):
    from django.utils.html import escape

    url = reverse("board", args=[world.amg.pk])
    client = world.client_for("leder")
    first = client.get(url)
    services.update_action(action=world.action, title="Nyt på tavlen")
    second = client.get(url)
    html = second.content.decode()
    assert "Nyt på tavlen" in html.replace("\xad", "")
    assert second["X-Board-ETag"] != first["X-Board-ETag"]
    assert f'data-etag="{escape(second["X-Board-ETag"])}"' in html  # an ETag is "quoted"


def test_a_message_is_shown_once_and_never_kept_with_the_page(world):
    url = reverse("board", args=[world.amg.pk])
    client = world.client_for("leder")
    client.get(url)  # the page is kept
    # A write that answers with a redirect and a message (a form opened as a page of its own).
    response = client.post(
        reverse("action_edit", args=[world.amg.pk, world.action.pk]),
        {"title": "Gemt uden htmx", "theme": world.theme.pk, "status": world.action.status},
    )
    assert response.status_code == 302
    shown = client.get(url).content.decode()
    assert 'class="toast toast-success"' in shown
    assert 'class="toast toast-success"' not in client.get(url).content.decode()
