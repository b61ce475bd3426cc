"""Ideas from the workplace: the public form behind the wall's QR code, and its moderation."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from forkant import services as core_services
from forkant.models import RateLimitBucket
from handleplan import services
from handleplan.models import Action, Idea, IdeaStatus, Status
from handleplan.services import CODE_ALPHABET, CODE_LENGTH
from handleplan.views.ideas import IDEA_RATE
from tests import builders

ROOT = Path(__file__).resolve().parents[2]


def form_url(world) -> str:  # type: ignore[no-untyped-def]
    return reverse("idea_form", args=[services.board_settings_for(world.amg).idea_code])


def queue_url(world) -> str:  # type: ignore[no-untyped-def]
    return reverse("idea_queue", kwargs={"amg_id": world.amg.pk})


def wall_html(world) -> str:  # type: ignore[no-untyped-def]
    _screen, token = core_services.create_wall_screen(
        amg=world.amg, name="Gangen", created_by=world.leder.user, now=timezone.now()
    )
    tv = Client()
    tv.post(reverse("wall_pair", kwargs={"token": token}))
    # Without the soft hyphens in long words (forkant/lib/hyphenation.py), as people read it.
    return tv.get(reverse("wall_board")).content.decode().replace("\u00ad", "")


# The public form --------------------------------------------------------------------------------


def test_a_colleague_sends_an_idea_without_an_account_and_gets_a_receipt(world):
    response = Client().post(
        form_url(world), {"text": "Fast pausetid for alle", "name": "Mia"}, follow=True
    )
    assert response.status_code == 200
    assert "Tak! Din idé er sendt." in response.content.decode()
    idea = Idea.objects.get()
    assert (idea.amg, idea.text, idea.name, idea.status) == (
        world.amg,
        "Fast pausetid for alle",
        "Mia",
        IdeaStatus.NEW,
    )


def test_the_form_reveals_nothing_about_the_amg_but_its_name(world):
    html = Client().get(form_url(world)).content.decode()
    assert world.amg.name in html
    for secret in (world.action.title, world.amr.user.email, world.amr.user.first_name):
        assert secret not in html
    assert world.organisation.name not in html


def test_the_code_is_random_and_not_derived_from_the_amg(world):
    code = services.board_settings_for(world.amg).idea_code
    other = services.board_settings_for(world.other_amg).idea_code
    assert code != other
    assert len(code) == CODE_LENGTH
    assert set(code) <= set(CODE_ALPHABET)
    assert str(world.amg.pk) != code


def test_an_unknown_code_answers_404_in_danish(world):
    response = Client().get(reverse("idea_form", args=["zzzzzzz"]))
    assert response.status_code == 404
    assert "Linket virker ikke" in response.content.decode()


def test_a_member_can_replace_the_link_and_the_old_one_stops_working(world):
    old = form_url(world)
    response = world.client_for("leder").post(
        reverse("idea_code_renew", kwargs={"amg_id": world.amg.pk})
    )
    assert response.status_code == 302
    assert Client().get(old).status_code == 404
    assert Client().get(form_url(world)).status_code == 200


def test_a_filled_honeypot_gets_the_same_receipt_but_nothing_is_saved(world):
    response = Client().post(form_url(world), {"text": "Køb billigt", "website": "http://spam"})
    assert response.status_code == 302
    # The receipt with a private link, as for everybody (the link leads nowhere).
    assert "/tak/?link=" in response["Location"]
    assert not Idea.objects.exists()


def test_the_honeypot_is_hidden_from_people_and_screen_readers(world):
    html = Client().get(form_url(world)).content.decode()
    assert '<div class="hp-field" aria-hidden="true">' in html
    assert 'name="website" id="id_website" tabindex="-1"' in html


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": ""}, "Skriv din idé, før du sender."),
        ({"text": "   \n\t  "}, "Skriv din idé, før du sender."),
        ({"text": "x" * 2001}, "Højst 2000 tegn"),
        ({"text": "Hej", "name": "n" * 101}, "Højst 100 tegn."),
        ({"text": "nul\x00byte"}, "Null-tegn er ikke tilladte."),
    ],
)
def test_bad_input_is_answered_422_in_danish_and_nothing_is_saved(world, data, message):
    response = Client().post(form_url(world), data)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Idea.objects.exists()


def test_a_megabyte_of_text_is_refused_with_a_danish_message(world):
    response = Client().post(form_url(world), {"text": "å" * 1_000_000})
    assert response.status_code == 413
    assert "Teksten er alt for lang" in response.content.decode()
    assert not Idea.objects.exists()


def test_unicode_is_kept_as_written(world):
    text = "Støj i kantinen 😩 – «للمطبخ» 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 e\u0301"
    assert Client().post(form_url(world), {"text": text}).status_code == 302
    assert Idea.objects.get().text == text


def test_html_and_script_in_an_idea_are_shown_as_text(world):
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    Client().post(form_url(world), {"text": hostile, "name": "<b>Bo</b>"})
    html = world.client_for("leder").get(queue_url(world)).content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&lt;b&gt;Bo&lt;/b&gt;" in html


def test_the_form_is_rate_limited_per_device_with_a_danish_429(world):
    client = Client(REMOTE_ADDR="10.0.0.7")
    for n in range(IDEA_RATE):
        assert client.post(form_url(world), {"text": f"Idé {n}"}).status_code == 302
    response = client.post(form_url(world), {"text": "En for meget"})
    assert response.status_code == 429
    assert "Vent et kvarter" in response.content.decode()
    assert Idea.objects.count() == IDEA_RATE
    # Another device is not affected.
    assert Client(REMOTE_ADDR="10.0.0.8").post(form_url(world), {"text": "Hej"}).status_code == 302


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="the SQLite test database lives in one process's memory; CI runs this on PostgreSQL",
)
@pytest.mark.django_db(transaction=True)
def test_the_idea_forms_limit_holds_across_two_app_server_processes():
    amg = builders.make_amg()
    url = reverse("idea_form", args=[services.board_settings_for(amg).idea_code])
    db = connection.settings_dict
    script = (
        "import django; django.setup(); from django.test import Client; "
        f"print(Client(REMOTE_ADDR='10.9.9.9').post({url!r}, {{'text': 'Fra proces 2'}})"
        ".status_code)"
    )
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "SECURE": "false",  # the test client speaks plain HTTP (production redirects to HTTPS)
        "DJANGO_SETTINGS_MODULE": "forkant.settings",
        "ALLOWED_HOSTS": "testserver",
    }

    def other_process() -> str:
        done = subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        )
        return done.stdout.strip().splitlines()[-1]

    here = Client(REMOTE_ADDR="10.9.9.9")
    for n in range(IDEA_RATE - 1):
        assert here.post(url, {"text": f"Idé {n}"}).status_code == 302
    assert other_process() == "302"  # the last token, taken by the other process
    assert here.post(url, {"text": "En for meget"}).status_code == 429
    assert other_process() == "429"
    assert Idea.objects.filter(amg=amg).count() == IDEA_RATE
    assert RateLimitBucket.objects.count() == 1


# Moderation -------------------------------------------------------------------------------------


def test_nothing_a_colleague_sends_is_public_before_a_member_publishes_it(world):
    Client().post(form_url(world), {"text": "Lydabsorbenter i kantinen", "name": "Mia Hansen"})
    assert "Lydabsorbenter" not in wall_html(world)
    assert not Action.objects.filter(title__contains="Lydabsorbenter").exists()

    idea = Idea.objects.get()
    response = world.client_for("leder").post(
        reverse("idea_publish", kwargs={"amg_id": world.amg.pk, "pk": idea.pk}),
        {"title": "Lydabsorbenter i kantinen", "theme": world.theme.pk},
    )
    assert response.status_code == 302
    card = Action.objects.get(title="Lydabsorbenter i kantinen")
    assert (card.status, card.theme, card.why) == (
        Status.PARKERET,
        world.theme,
        "Lydabsorbenter i kantinen",
    )
    wall = wall_html(world)
    assert "Lydabsorbenter i kantinen" in wall
    assert "Mia Hansen" not in wall
    idea.refresh_from_db()
    assert (idea.status, idea.action, idea.handled_by) == (IdeaStatus.PUBLISHED, card, world.leder)


def test_the_waiting_count_shows_on_the_board_and_the_dashboard(world):
    for n in range(3):
        builders.make_idea(world.amg, f"Idé {n}")
    builders.make_idea(world.other_amg, "Deres")
    client = world.client_for("amr")
    board = client.get(reverse("board", kwargs={"amg_id": world.amg.pk})).content.decode()
    assert '<span class="badge" id="idea-count">3<' in board
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert f'<a href="{queue_url(world)}">3</a>' in dashboard


def test_a_duplicate_is_merged_into_the_idea_it_repeats(world):
    first = builders.make_idea(world.amg, "Mødefri fredag")
    second = builders.make_idea(world.amg, "Kan vi få mødefri fredage?")
    response = world.client_for("amr").post(
        reverse("idea_merge", kwargs={"amg_id": world.amg.pk, "pk": second.pk}),
        {"into": first.pk},
    )
    assert response.status_code == 302
    second.refresh_from_db()
    assert (second.status, second.merged_into) == (IdeaStatus.MERGED, first)
    html = world.client_for("amr").get(queue_url(world)).content.decode()
    assert "1 idé venter" in html


def test_merging_into_a_merged_idea_points_at_the_original(world):
    original = builders.make_idea(world.amg, "Original")
    copy = builders.make_idea(world.amg, "Kopi")
    third = builders.make_idea(world.amg, "Kopi igen")
    now = timezone.now()
    services.merge_idea(idea=copy, into=original, by=world.leder, now=now)
    services.merge_idea(idea=third, into=copy, by=world.leder, now=now)
    third.refresh_from_db()
    assert third.merged_into == original


def test_an_idea_cannot_be_merged_with_another_amgs_idea(world):
    mine = builders.make_idea(world.amg, "Min")
    theirs = builders.make_idea(world.other_amg, "Deres")
    response = world.client_for("leder").post(
        reverse("idea_merge", kwargs={"amg_id": world.amg.pk, "pk": mine.pk}), {"into": theirs.pk}
    )
    assert response.status_code == 422
    mine.refresh_from_db()
    assert mine.status == IdeaStatus.NEW


def test_declining_needs_a_reason_in_danish(world):
    idea = builders.make_idea(world.amg, "Gratis is")
    url = reverse("idea_decline", kwargs={"amg_id": world.amg.pk, "pk": idea.pk})
    response = world.client_for("leder").post(url, {"reason": ""})
    assert response.status_code == 422
    assert "Skriv en begrundelse." in response.content.decode()
    response = world.client_for("leder").post(url, {"reason": "Hører under personalepolitikken"})
    assert response.status_code == 302
    idea.refresh_from_db()
    assert (idea.status, idea.decline_reason) == (
        IdeaStatus.DECLINED,
        "Hører under personalepolitikken",
    )
    html = world.client_for("leder").get(queue_url(world)).content.decode()
    assert "Hører under personalepolitikken" in html
    assert not Action.objects.filter(title="Gratis is").exists()


def test_an_idea_already_handled_by_another_member_is_not_handled_twice(world):
    idea = builders.make_idea(world.amg, "Cykelskur")
    services.decline_idea(idea=idea, reason="Nej", by=world.amr, now=timezone.now())
    response = world.client_for("leder").post(
        reverse("idea_publish", kwargs={"amg_id": world.amg.pk, "pk": idea.pk}),
        {"title": "Cykelskur", "theme": world.theme.pk},
        follow=True,
    )
    assert "allerede behandlet" in response.content.decode()
    assert not Action.objects.filter(title="Cykelskur").exists()


def test_read_only_members_see_the_queue_but_no_moderation_buttons(world):
    builders.make_idea(world.amg, "Cykelskur")
    html = world.client_for("laeser").get(queue_url(world)).content.decode()
    assert "Cykelskur" in html
    assert "Sæt på tavlen" not in html
    assert "Linket til idéformularen" not in html


@pytest.mark.parametrize("ideas", [1, 200])
def test_the_queue_costs_the_same_number_of_queries_for_1_and_200_ideas(
    world, ideas, django_assert_num_queries
):
    services.board_settings_for(world.amg)
    for n in range(ideas):
        idea = builders.make_idea(world.amg, f"Idé {n}", name=f"Navn {n}")
        if n % 3 == 1:
            services.decline_idea(idea=idea, reason="Nej", by=world.leder, now=timezone.now())
        elif n % 3 == 2:
            services.publish_idea(
                idea=idea, theme=world.theme, title=f"Kort {n}", by=world.amr, now=timezone.now()
            )
    client = world.client_for("leder")
    # session, user, AMG, membership, org-admin check, settings, waiting ideas, handled ideas
    with django_assert_num_queries(5):
        response = client.get(queue_url(world))
    assert response.status_code == 200


def test_the_wall_shows_a_qr_code_and_a_short_link_to_the_idea_form(world):
    html = wall_html(world)
    code = services.board_settings_for(world.amg).idea_code
    assert f'<p class="wall-idea-link">testserver/ide/{code}</p>' in html
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html
    assert 'class="qr-code"' in html


def test_a_new_link_changes_what_the_wall_shows(world):
    _screen, token = core_services.create_wall_screen(
        amg=world.amg, name="Gangen", created_by=world.leder.user, now=timezone.now()
    )
    tv = Client()
    tv.post(reverse("wall_pair", kwargs={"token": token}))
    first = tv.get(reverse("wall_board"))
    old_code = services.board_settings_for(world.amg).idea_code
    services.renew_idea_code(amg=world.amg)
    again = tv.get(reverse("wall_board"), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert old_code not in again.content.decode()
    assert services.board_settings_for(world.amg).idea_code in again.content.decode()
