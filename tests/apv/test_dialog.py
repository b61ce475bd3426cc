"""Dialogisk APV (Metode 1): counts per point on five themes, histograms, proposals to the board."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from apv import catalogue, charts, services
from apv.models import DialogSession
from handleplan.models import Action, Status
from tests.apv import builders as apv_builders


@pytest.fixture
def apv(world):
    return apv_builders.make_apv(world.amg)


def test_a_session_is_entered_as_a_row_of_ten_numbers_per_theme(world, apv):
    data = {"date": "2026-03-02", "participants": 12, "reflections": "God dialog"}
    for code in catalogue.DIALOG_THEME_CODES:
        data[f"{code}_3"] = 4
        data[f"{code}_7"] = 8
    data["proposals"] = "Mødefri fredag\n\nFælles kalender\n"
    response = world.client_for("amr").post(
        reverse("dialog_new", args=[world.amg.pk, apv.pk]), data
    )
    assert response.status_code == 302
    session = DialogSession.objects.get()
    assert session.counts["samlet"] == [0, 0, 4, 0, 0, 0, 8, 0, 0, 0]
    assert session.proposal_lines == ["Mødefri fredag", "Fælles kalender"]


def test_more_people_on_a_line_than_participants_is_refused(world, apv):
    response = world.client_for("amr").post(
        reverse("dialog_new", args=[world.amg.pk, apv.pk]),
        {"date": "2026-03-02", "participants": 3, "arbejdsglaeden_5": 4},
    )
    assert response.status_code == 422
    assert (
        "Flere personer på linjen for “Arbejdsglæden” end deltagere." in response.content.decode()
    )
    assert not DialogSession.objects.exists()


def test_the_histogram_is_an_svg_with_one_bar_per_point():
    svg = str(charts.histogram([0, 1, 2, 3, 4, 5, 4, 3, 2, 1], label="Arbejdsglæden"))
    assert svg.startswith("<svg") and 'aria-label="Arbejdsglæden"' in svg
    assert svg.count("<rect") == 10
    assert "5 personer ved 6" in svg
    assert "style=" not in svg  # strict CSP


def test_the_session_page_shows_five_histograms(world, apv):
    session = apv_builders.make_dialog(apv)
    html = (
        world.client_for("laeser")
        .get(reverse("dialog_detail", args=[world.amg.pk, session.pk]))
        .content.decode()
    )
    assert html.count('class="chart chart-histogram"') == 5
    for theme in catalogue.DIALOG_THEMES:
        assert str(theme.text) in html


def test_proposals_go_to_the_parkeringsplads_in_one_step_and_only_once(world, apv):
    session = apv_builders.make_dialog(apv, proposals="Mødefri fredag\nFælles kalender")
    client = world.client_for("leder")
    response = client.post(
        reverse("dialog_park", args=[world.amg.pk, session.pk]), {"theme": world.theme.pk}
    )
    assert response.status_code == 302
    parked = Action.objects.filter(amg=world.amg, status=Status.PARKERET).order_by("pk")
    assert [a.title for a in parked] == ["Mødefri fredag", "Fælles kalender"]
    assert all(a.theme == world.theme for a in parked)
    with pytest.raises(ValidationError):
        services.park_proposals(session=session, theme=world.theme)
    assert Action.objects.filter(amg=world.amg, status=Status.PARKERET).count() == 2
