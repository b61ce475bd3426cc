from __future__ import annotations

from django.urls import reverse

from tests import builders


def test_a_member_sees_only_their_own_amgs_on_the_dashboard(world):
    html = world.client_for("amr").get(reverse("dashboard")).content.decode()
    assert "Skolen" in html
    assert "Børnehaven" not in html


def test_the_organisation_admin_sees_every_amg_of_the_organisation(world):
    elsewhere = builders.make_amg(name="Andet sted")
    html = world.client_for("org_admin").get(reverse("dashboard")).content.decode()
    assert "Skolen" in html
    assert "Børnehaven" in html
    assert "Andet sted" not in html
    assert elsewhere.name not in html


def test_the_dashboard_counts_open_parked_and_overdue_actions(world):
    import datetime

    from django.utils import timezone

    builders.make_action(world.amg, world.theme, status="parkeret")
    builders.make_action(
        world.amg, world.theme, deadline=timezone.localdate() - datetime.timedelta(days=2)
    )
    response = world.client_for("leder").get(reverse("dashboard"))
    amg, membership, _meeting = response.context["rows"][0]
    assert (amg.open_count, amg.parked_count, amg.overdue_count) == (2, 1, 1)
    assert membership == world.leder


def test_someone_in_no_amg_is_told_what_to_do(db):
    from django.test import Client

    client = Client()
    client.force_login(builders.make_user())
    html = client.get(reverse("dashboard")).content.decode()
    assert "Du er ikke med i nogen arbejdsmiljøgruppe endnu" in html


def test_the_dashboard_requires_login(db):
    from django.test import Client

    response = Client().get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_dashboard_costs_the_same_queries_for_one_and_many_amgs(
    world, django_assert_num_queries
):
    client = world.client_for("org_admin")
    # + ideas waiting, + organisations administered, + training (2), + this year's evaluation,
    # + the engine of obligations (14 here: the AMGs and one per loader; a prefetch with
    # nothing to fetch costs none), + rounds waiting for the user's answer
    with django_assert_num_queries(24):
        client.get(reverse("dashboard"))
    for n in range(10):
        builders.make_action(builders.make_amg(world.organisation, f"Gruppe {n}"))
    with django_assert_num_queries(24):
        client.get(reverse("dashboard"))


def test_an_archived_amg_is_off_the_dashboard_but_still_readable(world):
    from django.utils import timezone

    from forkant import services

    services.set_amg_archived(amg=world.amg, archived=True, now=timezone.now())
    client = world.client_for("leder")
    assert "Skolen" not in client.get(reverse("dashboard")).content.decode()
    board = client.get(reverse("board", kwargs={"amg_id": world.amg.pk}))
    assert board.status_code == 200
    assert "Arkiveret" in board.content.decode()
    admin = world.client_for("org_admin").get(reverse("dashboard")).content.decode()
    assert "Skolen" not in admin
    assert "Børnehaven" in admin


def test_the_org_admin_finds_the_organisation_page_from_the_dashboard(world):
    html = world.client_for("org_admin").get(reverse("dashboard")).content.decode()
    assert reverse("organisation", kwargs={"organisation_id": world.organisation.pk}) in html
    html = world.client_for("leder").get(reverse("dashboard")).content.decode()
    assert "/organisation/" not in html


def test_the_tile_says_whether_the_amg_is_ready_and_what_needs_attention_now(world):
    import datetime

    from apv.models import Incident
    from forkant.lib.dates import today
    from tests.apv import builders as apv_builders

    first_day = today() - datetime.timedelta(days=20)
    incident = apv_builders.make_incident(
        world.amg, kind=Incident.Kind.ULYKKE, date=first_day, absence_from=first_day
    )
    fix = reverse("incident_edit", args=[world.amg.pk, incident.pk])
    html = world.client_for("leder").get(reverse("dashboard")).content.decode()
    assert f'href="{reverse("readiness", args=[world.amg.pk])}"' in html
    assert "Ikke klar" in html
    # The worst first: the missed EASY deadline is among the three shown, with its fix.
    tile = html[html.index("Klar til tilsyn?") :]
    assert "er ikke anmeldt i EASY" in tile[: tile.index("tile-links")]
    assert f'href="{fix}"' in html
    # A reader sees what needs attention, without links to forms they cannot use.
    reader = world.client_for("laeser").get(reverse("dashboard")).content.decode()
    assert "er ikke anmeldt i EASY" in reader and f'href="{fix}"' not in reader
