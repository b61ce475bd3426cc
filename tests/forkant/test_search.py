"""The search: every kind found, scoped like everything else, hostile queries answered calmly,
a constant number of queries, and the search terms kept out of logs and Referer headers.

The same tests run on SQLite and PostgreSQL; what only PostgreSQL does (Danish inflection,
stored vectors) is in test_search_vectors.py.
"""

from __future__ import annotations

import logging

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from forkant import search, services
from forkant.lib import highlight
from tests import builders
from tests.searching import EveryKind, every_kind, found, found_pks

WORD = "kantinemaden"


@pytest.fixture
def everything(world) -> EveryKind:  # type: ignore[no-untyped-def]
    return every_kind(world.amg, world.leder, WORD)


def page(client, url: str, **params: object):  # type: ignore[no-untyped-def]
    return client.get(url, params)


def client_of(user=None) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


# Every kind is found ----------------------------------------------------------------------------


def test_every_registered_kind_is_found_by_a_word_in_its_text(world, everything):
    assert found(world.leder.user, WORD) == {k: [pk] for k, pk in everything.by_kind().items()}


def test_the_registry_holds_the_eight_kinds_of_the_amgs_work():
    assert [kind.key for kind in search.kinds()] == [
        "kort",
        "problemer",
        "ideer",
        "referater",
        "risikovurderinger",
        "haendelser",
        "evalueringer",
        "selvevalueringer",
    ]


def test_the_page_groups_hits_by_kind_and_links_each_to_its_page(world, everything):
    response = page(world.client_for("amr"), reverse("amg_search", args=[world.amg.pk]), q=WORD)
    assert response.status_code == 200
    html = response.content.decode()
    for kind in search.kinds():
        assert f'id="kind-{kind.key}"' in html
    assert reverse("action_detail", args=[world.amg.pk, everything.card.pk]) in html
    assert reverse("problem_detail", args=[world.amg.pk, everything.problem.pk]) in html
    assert reverse("meeting_detail", args=[world.amg.pk, everything.referat.pk]) in html
    assert f"#haendelse-{everything.incident.pk}" in html
    assert f"<mark>{WORD}</mark>" in html
    assert "8 resultater for" in html


def test_a_word_matches_the_beginning_of_longer_words_in_any_case(world):
    builders.make_action(world.amg, world.theme, title="STØJMÅLING i Idrætshallen")
    assert found(world.leder.user, "støj")["kort"]
    assert found(world.leder.user, "idræt")["kort"]
    assert "kort" not in found(world.leder.user, "måling")  # inside a word is not a beginning


def test_every_word_must_match(world):
    card = builders.make_action(world.amg, world.theme, title="Støj i kantinen", why="Om frokosten")
    assert found(world.leder.user, "støj frokost") == {"kort": [card.pk]}
    assert found(world.leder.user, "støj aftensmad") == {}


def test_a_title_match_comes_before_a_match_in_the_text(world):
    in_text = builders.make_action(world.amg, world.theme, title="Et kort", why="Om akustik")
    in_title = builders.make_action(world.amg, world.theme, title="Akustik i klasserne")
    assert found(world.leder.user, "akustik")["kort"] == [in_title.pk, in_text.pk]


def test_equally_good_hits_come_newest_first(world):
    older = builders.make_action(world.amg, world.theme, title="Ventilation i fløj A")
    newer = builders.make_action(world.amg, world.theme, title="Ventilation i fløj B")
    assert found(world.leder.user, "ventilation")["kort"] == [newer.pk, older.pk]


def test_the_all_kinds_page_shows_five_of_each_kind_and_links_to_the_rest(world):
    for n in range(7):
        builders.make_action(world.amg, world.theme, title=f"Tavlemateriale nummer {n}")
    url = reverse("amg_search", args=[world.amg.pk])
    html = page(world.client_for("leder"), url, q="tavlemateriale").content.decode()
    assert html.count('class="search-hit"') == search.PER_GROUP
    assert "slags=kort" in html
    assert "Vis alle 7" in html


