"""Tag temperaturen in the browser: six phones answer while the wall at 1920×1080 shows the
histograms only from the fifth answer, then growing without a reload; the form in Danish and
English, and the trend on the AMG's page. Screenshots go to SHOTS."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from apv.pulse import services
from apv.pulse.models import Pulse
from tests.apv.pulse_builders import answer
from tests.e2e.conftest import BoardWorld, BrowserErrors, log_in
from tests.e2e.test_wall import pair

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
SHOTS = Path(os.environ.get("PULSE_SHOTS", "/tmp/shots-pulse"))  # noqa: S108 - looked at by hand

# What the wall's histograms say: each bar's title ("3 personer ved 7"), summed.
PEOPLE_ON_WALL = """() => Array.from(document.querySelectorAll('[data-pulse-results] svg'))
    .map(svg => Array.from(svg.querySelectorAll('rect title'))
        .reduce((sum, t) => sum + parseInt(t.textContent, 10), 0))"""


def shot(page: Page, name: str, *, full_page: bool = False) -> None:
    """A screenshot to look at, and axe-core's check of the page as shown."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page)
    violations = [
        f"{v['id']} ({v['impact']}) {[n['target'] for n in v['nodes']][:3]}"
        for v in Axe().run(page).response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert violations == [], f"{name}: {violations}"


def open_now(world: BoardWorld):  # type: ignore[no-untyped-def]
    now = timezone.now()
    return services.open_pulse(
        amg=world.amg,
        opens_at=now - datetime.timedelta(minutes=1),
        closes_at=now + datetime.timedelta(hours=1),
        by=world.member,
        now=now,
    )


def answer_on_phone(phone: Page, url: str, points: list[int], proposal: str = "") -> None:
    phone.goto(url)
    themes = phone.locator("fieldset.pulse-theme")
    expect(themes).to_have_count(len(points))
    for index, point in enumerate(points):
        themes.nth(index).locator("label.pulse-point").nth(point - 1).click()
    if proposal:
        phone.locator("textarea[name=proposal]").fill(proposal)
    phone.get_by_role("button", name="Send mit svar").click()
    expect(phone.get_by_role("heading", name="Tak! Dit svar er talt med.")).to_be_visible()


def test_six_phones_answer_and_the_wall_shows_histograms_from_the_fifth(
    new_context, live_server, board_world: BoardWorld, settings
):
    settings.WALLSCREEN_POLL_SECONDS = 1
    errors = BrowserErrors()
    wall = pair(new_context, live_server, board_world, errors)
    pulse = open_now(board_world)
    expect(wall.locator("[data-pulse-panel]")).to_be_visible(timeout=5000)
    expect(wall.locator("[data-pulse-panel]")).to_contain_text("Tag temperaturen")
    expect(wall.locator(".wall-idea", has_text="Har du en idé?")).to_be_visible()
    wall.evaluate("() => { window.notReloaded = true; }")
    url = live_server.url + reverse("pulse_answer", args=[pulse.code])

    phones = [errors.watch(new_context(viewport=PHONE).new_page()) for _ in range(6)]
    first = phones[0]
    first.goto(url)
    shot(first, "phone-form-da", full_page=True)
    first.get_by_role("button", name="English").first.click()
    expect(first.get_by_role("heading", name="Take the temperature")).to_be_visible()
    shot(first, "phone-form-en", full_page=True)
    first.get_by_role("button", name="Dansk").first.click()
    expect(first.get_by_role("heading", name="Tag temperaturen")).to_be_visible()

    for n, phone in enumerate(phones[:4], start=1):
        answer_on_phone(phone, url, [n + 2, 5, 6, 7, n + 4])
    wall.wait_for_timeout(2500)  # two polls: still nothing about four people on the wall
    expect(wall.locator("[data-pulse-results]")).to_have_count(0)
    assert services.answers(pulse) == 4

    answer_on_phone(phones[4], url, [8, 5, 6, 7, 9], proposal="Mødefri fredag")
    results = wall.locator("[data-pulse-results]")
    expect(results).to_be_visible(timeout=5000)
    expect(results.locator("svg.pulse-histogram")).to_have_count(5)
    assert wall.evaluate(PEOPLE_ON_WALL) == [5] * 5
    shot(wall, "wall-panel-histograms")

    answer_on_phone(phones[5], url, [2, 2, 2, 2, 2])
    wall.wait_for_function(
        """() => Array.from(document.querySelectorAll('[data-pulse-results] svg'))
            .every(svg => Array.from(svg.querySelectorAll('rect title'))
                .reduce((s, t) => s + parseInt(t.textContent, 10), 0) === 6)""",
        timeout=5000,
    )
    assert wall.evaluate("() => window.notReloaded") is True  # grew without a reload
    # The board itself still fits the screen beside the band.
    width, height = wall.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
    )
    assert width <= 1920 and height <= 1080
    shot(wall, "wall-panel-histograms-6")

    # The same phone again is refused, and nothing is counted twice.
    errors.expected_statuses.add(409)
    phones[0].goto(url)
    expect(phones[0].get_by_role("heading", name="Du har allerede svaret")).to_be_visible()
    assert services.answers(pulse) == 6
    errors.assert_none()


