"""The pulse's pages: the phone form without an account (every refusal a 4xx with a message,
nothing double-counted), the AMG's pages, and the wall's panel through its conditional poll."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from apv.models import DialogSession
from apv.pulse import public, services
from apv.pulse.models import PulseCount, PulseProposal
from forkant import ratelimit
from forkant import services as core_services
from forkant.models import RateLimitBucket
from tests.apv import builders as apv_builders
from tests.apv.pulse_builders import answer, form_data, open_pulse


def total(pulse) -> int:  # type: ignore[no-untyped-def]
    return services.answers(pulse)


def test_the_phone_form_shows_each_theme_with_ten_points_and_no_login(world):
    pulse = open_pulse(world.amg, own_themes=["Støj i frikvarteret"])
    response = Client().get(reverse("pulse_answer", args=[pulse.code]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert html.count('type="radio"') == 60
    assert "Arbejdsmængden" in html and "Støj i frikvarteret" in html
    assert 'class="language-switch"' in html


def test_an_answer_is_counted_once_per_phone(world):
    pulse = open_pulse(world.amg)
    phone = Client()
    url = reverse("pulse_answer", args=[pulse.code])
    response = phone.post(url, form_data(pulse, 6, proposal="Mødefri fredag"))
    assert response.status_code == 302
    assert response["Location"] == reverse("pulse_thanks", args=[pulse.code])
    assert total(pulse) == 1
    again = phone.post(url, form_data(pulse, 2))
    assert again.status_code == 409
    assert "Du har allerede svaret" in again.content.decode()
    assert phone.get(url).status_code == 409
    assert total(pulse) == 1
    assert PulseProposal.objects.count() == 1
    # Another phone may answer.
    assert Client().post(url, form_data(pulse, 2)).status_code == 302
    assert total(pulse) == 2


def test_a_forged_cookie_does_not_block_and_a_copied_one_is_tied_to_its_pulse(world):
    pulse = open_pulse(world.amg)
    phone = Client()
    phone.cookies[f"forkant_puls_{pulse.code}"] = pulse.code  # unsigned
    assert phone.get(reverse("pulse_answer", args=[pulse.code])).status_code == 200


@pytest.mark.parametrize("point", ["0", "11", "-1", "7.5", "ti", ""])
def test_a_point_outside_1_to_10_is_refused_with_a_danish_message(world, point):
    pulse = open_pulse(world.amg)
    data = form_data(pulse, 5)
    data["t-samlet"] = point
    response = Client().post(reverse("pulse_answer", args=[pulse.code]), data)
    assert response.status_code == 422
    assert "Vælg et tal fra 1 til 10." in response.content.decode()
    assert total(pulse) == 0
    assert sum(PulseCount.objects.values_list("count", flat=True)) == 0


def test_an_unknown_theme_is_refused_with_400(world):
    pulse = open_pulse(world.amg)
    data = form_data(pulse, 5, **{"t-egen-2": "5"})
    response = Client().post(reverse("pulse_answer", args=[pulse.code]), data)
    assert response.status_code == 400
    assert "et tema, som målingen ikke har" in response.content.decode()
    assert total(pulse) == 0


def test_an_unknown_unit_is_refused(world):
    pulse = open_pulse(world.amg, units=["Indskolingen"])
    data = form_data(pulse, 5, unit="Hemmelig enhed")
    response = Client().post(reverse("pulse_answer", args=[pulse.code]), data)
    assert response.status_code == 422
    assert "Vælg en af enhederne på listen." in response.content.decode()
    assert total(pulse) == 0


def test_unknown_closed_and_not_yet_open_pulses_are_refused(world):
    assert Client().get(reverse("pulse_answer", args=["findes-ikke"])).status_code == 404
    pulse = open_pulse(world.amg)
    services.close_pulse(pulse=pulse, now=timezone.now())
    response = Client().post(reverse("pulse_answer", args=[pulse.code]), form_data(pulse))
    assert response.status_code == 410
    assert "Målingen er lukket" in response.content.decode()
    assert total(pulse) == 0
    later = timezone.now() + datetime.timedelta(days=3)
    future = open_pulse(world.amg, opens_at=later, closes_at=later + datetime.timedelta(days=1))
    response = Client().post(reverse("pulse_answer", args=[future.code]), form_data(future))
    assert response.status_code == 409
    assert "ikke åben endnu" in response.content.decode()


def test_an_oversized_answer_is_refused_with_413(world):
    pulse = open_pulse(world.amg)
    data = form_data(pulse, 5, proposal="x" * 20_000)
    response = Client().post(reverse("pulse_answer", args=[pulse.code]), data)
    assert response.status_code == 413
    assert "højst 1000 tegn" in response.content.decode()
    assert total(pulse) == 0
    # Long, but within the body limit: the field's own limit, 422.
    data = form_data(pulse, 5, proposal="x" * 1200)
    assert Client().post(reverse("pulse_answer", args=[pulse.code]), data).status_code == 422
    assert total(pulse) == 0


def test_a_flood_from_one_address_gets_429_and_nothing_more_is_counted(world, monkeypatch):
    monkeypatch.setattr(public, "ANSWER_RATE", 3)
    pulse = open_pulse(world.amg)
    url = reverse("pulse_answer", args=[pulse.code])
    statuses = [Client().post(url, form_data(pulse)).status_code for _ in range(5)]
    assert statuses == [302, 302, 302, 429, 429]
    assert total(pulse) == 3
    response = Client().post(url, form_data(pulse))
    assert "mange svar fra dette netværk" in response.content.decode()
    # The bucket is keyed by a hash: the address itself is stored nowhere.
    assert all("127.0.0.1" not in b.key for b in RateLimitBucket.objects.all())
    assert ratelimit.bucket_key("pulse-answer", "127.0.0.1") in {
        b.key for b in RateLimitBucket.objects.all()
    }


def test_the_staff_pages_switch_to_english(world):
    pulse = open_pulse(world.amg)
    phone = Client()
    phone.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = phone.get(reverse("pulse_answer", args=[pulse.code])).content.decode()
    assert 'lang="en"' in html
    assert "Take the temperature" in html
    assert "The workload" in html
    box = phone.get(reverse("idea_form", args=[_idea_code(world)])).content.decode()
    assert 'class="language-switch"' in box and 'lang="en"' in box


def _idea_code(world) -> str:  # type: ignore[no-untyped-def]
    from handleplan.services import board_settings_for

    return board_settings_for(world.amg).idea_code


# The AMG's pages --------------------------------------------------------------------------------


def test_a_member_opens_a_pulse_and_a_reader_cannot(world):
    url = reverse("pulse_open", args=[world.amg.pk])
    now = timezone.localtime()
    data = {
        "opens_at": now.strftime("%Y-%m-%dT%H:%M"),
        "closes_at": (now + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "own_1": "Støj",
        "units": "Indskolingen\nUdskolingen\n",
    }
    assert world.client_for("laeser").post(url, data).status_code == 403
    response = world.client_for("amr").post(url, data)
    assert response.status_code == 302
    pulse = world.amg.pulses.get()
    assert pulse.own_themes == ["Støj"] and pulse.units == ["Indskolingen", "Udskolingen"]
    # A second at the same time is refused with the reason.
    again = world.client_for("amr").post(url, data)
    assert again.status_code == 422
    assert "allerede en temperaturmåling" in again.content.decode()


def test_the_results_page_shows_nothing_below_five_and_histograms_from_five(world):
    pulse = open_pulse(world.amg)
    url = reverse("pulse_detail", args=[world.amg.pk, pulse.pk])
    for _ in range(4):
        answer(pulse, 3)
    html = world.client_for("laeser").get(url).content.decode()
    assert "chart-histogram" not in html
    assert "gennemsnit" not in html
    assert "Resultaterne vises, når mindst 5 har svaret" in html
    listing = world.client_for("laeser").get(reverse("pulse_list", args=[world.amg.pk]))
    assert ">4<" not in listing.content.decode()
    answer(pulse, 3)
    html = world.client_for("laeser").get(url).content.decode()
    assert html.count("chart-histogram") == 5
    assert "gennemsnit 3,0" in html


def test_another_amg_cannot_see_or_touch_the_pulse(world):
    pulse = open_pulse(world.amg)
    answer(pulse, proposal="Hemmeligt forslag")
    outsider = world.client_for("outsider")
    assert outsider.get(reverse("pulse_detail", args=[world.amg.pk, pulse.pk])).status_code in (
        403,
        404,
    )
    proposal = PulseProposal.objects.get()
    response = outsider.post(
        reverse("pulse_proposal_approve", args=[world.other_amg.pk, proposal.pk])
    )
    assert response.status_code == 404
    proposal.refresh_from_db()
    assert proposal.status == "ny"


def test_closing_from_the_page_records_it_in_the_kortlaegning(world):
    apv = apv_builders.make_apv(world.amg)
    pulse = open_pulse(world.amg)
    for point in range(1, 7):
        answer(pulse, point)
    client = world.client_for("amr")
    response = client.post(reverse("pulse_close", args=[world.amg.pk, pulse.pk]))
    assert response.status_code == 302
    record = DialogSession.objects.get(pulse=pulse)
    assert record.apv == apv and record.participants == 6
    page = client.get(reverse("part_kortlaegning", args=[world.amg.pk, apv.pk])).content.decode()
    assert "fra væggen" in page
    assert page.count("chart-histogram") == 5


def test_a_proposal_becomes_an_idea_from_the_page(world):
    pulse = open_pulse(world.amg)
    answer(pulse, proposal="Fælles kalender for hele skolen")
    proposal = PulseProposal.objects.get()
    client = world.client_for("amr")
    detail = client.get(reverse("pulse_detail", args=[world.amg.pk, pulse.pk])).content.decode()
    assert "Fælles kalender for hele skolen" in detail
    response = client.post(
        reverse("pulse_proposal_idea", args=[world.amg.pk, proposal.pk]), {"theme": world.theme.pk}
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.idea is not None and proposal.idea.action.theme == world.theme


def test_the_trend_page_draws_each_theme_over_the_closed_pulses(world):
    now = timezone.now()
    for n, point in enumerate((4, 6)):
        opens = now - datetime.timedelta(days=30 * (2 - n))
        pulse = open_pulse(
            world.amg, opens_at=opens, closes_at=now + datetime.timedelta(days=1), now=opens
        )
        for _ in range(5):
            answer(pulse, point)
        services.close_pulse(pulse=pulse, now=now)
    html = (
        world.client_for("laeser").get(reverse("pulse_list", args=[world.amg.pk])).content.decode()
    )
    assert html.count('class="chart chart-trend"') == 5
    assert "4,0" in html and "6,0" in html


# The wall ---------------------------------------------------------------------------------------


def paired(world) -> Client:  # type: ignore[no-untyped-def]
    _screen, token = core_services.create_wall_screen(
        amg=world.amg, name="Personalestuen", created_by=world.leder.user, now=timezone.now()
    )
    tv = Client()
    assert tv.post(reverse("wall_pair", kwargs={"token": token})).status_code == 302
    return tv


def test_the_wall_shows_the_pulse_qr_while_open_and_histograms_only_from_five(
    world, django_assert_num_queries
):
    tv = paired(world)
    etag = tv.get(reverse("wall_board"))["ETag"]
    pulse = open_pulse(world.amg)
    poll = tv.get(reverse("wall_board"), HTTP_IF_NONE_MATCH=etag)
    assert poll.status_code == 200  # opening it changed the wall
    html = poll.content.decode()
    assert "Tag temperaturen" in html and pulse.code in html
    assert "Har du en idé?" in html  # beside the idea's QR code
    assert "pulse-histogram" not in html
    etag = poll["ETag"]
    for _ in range(4):
        answer(pulse)
        # Below five nothing on the wall changes, so the poll stays a 304, answered from the
        # cache (handleplan/polls.py): no query.
        with django_assert_num_queries(0):
            assert tv.get(reverse("wall_board"), HTTP_IF_NONE_MATCH=etag).status_code == 304
    answer(pulse)
    poll = tv.get(reverse("wall_board"), HTTP_IF_NONE_MATCH=etag)
    assert poll.status_code == 200
    assert poll.content.decode().count('class="chart pulse-histogram"') == 5
    etag = poll["ETag"]
    with django_assert_num_queries(0):
        assert tv.get(reverse("wall_board"), HTTP_IF_NONE_MATCH=etag).status_code == 304
    answer(pulse, 9)
    grown = tv.get(reverse("wall_board"), HTTP_IF_NONE_MATCH=etag)
    assert grown.status_code == 200
    assert "1 person ved 9" in grown.content.decode()
    services.close_pulse(pulse=pulse, now=timezone.now())
    closed = tv.get(reverse("wall_board"), HTTP_IF_NONE_MATCH=grown["ETag"])
    assert closed.status_code == 200
    assert "Tag temperaturen" not in closed.content.decode()


def test_the_wall_of_another_amg_shows_no_panel(world):
    open_pulse(world.other_amg)
    tv = paired(world)
    assert "Tag temperaturen" not in tv.get(reverse("wall")).content.decode()


# The small-group rule wherever a closed pulse appears ------------------------------------------


@pytest.mark.parametrize("answers", [4, 5])
def test_a_recorded_pulse_shows_its_figures_only_from_five_everywhere(world, answers):
    from tests.bundle import render_inspection_html, section_html

    apv = apv_builders.make_apv(world.amg)
    pulse = open_pulse(world.amg)
    for point in range(answers):
        answer(pulse, point + 1)
    record = services.close_pulse(pulse=pulse, now=timezone.now())
    reader = world.client_for("laeser")
    pages = {
        "kortlaegning": reader.get(
            reverse("part_kortlaegning", args=[world.amg.pk, apv.pk])
        ).content.decode(),
        "record": reader.get(
            reverse("dialog_detail", args=[world.amg.pk, record.pk])
        ).content.decode(),
        "pulse": reader.get(
            reverse("pulse_detail", args=[world.amg.pk, pulse.pk])
        ).content.decode(),
        "list": reader.get(reverse("pulse_list", args=[world.amg.pk])).content.decode(),
        "bundle": section_html(render_inspection_html(world.amg.pk), "kortlaegning"),
    }
    for name, html in pages.items():
        charts = html.count("chart-histogram") + html.count("chart-trend")
        counted = re.search(rf"\b{answers} (deltager|svar)", html) or re.search(
            rf">{answers}</td>", html
        )
        if answers < 5:
            assert charts == 0, name
            assert counted is None, name
        else:
            assert charts >= 5, name
    assert "taget på telefonerne fra væggen" in pages["bundle"]


def test_the_results_are_read_against_the_previous_pulse_of_five_or_more(world):
    now = timezone.now()
    for days, point, answers in ((60, 4, 5), (30, 9, 3)):
        opens = now - datetime.timedelta(days=days)
        earlier = open_pulse(
            world.amg, opens_at=opens, closes_at=now + datetime.timedelta(days=1), now=opens
        )
        for _ in range(answers):
            answer(earlier, point)
        services.close_pulse(pulse=earlier, now=now)
    pulse = open_pulse(world.amg)
    for _ in range(5):
        answer(pulse, 6)
    html = (
        world.client_for("laeser")
        .get(reverse("pulse_detail", args=[world.amg.pk, pulse.pk]))
        .content.decode()
    )
    # The pulse of three is skipped: the one before it (4,0) is what this one is read against.
    assert html.count("gennemsnit 6,0") == 5
    assert html.count("forrige måling 4,0") == 5
    assert "9,0" not in html


def test_a_proposal_with_a_cpr_number_is_refused_and_nothing_is_counted(world):
    pulse = open_pulse(world.amg)
    data = form_data(pulse, 5, proposal="Snak med 010203-1234 om det")
    response = Client().post(reverse("pulse_answer", args=[pulse.code]), data)
    assert response.status_code == 422
    assert "CPR-nummer" in response.content.decode()
    assert total(pulse) == 0
    assert not PulseProposal.objects.exists()
