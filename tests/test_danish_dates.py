"""No ISO dates ("2026-12-06") in the Danish text people read: on every page the demo's people
reach, in what the pages write onto cards, and in the source notes' place on the answer form."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.utils import timezone

from composition.demo.workplace import load_demo
from forkant.models import User
from tests.crawl import Page, crawl

ISO_DATE = re.compile(r"\b(19|20)\d\d-[01]\d-[0-3]\d\b")
PERSONAS = ["leder@demo.dk", "amr@demo.dk", "admin@demo.dk"]


class _Text(HTMLParser):
    """The text a person reads: no attributes (a date field's value is ISO by the standard), no
    scripts or styles."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def iso_dates_in(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    text = " ".join(parser.parts)
    return [text[max(m.start() - 30, 0) : m.end() + 10] for m in ISO_DATE.finditer(text)]


def fetcher(client: Client):  # type: ignore[no-untyped-def]
    def fetch(path: str) -> Page | None:
        response = client.get(path, follow=True)
        if not response.get("Content-Type", "").startswith("text/html"):
            return None
        return Page(path, response.status_code, response.content.decode())

    return fetch


@pytest.mark.django_db
def test_no_page_the_personas_reach_shows_an_iso_date():
    load_demo()
    pages: list[Page] = []
    for email in PERSONAS:
        client = Client()
        client.force_login(User.objects.get(email=email))
        pages += crawl(fetcher(client), ["/", "/konto/"])
    assert len(pages) > 40
    found = [f"{p.path}: …{hit}…" for p in pages for hit in iso_dates_in(p.html)]
    assert found == [], "\n".join(found)


def test_the_check_sees_an_iso_date_in_text_but_not_in_a_fields_value():
    html = '<p>Besluttet (2026-12-06)</p><input type="date" value="2026-12-06">'
    assert iso_dates_in(html) == ["Besluttet (2026-12-06)"]


def test_a_decision_from_a_round_dates_its_card_in_danish(world):
    from metoder.instruments import services as rounds
    from metoder.instruments.models import DecisionKind

    now = timezone.make_aware(timezone.datetime(2026, 12, 6, 10, 0))
    round_ = rounds.open_round(
        amg=world.amg,
        instrument_key="opgavepyramiden",
        by=world.leder,
        participants=[world.leder],
        now=now,
    )
    decision = rounds.decide(
        round_=round_,
        kind=DecisionKind.ACTION,
        text="Fast punkt om trivsel",
        item_key="basale",
        by=world.leder,
        now=now,
    )
    assert "(6. december 2026)" in decision.action.why
    assert not ISO_DATE.search(decision.action.why)