def test_one_kind_pages_through_all_its_hits(world):
    for n in range(search.PER_PAGE + 3):
        builders.make_action(world.amg, world.theme, title=f"Papirbunke {n}")
    client = world.client_for("leder")
    url = reverse("amg_search", args=[world.amg.pk])
    first = page(client, url, q="papirbunke", slags="kort").content.decode()
    second = page(client, url, q="papirbunke", slags="kort", side=2).content.decode()
    assert first.count('class="search-hit"') == search.PER_PAGE
    assert second.count('class="search-hit"') == 3
    assert "Side 2 af 2" in second
    assert 'rel="prev"' in second


def test_a_page_past_the_end_shows_the_last_page(world):
    builders.make_action(world.amg, world.theme, title="Papirbunke")
    url = reverse("amg_search", args=[world.amg.pk])
    response = page(world.client_for("leder"), url, q="papirbunke", slags="kort", side=9)
    assert response.status_code == 200
    assert response.content.decode().count('class="search-hit"') == 1


def test_nothing_found_explains_what_to_try(world):
    url = reverse("amg_search", args=[world.amg.pk])
    response = page(world.client_for("leder"), url, q="xylofonundervisning")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ingen resultater for “xylofonundervisning”" in html
    assert "Prøv begyndelsen af ordet" in html


