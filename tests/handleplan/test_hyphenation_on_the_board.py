"""Long Danish words on the board, in meeting mode and on the wall break with a hyphen where
Danish breaks them (soft hyphens put in where the cards are rendered, and cached with them);
names never; everything people copy, edit, export or search holds the text as written."""

from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from forkant import services as core_services
from forkant.lib import hyphenation
from forkant.lib.hyphenation import SOFT_HYPHEN
from forkant.models import Role
from handleplan import services
from tests import builders

TITLE = "Forberedelsespladser til indskolingens lærere"
THEME = "Arbejdsmiljøkompetence"


def setup_board(world):  # type: ignore[no-untyped-def]
    person = builders.make_member(
        world.amg,
        builders.make_user(first_name="Bodil", last_name="Kristiansenmadsen"),
        Role.TR,
    )
    theme = builders.make_theme(world.amg, THEME)
    return builders.make_action(world.amg, theme, title=TITLE, responsible=person)


def card_html(html: str, pk: int) -> str:
    start = html.index(f'id="action-{pk}"')
    return html[start : html.index("</article>", start)]


def test_titles_and_themes_on_the_board_carry_soft_hyphens_and_names_do_not(world):
    card = setup_board(world)
    html = world.client_for("leder").get(reverse("board", args=[world.amg.pk])).content.decode()
    article = card_html(html, card.pk)
    title = re.search(r'hx-target="#dialog-body">([^<]*)</a>', article).group(1)
    assert title == hyphenation.hyphenate(TITLE)
    assert title.replace(SOFT_HYPHEN, "") == TITLE and SOFT_HYPHEN in title
    who = re.search(r'<span class="who">.*?</span>([^<]*)</span>', article).group(1)
    assert who.strip() == "Bodil Kristiansenmadsen"
    assert hyphenation.hyphenate(THEME) in html
    # Labels read out by screen readers and tooltips hold the title as written.
    assert f"Rediger “{TITLE}”" in article


def test_what_members_edit_read_and_export_holds_the_text_as_written(world):
    card = setup_board(world)
    client = world.client_for("leder")
    pages = [
        reverse("action_edit", args=[world.amg.pk, card.pk]),
        reverse("action_detail", args=[world.amg.pk, card.pk]),
        reverse("handleplan_csv", args=[world.amg.pk]),
    ]
    for url in pages:
        content = client.get(url).content.decode()
        assert TITLE in content, url
        assert SOFT_HYPHEN not in content, url


def test_the_wall_hyphenates_titles_and_themes_but_not_names(world):
    card = setup_board(world)
    _screen, token = core_services.create_wall_screen(
        amg=world.amg, name="Gangen", created_by=world.leder.user, now=timezone.now()
    )
    tv = Client()
    tv.post(reverse("wall_pair", kwargs={"token": token}))
    html = tv.get(reverse("wall_board")).content.decode()
    assert hyphenation.hyphenate(TITLE) in html
    assert hyphenation.hyphenate(THEME) in html
    assert f">{card.responsible.user.first_name}<" in html
    for name in re.findall(r'class="wall-card-who">([^<]*)<', html):
        assert SOFT_HYPHEN not in name


def test_hyphenation_is_done_once_and_cached_with_the_card(world, monkeypatch):
    card = setup_board(world)
    calls = []
    original = hyphenation.hyphenate

    def counting(text: str) -> str:
        calls.append(text)
        return original(text)

    monkeypatch.setattr(hyphenation, "hyphenate", counting)
    client = world.client_for("leder")
    url = reverse("board", args=[world.amg.pk])
    client.get(url)
    assert TITLE in calls
    calls.clear()
    client.get(url)  # nothing changed: the cached board
    assert calls == []
    services.update_action(action=world.action, title="Et andet kort")  # another card changes
    client.get(url)
    assert TITLE not in calls  # this card comes from the card cache
    assert "Et andet kort" in calls
    assert card.title == TITLE
