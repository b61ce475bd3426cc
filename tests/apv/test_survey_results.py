"""Imported survey results as people read them: grouped by question, a bar per unit on the
survey's own scale, what the scale's two ends mean, and small units left out. The dialogisk APV's
histograms say what their ends mean too."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import pdfplumber
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apv import catalogue, charts, services, survey_results
from apv.models import SurveyImport
from apv.survey_csv import Row
from forkant.lib.pdf import html_to_pdf
from tests.apv import builders as apv_builders

AGREE = {
    "scale_low": Decimal(1),
    "scale_high": Decimal(5),
    "low_means": "helt uenig",
    "high_means": "helt enig",
}
ENDS = re.compile(r'<text x="[\d.]+" y="([\d.]+)" font-size="10" text-anchor="(?:start|end)"')
ROWS = [
    Row(2, "Jeg har tid nok", Decimal("2.7"), "Indskolingen", 15),
    Row(3, "Jeg trives", Decimal("4.1"), "Indskolingen", 15),
    Row(4, "Jeg har tid nok", Decimal("3.4"), "Udskolingen", 17),
    Row(5, "Jeg trives", Decimal("3.9"), "Udskolingen", 17),
    Row(6, "Jeg trives", Decimal("1.7"), "Køkkenet", 3),
]


@pytest.fixture
def apv(world):
    return apv_builders.make_apv(world.amg)


def _survey(apv, rows=ROWS, **scale):  # type: ignore[no-untyped-def]
    return services.import_survey(apv=apv, title="Trivsel", filename="t.csv", rows=rows, **scale)


def _page(world, survey) -> str:  # type: ignore[no-untyped-def]
    response = world.client_for("laeser").get(
        reverse("survey_detail", args=[world.amg.pk, survey.pk])
    )
    assert response.status_code == 200
    return response.content.decode()


def test_results_are_grouped_by_question_each_with_a_bar_per_unit(world, apv):
    html = _page(world, _survey(apv, **AGREE))
    headings = re.findall(r'<h2 id="q-\d+">([^<]+)</h2>', html)
    assert headings == ["Jeg har tid nok", "Jeg trives"]
    assert html.count('class="chart chart-survey"') == 2
    charts_ = re.findall(r'<svg class="chart chart-survey".*?</svg>', html, re.S)
    assert "Indskolingen" in charts_[0] and "Udskolingen" in charts_[0]
    assert "2,7" in charts_[0] and "4,1" not in charts_[0]
    assert "4,1" in charts_[1] and "3,9" in charts_[1]


def test_every_chart_says_what_the_scales_ends_mean(world, apv):
    html = _page(world, _survey(apv, **AGREE))
    for chart in re.findall(r'<svg class="chart chart-survey".*?</svg>', html, re.S):
        assert ">1: helt uenig</text>" in chart
        assert ">5: helt enig</text>" in chart
    assert "1 = helt uenig" in html and "5 = helt enig" in html


def test_a_unit_with_fewer_than_five_answers_is_not_shown(world, apv):
    html = _page(world, _survey(apv, **AGREE))
    # Neither its result nor its name: the chart and the numbers say "a small unit".
    assert "Køkkenet" not in html and "Lille enhed" in html
    assert "1,7" not in html and "1.7" not in html
    assert "Under 5 svar – vises ikke" in html


def test_without_a_scale_the_page_says_so_and_offers_to_set_it(world, apv):
    survey = _survey(apv)
    html = _page(world, survey)
    assert "Ingen har angivet, hvilken skala målingen brugte" in html
    client = world.client_for("leder")
    url = reverse("survey_scale", args=[world.amg.pk, survey.pk])
    assert client.post(url, {"scale": "godt_1_5"}).status_code == 302
    survey.refresh_from_db()
    assert (survey.scale_low, survey.scale_high) == (1, 5)
    assert (survey.low_means, survey.high_means) == ("meget dårligt", "meget godt")


def test_an_own_scale_needs_its_ends_and_their_meaning(world, apv):
    survey = _survey(apv)
    client = world.client_for("leder")
    url = reverse("survey_scale", args=[world.amg.pk, survey.pk])
    response = client.post(url, {"scale": "egen", "low": "0", "high": "4"})
    assert response.status_code == 422
    assert "Udfyld det for jeres egen skala." in response.content.decode()
    response = client.post(
        url,
        {"scale": "egen", "low": "0", "low_means": "aldrig", "high": "4", "high_means": "altid"},
    )
    assert response.status_code == 422  # 4,1 lies outside 0–4
    assert "Resultaterne går fra 1,7 til 4,1, men skalaen er 0–4." in response.content.decode()
    survey.refresh_from_db()
    assert not survey.has_scale
    response = client.post(
        url,
        {"scale": "egen", "low": "0", "low_means": "aldrig", "high": "6", "high_means": "altid"},
    )
    assert response.status_code == 302
    survey.refresh_from_db()
    assert (survey.scale_low, survey.scale_high, survey.high_means) == (0, 6, "altid")


def test_an_unknown_scale_answers_422_and_changes_nothing(world, apv):
    survey = _survey(apv, **AGREE)
    client = world.client_for("leder")
    url = reverse("survey_scale", args=[world.amg.pk, survey.pk])
    assert client.post(url, {"scale": "fantasi"}).status_code == 422
    assert client.post(url, {}).status_code == 422
    survey.refresh_from_db()
    assert survey.high_means == "helt enig"


def test_the_import_preview_suggests_the_scale_that_fits_and_saving_keeps_it(world, apv):
    client = world.client_for("leder")
    data = "Spørgsmål;Enhed;Resultat;Antal\nA;X;67;15\nB;X;81;15\n".encode()
    response = client.post(
        reverse("survey_import", args=[world.amg.pk, apv.pk]),
        {"title": "Trivsel", "file": SimpleUploadedFile("t.csv", data, "text/csv")},
    )
    html = response.content.decode()
    assert re.search(r'value="godt_0_100"[^>]*checked', html)
    payload = re.search(r'name="payload" value="([^"]+)"', html).group(1)
    url = reverse("survey_import", args=[world.amg.pk, apv.pk])
    refused = client.post(url, {"payload": payload, "scale": "enig_1_5"})
    assert refused.status_code == 422  # 67 and 81 do not lie on 1–5
    assert "Resultaterne går fra 67 til 81, men skalaen er 1–5." in refused.content.decode()
    assert 'name="payload"' in refused.content.decode()  # the preview is kept, nothing lost
    assert not SurveyImport.objects.exists()
    assert client.post(url, {"payload": payload, "scale": "godt_0_100"}).status_code == 302
    assert SurveyImport.objects.get().scale_high == 100


def test_a_closed_apvs_scale_cannot_be_changed(world, apv):
    survey = _survey(apv, **AGREE)
    apv_builders.make_problem(apv)
    services.close_apv(apv=apv, today=apv.start_date)
    client = world.client_for("leder")
    client.post(reverse("survey_scale", args=[world.amg.pk, survey.pk]), {"scale": "godt_1_5"})
    survey.refresh_from_db()
    assert survey.high_means == "helt enig"


def test_the_guess_picks_the_first_common_scale_the_values_fit():
    assert survey_results.guess_scale([Decimal("2.5"), Decimal("4.1")]) == "enig_1_5"
    assert survey_results.guess_scale([Decimal("7"), Decimal("9")]) == "godt_0_100"
    assert survey_results.guess_scale([Decimal("-2")]) == "egen"


def test_the_survey_chart_prints_the_same_in_a_pdf(apv):
    survey = _survey(apv, **AGREE)
    group = survey_results.grouped(survey, list(survey.results.all()))[0]
    pdf = html_to_pdf(f"<!doctype html><html><body>{group.chart}</body></html>")
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        text = "".join(document.pages[0].extract_text().split())  # pdfplumber drops spaces
    assert "1:heltuenig" in text and "5:heltenig" in text
    assert "Indskolingen" in text and "2,7" in text


# The dialogisk APV ----------------------------------------------------------------------------


def test_every_dialog_theme_says_what_its_ends_mean_with_a_source():
    assert set(catalogue.DIALOG_SCALES) == set(catalogue.DIALOG_THEME_CODES)
    for ends in catalogue.DIALOG_SCALES.values():
        assert (ends.low, ends.high) == (1, 10)
        assert ends.low_means and ends.high_means and "Metode 1" in str(ends.source)
    assert str(catalogue.DIALOG_SCALES["arbejdsmaengden"].high_means) == "passer godt"


def test_the_histograms_say_that_10_is_good(world, apv):
    session = apv_builders.make_dialog(apv)
    html = (
        world.client_for("laeser")
        .get(reverse("dialog_detail", args=[world.amg.pk, session.pk]))
        .content.decode()
    )
    assert ">1: alt for meget</text>" in html
    assert ">10: passer godt</text>" in html
    assert ">10: ingen problemer</text>" in html  # conflicts, threats, violence: 10 is none
    assert "Højt er godt" in html


def test_a_histograms_ends_fit_under_it_on_one_line_or_two():
    ends = catalogue.DIALOG_SCALES["samlet"]
    svg = str(charts.histogram([1] * 10, label="x", ends=ends))
    ys = ENDS.findall(svg)
    assert len(ys) == 2 and ys[0] == ys[1]  # short words: one line
    long = catalogue.ScaleEnds("x", 1, 10, "meget " * 6, "godt " * 6)
    svg = str(charts.histogram([1] * 10, label="x", ends=long))
    ys = ENDS.findall(svg)
    assert len(ys) == 2 and float(ys[1]) > float(ys[0])  # long words: two lines