def test_the_empty_page_says_what_can_be_found(world):
    response = world.client_for("leder").get(reverse("amg_search", args=[world.amg.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Det kan du finde" in html
    for kind in search.kinds():
        assert str(kind.label) in html


def test_every_page_of_a_member_has_a_search_box_for_the_amg(world):
    html = world.client_for("laeser").get(reverse("board", args=[world.amg.pk])).content.decode()
    assert f'action="{reverse("amg_search", args=[world.amg.pk])}"' in html
    assert 'aria-keyshortcuts="/"' in html
    front = world.client_for("laeser").get(reverse("dashboard")).content.decode()
    assert f'action="{reverse("search")}"' in front


# Scoped like everything else -------------------------------------------------------------------


def assert_nothing_of(records: EveryKind, html: str, *, page: bool = True) -> None:
    """Not a hit, not a word of the records' texts (the query itself is echoed in the box)."""
    assert 'class="search-hit"' not in html
    assert not page or "Ingen resultater for" in html
    for text in ("Vi taler om", "En idé om", "Noter om", "Det handler om", "Risiko for"):
        assert text not in html


def test_a_member_of_another_amg_never_finds_a_word_of_it(world, everything):
    assert found(world.outsider.user, WORD) == {}
    response = page(world.client_for("outsider"), reverse("search"), q=WORD)
    assert response.status_code == 200
    assert_nothing_of(everything, response.content.decode())


def test_another_amgs_search_page_answers_404_to_an_outsider(world, everything):
    url = reverse("amg_search", args=[world.amg.pk])
    response = page(world.client_for("outsider"), url, q=WORD)
    assert response.status_code == 404
    assert_nothing_of(everything, response.content.decode(), page=False)


def test_a_read_only_member_finds_the_amgs_work(world, everything):
    assert set(found(world.laeser.user, WORD)) == set(everything.by_kind())


def test_the_organisation_admin_searches_every_amg_and_sees_which_each_hit_is_from(world):
    mine = builders.make_action(world.amg, world.theme, title="Fælles kantineordning")
    theirs = builders.make_action(world.other_amg, world.other_theme, title="Kantineordning nu")
    assert found_pks(world.org_admin, "kantineordning") == {mine.pk, theirs.pk}
    response = page(world.client_for("org_admin"), reverse("search"), q="kantineordning")
    html = response.content.decode()
    assert '<span class="search-hit-amg">Skolen</span>' in html
    assert '<span class="search-hit-amg">Børnehaven</span>' in html
    # In one AMG's search, only that AMG.
    assert found_pks(world.org_admin, "kantineordning", amg=world.amg) == {mine.pk}


def test_another_organisations_admin_and_members_find_nothing(world, everything):
    elsewhere = builders.make_organisation("Nabokommune")
    their_amg = builders.make_amg(elsewhere, "Nabo-AMG")
    admin = builders.make_org_admin(elsewhere).user
    reader = builders.make_member(their_amg, read_only=True).user
    for user in (admin, reader):
        assert found(user, WORD) == {}
        client = client_of(user)
        assert_nothing_of(everything, page(client, reverse("search"), q=WORD).content.decode())
        other = page(client, reverse("amg_search", args=[world.amg.pk]), q=WORD)
        assert other.status_code == 404
        assert_nothing_of(everything, other.content.decode(), page=False)


def test_a_member_of_two_amgs_may_search_both_and_is_offered_to(world):
    builders.make_member(world.other_amg, world.leder.user)
    theirs = builders.make_action(world.other_amg, world.other_theme, title="Sandkassen")
    assert found_pks(world.leder.user, "sandkassen") == {theirs.pk}
    html = page(
        world.client_for("leder"), reverse("amg_search", args=[world.amg.pk]), q="sandkassen"
    ).content.decode()
    assert "Søg i alle dine grupper" in html


def test_anonymous_visitors_are_sent_to_login(world):
    for url in (reverse("search"), reverse("amg_search", args=[world.amg.pk])):
        response = page(client_of(), url, q="stress")
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_an_archived_amgs_work_can_still_be_found(world):
    card = builders.make_action(world.amg, world.theme, title="Gammel sag om lys")
    services.set_amg_archived(amg=world.amg, archived=True, now=timezone.now())
    assert found_pks(world.leder.user, "lys") == {card.pk}


# Hostile and bad input -------------------------------------------------------------------------

HOSTILE = [
    "stress & støj",
    "stress | støj",
    "!stress",
    "stress:*",
    "'stress'",
    '"stress"',
    "stress\\",
    "\\'; DROP TABLE handleplan_action; --",
    "a:* & !b | (c <-> d)",
    "<script>alert(1)</script>",
    "%_%",
    "stress\x00",
    "ﬁ ǅ ß İ",
    "(((",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_queries_answer_a_normal_page(world, text):
    builders.make_action(world.amg, world.theme, title="Stress og støj")
    url = reverse("amg_search", args=[world.amg.pk])
    response = page(world.client_for("leder"), url, q=text)
    assert response.status_code in {200, 422}
    assert "<script>alert" not in response.content.decode()


def test_tsquery_syntax_is_taken_as_words(world):
    card = builders.make_action(world.amg, world.theme, title="Stress og støj")
    for text in ("stress & støj", "stress | støj", "!stress", "stress:*", "'stress'", "stress\\"):
        assert found(world.leder.user, text) == {"kort": [card.pk]}, text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("&|!:*'\"\\", "Skriv mindst ét ord med bogstaver eller tal"),
        ("a" * 201, "højst være 200 tegn"),
        (" ".join(f"ord{n}" for n in range(11)), "højst 10 ord"),
    ],
)
def test_bad_queries_answer_422_with_a_clear_message(world, text, message):
    url = reverse("amg_search", args=[world.amg.pk])
    response = page(world.client_for("leder"), url, q=text)
    assert response.status_code == 422
    assert message in response.content.decode()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "stress", "slags": "hemmelig"}, "Den slags findes ikke"),
        ({"q": "stress", "side": "x"}, "Sidetallet skal være et tal"),
        ({"q": "stress", "side": "0"}, "Sidetallet skal være 1 eller mere"),
    ],
)
def test_a_bad_kind_or_page_answers_422(world, params, message):
    url = reverse("amg_search", args=[world.amg.pk])
    response = page(world.client_for("leder"), url, **params)
    assert response.status_code == 422
    assert message in response.content.decode()


def test_an_empty_query_is_the_starting_page(world):
    url = reverse("amg_search", args=[world.amg.pk])
    for text in ("", "   "):
        response = page(world.client_for("leder"), url, q=text)
        assert response.status_code == 200
        assert "Det kan du finde" in response.content.decode()


