"""The self-assessment journey: three members answer the kompetencemodel on phone-sized pages,
the group opens the comparison, and a decision becomes a card on the board."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from forkant.models import Role
from metoder.instruments.models import Round
from tests import builders
from tests.e2e.conftest import BoardWorld, BrowserErrors, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
SCORES = {
    "Anne Møller": (4, 3, 4, 2, 3, 3),
    "Jonas Madsen": (4, 3, 3, 2, 4, 3),
    "Sara Holm": (2, 3, 4, 1, 3, 2),
}
KEYS = ("aabenhed", "innovation", "motivation", "tid_ressourcer", "systematik", "teknikker_viden")


def phone_member(new_context, live_server, email: str, errors: BrowserErrors) -> Page:  # type: ignore[no-untyped-def]
    page = errors.watch(new_context(**PHONE).new_page())
    log_in(page, live_server, email)
    return page


def answer_and_submit(page: Page, scores: tuple[int, ...], comment: str) -> None:
    for key, value in zip(KEYS, scores, strict=True):
        page.locator(f"#punkt-{key} .scale-step").nth(value - 1).click()
    page.get_by_label("Kommentar til jeres vurdering").fill(comment)
    # save, come back, then hand in
    page.get_by_role("button", name="Gem og fortsæt senere").click()
    expect(page.locator("#toasts")).to_contain_text("gemt")
    page.reload()
    expect(page.locator(f"#punkt-{KEYS[0]} input:checked")).to_have_value(str(scores[0]))
    page.get_by_role("button", name="Aflever mine svar").click()
    expect(page.get_by_role("heading", name="Arbejdsmiljøkompetencemodellen")).to_be_visible()


def test_three_members_answer_on_phones_compare_and_decide(
    member_page: Page, live_server, board_world: BoardWorld, browser_errors, new_context, tmp_path
):
    world = board_world
    builders.make_member(
        world.amg,
        builders.make_user("leder@example.dk", first_name="Jonas", last_name="Madsen"),
        Role.LEDER,
    )
    builders.make_member(
        world.amg,
        builders.make_user("tr@example.dk", first_name="Sara", last_name="Holm"),
        Role.TR,
    )
    phone_errors = BrowserErrors()
    anne = phone_member(new_context, live_server, world.email, phone_errors)
    jonas = phone_member(new_context, live_server, "leder@example.dk", phone_errors)
    sara = phone_member(new_context, live_server, "tr@example.dk", phone_errors)

    # Anne opens a round from the nav, on her phone; everyone is asked by default.
    anne.goto(world.url(live_server, "tavle/"))
    anne.get_by_role("link", name="Selvevaluering").click()
    anne.get_by_role("link", name=re.compile(r"^Åbn en runde\W+Arbejdsmiljøkompetence$")).click()
    anne.get_by_label("Anledning").fill("Før AMG-mødet i marts")
    anne.get_by_role("button", name="Åbn runden").click()
    expect(anne.get_by_role("heading", name="Dine svar")).to_be_visible()
    round_ = Round.objects.get()
    assert round_.participants.count() == 3
    answer_and_submit(anne, SCORES["Anne Møller"], "Tiden er det største problem.")
    # Anne has handed in; the others have not, so their answers are hidden from her so far.
    expect(anne.locator(".compare-table tbody tr").first).to_contain_text("skjult")

    for page, name in ((jonas, "Jonas Madsen"), (sara, "Sara Holm")):
        page.goto(world.url(live_server, "selvevaluering/"))
        page.get_by_role("link", name="Svar nu").click()
        # nobody anchors on another's answer: the answer page shows only one's own sheet
        expect(page.locator("body")).not_to_contain_text("Tiden er det største problem.")
        answer_and_submit(page, SCORES[name], f"{name.split()[0]}s kommentar")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390

    # The group opens the comparison on the laptop.
    member_page.set_viewport_size({"width": 1280, "height": 900})
    member_page.goto(world.url(live_server, f"selvevaluering/{round_.pk}/"))
    expect(member_page.get_by_role("heading", name="3 af 3 har afleveret")).to_be_visible()
    table = member_page.locator(".compare-table")
    for name in SCORES:
        expect(table.locator("thead")).to_contain_text(name)
    expect(table.locator("tbody tr").first).to_contain_text("uenige")  # 4, 4, 2 on åbenhed
    chart = member_page.locator(".profile-chart svg")
    expect(chart).to_be_visible()
    # Three members' lines and the average, each named; the legend draws each line's key.
    assert chart.locator("polygon:has(title), polyline:has(title)").count() == 3 + 1
    expect(member_page.locator(".chart-legend .legend-key")).to_have_count(3 + 1)
    expect(member_page.locator(".text-answers")).to_contain_text("Saras kommentar")
    chart.screenshot(path=tmp_path / "radar-1280.png")

    member_page.get_by_label("Hvad bliver det til").select_option("action")
    member_page.get_by_label("Beslutning", exact=True).fill("Fast halv time til arbejdsmiljø")
    member_page.get_by_label("Om punktet").select_option("tid_ressourcer")
    member_page.get_by_role("button", name="Gem beslutningen").click()
    expect(member_page.locator("#beslutninger")).to_contain_text("Fast halv time til arbejdsmiljø")
    member_page.get_by_role("link", name="se kortet på tavlen").click()
    expect(member_page.locator("#board")).to_contain_text("Fast halv time til arbejdsmiljø")
    expect(member_page.locator("#board")).to_contain_text("Arbejdsmiljøkompetence")

    anne.goto(world.url(live_server, f"selvevaluering/{round_.pk}/"))
    anne.locator(".profile-chart svg").screenshot(path=tmp_path / "radar-390.png")
    assert anne.evaluate("document.documentElement.scrollWidth") <= 390
    browser_errors.assert_none()
    phone_errors.assert_none()
