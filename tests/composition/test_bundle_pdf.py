"""The demo school's bundle read back as an inspector gets it: the contents point at the right
pages, the sections come in the inspector's order, nothing is smaller than 7 pt, the laws are
cited, no word of the app's own is left, and the file is PDF/A with its language and fonts."""

from __future__ import annotations

import io
import re

import pdfplumber
import pikepdf
import pytest
from django.core.management import call_command

from composition.inspection.document import SECTIONS
from composition.inspection.render import PDF_VARIANT, bundle, render_bundle_pdf
from forkant.models import AMG
from tests.apv.test_pdf_layout import words_outside_margins

# Words of the app, not of the work: the bundle must not speak of its screens and buttons.
APP_WORDS = [r"vægskærm", r"læseadgang", r"Hent som PDF", r"\bklik", r"\b[Aa]ppen\b", r"htmx"]


_RENDERED: dict[str, bytes] = {}


@pytest.fixture
def demo_pdf(db) -> bytes:  # type: ignore[no-untyped-def]
    """The demo school's bundle, rendered once for the module (the first test that asks loads
    the demo in its own transaction; the bytes are kept for the others)."""
    if "demo" not in _RENDERED:
        call_command("demo", stdout=io.StringIO())
        school = AMG.objects.get(name="Solsikkeskolen")
        _RENDERED["demo"] = render_bundle_pdf(bundle(school.pk, document_id="FK-TEST-2345")).data
    return _RENDERED["demo"]


def page_texts(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def toc_entries(texts: list[str]) -> list[tuple[str, str, int]]:
    """(number, title, page) for each line of the contents."""
    toc_page = next(i for i, t in enumerate(texts) if t.lstrip().splitlines()[1:2] == ["Indhold"])
    entries = []
    for line in texts[toc_page].splitlines():
        match = re.match(r"^((?:Bilag [A-Z])|\d+) (.+?)[ .]*\.\s*(\d+)$", line.strip())
        if match:
            entries.append((match[1], match[2].rstrip(" ."), int(match[3])))
    return entries


def test_the_contents_list_every_section_in_the_inspectors_order(demo_pdf):
    entries = toc_entries(page_texts(demo_pdf))
    assert [title for _n, title, _p in entries] == [str(s.title) for s in SECTIONS]
    numbers = [n for n, _t, _p in entries]
    assert numbers[:13] == [str(n) for n in range(1, 14)]
    assert numbers[13:] == ["Bilag A", "Bilag B", "Bilag C", "Bilag D", "Bilag E"]
    pages = [p for _n, _t, p in entries]
    assert pages == sorted(pages)


def test_each_page_number_in_the_contents_is_the_page_its_section_starts_on(demo_pdf):
    texts = page_texts(demo_pdf)
    entries = toc_entries(texts)
    toc_page = next(i for i, t in enumerate(texts) if "Indhold" in t.splitlines()[1:2])
    for number, title, page in entries:
        heading = f"{number} {title}"
        # The first page after the contents whose lines start with the heading.
        found = next(
            i + 1
            for i, text in enumerate(texts)
            if i > toc_page and any(line.strip() == heading for line in text.splitlines())
        )
        assert found == page, (heading, found, page)


def test_the_cover_and_the_status_page_come_first(demo_pdf):
    texts = page_texts(demo_pdf)
    assert "Arbejdsmiljøarbejdet i" in texts[0] and "FK-TEST-2345" in texts[0]
    assert "Status: reglernes krav på eksportdagen" in texts[1]
    # The status page (as long as its findings need) comes before the contents.
    toc_page = next(i for i, t in enumerate(texts) if "Indhold" in t.splitlines()[1:2])
    status = "\n".join(texts[1:toc_page])
    for number in range(1, 14):
        assert re.search(rf"^{number} ", status, re.M), number
    assert "Overskredet" in status  # the demo's breaches are there, as they are


def font_size(char: dict) -> float:  # type: ignore[type-arg]
    """The character's font size on the page; for turned text (a chart's vertical axis label)
    the height of its box across the line, since pdfplumber's size is then the glyph's width."""
    return char["size"] if char["upright"] else char["x1"] - char["x0"]


def test_no_text_is_smaller_than_7_points_charts_included(demo_pdf):
    with pdfplumber.open(io.BytesIO(demo_pdf)) as pdf:
        sizes = [
            (round(font_size(c), 2), n, c["text"])
            for n, p in enumerate(pdf.pages, 1)
            for c in p.chars
        ]
    assert min(sizes)[0] >= 7, min(sizes)


def test_the_legal_basis_is_cited(demo_pdf):
    text = " ".join(" ".join(page_texts(demo_pdf)).replace("‐\n", "").split())
    for citation in (
        "BEK nr. 1838 af 14/12/2023",  # systematisk arbejdsmiljøarbejde
        "BEK nr. 1406 af 26/09/2020",  # psykisk arbejdsmiljø
        "BEK nr. 799 af 03/06/2022",  # anmeldelse af arbejdsulykker
    ):
        assert citation in text, citation
    assert "Bekendtgørelse om anmeldelse af" in text and "arbejdsulykker" in text


def test_the_bundle_speaks_to_an_inspector_not_about_the_app(demo_pdf):
    text = " ".join(page_texts(demo_pdf))
    assert [word for word in APP_WORDS if re.search(word, text)] == []


def test_no_word_lies_outside_the_page_margins(demo_pdf):
    assert words_outside_margins(demo_pdf) == []


def test_the_small_unit_of_the_survey_and_of_sickness_absence_is_not_shown(demo_pdf):
    text = " ".join(page_texts(demo_pdf))
    assert "Under 5 svar – vises ikke" in text
    assert "Under 5 ansatte – vises ikke" in text
    assert "Administrationen 3" not in text  # the unit's own row (3 employees) never shows


def test_the_file_is_pdf_a_in_danish_with_its_fonts_embedded(demo_pdf):
    with pikepdf.open(io.BytesIO(demo_pdf)) as pdf:
        meta = pdf.open_metadata()
        part, conformance = PDF_VARIANT.removeprefix("pdf/a-")
        assert meta["pdfaid:part"] == part
        assert meta["pdfaid:conformance"] == conformance.upper()
        assert "/OutputIntents" in pdf.Root
        assert str(pdf.Root.Lang) == "da"
        # Tagged: a structure tree and the "marked" flag (PDF/A level A).
        assert "/StructTreeRoot" in pdf.Root and bool(pdf.Root.MarkInfo.Marked)
        fonts = {
            str(font.get("/BaseFont"))
            for page in pdf.pages
            for font in (page.Resources.get("/Font") or {}).values()
        }
        assert fonts
        for page in pdf.pages:
            for font in (page.Resources.get("/Font") or {}).values():
                descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
                descriptor = descendant.FontDescriptor
                assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def test_qpdf_finds_no_structural_error(demo_pdf, tmp_path):
    import shutil
    import subprocess

    qpdf = shutil.which("qpdf")
    if qpdf is None:
        pytest.skip("qpdf is not installed (apt-get install qpdf)")
    path = tmp_path / "bundle.pdf"
    path.write_bytes(demo_pdf)
    result = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors found" in result.stdout
