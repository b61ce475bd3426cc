"""Sickness absence: aggregates only, and a unit under five employees is never shown – neither
on its own nor through a total that would let it be derived."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from apv import services
from apv.absence import Figure, absence_table, suppress, trend_series
from tests.apv import builders as apv_builders
from tests.bundle import render_inspection_html, section_html


def fig(unit: str, employees: int, days: int = 10) -> Figure:
    return Figure(unit, employees, Decimal(days), Decimal(0))


def test_units_of_five_or_more_are_shown_with_their_total():
    figures = [fig("A", 20), fig("B", 5)]
    total = suppress(figures)
    assert [f.suppressed for f in figures] == [False, False]
    assert total is not None and total.employees == 25


def test_a_small_unit_is_hidden_and_so_is_the_smallest_other_so_the_total_reveals_nothing():
    a, b, c = fig("A", 20), fig("B", 12), fig("C", 3)
    total = suppress([a, b, c])
    assert c.suppressed and not c.complementary
    assert b.suppressed and b.complementary
    assert not a.suppressed
    # The total minus what is shown is B and C together: two units, 15 people.
    assert total is not None and total.employees - a.employees == 15


def test_two_small_units_that_together_are_still_under_five_need_a_third_hidden():
    a, b, c, d = fig("A", 20), fig("B", 9), fig("C", 2), fig("D", 2)
    total = suppress([a, b, c, d])
    assert [f.suppressed for f in (a, b, c, d)] == [False, True, True, True]
    assert total is not None


def test_when_nothing_can_hide_a_small_unit_the_total_is_suppressed_too():
    a, b = fig("A", 3), fig("B", 1)
    assert suppress([a, b]) is None
    assert a.suppressed and b.suppressed
    only = fig("Alone", 4)
    assert suppress([only]) is None


def test_a_single_small_unit_beside_one_other_unit_hides_both_but_keeps_the_total():
    a, b = fig("A", 30), fig("B", 4)
    total = suppress([a, b])
    assert a.suppressed and b.suppressed
    assert total is not None and total.employees == 34


@pytest.fixture
def absent(world):
    area = apv_builders.make_area
    apv = apv_builders.make_apv(world.amg)
    units = {"Indskolingen": 16, "Udskolingen": 12, "Kontoret": 3}
    for name, employees in units.items():
        unit = area(world.amg, name)
        for period, days in (("2025-K1", 40), ("2025-K2", 30)):
            services.save_absence(
                apv=apv,
                area=unit,
                period=period,
                employees=employees,
                short_days=Decimal(days + employees),
                long_days=Decimal(7),
            )
    return apv


def test_the_trend_chart_leaves_out_suppressed_units(absent):
    periods, series = trend_series(absence_table(absent.absences.select_related("area")))
    assert periods == ["2025-K1", "2025-K2"]
    assert [name for name, _values in series] == ["Indskolingen"]


def test_the_page_and_the_pdf_never_show_a_small_units_figures(world, absent):
    page = (
        world.client_for("leder")
        .get(reverse("part_sygefravaer", args=[world.amg.pk, absent.pk]))
        .content.decode()
    )
    doc = render_inspection_html(world.amg.pk)
    # The page's entry form lists every unit by name; the figures are what must never show.
    figures = page.split("Fravær pr. enhed")[1].split("Gruppens vurdering")[0]
    doc_figures = section_html(doc, "sygefravaer")
    for html in (figures, doc_figures):
        assert "Kontoret" not in html
        # Its days (40+3=43 and 30+3=33) and the complement's (52, 42) are nowhere.
        for hidden in ("43,0", "33,0", "52,0", "42,0"):
            assert hidden not in html
        assert "56,0" in html  # Indskolingen's short-term days in K1 are shown
        assert "Under 5 ansatte – vises ikke" in html


def test_absence_and_incidents_are_never_on_the_wall_screen(world, absent):
    from django.utils import timezone

    from forkant import services as core

    _screen, token = core.create_wall_screen(
        amg=world.amg, name="Gangen", created_by=world.leder.user, now=timezone.now()
    )
    apv_builders.make_incident(world.amg, what="Slag i garderoben mod en pædagog")
    client = world.client_for("anonymous")
    client.post(reverse("wall_pair", args=[token]))
    html = client.get(reverse("wall")).content.decode()
    assert world.action.title in html  # it is the wall, showing the public board
    assert "Indskolingen" not in html and "fravær" not in html.lower()
    assert "garderoben" not in html


def test_only_aggregates_are_accepted(world, absent):
    area = absent.absences.first().area
    response = world.client_for("leder").post(
        reverse("part_sygefravaer", args=[world.amg.pk, absent.pk]),
        {
            "area": area.pk,
            "period": "sidste år",
            "employees": 0,
            "short_days": "-1",
            "long_days": "x",
        },
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "Skriv perioden som år" in html