def test_a_script_in_a_card_title_is_escaped_in_the_heading_and_the_excerpt(world):
    builders.make_action(
        world.amg,
        world.theme,
        title="<script>alert('titel')</script> Vagtplan",
        why="Vagtplan <img src=x onerror=alert(1)> & <b>fed</b>",
    )
    url = reverse("amg_search", args=[world.amg.pk])
    html = page(world.client_for("leder"), url, q="vagtplan").content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "<b>fed" not in html
    assert "<mark>Vagtplan</mark>" in html


def test_marked_text_becomes_escaped_html_with_balanced_marks():
    start, stop = highlight.START, highlight.STOP
    assert str(highlight.to_html(f"a <b> {start}ord{stop} & c")) == (
        "a &lt;b&gt; <mark>ord</mark> &amp; c"
    )
    assert str(highlight.to_html(f"{stop}x{start}y")) == "x<mark>y</mark>"
    assert str(highlight.to_html(f"{start}{start}x{stop}{stop}")) == "<mark>x</mark>"


def test_the_embedded_excerpt_is_a_window_around_the_first_match():
    text = " ".join(["fyld"] * 80) + " her er Sygemeldingen omtalt " + " ".join(["mere"] * 80)
    excerpt = highlight.mark(text, ["sygemeld"], limit=120)
    assert len(excerpt) < 140
    assert f"{highlight.START}Sygemeldingen{highlight.STOP}" in excerpt
    assert excerpt.startswith("…") and excerpt.endswith("…")


def test_the_words_are_runs_of_letters_and_digits_once_each():
    assert search.words_of("Støj, støj & STØJ: 2024!") == ["Støj", "2024"]
    assert search.words_of("&|!:*'\"\\()") == []
    assert search.words_of("snake_case") == ["snake", "case"]


# Speed: the same number of queries for 1 and for many records --------------------------------


def queries_for(client, url: str, **params: object) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("slags", ["", "kort"])
def test_the_number_of_queries_does_not_grow_with_the_records(world, slags):
    every_kind(world.amg, world.leder, "bølgeblik")
    client = world.client_for("leder")
    url = reverse("amg_search", args=[world.amg.pk])
    params = {"q": "bølgeblik", **({"slags": slags} if slags else {})}
    one = queries_for(client, url, **params)
    for n in range(30):
        every_kind(world.amg, world.leder, "bølgeblik", year=2030 + n)
    assert queries_for(client, url, **params) == one
    assert one <= 6 + len(search.kinds())  # session, user, the AMG's access, scope; one per kind


def test_the_organisation_wide_search_costs_the_same_for_one_or_many_amgs(world):
    client = world.client_for("org_admin")
    builders.make_action(world.amg, world.theme, title="Bølgeblik")
    one = queries_for(client, reverse("search"), q="bølgeblik")
    for n in range(5):
        amg = builders.make_amg(world.organisation, f"Gruppe {n}")
        builders.make_action(amg, title="Bølgeblik")
    assert queries_for(client, reverse("search"), q="bølgeblik") == one


# Search terms are not logged, and do not travel onwards ---------------------------------------


def test_the_search_terms_are_never_logged(world, caplog):
    url = reverse("amg_search", args=[world.amg.pk])
    client = world.client_for("leder")
    with caplog.at_level(logging.DEBUG):
        client.get(url, {"q": "hemmeligtord"})
        client.get(url, {"q": "hemmeligtord" * 20})  # 422
        client.get(url, {"q": "hemmeligtord", "slags": "x"})  # 422
    assert caplog.records  # the 422s are logged (by path)
    assert all("hemmeligtord" not in record.getMessage() for record in caplog.records)


def test_the_page_sends_only_the_site_as_referer_onwards(world):
    response = page(world.client_for("leder"), reverse("search"), q="stress")
    assert response["Referrer-Policy"] == "strict-origin"
