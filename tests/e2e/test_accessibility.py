"""axe-core over every page the personas can reach: each persona logs in and follows every
link from the dashboard (tests/crawl.py), so pages added later are covered too. No serious or
critical violation anywhere; the public pages and the wall screen are checked as well."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import Page

from composition.demo.workplace import load_demo
from forkant import services
from forkant.models import AMG
from tests.crawl import Page as CrawledPage
from tests.crawl import crawl
from tests.e2e.conftest import BrowserErrors

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PERSONAS = ["leder@demo.dk", "laeser@demo.dk", "amr2@demo.dk", "admin@demo.dk"]
SERIOUS = {"serious", "critical"}


class AxeCrawler:
    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.axe = Axe()
        self.violations: list[str] = []
        self.checked: list[str] = []

    def fetch(self, path: str) -> CrawledPage | None:
        response = self.page.goto(self.base_url + path)
        if response is None or not response.headers.get("content-type", "").startswith("text/html"):
            return None
        self.check(path)
        return CrawledPage(path, response.status, self.page.content())

    def check(self, label: str) -> None:
        self.checked.append(label)
        results = self.axe.run(self.page)
        for violation in results.response["violations"]:
            if violation["impact"] in SERIOUS:
                targets = [node["target"] for node in violation["nodes"]][:3]
                self.violations.append(
                    f"{label}: {violation['id']} ({violation['impact']}) {targets}"
                )


def log_in(page: Page, base_url: str, email: str) -> None:
    page.goto(f"{base_url}/log-ind/")
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill("demo1234")
    with page.expect_navigation():
        page.get_by_role("button", name="Log ind").click()
    assert "/log-ind/" not in page.url


def test_every_page_the_personas_reach_has_no_serious_axe_violations(
    live_server, new_context, browser_errors: BrowserErrors
) -> None:
    load_demo()
    checked: list[str] = []
    violations: list[str] = []
    for email in PERSONAS:
        page = browser_errors.watch(new_context().new_page())
        log_in(page, live_server.url, email)
        crawler = AxeCrawler(page, live_server.url)
        # The search's results are reached through its form, not a link.
        starts = ["/", "/konto/", "/konto/totrinslogin/", "/soeg/?q=stress", "/soeg/?q=&"]
        crawl(crawler.fetch, starts, per_pattern=2)
        # The dialog versions of a card and a form (opened in place on the board).
        if email == "leder@demo.dk":
            board = next(p for p in crawler.checked if p.endswith("/tavle/"))
            page.goto(live_server.url + board)
            page.locator(".card a").first.click()
            page.locator("#dialog[open]").wait_for()
            crawler.check(f"{board} (card dialog)")
        checked += [f"{email} {p}" for p in crawler.checked]
        violations += crawler.violations

    anonymous = AxeCrawler(new_context().new_page(), live_server.url)
    crawl(anonymous.fetch, ["/log-ind/", "/adgangskode/glemt/", "/tilgaengelighed/"])
    checked += anonymous.checked
    violations += anonymous.violations

    # The wall screen, paired like a TV.
    amg = AMG.objects.get(name="Solsikkeskolen")
    _screen, token = services.create_wall_screen(
        amg=amg, name="Gangen", created_by=None, now=timezone.now()
    )
    tv = new_context(viewport={"width": 1920, "height": 1080}).new_page()
    tv.goto(f"{live_server.url}/skaerm/par/{token}/")
    tv.wait_for_url("**/skaerm/")
    tv.locator(".wall-cell").first.wait_for()
    wall = AxeCrawler(tv, live_server.url)
    wall.check("/skaerm/")
    violations += wall.violations

    assert len(checked) > 40, checked
    assert any("/handlinger/" in p for p in checked)
    assert any("/organisation/" in p for p in checked)
    assert violations == [], "\n".join(violations)
    browser_errors.assert_none()


def test_the_axe_check_reports_a_contrast_failure(page: Page) -> None:
    page.set_content(
        '<!doctype html><html lang="da"><title>x</title><main>'
        '<p style="color:#bbb;background:#fff">Næsten usynlig tekst</p></main></html>'
    )
    crawler = AxeCrawler(page, "")
    crawler.check("test")
    assert any("color-contrast" in v for v in crawler.violations)
