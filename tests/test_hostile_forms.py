"""Hostile input across every form the personas reach, found by crawling the demo workplace as a
leder, an organisation admin and an anonymous visitor (one form per URL pattern):

- the Big List of Naughty Strings (tests/data/blns.json, all of it, see tests/data/README.md)
  into every text field, several strings per request: never a 500, nothing echoed unescaped,
  and afterwards no page the personas reach shows any of it unescaped;
- digits of other scripts ("²", "١٢٣", "１２") into every numeric field: a 4xx (the form's
  error), never a 500 and never read as a number; and into every number in a query string of
  a link the personas follow: never a 500.

The per-view junk tests (tests/apv/test_hostile_input.py, tests/forkant/test_security.py) and
the numeric fields' own test (tests/forkant/test_unicode_digits.py) sit beside this one.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from django.test import Client
from django.test.client import RedirectCycleError

from composition.demo.workplace import load_demo
from forkant.models import User
from tests.crawl import Page, crawl, pattern_of
from tests.forms import Form, one_form_per_pattern
from tests.test_html_validity import PUBLIC, fetcher

BLNS: list[str] = json.loads((Path(__file__).parent / "data" / "blns.json").read_text("utf-8"))
UNICODE_DIGITS = ["²", "⁰⁴⁵", "١٢٣", "１２"]
STARTS = ["/", "/konto/", "/konto/totrinslogin/", "/soeg/?q=stress"]
# A raw tag that carries script: what an unescaped echo of the list's XSS strings looks like.
# Escaped text can only sit in a tag inside a quoted attribute value, so those are left out,
# except where a link or a source would run script. Our own templates never write such a tag
# (a strict CSP: no inline handlers, no inline scripts, no javascript: links).
RAW_TAG = re.compile(r"<[a-zA-Z][^<>]*>?")
QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'")
SCRIPTY = re.compile(r"alert\(|prompt\(|javascript:|[\s/]on[a-z]+\s*=", re.IGNORECASE)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data"}
CONTROLS = "".join(map(chr, range(0x21)))  # what a browser skips before a URL's scheme
# An attribute as the browser reads it: its name outside any quoted value, then its value
# (quoted or bare); text that only looks like `src=javascript:` inside another attribute's
# quoted value (an escaped echo in a form field's value) is not an attribute.
ATTRIBUTE = re.compile(r"""([^\s"'=<>/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")


def url_runs_script(tag: str) -> bool:
    inside = re.sub(r"^<[a-zA-Z][^\s/>]*", "", tag)
    for name, value in ATTRIBUTE.findall(inside):
        text = value[1:-1] if value[:1] in "\"'" and value else value
        if name.lower() in URL_ATTRIBUTES and text.lstrip(CONTROLS).lower().startswith(
            "javascript:"
        ):
            return True
    return False


def scripted_tags(html: str) -> list[str]:
    tags = [
        tag
        for tag in RAW_TAG.findall(html)
        if SCRIPTY.search(QUOTED.sub('""', tag)) or url_runs_script(tag)
    ]
    return tags + re.findall(r"<script>[^<]{0,40}", html, re.IGNORECASE)


def echoed(html: str, sent: list[str]) -> list[str]:
    """The strings sent that show up verbatim with their markup ("<" and a letter): escaped,
    they never would. (A quote breaking out of an attribute is what `scripted_tags` sees.)"""
    return [s for s in sent if re.search(r"<[a-zA-Z/!]", s) and s.strip() in html]


class Personas:
    def __init__(self) -> None:
        self.clients: dict[str, Client] = {}
        for email in ("leder@demo.dk", "admin@demo.dk"):
            client = Client(raise_request_exception=False)
            client.force_login(User.objects.get(email=email))
            self.clients[email] = client
        self.clients["anonymous"] = Client(raise_request_exception=False)

    def pages(self) -> dict[str, list[Page]]:
        return {
            who: crawl(fetcher(client), PUBLIC if who == "anonymous" else STARTS, per_pattern=1)
            for who, client in self.clients.items()
        }


@pytest.fixture
def personas(db) -> Personas:  # type: ignore[no-untyped-def]
    load_demo()
    return Personas()


def send(client: Client, form: Form, data: dict[str, list[str]]):  # type: ignore[no-untyped-def]
    if form.method == "post":
        return client.post(form.action, data)
    return client.get(form.action, data)


def html_of(response) -> str:  # type: ignore[no-untyped-def]
    if not response.get("Content-Type", "").startswith("text/html"):
        return ""
    return response.content.decode()


def test_the_checks_see_an_unescaped_echo_and_pass_our_own_pages():
    assert scripted_tags('<p>ok</p><img src=x onerror=alert(1)><a href="javascript:x">')
    assert not scripted_tags("<p>&lt;img src=x onerror=alert(1)&gt;</p>")
    assert not scripted_tags('<input value="&quot;&gt;&lt;script&gt;alert(1)" name="t">')
    assert scripted_tags('<input value="" onfocus=alert(1) autofocus name="t">')
    assert echoed('<td>"><script>alert(1)</script></td>', ['"><script>alert(1)</script>'])
    assert scripted_tags('<input value="" onfocus=alert(1) x="">')
    assert not echoed("<td>&quot;&gt;&lt;script&gt;</td>", ['"><script>'])
    # A URL attribute runs script; the same words escaped inside another attribute's value do not.
    assert scripted_tags("<img src=javascript:alert(1)>")
    assert scripted_tags("<a HREF=' javascript:x'>")
    assert not scripted_tags('<input value="&lt;IMG SRC=javascript:alert(1)&gt;" name="t">')


def test_the_naughty_strings_in_every_text_field_never_give_a_500_nor_an_unescaped_echo(
    personas,
):
    assert len(BLNS) >= 485
    pages = personas.pages()
    forms = {
        who: one_form_per_pattern(found, lambda f: bool(f.text_fields))
        for who, found in pages.items()
    }
    for who, found in pages.items():  # our own pages pass the check before anything is posted
        assert not [p.path for p in found if scripted_tags(p.html)], who
    every = [(who, form) for who, found in forms.items() for form in found]
    assert len(every) >= 40, [(who, f.key) for who, f in every]
    # Each string into at least two forms; each form gets at least three requests.
    fields = sum(len(form.text_fields) for _who, form in every)
    rounds = max(3, math.ceil(2 * len(BLNS) / fields))
    strings = itertools.cycle(BLNS)
    failures: list[str] = []
    posted = 0
    for who, form in every:
        client = personas.clients[who]
        for _ in range(rounds):
            data = form.data()
            sent = []
            for name in form.text_fields:
                sent.append(next(strings))
                data[name] = [sent[-1]]
            response = send(client, form, data)
            posted += 1
            where = f"{who} {form.method.upper()} {form.action} ({form.page})"
            if response.status_code >= 500:
                failures.append(f"{where}: {response.status_code} for {sent!r}")
            html = html_of(response)
            if echoed(html, sent) or scripted_tags(html):
                shown = [
                    html[max(0, html.index(e.strip()) - 150) : html.index(e.strip()) + 60]
                    for e in echoed(html, sent)
                ] or scripted_tags(html)[:3]
                failures.append(f"{where}: echoed unescaped {shown!r}")
    assert posted >= 2 * len(BLNS) / 4
    # Then every page again, as each persona: what was saved shows escaped everywhere.
    for who, found in personas.pages().items():
        for page in found:
            if page.status >= 500:
                failures.append(f"{who} GET {page.path}: {page.status} after the strings")
            if scripted_tags(page.html):
                failures.append(f"{who} GET {page.path}: {scripted_tags(page.html)[:3]}")
    assert failures == [], "\n".join(failures[:40])


def test_unicode_digits_in_every_numeric_field_and_query_number_are_refused(personas):
    pages = personas.pages()
    failures: list[str] = []
    checked: list[str] = []
    for who, found in pages.items():
        client = personas.clients[who]
        for form in one_form_per_pattern(found, lambda f: bool(f.numeric_fields)):
            for digits in UNICODE_DIGITS:
                data = form.data()
                for name in form.numeric_fields:
                    data[name] = [digits]
                response = send(client, form, data)
                checked.append(f"{form.action} {form.numeric_fields}")
                if not 400 <= response.status_code < 500:
                    failures.append(
                        f"{who} {form.method.upper()} {form.action} {form.numeric_fields}="
                        f"{digits!r}: {response.status_code}"
                    )
        # Every number in a query string of a link followed, once per (pattern, parameter).
        seen: set[tuple[str, str]] = set()
        for page in found:
            parts = urlsplit(page.path)
            query = parse_qsl(parts.query, keep_blank_values=True)
            for i, (name, value) in enumerate(query):
                if not value.isascii() or not value.isdigit():
                    continue
                if (pattern_of(parts.path), name) in seen:
                    continue
                seen.add((pattern_of(parts.path), name))
                for digits in UNICODE_DIGITS:
                    changed = [*query[:i], (name, digits), *query[i + 1 :]]
                    url = f"{parts.path}?{urlencode(changed)}"
                    try:
                        response = client.get(url)
                    except RedirectCycleError:  # pragma: no cover - would be a bug of its own
                        failures.append(f"{who} GET {url}: redirect cycle")
                        continue
                    checked.append(url)
                    if response.status_code >= 500:
                        failures.append(f"{who} GET {url}: {response.status_code}")
    assert len({c.split(" ")[0] for c in checked}) >= 8, checked
    assert failures == [], "\n".join(failures)
