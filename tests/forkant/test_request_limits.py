"""Django refuses an oversized request itself, before reading it whole, with a clear Danish 413
(the proxy's cap is not the only guard); the largest legitimate upload still gets through."""

from __future__ import annotations

import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apv import survey_csv
from apv.models import SurveyImport
from tests.apv import builders as apv_builders

TEN_MB = 10 * 1024 * 1024


class UnreadableBody(io.RawIOBase):
    """A request body that fails the test if anybody reads it."""

    def read(self, *args: object) -> bytes:
        raise AssertionError("the oversized body was read")

    readline = read


def test_the_limits_sit_a_little_above_the_largest_upload():
    assert survey_csv.MAX_BYTES < settings.MAX_REQUEST_BYTES <= survey_csv.MAX_BYTES * 1.25
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == settings.MAX_REQUEST_BYTES
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE == settings.MAX_REQUEST_BYTES


def test_a_10_mb_survey_file_is_refused_with_a_danish_413(world):
    apv = apv_builders.make_apv(world.amg)
    response = world.client_for("leder").post(
        reverse("survey_import", args=[world.amg.pk, apv.pk]),
        {"title": "Trivsel", "file": SimpleUploadedFile("t.csv", b"x;" * (TEN_MB // 2))},
    )
    assert response.status_code == 413
    html = response.content.decode()
    assert "Det var for meget på én gang" in html and "2,25 MB" in html
    assert not SurveyImport.objects.exists()


@pytest.mark.parametrize("htmx", [False, True])
def test_an_oversized_body_is_refused_before_it_is_read(world, htmx):
    url = reverse("action_edit", args=[world.amg.pk, world.action.pk])
    headers = {"HX-Request": "true"} if htmx else {}
    response = world.client_for("leder").generic(
        "POST",
        url,
        b"",
        content_type="application/x-www-form-urlencoded",
        headers=headers,
        CONTENT_LENGTH=str(50 * 1024 * 1024),
        **{"wsgi.input": UnreadableBody()},
    )
    assert response.status_code == 413
    assert "Vi tager imod højst" in response.content.decode()


def test_an_anonymous_oversized_post_is_refused_too(client, db):
    response = client.generic(
        "POST",
        reverse("login"),
        b"",
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(TEN_MB),
        **{"wsgi.input": UnreadableBody()},
    )
    assert response.status_code == 413
    assert "Vi tager imod højst" in response.content.decode()


def test_a_survey_file_at_its_own_limit_still_reaches_the_import(world):
    apv = apv_builders.make_apv(world.amg)
    row = "Jeg har tid nok;Indskolingen;3,4;15\n"
    body = "Spørgsmål;Enhed;Resultat;Antal\n" + row * (survey_csv.MAX_BYTES // len(row) - 2)
    data = body.encode("cp1252")
    assert survey_csv.MAX_BYTES - 100 < len(data) <= survey_csv.MAX_BYTES
    response = world.client_for("leder").post(
        reverse("survey_import", args=[world.amg.pk, apv.pk]),
        {"title": "Trivsel", "file": SimpleUploadedFile("t.csv", data, "text/csv")},
    )
    assert response.status_code in {200, 422}
    assert "Vi tager imod højst" not in response.content.decode()


@pytest.mark.parametrize("length", ["abc", "²³", "１２"])
def test_a_junk_content_length_is_read_as_none_by_every_public_form(world, client, length):
    """The idea form and the pulse read the declared length as the middleware does: a junk one
    is no length, so the body is read as empty and the form says what is missing, never a 500."""
    from handleplan import services as board
    from tests.apv.pulse_builders import form_data, open_pulse

    idea_url = reverse("idea_form", args=[board.board_settings_for(world.amg).idea_code])
    response = client.post(
        idea_url, {"text": "Cykelstativ", "name": "", "website": ""}, CONTENT_LENGTH=length
    )
    assert response.status_code == 422
    pulse = open_pulse(world.amg)
    response = client.post(
        reverse("pulse_answer", args=[pulse.code]), form_data(pulse), CONTENT_LENGTH=length
    )
    assert response.status_code == 422
