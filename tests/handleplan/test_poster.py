"""The board as an A3 landscape poster: public cards only, every one of them, on the page."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from forkant.lib.pdf import html_to_document
from forkant.models import AMG
from handleplan.models import Status
from handleplan.poster import render_poster_html, render_poster_pdf
from tests import builders

A3_LANDSCAPE_PT = (1190.55, 841.89)  # 420 × 297 mm


def pdf_text(content: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    # Titles wrap and hyphenate in their narrow columns: read them as running text.
    return reader, " ".join(text.replace("-\n", "").split())


def test_the_poster_is_a3_landscape_with_the_public_cards(world):
    builders.make_action(world.amg, world.theme, title="Hemmelig samtale", confidential=True)
    builders.make_meeting(world.amg, moedeleder="Mette Mødeleder")
    response = world.client_for("laeser").get(reverse("board_poster", args=[world.amg.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('inline; filename="handleplan-a3-')
    reader, text = pdf_text(response.content)
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert width == pytest.approx(A3_LANDSCAPE_PT[0], abs=0.5)
    assert height == pytest.approx(A3_LANDSCAPE_PT[1], abs=0.5)
    assert world.action.title in text
    assert "Mette Mødeleder" in text
    assert "Hemmelig samtale" not in text
    assert "fortrolige kort er udeladt" in text
    assert world.other_action.title not in text


def test_a_full_board_runs_onto_more_pages_and_loses_no_card(world):
    themes = [builders.make_theme(world.amg, f"Tema nummer {n}") for n in range(6)]
    titles = []
    for n in range(120):
        title = f"Kort{n:03d}"
        titles.append(title)
        builders.make_action(
            world.amg, themes[n % 6], title=title, status=list(Status)[n % len(Status)]
        )
    reader, text = pdf_text(render_poster_pdf(world.amg.pk))
    assert len(reader.pages) > 1
    assert [t for t in titles if t not in text] == []


def test_user_text_is_escaped_on_the_poster(world):
    builders.make_action(world.amg, world.theme, title="<script>alert(1)</script>")
    html = render_poster_html(world.amg.pk)
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize("cards", [1, 200])
def test_the_poster_reads_the_board_in_the_same_queries_for_1_and_200_cards(
    world, cards, django_assert_num_queries
):
    themes = [builders.make_theme(world.amg, f"Tema {t}") for t in range(2)]  # 100 a theme
    for n in range(cards - 1):
        builders.make_action(world.amg, themes[n % 2], title=f"Kort {n}", responsible=world.amr)
    # The AMG with its organisation, the themes, the cards, the next tavlemøde.
    with django_assert_num_queries(4):
        render_poster_html(world.amg.pk)


def test_the_demo_boards_poster_fits_one_a3_sheet(db):
    from composition.demo.workplace import SCHOOL, load_demo

    load_demo()
    amg = AMG.objects.get(name=SCHOOL)
    reader, _text = pdf_text(render_poster_pdf(amg.pk))
    assert len(reader.pages) == 1


def test_a_board_a_little_too_full_for_one_sheet_is_printed_smaller_on_one(world):
    # The demo school's board, and then some: a sheet and a bit at the normal size.
    themes = [
        builders.make_theme(world.amg, f"Tema med et langt navn nummer {n}") for n in range(5)
    ]
    titles = []
    for n in range(40):
        title = f"Kort{n:03d} med en titel over flere linjer, som et rigtigt kort har"
        titles.append(title)
        builders.make_action(world.amg, themes[n % 5], title=title, status=list(Status)[n % 6])
    normal = html_to_document(render_poster_html(world.amg.pk))
    assert len(normal.pages) == 2  # the case the fitting is for
    reader, text = pdf_text(render_poster_pdf(world.amg.pk))
    assert len(reader.pages) == 1
    assert [t for t in titles if t.split()[0] not in text] == []
