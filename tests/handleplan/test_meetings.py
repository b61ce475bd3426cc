"""Tavlemøder and AMG-møder: started from the board, every change recorded, ended with a referat
that is e-mailed, printable and sets the next tavlemøde. Stalled cards are noticed."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from forkant import services as core_services
from handleplan import services
from handleplan.models import Action, EventKind, Meeting, MeetingKind, Status
from handleplan.referat import referat_blocks
from tests import builders


def board_url(world) -> str:  # type: ignore[no-untyped-def]
    return reverse("board", kwargs={"amg_id": world.amg.pk})


def start(world, **data):  # type: ignore[no-untyped-def]
    payload = {
        "kind": "tavlemoede",
        "moedeleder": "Anne",
        "referent": "Bo",
        "attendees": [world.leder.pk, world.amr.pk],
        "other_attendees": 3,
        **data,
    }
    return world.client_for("leder").post(
        reverse("meeting_start", kwargs={"amg_id": world.amg.pk}), payload
    )


def end(world, meeting: Meeting, **data):  # type: ignore[no-untyped-def]
    return world.client_for("leder").post(
        reverse("meeting_end", kwargs={"amg_id": world.amg.pk, "pk": meeting.pk}),
        {"send": "on", **data},
    )


def test_a_meeting_is_started_from_the_board_with_leader_referent_and_attendees(world):
    response = start(world)
    assert response.status_code == 302
    meeting = Meeting.objects.get(amg=world.amg)
    assert meeting.is_running
    assert (meeting.kind, meeting.moedeleder, meeting.referent, meeting.other_attendees) == (
        MeetingKind.TAVLEMOEDE,
        "Anne",
        "Bo",
        3,
    )
    assert set(meeting.attendees.all()) == {world.leder, world.amr}
    html = world.client_for("amr").get(board_url(world)).content.decode()
    assert "Tavlemøde i gang siden" in html
    assert f'data-meeting-id="{meeting.pk}"' in html
    assert "Afslut mødet" in html
    assert "Start møde" not in html


def test_starting_takes_over_the_tavlemoede_planned_for_today(world):
    now = timezone.now()
    planned = services.set_next_tavlemoede(
        amg=world.amg, starts_at=now + datetime.timedelta(hours=1), moedeleder="Mette", now=now
    )
    start(world)
    assert Meeting.objects.filter(amg=world.amg).count() == 1
    planned.refresh_from_db()
    assert planned.is_running


def test_only_one_meeting_runs_at_a_time(world):
    start(world)
    response = start(world, kind="amg_moede")
    assert response.status_code == 302
    assert Meeting.objects.filter(amg=world.amg).count() == 1


def test_an_amg_meeting_is_the_same_model(world):
    start(world, kind="amg_moede")
    assert Meeting.objects.get().get_kind_display() == "AMG-møde"


def test_attendees_from_another_amg_are_refused(world):
    response = start(world, attendees=[world.outsider.pk])
    assert response.status_code == 422
    assert not Meeting.objects.exists()


def test_every_change_during_the_meeting_is_recorded_and_nothing_before_or_after(world):
    before = builders.make_action(world.amg, world.theme, title="Fra før mødet")
    services.move_action(action=before, status=Status.GODT_I_GANG)
    meeting = builders.start_meeting(world.amg)
    client = world.client_for("amr")
    client.post(
        reverse("action_move", kwargs={"amg_id": world.amg.pk, "pk": world.action.pk}),
        {"status": "godt_i_gang"},
    )
    new = builders.make_action(world.amg, world.theme, title="Ny under mødet", status="parkeret")
    services.update_action(action=new, title="Ny under mødet, rettet")
    services.move_action(action=before, status=Status.I_MAAL)
    gone = builders.make_action(world.amg, world.theme, title="Slettes")
    services.delete_action(action=gone)
    builders.end_meeting(meeting)
    services.move_action(action=world.action, status=Status.I_MAAL)  # after the meeting

    events = [(e.kind, e.title, e.from_status, e.to_status) for e in meeting.events.all()]
    assert events == [
        (EventKind.MOVED, "Fælles aftaler om mails", "startet", "godt_i_gang"),
        (EventKind.CREATED, "Ny under mødet", "", "parkeret"),
        (EventKind.EDITED, "Ny under mødet, rettet", "", ""),
        (EventKind.MOVED, "Fra før mødet", "godt_i_gang", "i_maal"),
        (EventKind.CREATED, "Slettes", "", "startet"),
        (EventKind.DELETED, "Slettes", "startet", ""),
    ]


def test_theme_changes_and_matrix_placements_during_the_meeting_are_recorded(world):
    meeting = builders.start_meeting(world.amg)
    theme = builders.make_theme(world.amg, "Støj")
    services.rename_theme(theme=theme, name="Støj i kantinen")
    services.delete_theme(theme=theme)
    parked = builders.make_action(world.amg, world.theme, title="Stille time", status="parkeret")
    services.place_on_matrix(item=parked, effect="stor", reach="mange", radius="selv")
    builders.end_meeting(meeting)
    meeting.refresh_from_db()
    assert "Temaer\n- Støj: nyt tema\n- Støj i kantinen: omdøbt fra “Støj”" in meeting.referat
    assert "- Støj i kantinen: slettet" in meeting.referat
    assert "- Stille time: Stor effekt, berører mange, det kan vi selv" in meeting.referat


def test_reordering_inside_a_cell_is_not_a_move(world):
    meeting = builders.start_meeting(world.amg)
    builders.make_action(world.amg, world.theme, title="Anden")
    services.move_action(action=world.action, status=world.action.status, index=1)
    assert [e.kind for e in meeting.events.all()] == [EventKind.CREATED]


def test_a_change_that_fails_records_nothing(world):
    meeting = builders.start_meeting(world.amg)
    with pytest.raises(Exception):  # noqa: B017, PT011 (any error rolls the change back)
        services.move_action(action=world.action, status="nowhere")
    assert not meeting.events.exists()


def test_the_referat_lists_what_changed_during_the_meeting_and_nothing_from_before(world):
    old = builders.make_action(world.amg, world.theme, title="Gammel sag")
    services.move_action(action=old, status=Status.I_MAAL)  # before: not in the referat
    start(world)
    meeting = Meeting.objects.get()
    client = world.client_for("amr")
    client.post(
        reverse("action_move", kwargs={"amg_id": world.amg.pk, "pk": world.action.pk}),
        {"status": "godt_i_gang"},
    )
    done = builders.make_action(world.amg, world.theme, title="Høreværn", status="godt_i_gang")
    services.move_action(action=done, status=Status.I_MAAL)
    idea = builders.make_idea(world.amg, "Makkerordning")
    services.publish_idea(
        idea=idea, theme=world.theme, title="Makkerordning", by=world.amr, now=timezone.now()
    )
    declined = builders.make_idea(world.amg, "Gratis kage")
    services.decline_idea(idea=declined, reason="Ikke AMG", by=world.amr, now=timezone.now())
    response = end(world, meeting, decisions="Vi prøver makkerordning", notes="Godt møde")
    assert response.status_code == 302
    meeting.refresh_from_db()
    text = meeting.referat

    amr, leder = world.amr.display_name, world.leder.display_name
    assert "Mødeleder: Anne · Referent: Bo" in text
    assert "Deltagere:" in text
    assert amr in text
    assert leder in text
    assert "3 andre" in text
    assert "Flyttede kort\n- Fælles aftaler om mails: Startet → Godt i gang" in text
    assert "Nye kort\n- Høreværn (Godt i gang)" in text
    assert "Kort i mål\n- Høreværn: Godt i gang → I mål" in text
    assert "Makkerordning: sat på tavlen i Parkeringsplads" in text
    assert "“Gratis kage”: afvist – Ikke AMG" in text
    assert "Beslutninger\nVi prøver makkerordning" in text
    assert "Noter\nGodt møde" in text
    assert "Gammel sag" not in text


def test_ending_sets_the_next_tavlemoede_shown_on_board_and_wall(world):
    start(world)
    meeting = Meeting.objects.get()
    _screen, token = core_services.create_wall_screen(
        amg=world.amg, name="Gangen", created_by=world.leder.user, now=timezone.now()
    )
    tv = Client()
    tv.post(reverse("wall_pair", kwargs={"token": token}))
    etag = tv.get(reverse("wall_board"))["ETag"]

    next_time = timezone.localtime() + datetime.timedelta(days=14)
    end(
        world,
        meeting,
        next_starts_at=next_time.strftime("%Y-%m-%dT08:15"),
        next_moedeleder="Sara",
    )
    board = world.client_for("amr").get(board_url(world)).content.decode()
    assert "Mødeleder: <strong>Sara</strong>" in board
    assert "Start møde" in board
    wall = tv.get(reverse("wall_board"), HTTP_IF_NONE_MATCH=etag)
    assert wall.status_code == 200  # the board revision moved on
    assert "Mødeleder: Sara" in wall.content.decode()
    meeting.refresh_from_db()
    assert "\nNæste tavlemøde\n" in meeting.referat
    assert "mødeleder Sara" in meeting.referat


def test_the_referat_records_apologies_and_puts_the_next_tavlemoede_apart_from_the_notes(world):
    tr = builders.make_member(world.amg, builders.make_user(first_name="Sara", last_name="Holm"))
    response = start(world, attendees=[world.leder.pk], apologies=[world.amr.pk, tr.pk])
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert set(meeting.apologies.all()) == {world.amr, tr}
    next_time = timezone.localtime() + datetime.timedelta(days=14)
    end(
        world,
        meeting,
        notes="Husk kage næste gang",
        next_starts_at=next_time.strftime("%Y-%m-%dT08:15"),
        next_moedeleder="Sara",
    )
    meeting.refresh_from_db()
    lines = meeting.referat.splitlines()
    assert f"Deltagere: {world.leder.display_name}, 3 andre" in lines
    assert f"Afbud: {world.amr.display_name}, Sara Holm" in lines
    blocks = {block.heading: block.body for block in referat_blocks(meeting.referat)}
    assert blocks["Noter"] == "Husk kage næste gang"  # the notes, and nothing else
    assert blocks["Næste tavlemøde"].endswith("kl. 08.15 · mødeleder Sara")
    page = world.client_for("laeser").get(
        reverse("meeting_detail", kwargs={"amg_id": world.amg.pk, "pk": meeting.pk})
    )
    html = page.content.decode()
    assert "<dt>Afbud</dt><dd>" + world.amr.display_name + ", Sara Holm</dd>" in html
    assert '<h3 class="referat-heading">Næste tavlemøde</h3>' in html
    pdf = world.client_for("laeser").get(
        reverse("referat_pdf", kwargs={"amg_id": world.amg.pk, "pk": meeting.pk})
    )
    text = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages
    ).replace("\n", " ")
    assert "Afbud" in text and "Sara Holm" in text


def test_nobody_is_both_at_the_meeting_and_away(world):
    response = start(world, attendees=[world.leder.pk], apologies=[world.leder.pk])
    assert response.status_code == 422
    assert "kan ikke både være med og have meldt afbud" in response.content.decode()
    assert not Meeting.objects.exists()


def test_apologies_from_another_amg_are_refused(world):
    response = start(world, apologies=[world.outsider.pk])
    assert response.status_code == 422
    assert not Meeting.objects.exists()


def test_the_end_form_offers_the_tavlemoede_already_planned(world):
    planned = builders.make_meeting(world.amg, days=14, moedeleder="Sara")
    meeting = builders.start_meeting(world.amg)
    html = (
        world.client_for("leder")
        .get(reverse("meeting_end", kwargs={"amg_id": world.amg.pk, "pk": meeting.pk}))
        .content.decode()
    )
    local = timezone.localtime(planned.starts_at)
    assert f'value="{local:%Y-%m-%dT%H:%M}"' in html
    assert 'value="Sara"' in html


def test_a_next_meeting_in_the_past_is_refused_and_the_meeting_keeps_running(world):
    start(world)
    meeting = Meeting.objects.get()
    response = end(world, meeting, next_starts_at="2020-01-01T08:00")
    assert response.status_code == 422
    assert "Vælg et tidspunkt i fremtiden." in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.is_running


def test_the_referat_is_emailed_to_every_member(world):
    start(world)
    meeting = Meeting.objects.get()
    services.move_action(action=world.action, status=Status.GODT_I_GANG)
    end(world, meeting)
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted(
        [world.leder.user.email, world.amr.user.email, world.laeser.user.email]
    )
    message = mail.outbox[0]
    assert message.subject.startswith("Referat: Tavlemøde")
    assert "Skolen" in message.subject
    assert "Fælles aftaler om mails: Startet → Godt i gang" in message.body
    assert f"/amg/{world.amg.pk}/moeder/{meeting.pk}/" in message.body
    assert world.outsider.user.email not in recipients
    meeting.refresh_from_db()
    assert meeting.referat_sent_at is not None


def test_a_mail_server_that_is_down_loses_nothing_and_says_so(world, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    start(world)
    meeting = Meeting.objects.get()
    client = world.client_for("leder")
    response = client.post(
        reverse("meeting_end", kwargs={"amg_id": world.amg.pk, "pk": meeting.pk}),
        {"send": "on", "decisions": "Gemt alligevel"},
        follow=True,
    )
    assert response.status_code == 200
    assert "Referatet kunne ikke sendes lige nu." in response.content.decode()
    meeting.refresh_from_db()
    assert not meeting.is_running
    assert "Gemt alligevel" in meeting.referat
    assert meeting.referat_sent_at is None


def test_ending_without_sending_sends_nothing(world):
    start(world)
    world.client_for("leder").post(
        reverse("meeting_end", kwargs={"amg_id": world.amg.pk, "pk": Meeting.objects.get().pk}),
        {},
    )
    assert mail.outbox == []
    assert not Meeting.objects.get().is_running


def test_the_referat_can_be_edited_and_printed_as_pdf(world):
    meeting = builders.start_meeting(world.amg, moedeleder="Anne")
    services.move_action(action=world.action, status=Status.GODT_I_GANG)
    builders.end_meeting(meeting)
    client = world.client_for("leder")
    edit_url = reverse("referat_edit", kwargs={"amg_id": world.amg.pk, "pk": meeting.pk})
    meeting.refresh_from_db()
    edited = meeting.referat + "\nTilføjet bagefter: kaffe til alle.\n<script>x</script>"
    assert client.post(edit_url, {"referat": edited}).status_code == 302
    assert client.post(edit_url, {"referat": ""}).status_code == 422
    detail = client.get(
        reverse("meeting_detail", kwargs={"amg_id": world.amg.pk, "pk": meeting.pk})
    ).content.decode()
    assert "Tilføjet bagefter: kaffe til alle." in detail
    assert "<script>x</script>" not in detail

    response = client.get(reverse("referat_pdf", kwargs={"amg_id": world.amg.pk, "pk": meeting.pk}))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())  # PDF text comes back with its own line breaks
    assert "Fælles aftaler om mails: Startet → Godt i gang" in text
    assert "Tilføjet bagefter: kaffe til alle." in text
    assert "Anne" in text


def test_a_running_meeting_has_no_referat_to_edit_or_print_yet(world):
    meeting = builders.start_meeting(world.amg)
    client = world.client_for("leder")
    kwargs = {"amg_id": world.amg.pk, "pk": meeting.pk}
    assert client.get(reverse("referat_pdf", kwargs=kwargs)).status_code == 404
    assert client.get(reverse("referat_edit", kwargs=kwargs)).status_code == 302


def test_the_meeting_list_shows_held_meetings_newest_first(world):
    now = timezone.now()
    for days in (20, 6):
        meeting = builders.start_meeting(world.amg, now=now - datetime.timedelta(days=days))
        builders.end_meeting(meeting, now=now - datetime.timedelta(days=days, minutes=-30))
    html = (
        world.client_for("laeser")
        .get(reverse("meeting_list", kwargs={"amg_id": world.amg.pk}))
        .content.decode()
    )
    first = timezone.localtime(now - datetime.timedelta(days=6))
    second = timezone.localtime(now - datetime.timedelta(days=20))
    assert html.count("referat.pdf") == 2
    assert html.index(f"{first.day}. ") < html.index(f"{second.day}. ")


# Stalled cards ----------------------------------------------------------------------------------


def backdate(action: Action, weeks: int) -> None:
    Action.objects.filter(pk=action.pk).update(
        moved_at=timezone.now() - datetime.timedelta(weeks=weeks)
    )


def test_a_card_in_progress_that_has_not_moved_for_six_weeks_is_marked_stalled(world):
    backdate(world.action, 7)
    fresh = builders.make_action(world.amg, world.theme, title="Frisk")
    parked = builders.make_action(world.amg, world.theme, title="Parkeret", status="parkeret")
    backdate(parked, 20)
    html = world.client_for("amr").get(board_url(world)).content.decode()
    assert f'card-stalled" id="action-{world.action.pk}"' in html
    assert f'card-stalled" id="action-{fresh.pk}"' not in html
    assert f'card-stalled" id="action-{parked.pk}"' not in html  # only Startet/Godt i gang
    assert html.count("Står stille") == 1


def test_moving_a_card_clears_the_stalled_mark(world):
    backdate(world.action, 7)
    services.move_action(action=world.action, status=Status.GODT_I_GANG)
    html = world.client_for("amr").get(board_url(world)).content.decode()
    assert "card-stalled" not in html


def test_editing_a_card_without_moving_it_keeps_it_stalled(world):
    backdate(world.action, 7)
    world.action.refresh_from_db()
    services.update_action(action=world.action, title="Nyt navn")
    assert "card-stalled" in world.client_for("amr").get(board_url(world)).content.decode()


def test_the_number_of_weeks_is_set_per_amg(world):
    backdate(world.action, 7)
    response = world.client_for("leder").post(
        reverse("board_settings", kwargs={"amg_id": world.amg.pk}), {"stalled_weeks": 8}
    )
    assert response.status_code == 302
    assert "card-stalled" not in world.client_for("amr").get(board_url(world)).content.decode()
    other_action = builders.make_action(world.other_amg, world.other_theme, title="Deres")
    backdate(other_action, 7)
    html = (
        world.client_for("outsider")
        .get(reverse("board", kwargs={"amg_id": world.other_amg.pk}))
        .content.decode()
    )
    assert "card-stalled" in html  # the other AMG still has the default six weeks


@pytest.mark.parametrize("weeks", ["0", "53", "seks", ""])
def test_nonsense_weeks_are_refused(world, weeks):
    response = world.client_for("leder").post(
        reverse("board_settings", kwargs={"amg_id": world.amg.pk}), {"stalled_weeks": weeks}
    )
    assert response.status_code == 422


def test_stalled_cards_are_listed_at_the_next_meeting_and_in_its_referat(world):
    backdate(world.action, 9)
    meeting = builders.start_meeting(world.amg)
    html = world.client_for("amr").get(board_url(world)).content.decode()
    listed = html[html.index('class="stalled-list"') :]
    assert "Fælles aftaler om mails" in listed[: listed.index("</ul>")]
    builders.end_meeting(meeting)
    meeting.refresh_from_db()
    assert "Står stille (ikke flyttet i 6 uger)\n- Fælles aftaler om mails (Startet siden" in (
        meeting.referat
    )


@pytest.mark.parametrize("cards", [1, 200])
def test_the_board_during_a_meeting_costs_the_same_queries_for_1_and_200_cards(
    world, cards, django_assert_num_queries
):
    themes = [builders.make_theme(world.amg, f"Tema {t}") for t in range(2)]  # 100 a theme
    for n in range(cards - 1):
        action = builders.make_action(world.amg, themes[n % 2], title=f"Kort {n}")
        if n % 2:
            backdate(action, 10)
    builders.make_idea(world.amg)
    builders.start_meeting(world.amg)
    client = world.client_for("leder")
    # the 12 of the board, plus the running meeting itself and the stalled cards listed for it
    with django_assert_num_queries(11):
        response = client.get(board_url(world))
    assert response.status_code == 200
