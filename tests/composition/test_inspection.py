from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from forkant.lib.pdf import BASE_URL, RefusedURL, StaticOnlyFetcher, html_to_pdf
from tests import builders
from tests.bundle import render_inspection_html, render_inspection_pdf


def pdf_text(data: bytes) -> tuple[str, int]:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages), len(reader.pages)


def squash(text: str) -> str:
    """The text as one line, with words hyphenated at line ends joined again."""
    return " ".join(text.replace("-\n", "").replace("‐\n", "").split())


@pytest.fixture
def documented(world):
    builders.make_meeting(world.amg, moedeleder="Pia Jensen")
    builders.make_action(
        world.amg,
        world.theme,
        title="Kursus i konflikthåndtering",
        status="afsluttet",
        why="Tre episoder i efteråret",
        how="To eftermiddage med ekstern underviser",
        others="Inklusionsvejleder",
        responsible=world.leder,
    )
    builders.make_action(
        world.amg, world.theme, title="Debriefing efter episoden", confidential=True
    )
    return world


def test_the_pdf_holds_the_organisation_the_amg_its_members_and_the_handleplan(documented):
    data = render_inspection_pdf(documented.amg.pk)
    assert data.startswith(b"%PDF")
    text, pages = pdf_text(data)
    flat = squash(text)
    assert "Dokumentation til Arbejdstilsynet".upper() in flat.upper()
    assert "Testkommune" in flat
    assert "Skolen" in flat
    for member in (documented.leder, documented.amr, documented.laeser):
        assert member.display_name in flat
    assert "Leder" in flat and "Arbejdsmiljørepræsentant" in flat
    assert "Forebyggelse af stress" in flat
    assert "Kursus i konflikthåndtering" in flat
    assert "Tre episoder i efteråret" in flat
    assert "To eftermiddage med ekstern underviser" in flat
    assert "Inklusionsvejleder" in flat
    assert "Afsluttet" in flat
    assert "Pia Jensen" in flat
    assert f"Side 1 af {pages}" in flat
    assert "Lydplader i garderoben" not in flat  # another AMG's card


def test_the_pdf_is_a4_and_carries_the_export_date(documented):
    import datetime

    from django.utils import timezone

    now = timezone.make_aware(datetime.datetime(2026, 3, 4, 10, 30))
    data = render_inspection_pdf(documented.amg.pk, now=now)
    reader = PdfReader(io.BytesIO(data))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    assert "4. marts 2026" in squash(pdf_text(data)[0])


def test_confidential_actions_are_in_the_document_and_marked_as_such(documented):
    html = render_inspection_html(documented.amg.pk)
    assert "Debriefing efter episoden" in html
    assert "Fortrolig sag" in html
    assert "vægskærm" not in html


def test_the_web_page_shows_the_same_content_as_the_pdf(documented):
    client = documented.client_for("laeser")
    html = client.get(reverse("inspection", kwargs={"amg_id": documented.amg.pk})).content.decode()
    for text in ("Arbejdsmiljøorganisationen", "Kursus i konflikthåndtering", "Testkommune"):
        assert text in html
    assert reverse("inspection_export_create", kwargs={"amg_id": documented.amg.pk}) in html


def test_the_pdf_escapes_what_users_wrote(documented):
    builders.make_action(documented.amg, documented.theme, title="<b>fed</b> & <i>skrå</i>")
    html = render_inspection_html(documented.amg.pk)
    assert "&lt;b&gt;fed&lt;/b&gt; &amp; &lt;i&gt;skrå&lt;/i&gt;" in html


def test_the_url_fetcher_serves_the_projects_static_files_only():
    fetcher = StaticOnlyFetcher()
    response = fetcher.fetch(f"{BASE_URL}static/css/print.css")
    assert b"@page" in response.read()
    for url in (
        "https://example.com/static/css/print.css",
        "http://forkant.invalid/static/css/print.css",
        f"{BASE_URL}static/../forkant/settings.py",
        f"{BASE_URL}media/secret.txt",
        "file:///etc/passwd",
    ):
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)


def test_a_document_that_links_elsewhere_is_rendered_without_fetching_it():
    fetcher = StaticOnlyFetcher()
    html = (
        '<link rel="stylesheet" href="https://example.com/evil.css">'
        '<img src="file:///etc/passwd"><img src="http://169.254.169.254/latest">'
        "<p>Hej</p>"
    )
    data = html_to_pdf(html, fetcher=fetcher)
    assert "Hej" in pdf_text(data)[0]
    assert fetcher.fetched == []
    assert set(fetcher.refused) == {
        "https://example.com/evil.css",
        "file:///etc/passwd",
        "http://169.254.169.254/latest",
    }


def test_the_inspection_document_fetches_nothing_but_its_own_stylesheet(documented):
    fetcher = StaticOnlyFetcher()
    html_to_pdf(render_inspection_html(documented.amg.pk), fetcher=fetcher)
    assert fetcher.fetched == [
        f"{BASE_URL}static/css/print.css",
        f"{BASE_URL}static/css/bundle.css",
    ]
    assert fetcher.refused == []


def test_the_pdf_is_a_pure_function_of_the_amg(documented):
    import datetime

    from django.utils import timezone

    now = timezone.make_aware(datetime.datetime(2026, 5, 1, 9, 0))
    assert render_inspection_html(documented.amg.pk, now=now) == render_inspection_html(
        documented.amg.pk, now=now
    )


def test_rendering_the_document_costs_the_same_queries_for_1_and_200_cards(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        render_inspection_html(world.amg.pk)
    themes = [builders.make_theme(world.amg, f"Tema {t}") for t in range(2)]  # 100 a theme
    for n in range(199):
        builders.make_action(world.amg, themes[n % 2], title=f"Kort {n}", responsible=world.leder)
    with CaptureQueriesContext(connection) as many:
        render_inspection_html(world.amg.pk)
    assert len(many) == len(few)


def test_the_legal_appendix_leaves_out_what_the_app_does_but_keeps_whole_sentences():
    from composition.inspection.document import for_inspector

    assert (
        for_inspector(
            "Retningslinjerne skal kende alle. Appen minder om dem hver 12. måned og advarer 60 "
            "dage før."
        )
        == "Retningslinjerne skal kende alle."
    )
    assert (
        for_inspector("Loven fastsætter ingen mødefrekvens; appen bruger årshjulets møder.")
        == "Loven fastsætter ingen mødefrekvens."
    )
    assert for_inspector("APV’en skal revideres mindst hvert 3. år.") == (
        "APV’en skal revideres mindst hvert 3. år."
    )
