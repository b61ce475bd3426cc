"""The year navigation offers the years that have a plan (and this year), then the next one to
create – not an endless row of empty years."""

from __future__ import annotations

import datetime
import re

from django.urls import reverse
from django.utils import timezone

from metoder.year import queries, services

THIS_YEAR = timezone.localdate().year


def nav_years(html: str) -> list[str]:
    nav = re.search(r'<nav class="year-nav".*?</nav>', html, re.S).group(0)
    return re.findall(r">([^<>]+)</a>", nav)


def page(world, year: int) -> str:  # type: ignore[no-untyped-def]
    response = world.client_for("leder").get(reverse("year_detail", args=[world.amg.pk, year]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_new_group_is_offered_this_year_and_the_next(world):
    assert nav_years(page(world, THIS_YEAR)) == [str(THIS_YEAR), f"Læg {THIS_YEAR + 1}"]


def test_the_years_with_a_plan_then_the_next_to_create(world):
    for year in (THIS_YEAR - 1, THIS_YEAR + 1):
        services.generate_year(amg=world.amg, year=year, source=services.Source.TEMPLATE)
    assert nav_years(page(world, THIS_YEAR)) == [
        str(THIS_YEAR - 1),
        str(THIS_YEAR),
        str(THIS_YEAR + 1),
        f"Læg {THIS_YEAR + 2}",
    ]


def test_a_year_far_ahead_offers_no_form_but_the_way_back(world):
    html = page(world, THIS_YEAR + 30)
    assert f"Intet årshjul for {THIS_YEAR + 30}" in html
    assert 'name="source"' not in html  # nothing to generate there
    assert f"Til {THIS_YEAR + 1}" in html
    assert str(THIS_YEAR + 31) not in html  # no link further on


def test_the_next_year_offers_the_form(world):
    assert 'name="source"' in page(world, THIS_YEAR + 1)


def test_years_of_meetings_held_on_the_board_count_too(world):
    from tests import builders

    builders.make_held_meeting(world.amg)
    assert queries.wheel_years(world.amg) == [timezone.localdate().year]
    nav = queries.year_nav(world.amg, datetime.date(THIS_YEAR + 2, 1, 1))
    assert nav.years == [THIS_YEAR, THIS_YEAR + 2] and nav.next_year == THIS_YEAR + 3
