"""The forms the APV's checks link to: the five risk factors on the analyse part, the APV
available to the employees, the guidelines on violence and threats, the incident's first day of
absence. Bad input is a clear Danish message and a 422, and nothing is saved."""

from __future__ import annotations

import datetime

from django.urls import reverse

from apv import services
from apv.models import APV, FactorAssessment, Incident, ViolenceGuideline
from forkant.lib.dates import today
from tests.apv import builders as apv_builders


def test_the_five_factors_are_assessed_on_the_analyse_part_and_shown_on_the_apv_page(world):
    apv = apv_builders.make_apv(world.amg)
    client = world.client_for("leder")
    page = client.get(reverse("part_analyse", args=[world.amg.pk, apv.pk]))
    assert 'id="risikofaktorer"' in page.content.decode()
    response = client.post(
        reverse("factor_assessments", args=[world.amg.pk, apv.pk]),
        {
            "vold-verdict": "fundet",
            "vold-why": "Udadreagerende elever i indskolingen",
            "kraenkende-verdict": "ikke_fundet",
            "kraenkende-why": "Intet i målingen eller MUS",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith("/analyse/#risikofaktorer")
    saved = {a.factor: a.verdict for a in FactorAssessment.objects.filter(apv=apv)}
    assert saved == {"vold": "fundet", "kraenkende": "ikke_fundet"}
    detail = client.get(reverse("apv_detail", args=[world.amg.pk, apv.pk])).content.decode()
    assert "Udadreagerende elever i indskolingen" in detail
    assert "Ikke vurderet" in detail  # the three left


def test_a_verdict_without_why_answers_422_and_keeps_the_text(world):
    apv = apv_builders.make_apv(world.amg)
    response = world.client_for("amr").post(
        reverse("factor_assessments", args=[world.amg.pk, apv.pk]),
        {
            "vold-verdict": "fundet",
            "vold-why": "",
            "uklare_krav-verdict": "ikke_fundet",
            "uklare_krav-why": "Tydelig ledelse",
        },
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "Skriv, hvorfor I vurderer sådan" in body and "Tydelig ledelse" in body
    assert not FactorAssessment.objects.exists()


def test_an_unknown_verdict_is_refused_with_422(world):
    apv = apv_builders.make_apv(world.amg)
    response = world.client_for("amr").post(
        reverse("factor_assessments", args=[world.amg.pk, apv.pk]),
        {"vold-verdict": "<script>", "vold-why": "x"},
    )
    assert response.status_code == 422
    assert not FactorAssessment.objects.exists()


def test_a_closed_apvs_factors_are_shown_not_edited(world):
    apv = apv_builders.make_apv(world.amg)
    services.record_no_problems(apv=apv, on=today(), with_whom="AMG")
    services.close_apv(apv=apv, today=today())
    client = world.client_for("leder")
    page = client.get(reverse("part_analyse", args=[world.amg.pk, apv.pk])).content.decode()
    assert "factor_assessments" not in page and "vold-verdict" not in page
    response = client.post(
        reverse("factor_assessments", args=[world.amg.pk, apv.pk]),
        {"vold-verdict": "fundet", "vold-why": "x"},
    )
    assert response.status_code == 302  # refused with a message, back to the page
    assert not FactorAssessment.objects.exists()


def test_a_closed_apv_can_still_be_made_available(world):
    apv = apv_builders.make_apv(world.amg)
    services.record_no_problems(apv=apv, on=today(), with_whom="AMG")
    services.close_apv(apv=apv, today=today())
    client = world.client_for("leder")
    url = reverse("apv_availability", args=[world.amg.pk, apv.pk])
    assert client.post(url, {"on": "2026-03-01", "how": ""}).status_code == 422
    response = client.post(url, {"on": "2026-03-01", "how": "Intranettet og personalerummet"})
    assert response.status_code == 302
    apv = APV.objects.get(pk=apv.pk)
    assert apv.made_available_on == datetime.date(2026, 3, 1) and apv.is_available


def test_guidelines_are_written_listed_edited_and_reviewed(world):
    client = world.client_for("leder")
    data = {
        "title": "Vold og trusler på skolen",
        "text": "",
        "document": "https://intra.example.dk/vold",
        "agreed_by": "MED-udvalget",
        "agreed_on": "2026-02-03",
        "last_reviewed": "2026-02-03",
    }
    assert client.post(reverse("guideline_new", args=[world.amg.pk]), data).status_code == 302
    guideline = ViolenceGuideline.objects.get()
    page = client.get(reverse("guideline_list", args=[world.amg.pk])).content.decode()
    assert "Vold og trusler på skolen" in page and "MED-udvalget" in page
    response = client.post(reverse("guideline_reviewed", args=[world.amg.pk, guideline.pk]))
    assert response.status_code == 302
    guideline.refresh_from_db()
    assert guideline.last_reviewed == today()
    assert guideline.history.count() == 2  # nothing lost: each change is kept


def test_guidelines_without_text_or_document_answer_422(world):
    response = world.client_for("leder").post(
        reverse("guideline_new", args=[world.amg.pk]),
        {
            "title": "Tom",
            "text": "",
            "document": "",
            "agreed_by": "MED",
            "agreed_on": "2026-02-03",
            "last_reviewed": "2026-01-01",
        },
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "skriv hvor de findes" in body
    assert "De kan ikke være gennemgået, før de blev aftalt." in body
    assert not ViolenceGuideline.objects.exists()


def test_another_amgs_guideline_answers_404(world):
    theirs = services.save_guideline(
        amg=world.other_amg,
        title="Deres",
        text="x",
        document="",
        agreed_by="MED",
        agreed_on=today(),
        last_reviewed=today(),
    )
    client = world.client_for("leder")
    assert client.get(reverse("guideline_edit", args=[world.amg.pk, theirs.pk])).status_code == 404
    response = client.post(reverse("guideline_reviewed", args=[world.amg.pk, theirs.pk]))
    assert response.status_code == 404


def test_the_first_day_of_absence_cannot_precede_the_incident(world):
    response = world.client_for("leder").post(
        reverse("incident_new", args=[world.amg.pk]),
        {
            "date": "2026-03-03",
            "kind": "ulykke",
            "where": "Gymnastiksalen",
            "what": "Faldt på en våd gulv",
            "absence_from": "2026-03-01",
        },
    )
    assert response.status_code == 422
    assert "Den første fraværsdag kan ikke ligge før hændelsen." in response.content.decode()
    assert not Incident.objects.exists()
