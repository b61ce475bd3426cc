"""The handleplan as CSV and Excel: every field, Danish headers and dates, read back."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from handleplan import export
from handleplan.models import Action, Status
from tests import builders

HEADERS = [
    "Tema",
    "Hvad",
    "Hvorfor",
    "Hvem rykker",
    "Andre der er med",
    "Hvordan",
    "Status",
    "Frist",
    "Fortrolig",
]


@pytest.fixture
def card(world):
    return builders.make_action(
        world.amg,
        world.theme,
        title="Fælles aftaler om mails",
        why="Mange mails om aftenen; æøå",
        how='=HYPERLINK("http://evil")',
        status=Status.GODT_I_GANG,
        deadline=datetime.date(2026, 12, 13),
        responsible=world.amr,
        others="Teamet",
        confidential=True,
    )


def read_csv(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf"), "Danish Excel needs the byte-order mark"
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def read_xlsx(content: bytes) -> list[list[object]]:
    sheet = load_workbook(io.BytesIO(content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_every_field_of_an_action_has_a_danish_column():
    headers = [column.header for column in export.columns()]
    assert headers[: len(HEADERS)] == HEADERS
    assert headers[-2:] == ["Oprettet", "Ændret"]
    exported = {column.field.name for column in export.columns()}
    every = {f.name for f in Action._meta.concrete_fields} - export.INTERNAL
    assert exported == every


def test_the_csv_holds_every_card_with_danish_dates_and_labels(world, card):
    response = world.client_for("leder").get(reverse("handleplan_csv", args=[world.amg.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="handleplan-')
    rows = read_csv(response.content)
    assert rows[0][: len(HEADERS)] == HEADERS
    titles = [row[1] for row in rows[1:]]
    assert titles == [world.action.title, "Fælles aftaler om mails"]  # board order
    row = rows[2]
    assert row[: len(HEADERS)] == [
        world.theme.name,
        "Fælles aftaler om mails",
        "Mange mails om aftenen; æøå",
        world.amr.display_name,
        "Teamet",
        '\'=HYPERLINK("http://evil")',  # never a formula in the reader's spreadsheet
        "Godt i gang",
        "13.12.2026",
        "Ja",
    ]
    created = row[rows[0].index("Oprettet")]
    datetime.datetime.strptime(created, "%d.%m.%Y %H:%M")


def test_the_excel_file_has_real_dates_and_every_card(world, card):
    response = world.client_for("laeser").get(reverse("handleplan_xlsx", args=[world.amg.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == export.XLSX_TYPE
    rows = read_xlsx(response.content)
    assert list(rows[0][: len(HEADERS)]) == HEADERS
    row = rows[2]
    assert row[1] == "Fælles aftaler om mails"
    assert row[3] == world.amr.display_name
    assert row[5].startswith("'=")
    assert row[6] == "Godt i gang"
    assert row[7] == datetime.datetime(2026, 12, 13)  # a date cell, not text
    assert row[8] == "Ja"
    assert isinstance(row[list(rows[0]).index("Oprettet")], datetime.datetime)


def test_the_export_is_sorted_theme_by_theme_and_column_by_column(world):
    second = builders.make_theme(world.amg, "Andet tema")
    builders.make_action(world.amg, second, title="B-afsluttet", status=Status.AFSLUTTET)
    builders.make_action(world.amg, second, title="B-parkeret", status=Status.PARKERET)
    builders.make_action(world.amg, world.theme, title="A-opfølgning", status=Status.OPFOELGNING)
    titles = [row[1] for row in read_csv(export.as_csv(world.amg))[1:]]
    assert titles == [world.action.title, "A-opfølgning", "B-parkeret", "B-afsluttet"]


def test_another_amgs_cards_are_never_exported(world):
    rows = read_xlsx(export.as_xlsx(world.amg))
    assert world.other_action.title not in {row[1] for row in rows}


def test_an_empty_handleplan_exports_just_the_headers(db):
    amg = builders.make_amg()
    assert len(read_csv(export.as_csv(amg))) == 1
    assert len(read_xlsx(export.as_xlsx(amg))) == 1


@pytest.mark.parametrize("cards", [1, 200])
def test_the_export_costs_the_same_queries_for_1_and_200_cards(
    world, cards, django_assert_num_queries
):
    themes = [builders.make_theme(world.amg, f"Mange {t}") for t in range(2)]  # 100 a theme
    for n in range(cards - 1):
        builders.make_action(world.amg, themes[n % 2], title=f"Kort {n}", responsible=world.leder)
    with django_assert_num_queries(1):
        export.as_xlsx(world.amg)
    with django_assert_num_queries(1):
        export.as_csv(world.amg)
