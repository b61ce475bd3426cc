"""Importing survey results from CSV: the shapes real tools export, a preview before anything is
saved, per-line errors, all or nothing, and a clear Danish 4xx for files that cannot be used."""

from __future__ import annotations

import os
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apv.models import SurveyImport, SurveyResult
from apv.survey_csv import SurveyFileError, parse
from tests.apv import builders as apv_builders

SEMICOLON = (
    "Spørgsmål;Enhed;Resultat;Antal\n"
    "Jeg har tid nok;Indskolingen;3,4;15\n"
    "Jeg trives;Udskolingen;4,1;17\n"
)
COMMA = (
    "Question,Unit,Score,N\n"
    '"Jeg har tid nok","Indskolingen",3.4,15\n'
    'Jeg trives,Udskolingen,"4,1",17\n'
)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SEMICOLON.encode("utf-8"), "UTF-8"),
        (b"\xef\xbb\xbf" + SEMICOLON.encode("utf-8"), "UTF-8 (BOM)"),
        (SEMICOLON.encode("cp1252"), "Windows-1252"),
        (SEMICOLON.replace("\n", "\r\n").encode("cp1252"), "Windows-1252"),
        (COMMA.encode("utf-8"), "UTF-8"),
    ],
    ids=["utf8-semicolon", "utf8-bom", "cp1252", "cp1252-crlf", "utf8-comma"],
)
def test_the_shapes_real_tools_export_are_read_alike(data, encoding):
    parsed = parse(data)
    assert parsed.ok
    assert parsed.encoding == encoding
    assert [(r.question, r.unit, str(r.value), r.respondents) for r in parsed.rows] == [
        ("Jeg har tid nok", "Indskolingen", "3.40", 15),
        ("Jeg trives", "Udskolingen", "4.10", 17),
    ]


def test_unreadable_lines_are_listed_with_their_line_number_and_why():
    data = "Spørgsmål;Resultat;Antal\nA;3,1;4\n;2;\nB;mange;3\nC;2,0;fem\nD\n".encode()
    parsed = parse(data)
    assert not parsed.ok
    assert [r.question for r in parsed.rows] == ["A"]
    assert parsed.errors == [
        (3, "spørgsmålet mangler"),
        (4, "resultatet “mange” er ikke et tal"),
        (5, "antal “fem” er ikke et helt tal"),
        (6, "for få kolonner"),
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Filen er tom."),
        (b"   \n\n", "Filen er tom."),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binære data"),
        (b"Navn;Alder\nA;3\n", "Filen mangler kolonnen/kolonnerne: spørgsmål, resultat"),
        ("Spørgsmål;Enhed\nA;B\n".encode(), "Filen mangler kolonnen/kolonnerne: resultat"),
        (b"x" * (3 * 1024 * 1024), "Filen er for stor"),
        ("Spørgsmål;Resultat\n".encode(), "ingen resultater"),
    ],
    ids=["empty", "blank", "binary", "no-columns", "missing-result", "too-big", "header-only"],
)
def test_files_that_cannot_be_used_get_a_danish_message(data, message):
    with pytest.raises(SurveyFileError, match=re.escape(message)):
        parse(data)


@pytest.fixture
def apv(world):
    return apv_builders.make_apv(world.amg)


def upload(client, world, apv, data: bytes, name: str = "trivsel.csv"):  # type: ignore[no-untyped-def]
    return client.post(
        reverse("survey_import", args=[world.amg.pk, apv.pk]),
        {"title": "Trivselsmåling", "file": SimpleUploadedFile(name, data, "text/csv")},
    )


def test_the_preview_shows_what_was_read_and_saves_nothing(world, apv):
    client = world.client_for("leder")
    response = upload(client, world, apv, SEMICOLON.encode("cp1252"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Jeg har tid nok" in html and "Indskolingen" in html and "Windows-1252" in html
    assert "Intet er gemt endnu" in html
    assert not SurveyImport.objects.exists()

    payload = re.search(r'name="payload" value="([^"]+)"', html).group(1)
    response = client.post(
        reverse("survey_import", args=[world.amg.pk, apv.pk]),
        {"payload": payload, "scale": "enig_1_5"},
    )
    assert response.status_code == 302
    survey = SurveyImport.objects.get()
    assert survey.title == "Trivselsmåling" and survey.filename == "trivsel.csv"
    assert survey.results.count() == 2
    assert (survey.scale_low, survey.scale_high, survey.high_means) == (1, 5, "helt enig")


def test_a_file_with_bad_lines_is_not_half_imported(world, apv):
    data = "Spørgsmål;Resultat\nA;3\nB;x\n".encode()
    response = upload(world.client_for("leder"), world, apv, data)
    assert response.status_code == 422
    html = response.content.decode()
    assert "Linje 3: resultatet “x” er ikke et tal" in html
    assert 'name="payload"' not in html
    assert not SurveyResult.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Den indsendte fil er tom."),
        (os.urandom(4096), "binære data"),
        # Just over the file's own limit, under the request's (10 MB: test_request_limits).
        (b"junk;" * (2 * 1024 * 1024 // 5 + 10), "Filen er for stor"),
        (b"Navn;Alder\nA;3\n", "Filen mangler kolonnen"),
    ],
    ids=["empty", "binary", "2-mb-junk", "missing-columns"],
)
def test_unusable_uploads_answer_422_with_a_danish_message_never_500(world, apv, data, message):
    response = upload(world.client_for("leder"), world, apv, data)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not SurveyImport.objects.exists()


def test_a_tampered_preview_is_refused(world, apv):
    client = world.client_for("leder")
    response = client.post(
        reverse("survey_import", args=[world.amg.pk, apv.pk]), {"payload": "forged:abc"}
    )
    assert response.status_code == 302
    assert not SurveyImport.objects.exists()


def test_a_preview_cannot_be_saved_into_another_apv(world, apv):
    client = world.client_for("leder")
    html = upload(client, world, apv, SEMICOLON.encode()).content.decode()
    payload = re.search(r'name="payload" value="([^"]+)"', html).group(1)
    other = apv_builders.make_apv(world.amg, title="Anden")
    client.post(reverse("survey_import", args=[world.amg.pk, other.pk]), {"payload": payload})
    assert not SurveyImport.objects.exists()
