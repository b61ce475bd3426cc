"""Every table in every PDF fits the page: the PDF is read back with word positions and no word
may lie outside the page margins (16 mm left and right, see static/css/print.css)."""

from __future__ import annotations

import datetime
import io

import pdfplumber
from django.core.management import call_command

from forkant.models import AMG
from tests import builders
from tests.bundle import render_inspection_pdf

MM = 72 / 25.4
MARGIN = 16 * MM
TOLERANCE = 0.5


def words_outside_margins(data: bytes) -> list[tuple[int, str, float, float]]:
    outside = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            for word in page.extract_words():
                if (
                    word["x0"] < MARGIN - TOLERANCE
                    or word["x1"] > page.width - MARGIN + TOLERANCE
                    or word["top"] < 0
                    or word["bottom"] > page.height
                ):
                    outside.append((number, word["text"], round(word["x0"]), round(word["x1"])))
    return outside


def test_the_handleplan_table_with_full_dates_stays_inside_the_page(world):
    for n in range(6):
        builders.make_action(
            world.amg,
            world.theme,
            title=f"Handling med en lang titel nummer {n}",
            why="Fordi arbejdsmiljøorganisationen har besluttet det",
            how="Sikkerhedsrepræsentantuddannelsesforløb og arbejdsmiljøuddannelse",
            others="Teamkoordinatorerne i indskolingen og udskolingen",
            responsible=world.leder,
            status="parkeret" if n % 2 else "godt_i_gang",
            deadline=datetime.date(2026, 12, 13),
        )
    data = render_inspection_pdf(world.amg.pk)
    assert words_outside_margins(data) == []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = "".join(page.extract_text() for page in pdf.pages)
    assert "13.12.2026" in text


def test_the_demo_documentation_with_its_whole_apv_stays_inside_the_page(db):
    call_command("demo", stdout=io.StringIO())
    school = AMG.objects.get(name="Solsikkeskolen")
    assert words_outside_margins(render_inspection_pdf(school.pk)) == []
