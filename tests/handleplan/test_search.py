"""The board in the search: cards, ideas and referater; confidential cards; and what the search
finds after edits, restores from the history, deletes and the bin (on PostgreSQL that is the
stored vector kept current by its trigger; on SQLite the columns themselves)."""

from __future__ import annotations

from django.urls import reverse

from handleplan import history, services
from handleplan.models import Action, IdeaStatus
from tests import builders
from tests.searching import found


def hits(world, persona: str, text: str, **kwargs: object) -> dict[str, list[int]]:  # type: ignore[no-untyped-def]
    return found(world.user(persona), text, **kwargs)


# Cards ----------------------------------------------------------------------------------------


def test_a_card_is_found_by_its_title_and_by_why_how_and_who_else(world):
    card = builders.make_action(
        world.amg,
        world.theme,
        title="Lyddæmpende filt",
        why="Efterklangen i klasserne",
        how="Opsætning i efterårsferien",
        others="Pedellen",
        follow_up_how="Ny lydmåling",
    )
    for word in ("lyddæmpende", "efterklangen", "efterårsferien", "pedellen", "lydmåling"):
        assert hits(world, "laeser", word) == {"kort": [card.pk]}, word


def test_a_confidential_card_is_found_by_the_amgs_members_only(world):
    secret = builders.make_action(
        world.amg, world.theme, title="Samtale om sygefravær i team 3", confidential=True
    )
    for persona in ("leder", "amr", "laeser"):
        assert hits(world, persona, "sygefravær") == {"kort": [secret.pk]}, persona
    # The organisation's admin reads the AMG but is no member: not in their search, neither
    # across the organisation nor in the AMG's own search. The outsider finds nothing anyway.
    assert hits(world, "org_admin", "sygefravær") == {}
    assert hits(world, "org_admin", "sygefravær", amg=world.amg) == {}
    assert hits(world, "outsider", "sygefravær") == {}


def test_a_confidential_card_shows_it_is_confidential(world):
    builders.make_action(world.amg, world.theme, title="Personsag", confidential=True)
    url = reverse("amg_search", args=[world.amg.pk])
    html = world.client_for("leder").get(url, {"q": "personsag"}).content.decode()
    assert "fortrolig" in html


def test_an_edited_card_is_found_by_its_new_words_and_not_its_old_ones(world):
    card = builders.make_action(
        world.amg, world.theme, title="Kaffemaskine", why="Den er i stykker"
    )
    services.update_action(action=card, title="Vandautomat", why="Den drypper")
    assert hits(world, "leder", "kaffemaskine") == {}
    assert hits(world, "leder", "stykker") == {}
    assert hits(world, "leder", "vandautomat") == {"kort": [card.pk]}
    assert hits(world, "leder", "drypper") == {"kort": [card.pk]}


def test_a_restored_version_is_found_by_its_restored_words(world):
    card = builders.make_action(world.amg, world.theme, title="Cykelparkering")
    first = card.history.earliest("history_date")
    services.update_action(action=card, title="Bilparkering")
    response = world.client_for("leder").post(
        reverse("action_restore", args=[world.amg.pk, card.pk, first.history_id])
    )
    assert response.status_code == 302
    assert hits(world, "leder", "cykelparkering") == {"kort": [card.pk]}
    assert hits(world, "leder", "bilparkering") == {}


def test_a_deleted_card_is_not_found_and_a_card_back_from_the_bin_is(world):
    card = builders.make_action(world.amg, world.theme, title="Skohylder ved indgangen")
    pk = card.pk
    world.client_for("leder").post(reverse("action_delete", args=[world.amg.pk, pk]))
    assert not Action.objects.filter(pk=pk).exists()
    assert hits(world, "leder", "skohylder") == {}
    deleted, _themes = history.binned(world.amg)
    world.client_for("leder").post(
        reverse("bin_restore_action", args=[world.amg.pk, deleted[0].record.history_id])
    )
    assert hits(world, "leder", "skohylder") == {"kort": [pk]}


def test_a_moved_card_is_still_found(world):
    card = builders.make_action(world.amg, world.theme, title="Ergonomiske stole")
    services.move_action(action=card, status="afsluttet", index=0)
    assert hits(world, "leder", "ergonomiske") == {"kort": [card.pk]}


# Ideas ----------------------------------------------------------------------------------------


def test_an_idea_is_found_by_its_text_but_never_by_its_senders_name(world):
    idea = builders.make_idea(world.amg, "Frugtordning om fredagen", name="Bodil Frandsen")
    assert hits(world, "leder", "frugtordning") == {"ideer": [idea.pk]}
    assert hits(world, "leder", "bodil") == {}
    url = reverse("amg_search", args=[world.amg.pk])
    html = world.client_for("leder").get(url, {"q": "frugtordning"}).content.decode()
    assert "Bodil" not in html


def test_a_declined_idea_is_found_by_the_reason_too(world):
    idea = builders.make_idea(world.amg, "Sofa i personalerummet")
    services.decline_idea(
        idea=idea, reason="Det er pedellens sag", by=world.leder, now=idea.created_at
    )
    assert hits(world, "leder", "pedellens") == {"ideer": [idea.pk]}


def test_a_published_idea_links_to_its_card_and_a_waiting_one_to_the_ideas_page(world):
    waiting = builders.make_idea(world.amg, "Plantevæg i gangen")
    published = builders.make_idea(world.amg, "Plantevæg i kantinen")
    card = services.publish_idea(
        idea=published,
        theme=world.theme,
        title="Plantevæg",
        by=world.leder,
        now=published.created_at,
    )
    published.refresh_from_db()
    assert published.status == IdeaStatus.PUBLISHED
    url = reverse("amg_search", args=[world.amg.pk])
    html = world.client_for("leder").get(url, {"q": "plantevæg", "slags": "ideer"}).content.decode()
    assert f'href="{reverse("action_detail", args=[world.amg.pk, card.pk])}"' in html
    assert f'href="{reverse("idea_queue", args=[world.amg.pk])}#idea-{waiting.pk}"' in html


# Referater ------------------------------------------------------------------------------------


def test_a_referat_is_found_by_its_decisions_and_notes(world):
    meeting = builders.end_meeting(
        builders.start_meeting(world.amg),
        decisions="Vi indkøber høreværn",
        notes="Husk budgettet",
    )
    assert hits(world, "laeser", "høreværn") == {"referater": [meeting.pk]}
    assert hits(world, "laeser", "budgettet") == {"referater": [meeting.pk]}


def test_a_planned_meeting_is_not_a_referat(world):
    planned = builders.make_meeting(world.amg, moedeleder="Mette")
    planned.notes = "Dagsorden om høreværn"
    planned.save()
    assert hits(world, "leder", "høreværn") == {}


def test_a_restored_referat_is_found_by_its_restored_words(world):
    meeting = builders.end_meeting(builders.start_meeting(world.amg), decisions="Solafskærmning")
    before = meeting.history.order_by("-history_id").first()
    services.update_referat(meeting=meeting, referat="Et helt andet referat om persienner")
    assert hits(world, "leder", "persienner") == {"referater": [meeting.pk]}
    services.restore_referat(meeting=meeting, record=before)
    assert hits(world, "leder", "persienner") == {}
    assert hits(world, "leder", "solafskærmning") == {"referater": [meeting.pk]}
