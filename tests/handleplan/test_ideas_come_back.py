"""Ideas that come back: the sender's private link to what became of their idea, and the
moderation that decides it — merging suggests the likely duplicates (and chooses none),
publishing keeps the whole title and asks for the theme, a card counts the colleagues behind it."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from handleplan import services
from handleplan.models import Idea, IdeaStatus, Status
from handleplan.views.ideas import FATE_RATE
from tests import builders


def form_url(world) -> str:  # type: ignore[no-untyped-def]
    return reverse("idea_form", args=[services.board_settings_for(world.amg).idea_code])


def send(world, text: str) -> tuple[Idea, str]:  # type: ignore[no-untyped-def]
    """A colleague sends an idea; returns it and the private link from the receipt."""
    client = Client()
    response = client.post(form_url(world), {"text": text})
    assert response.status_code == 302
    receipt = client.get(response["Location"]).content.decode()
    link = re.search(r'id="fate-url" value="([^"]+)"', receipt).group(1)
    return Idea.objects.get(text=text), urlsplit(link).path


def fate(path: str) -> str:
    response = Client().get(path)
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def moderate(world, name: str, idea: Idea, data: dict[str, object]):  # type: ignore[no-untyped-def]
    url = reverse(name, kwargs={"amg_id": world.amg.pk, "pk": idea.pk})
    return world.client_for("leder").post(url, data)


# The private link ----------------------------------------------------------------------------


def test_the_receipt_offers_a_private_link_whose_token_is_stored_only_as_a_hash(world):
    idea, path = send(world, "Fast pausetid for alle")
    token = path.rstrip("/").rsplit("/", 1)[-1]
    assert len(token) >= 40
    assert idea.fate_token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert not Idea.objects.filter(fate_token_hash=token).exists()
    history_fields = {field.name for field in Idea.history.model._meta.get_fields()}
    assert "fate_token_hash" not in history_fields  # not copied into the history either
    page = fate(path)
    assert "Fast pausetid for alle" in page
    assert "Venter" in page


def test_the_link_says_which_column_the_card_stands_in_now(world):
    idea, path = send(world, "Lydabsorbenter i kantinen")
    moderate(world, "idea_publish", idea, {"title": "Lydabsorbenter", "theme": world.theme.pk})
    page = fate(path)
    assert "På tavlen" in page
    assert "i kolonnen “Parkeringsplads” under temaet “Forebyggelse af stress”" in page
    card = Idea.objects.get(pk=idea.pk).action
    services.move_action(action=card, status=Status.GODT_I_GANG)
    assert "i kolonnen “Godt i gang”" in fate(path)
    services.update_action(action=card, confidential=True)
    page = fate(path)
    assert "Lydabsorbenter" not in page.replace("Lydabsorbenter i kantinen", "")
    assert "ikke på den offentlige tavle" in page


def test_a_merged_idea_follows_the_idea_it_joined_without_showing_its_words(world):
    first, _first_path = send(world, "Mødefri formiddag hver uge i indskolingen")
    second, path = send(world, "Kan vi få en mødefri formiddag? Tak, Mia")
    moderate(world, "idea_merge", second, {"into": first.pk})
    page = fate(path)
    assert "lagt den sammen med en lignende idé" in page
    assert "Venter" in page
    assert "Mødefri formiddag hver uge" not in page  # the other colleague's words stay theirs
    moderate(world, "idea_publish", first, {"title": "Mødefri formiddag", "theme": world.theme.pk})
    assert "På tavlen" in fate(path)


def test_a_declined_idea_shows_the_reason_the_group_chose_to_share_and_never_the_other(world):
    idea, path = send(world, "Gratis kaffe")
    response = moderate(
        world,
        "idea_decline",
        idea,
        {"reason": "Intern note: ledelsen siger nej", "shared_reason": "Det hører under MED."},
    )
    assert response.status_code == 302
    page = fate(path)
    assert "Afvist" in page
    assert "Det hører under MED." in page
    assert "Intern note" not in page
    other, other_path = send(world, "Gratis frugt")
    moderate(world, "idea_decline", other, {"reason": "Nej"})
    page = fate(other_path)
    assert "Gruppen har ikke skrevet en begrundelse til dig" in page
    assert "Nej" not in re.sub(r"<[^>]+>", " ", page).split("Sådan går det")[1].split()


def test_an_unknown_link_answers_404_in_danish_and_looks_are_rate_limited(world):
    _idea, path = send(world, "Bedre lys")
    response = Client().get(reverse("idea_fate", args=["x" * 43]))
    assert response.status_code == 404
    assert "Linket virker ikke" in response.content.decode()
    assert Client().get(reverse("idea_fate", args=["<script>"])).status_code == 404
    client = Client(REMOTE_ADDR="10.0.0.9")
    for _n in range(FATE_RATE):
        assert client.get(path).status_code == 200
    refused = client.get(path)
    assert refused.status_code == 429
    assert "Vent et kvarter" in refused.content.decode()
    assert Client(REMOTE_ADDR="10.0.0.10").get(path).status_code == 200


def test_a_filled_honeypot_gets_the_same_receipt_with_a_link_that_leads_nowhere(world):
    client = Client()
    response = client.post(form_url(world), {"text": "Køb billigt", "website": "http://spam"})
    assert response.status_code == 302
    assert parse_qs(urlsplit(response["Location"]).query)["link"]
    receipt = client.get(response["Location"]).content.decode()
    link = re.search(r'id="fate-url" value="([^"]+)"', receipt).group(1)
    assert not Idea.objects.exists()
    assert Client().get(urlsplit(link).path).status_code == 404


def test_the_fate_page_is_never_cached_and_not_indexed(world):
    _idea, path = send(world, "Bedre stole")
    response = Client().get(path)
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"


# Moderation --------------------------------------------------------------------------------


def test_merging_suggests_likely_duplicates_with_the_shared_words_and_chooses_none(world):
    idea = builders.make_idea(world.amg, "Mødefri formiddag en gang om ugen ville hjælpe")
    twin = builders.make_idea(world.amg, "Kan vi få en fast mødefri formiddag i indskolingen?")
    unrelated = builders.make_idea(world.amg, "Lyset i personalerummet flimrer")
    url = reverse("idea_merge", kwargs={"amg_id": world.amg.pk, "pk": idea.pk})
    html = world.client_for("leder").get(url).content.decode()
    assert "checked" not in html  # nothing preselected
    suggested = html[: html.index("Andre idéer")]
    assert f'value="{twin.pk}"' in suggested
    assert "fælles ord: mødefri, formiddag" in suggested
    assert f'value="{unrelated.pk}"' not in suggested
    assert f'value="{unrelated.pk}"' in html  # still there to choose

    response = world.client_for("leder").post(url, {}, headers={"HX-Request": "true"})
    assert response.status_code == 422
    assert "Vælg den idé, den er en dublet af." in response.content.decode()
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.NEW


def test_publishing_keeps_the_whole_title_and_asks_for_the_theme(world):
    builders.make_theme(world.amg, "Et andet tema")
    text = (
        "Forslag: en makkerordning for nye kolleger det første halve år, så de har én at spørge "
        "om alt det praktiske"
    )
    idea = builders.make_idea(world.amg, text)
    url = reverse("idea_publish", kwargs={"amg_id": world.amg.pk, "pk": idea.pk})
    html = world.client_for("leder").get(url).content.decode()
    assert f">\n{text}</textarea>" in html  # the whole idea, not cut at 80 characters
    select = html[html.index('name="theme"') : html.index("</select>", html.index('name="theme"'))]
    assert '<option value="" selected>– vælg et tema –</option>' in select
    response = world.client_for("leder").post(url, {"title": text})
    assert response.status_code == 422
    assert "Vælg det tema, kortet skal stå under." in response.content.decode()


def test_a_long_idea_is_cut_between_words_never_inside_one():
    idea = Idea(text="Ord " * 30 + "Forberedelsespladser " + "mere " * 60)
    title = idea.title_suggestion
    assert len(title) <= 200 and title.endswith("…")
    assert title[:-1].split()[-1] in {"Ord", "Forberedelsespladser", "mere"}
    assert idea.short_text.endswith("…") and len(idea.short_text) <= 80
    assert idea.short_text[:-1].split()[-1] in {"Ord", "Forberedelsespladser", "mere"}


def test_the_matrix_asks_for_the_theme_of_an_idea_too(world):
    builders.make_idea(world.amg, "Cykelstativ")
    html = world.client_for("leder").get(reverse("matrix", args=[world.amg.pk])).content.decode()
    assert '<select name="theme"><option value="">– vælg et tema –</option>' in html


def test_a_card_that_absorbed_duplicates_says_how_many_colleagues_raised_it(world):
    original = builders.make_idea(world.amg, "Mødefri fredag")
    now = timezone.now()
    for text in ("Mødefri fredage, tak", "Kan fredag være mødefri?"):
        services.merge_idea(
            idea=builders.make_idea(world.amg, text), into=original, by=world.leder, now=now
        )
    client = world.client_for("laeser")
    board = reverse("board", args=[world.amg.pk])
    card = services.publish_idea(
        idea=original, theme=world.theme, title="Mødefri fredag", by=world.leder, now=now
    )
    assert "Foreslået af 3 kolleger" in client.get(board).content.decode()
    # One more merged straight into the card's idea: the cached card is rendered again.
    services.merge_idea(
        idea=builders.make_idea(world.amg, "Fredag uden møder"),
        into=original,
        by=world.leder,
        now=now,
    )
    assert "Foreslået af 4 kolleger" in client.get(board).content.decode()
    detail = client.get(reverse("action_detail", args=[world.amg.pk, card.pk])).content.decode()
    assert "Foreslået af 4 kolleger" in detail
    # A card from one idea, or from none, says nothing.
    assert client.get(board).content.decode().count("Foreslået af") == 1


def test_an_idea_merged_after_gathering_duplicates_brings_them_along(world):
    now = timezone.now()
    target = builders.make_idea(world.amg, "Mødefri fredag")
    middle = builders.make_idea(world.amg, "Fredag uden møder")
    services.merge_idea(
        idea=builders.make_idea(world.amg, "Ingen møder fredag"),
        into=middle,
        by=world.leder,
        now=now,
    )
    services.merge_idea(idea=middle, into=target, by=world.leder, now=now)
    assert Idea.objects.filter(merged_into=target).count() == 2


@pytest.mark.parametrize("cards", [1, 60])
def test_the_colleague_counts_cost_no_extra_query_per_card(world, cards, django_assert_num_queries):
    from handleplan.queries import board_for

    for n in range(cards - 1):
        builders.make_action(world.amg, world.theme, title=f"Kort {n}")
    # Themes, cards (with their counts), the APV's marks, the next tavlemøde.
    with django_assert_num_queries(4):
        board_for(world.amg, now=timezone.now())
