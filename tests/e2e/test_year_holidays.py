"""A year that knows the holidays, in a real browser: the AMG confirms the suggested summer
holiday, adds its own closed period on a phone and sees the meeting in it move, keeping its
agenda; the wheel's markers lie apart as drawn; the navigation offers only the years there are.
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from metoder.year import services
from metoder.year.models import ClosedPeriod, PlannedMeeting
from tests.e2e.conftest import BoardWorld, BrowserErrors

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

MARKER_BOXES = """() => Array.from(document.querySelectorAll('svg.wheel g.wheel-marker')).map(g => {
  const r = g.firstElementChild.getBoundingClientRect();
  return [r.left, r.top, r.right, r.bottom];
})"""


def apart(a: list[float], b: list[float]) -> bool:
    return a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]


def test_closed_periods_on_a_phone_move_the_meeting_and_keep_its_agenda(
    member_page: Page, live_server, board_world: BoardWorld, browser_errors: BrowserErrors
) -> None:
    page, world = member_page, board_world
    year = timezone.localdate().year
    services.generate_year(amg=world.amg, year=year, source=services.Source.TEMPLATE)
    q1 = PlannedMeeting.objects.select_related("meeting").get(source_key=f"{year}:amg-q1")
    services.update_meeting(
        meeting=q1.meeting,
        starts_at=q1.meeting.starts_at,
        moedeleder="Anne",
        focus="Vold",
        agenda="Siden sidst\nVoldspolitik",
        now=timezone.now(),
    )
    day = timezone.localtime(q1.meeting.starts_at).date()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(world.url(live_server, f"aarshjul/{year}/"))

    # The suggested summer holiday, confirmed with one press.
    closed = page.locator("#lukket")
    expect(closed.get_by_text("Forslag")).to_be_visible()
    closed.get_by_role("button", name="Bekræft Sommerferie").click()
    expect(page.get_by_text("“Sommerferie” er gemt.")).to_be_visible()
    assert not ClosedPeriod.objects.get(amg=world.amg, name="Sommerferie").suggested

    # The AMG's own winter holiday over the Q1 AMG-møde: it moves a week, agenda and all.
    page.locator("#lukket summary", has_text="Tilføj en lukket periode").click()
    page.get_by_label("Hvad hedder perioden?").fill("Vinterferie")
    page.get_by_label("Fra").fill(day.isoformat())
    page.get_by_label("Til og med").fill((day + datetime.timedelta(days=2)).isoformat())
    page.get_by_role("button", name="Tilføj perioden").click()
    expect(page.get_by_text("Et møde i perioden er flyttet")).to_be_visible()
    q1.refresh_from_db()
    q1.meeting.refresh_from_db()
    assert timezone.localtime(q1.meeting.starts_at).date() == day + datetime.timedelta(days=7)
    assert q1.agenda == "Siden sidst\nVoldspolitik"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    # A closing date before the start is refused in Danish, on the page, with nothing saved.
    browser_errors.expected_statuses.add(422)
    page.goto(world.url(live_server, "aarshjul/lukket/ny/"))
    page.get_by_label("Hvad hedder perioden?").fill("Baglæns")
    page.get_by_label("Fra").fill(f"{year}-10-18")
    page.get_by_label("Til og med").fill(f"{year}-10-10")
    page.get_by_role("button", name="Gem").click()
    expect(
        page.get_by_text("Perioden skal slutte samme dag eller efter, den begynder.")
    ).to_be_visible()
    assert not ClosedPeriod.objects.filter(name="Baglæns").exists()
    browser_errors.assert_none()


def test_the_wheels_markers_lie_apart_on_screen_and_the_years_offered_are_real(
    member_page: Page, live_server, board_world: BoardWorld, browser_errors: BrowserErrors
) -> None:
    page, world = member_page, board_world
    year = timezone.localdate().year
    services.generate_year(amg=world.amg, year=year, source=services.Source.TEMPLATE)
    for n in range(12):  # a crowded November, as in the demo school
        services.add_item(
            amg=world.amg, year=year, kind="apv", title=f"APV-frist {n}",
            date=datetime.date(year, 11, 17), now=timezone.now(),
        )  # fmt: skip
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(world.url(live_server, f"aarshjul/{year}/"))
        boxes = page.evaluate(MARKER_BOXES)
        assert len(boxes) >= 17
        overlapping = [
            (i, j)
            for i in range(len(boxes))
            for j in range(i + 1, len(boxes))
            if not apart(boxes[i], boxes[j])
        ]
        assert overlapping == [], width
    nav = page.get_by_role("navigation", name="Årshjulets år")
    expect(nav.get_by_role("link")).to_have_count(2)
    nav.get_by_role("link", name=f"Læg {year + 1}").click()
    expect(page.get_by_role("button", name=f"Læg årshjulet for {year + 1}")).to_be_visible()
    browser_errors.assert_none()
