"""Browser tests: Playwright drives Debian's chromium against pytest-django's live_server.

Playwright must never download a browser of its own, and chromium must not try to reach the
internet from here (the background-networking flags).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Error, Page

from forkant.models import AMG, Membership, Role
from handleplan.models import Action, Status, Theme
from tests import builders
from tests.e2e import chromium

# Playwright's sync API runs an event loop in the test thread; Django's ORM would refuse to run
# beside it without this.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

LOCALE = "da-DK"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):  # type: ignore[no-untyped-def]
    return {
        **browser_type_launch_args,
        "executable_path": chromium.EXECUTABLE,
        "args": chromium.ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):  # type: ignore[no-untyped-def]
    return {**browser_context_args, "locale": LOCALE}


# Console and page errors ----------------------------------------------------------------------

# Chromium reports every 4xx/5xx answer to a script's request as a console error. A test that
# expects one (the 422 of a form with errors) names its status; everything else counts.
_NETWORK_STATUS = re.compile(
    r"Failed to load resource: the server responded with a status of (\d+)"
)


@dataclass
class BrowserErrors:
    """Console errors (CSP violations show up here as "Refused to …") and uncaught exceptions."""

    console: list[str] = field(default_factory=list)
    page: list[str] = field(default_factory=list)
    expected_statuses: set[int] = field(default_factory=set)

    def watch(self, page: Page) -> Page:
        page.on("console", self._on_console)
        page.on("pageerror", self._on_page_error)
        return page

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        location = message.location.get("url", "") if message.location else ""
        status = _NETWORK_STATUS.search(message.text)
        if status and int(status.group(1)) in self.expected_statuses:
            return
        self.console.append(f"{message.text} ({location})")

    def _on_page_error(self, error: Error) -> None:
        self.page.append(f"{error.name}: {error.message}")

    @property
    def all(self) -> list[str]:
        return self.console + self.page

    def assert_none(self) -> None:
        assert self.all == [], "Errors in the browser:\n" + "\n".join(self.all)


# Data -----------------------------------------------------------------------------------------


@dataclass
class BoardWorld:
    amg: AMG
    member: Membership
    stress: Theme
    noise: Theme
    card: Action  # "Fælles aftaler om mails", public, Startet, under stress
    noise_card: Action  # public, Startet, under noise
    secret: Action  # confidential, Startet, under stress

    @property
    def email(self) -> str:
        return self.member.user.email

    def url(self, live_server, path: str) -> str:  # type: ignore[no-untyped-def]
        return f"{live_server.url}/amg/{self.amg.pk}/{path}"


@pytest.fixture
def board_world(transactional_db) -> BoardWorld:  # type: ignore[no-untyped-def]
    organisation = builders.make_organisation("Testkommune")
    amg = builders.make_amg(organisation, "Skolen ved Søen")
    member = builders.make_member(
        amg, builders.make_user("amr@example.dk", first_name="Anne", last_name="Møller"), Role.AMR
    )
    stress = builders.make_theme(amg, "Forebyggelse af stress")
    noise = builders.make_theme(amg, "Støj i kantinen")
    card = builders.make_action(
        amg, stress, title="Fælles aftaler om mails", status=Status.STARTET, responsible=member
    )
    noise_card = builders.make_action(
        amg, noise, title="Lydabsorberende plader", status=Status.STARTET
    )
    secret = builders.make_action(
        amg,
        stress,
        title="Samtale med Jens om sygefravær",
        status=Status.STARTET,
        confidential=True,
    )
    return BoardWorld(amg, member, stress, noise, card, noise_card, secret)


# Pages ----------------------------------------------------------------------------------------


@pytest.fixture
def browser_errors() -> BrowserErrors:
    return BrowserErrors()


def log_in(page: Page, live_server, email: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{live_server.url}/log-ind/")
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill(builders.PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Log ind").click()
    assert "/log-ind/" not in page.url, f"login failed, still on {page.url}"


@pytest.fixture
def member_page(page: Page, live_server, board_world: BoardWorld, browser_errors) -> Page:  # type: ignore[no-untyped-def]
    """A write member, logged in through the login form, with errors collected from the start."""
    browser_errors.watch(page)
    log_in(page, live_server, board_world.email)
    return page


@pytest.fixture
def new_context(browser: Browser):  # type: ignore[no-untyped-def]
    """Extra, separate browser contexts (no shared cookies), e.g. the TV on the wall."""
    contexts: list[BrowserContext] = []

    def make(**kwargs: object) -> BrowserContext:
        context = browser.new_context(locale=LOCALE, **kwargs)  # type: ignore[arg-type]
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
