"""No inline style and no inline script anywhere: what the strict Content-Security-Policy
(`style-src 'self'`, `script-src 'self'`) would refuse is never sent or made in the browser.

Checked at every source of it: the templates, the scripts in static/js, the HTML the Python code
writes (charts, QR codes), every page the personas reach, and the htmx include itself (whose debug
helper, with DEBUG on, swapped Django's error page — inline styles and eval() — into the page).
E-mail templates are exempt: mail clients need inline styles, and no browser applies our CSP
to them. The browser side is tests/e2e/test_csp.py.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.test import Client

from composition.demo.workplace import load_demo
from forkant.models import User
from tests.crawl import Page, crawl

ROOT = Path(__file__).resolve().parents[1]
APPS = ("forkant", "handleplan", "apv", "metoder", "composition")


def templates() -> list[Path]:
    found = sorted((ROOT / "templates").rglob("*.html"))
    for app in APPS:
        found += sorted((ROOT / app).rglob("templates/**/*.html"))
    return [path for path in found if "email" not in path.relative_to(ROOT).as_posix()]


class _InlineStyles(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {name for name, _value in attrs}
        if tag == "style":
            self.found.append("<style>")
        if "style" in names:
            self.found.append(f"<{tag} style=…>")
        if tag == "script" and "src" not in names and dict(attrs).get("type") != "application/json":
            self.found.append("inline <script>")
        self.found += [f"<{tag} {name}=…>" for name in names if name.startswith("on")]


def inline_styles(html: str) -> list[str]:
    parser = _InlineStyles()
    parser.feed(html)
    return parser.found


def test_the_checker_finds_what_the_policy_refuses():
    html = '<p style="color:red">x</p><style>p{}</style><script>1</script><a onclick="x">'
    assert inline_styles(html) == [
        "<p style=…>",
        "<style>",
        "inline <script>",
        "<a onclick=…>",
    ]


@pytest.mark.parametrize("path", templates(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_template_has_an_inline_style_or_script(path):
    text = path.read_text()
    assert not re.search(r"\sstyle\s*=", text), "a style attribute"
    assert "<style" not in text, "a <style> element"
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), "an inline <script>"
    assert not re.search(r"\son[a-z]+\s*=", text), "an inline event handler"


# What a script may not do under the policy: write a style attribute or style element, or
# evaluate strings as code. (Setting a class, or `hidden`, is how the scripts show state.)
FORBIDDEN_JS = [
    r"\.style\b",
    r"cssText",
    r"setAttribute\(\s*[\"']style",
    r"insertAdjacentHTML",
    r"<style",
    r"\beval\(",
    r"new Function\(",
]


SCRIPTS = sorted((ROOT / "static" / "js").glob("*.js"))


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.name)
def test_no_script_writes_styles_or_evaluates_code(path):
    text = path.read_text()
    found = [pattern for pattern in FORBIDDEN_JS if re.search(pattern, text)]
    assert found == [], f"{path.name}: {found}"


@pytest.mark.parametrize(
    "path",
    [p for app in APPS for p in sorted((ROOT / app).rglob("*.py")) if "migrations" not in p.parts],
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_no_python_module_writes_a_style_attribute(path):
    # SVG charts, the QR code and the wheel are drawn with presentation attributes only.
    assert not re.search(r"""\sstyle=\\?["']""", path.read_text())


def test_htmx_is_included_without_its_debug_helper_even_with_debug_on(world, settings):
    settings.DEBUG = True
    html = world.client_for("leder").get(f"/amg/{world.amg.pk}/tavle/").content.decode()
    assert "django_htmx/htmx-2.min.js" in html
    assert "django-htmx.js" not in html


def test_every_page_the_personas_reach_has_no_inline_style_or_script(db):
    load_demo()
    found = {}
    for email in ("leder@demo.dk", "admin@demo.dk"):
        client = Client()
        client.force_login(User.objects.get(email=email))

        def fetch(path: str, client: Client = client) -> Page | None:
            response = client.get(path, follow=True)
            if not response.get("Content-Type", "").startswith("text/html"):
                return None
            return Page(path, response.status_code, response.content.decode())

        for page in crawl(fetch, ["/"], per_pattern=2):
            if problems := inline_styles(page.html):
                found[page.path] = sorted(set(problems))
    assert found == {}
