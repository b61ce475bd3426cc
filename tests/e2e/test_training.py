"""The training record and the reminder choices in a real browser: from the members page to a
member's courses, a course recorded with half days (Danish decimal comma), the status updated,
and the member's own choice of reminders saved."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from metoder.reminders.models import ReminderPreference
from metoder.training.models import TrainingCourse
from tests.e2e.conftest import BoardWorld, BrowserErrors, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_recording_the_mandatory_course_and_choosing_reminders(
    page: Page, live_server, board_world: BoardWorld, browser_errors: BrowserErrors
) -> None:
    world = board_world
    browser_errors.watch(page)
    log_in(page, live_server, world.email)
    page.goto(world.url(live_server, "medlemmer/"))
    row = page.get_by_role("row", name=re.compile("Anne Møller"))
    expect(row).to_contain_text("Forfalder")  # took office today, course not taken
    row.get_by_role("link", name=re.compile("Kurser")).click()
    expect(page.get_by_role("heading", name="Uddannelse: Anne Møller")).to_be_visible()

    page.get_by_label("Slags").select_option("obligatorisk")
    page.get_by_label("Kursus", exact=True).fill("Arbejdsmiljøuddannelsen")
    page.get_by_label("Dage").fill("2,5")
    page.get_by_label("Taget den").fill("2026-01-20")
    page.get_by_role("button", name="Registrér kurset").click()
    expect(page.locator("#toasts")).to_contain_text("Kurset er registreret")
    expect(page.get_by_role("row", name=re.compile("Arbejdsmiljøuddannelsen"))).to_contain_text(
        "2,5"
    )
    expect(page.locator(".training-status")).to_contain_text("Taget 20. januar 2026")
    course = TrainingCourse.objects.get()
    assert str(course.days) == "2.5"

    page.goto(f"{live_server.url}/konto/")
    page.get_by_role("link", name="Vælg påmindelser").click()
    page.get_by_label("Idéer, der venter").uncheck()
    page.get_by_role("button", name="Gem mine valg").click()
    expect(page.locator("#toasts")).to_contain_text("Dine valg af påmindelser er gemt")
    expect(page.get_by_label("Idéer, der venter")).not_to_be_checked()
    assert ReminderPreference.objects.get(membership=world.member).ideas is False
