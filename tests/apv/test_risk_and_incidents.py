"""Risikovurderinger (Metode 5) and the incident register."""

from __future__ import annotations

import datetime
import io

import pdfplumber
import pytest
from django.urls import reverse
from django.utils import timezone

from apv import catalogue, services
from apv.models import ChangeRiskRow, Incident, RiskAssessment, TaskBalance
from apv.pdfs import render_risk_assessment_pdf
from apv.validators import looks_like_cpr
from tests.apv import builders as apv_builders
from tests.apv.test_pdf_layout import words_outside_margins


def test_the_skema_keeps_every_field_of_the_booklets_form(world):
    client = world.client_for("leder")
    data = {
        "title": "Forældremøder om aftenen",
        "department": "Udskolingen",
        "date": "2026-02-01",
        "done_by": "AMG",
        "description": "Møder til kl. 21",
        "previous_incidents": "En truende forælder",
        "risks": "Trusler",
        "prevention": "To voksne til stede",
        "guidelines": "Voldspolitik",
        "training": "Konfliktkursus",
        "follow_up": "AMR følger op",
        "deadline": "2026-06-01",
    }
    response = client.post(reverse("risk_new", args=[world.amg.pk, "skema"]), data)
    assert response.status_code == 302
    a = RiskAssessment.objects.get()
    assert (a.kind, a.training, a.deadline) == (
        "skema",
        "Konfliktkursus",
        datetime.date(2026, 6, 1),
    )
    html = client.get(reverse("risk_detail", args=[world.amg.pk, a.pk])).content.decode()
    for text in ("Tidligere uønskede hændelser i lignende situationer", "En truende forælder"):
        assert text in html


def test_a_change_assessment_starts_with_the_booklets_themes_and_keeps_its_rows(world):
    a = apv_builders.make_risk(world.amg, RiskAssessment.Kind.FORANDRING)
    assert [r.theme for r in a.rows.all()] == [str(t.text) for t in catalogue.CHANGE_THEMES]
    response = world.client_for("leder").post(
        reverse("risk_content", args=[world.amg.pk, a.pk]),
        {
            "form-TOTAL_FORMS": 2,
            "form-INITIAL_FORMS": 0,
            "form-0-theme": "Trivsel",
            "form-0-attention": "Rygter",
            "form-0-prevention": "Infomøder",
            "form-0-responsible": "Ledelsen, marts",
            "form-0-status": "Sendt til MED",
            "form-1-theme": "",
        },
    )
    assert response.status_code == 302
    assert list(ChangeRiskRow.objects.values_list("theme", "status")) == [
        ("Trivsel", "Sendt til MED")
    ]


def test_the_violence_questions_are_answered_and_kept(world):
    a = apv_builders.make_risk(world.amg, RiskAssessment.Kind.VOLD)
    world.client_for("leder").post(
        reverse("risk_content", args=[world.amg.pk, a.pk]),
        {"udsatte": "Vikarer", "moenstre": "Mest om eftermiddagen", "ukendt": "x"},
    )
    a.refresh_from_db()
    assert a.answers == {"udsatte": "Vikarer", "moenstre": "Mest om eftermiddagen"}


def test_red_yellow_green_tasks_are_a_balance_per_person(world):
    a = apv_builders.make_risk(world.amg, RiskAssessment.Kind.OPGAVER)
    response = world.client_for("leder").post(
        reverse("risk_content", args=[world.amg.pk, a.pk]),
        {
            "form-TOTAL_FORMS": 2,
            "form-INITIAL_FORMS": 0,
            "form-0-initials": "LA",
            "form-0-red": 5,
            "form-0-yellow": 3,
            "form-0-green": 2,
            "form-1-initials": "SU",
            "form-1-green": 4,
        },
    )
    assert response.status_code == 302
    la, su = TaskBalance.objects.order_by("initials")
    assert la.shares == (50, 30, 20)
    assert su.shares == (0, 0, 100)
    html = world.client_for("laeser").get(reverse("risk_detail", args=[world.amg.pk, a.pk]))
    assert "50 % røde, 30 % gule, 20 % grønne" in html.content.decode()