def test_the_member_sees_results_and_the_trend(
    page: Page, live_server, board_world: BoardWorld, browser_errors
):
    now = timezone.now()
    for days, base in ((90, 4), (60, 5), (30, 7)):
        opens = now - datetime.timedelta(days=days)
        pulse = services.open_pulse(
            amg=board_world.amg,
            opens_at=opens,
            closes_at=opens + datetime.timedelta(days=2),
            now=opens,
        )
        Pulse.objects.filter(pk=pulse.pk).update(closes_at=now + datetime.timedelta(days=1))
        pulse.refresh_from_db()
        for i in range(6):
            answer(pulse, min(10, base + i % 3), proposal="Stillerum" if i == 0 else "")
        services.close_pulse(pulse=pulse, now=opens + datetime.timedelta(days=2))
    page.set_viewport_size({"width": 1280, "height": 900})
    browser_errors.watch(page)
    log_in(page, live_server, board_world.email)
    page.goto(live_server.url + reverse("pulse_list", args=[board_world.amg.pk]))
    expect(page.locator("svg.chart-trend")).to_have_count(5)
    shot(page, "trend", full_page=True)
    page.goto(live_server.url + reverse("pulse_detail", args=[board_world.amg.pk, pulse.pk]))
    expect(page.locator("svg.chart-histogram")).to_have_count(5)
    shot(page, "results", full_page=True)
    browser_errors.assert_none()


def test_the_panel_leaves_the_wall_when_the_pulse_closes_on_time(
    new_context, live_server, board_world: BoardWorld, settings
):
    settings.WALLSCREEN_POLL_SECONDS = 1
    errors = BrowserErrors()
    wall = pair(new_context, live_server, board_world, errors)
    now = timezone.now()
    services.open_pulse(
        amg=board_world.amg,
        opens_at=now - datetime.timedelta(minutes=1),
        closes_at=now + datetime.timedelta(seconds=6),
        now=now,
    )
    panel = wall.locator("[data-pulse-panel]")
    expect(panel).to_be_visible(timeout=4000)
    # Nothing changes on the server when the time runs out (no ETag change until the next
    # quarter-hour), yet the panel goes when the pulse closes.
    expect(panel).to_have_count(0, timeout=10000)
    errors.assert_none()


def test_the_demo_wall_shows_the_open_pulse_beside_the_board(new_context, live_server):
    from composition.demo.workplace import SCHOOL, load_demo
    from forkant.models import AMG
    from tests.e2e.test_wall_from_3m import pair as pair_amg

    load_demo()
    errors = BrowserErrors()
    wall = pair_amg(new_context, live_server, AMG.objects.get(name=SCHOOL), errors)
    expect(wall.locator("[data-pulse-panel]")).to_be_visible()
    expect(wall.locator("[data-pulse-results] svg.pulse-histogram")).to_have_count(5)
    expect(wall.locator(".wall-card").first).to_be_visible()
    shot(wall, "wall-demo")
    errors.assert_none()