def test_a_risk_assessment_creates_an_action_on_the_board(world):
    a = apv_builders.make_risk(world.amg)
    world.client_for("leder").post(
        reverse("risk_to_action", args=[world.amg.pk, a.pk]),
        {"title": "To voksne til forældremøder", "theme": world.theme.pk},
    )
    action = a.actions.get()
    assert action.title == "To voksne til forældremøder" and action.amg == world.amg


@pytest.mark.parametrize("kind", RiskAssessment.Kind.values)
def test_every_kind_prints_on_a4_inside_the_margins(world, kind):
    a = apv_builders.make_risk(world.amg, kind, department="Indskolingen og SFO " * 3)
    if kind == RiskAssessment.Kind.OPGAVER:
        services.save_task_balance(
            assessment=a,
            rows=[
                {"initials": "ABC", "red": 9, "yellow": 9, "green": 9, "note": "Lang note " * 20}
            ],
        )
    if kind == RiskAssessment.Kind.SKEMA:
        a.description = "Beskrivelse " * 200
        a.save()
    data = render_risk_assessment_pdf(a.pk)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert (round(pdf.pages[0].width), round(pdf.pages[0].height)) == (595, 842)
        text = "".join(page.extract_text() for page in pdf.pages)
    assert a.title in text
    assert words_outside_margins(data) == []


# Hændelser ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["010190-1234", "0101901234", "Medarbejder 311299 1234 slog sig", "CPR 150585-4321"]
)
def test_cpr_like_numbers_are_recognised(text):
    assert looks_like_cpr(text)


@pytest.mark.parametrize("text", ["Tlf. 12345678", "2025-01-01", "Lokale 1234", "321399-1234"])
def test_ordinary_numbers_are_not_mistaken_for_cpr(text):
    assert not looks_like_cpr(text)


def test_an_incident_with_a_cpr_number_is_refused_with_a_clear_message(world):
    response = world.client_for("leder").post(
        reverse("incident_new", args=[world.amg.pk]),
        {
            "date": "2026-01-05",
            "kind": "ulykke",
            "where": "Sløjd",
            "what": "Skar sig",
            "names": "Ole 010190-1234",
        },
    )
    assert response.status_code == 422
    assert "ser ud til at indeholde et CPR-nummer" in response.content.decode()
    assert not Incident.objects.exists()


def test_cpr_is_refused_in_every_apv_text_field_too(world):
    apv = apv_builders.make_apv(world.amg)
    response = world.client_for("leder").post(
        reverse("input_new", args=[world.amg.pk, apv.pk]),
        {"channel": "mus", "date": "2026-01-05", "summary": "Syg, cpr 0101901234"},
    )
    assert response.status_code == 422
    assert not apv.inputs.exists()


def test_the_register_warns_when_14_days_pass_without_an_easy_report(world):
    today = timezone.localdate()
    late = apv_builders.make_incident(
        world.amg, kind="ulykke", absence_from=today - datetime.timedelta(days=15)
    )
    due = apv_builders.make_incident(world.amg, absence_from=today - datetime.timedelta(days=3))
    done = apv_builders.make_incident(
        world.amg,
        absence_from=today - datetime.timedelta(days=30),
        reported_easy=True,
        reported_on=today - datetime.timedelta(days=20),
    )
    assert late.easy_overdue(today) and not due.easy_overdue(today) and not done.easy_overdue(today)
    html = (
        world.client_for("laeser")
        .get(reverse("incident_list", args=[world.amg.pk]))
        .content.decode()
    )
    assert html.count("Ikke anmeldt – fristen var") == 1
    assert "Anmeld senest" in html


def test_an_incident_can_link_its_preventive_actions(world):
    response = world.client_for("leder").post(
        reverse("incident_new", args=[world.amg.pk]),
        {
            "date": "2026-01-05",
            "kind": "vold",
            "where": "Gården",
            "what": "Slag",
            "actions": [world.action.pk],
            "reported_easy": "on",
        },
    )
    assert response.status_code == 422  # reported to EASY needs the date
    response = world.client_for("leder").post(
        reverse("incident_new", args=[world.amg.pk]),
        {
            "date": "2026-01-05",
            "kind": "vold",
            "where": "Gården",
            "what": "Slag",
            "actions": [world.action.pk],
        },
    )
    assert response.status_code == 302
    assert list(Incident.objects.get().actions.all()) == [world.action]
