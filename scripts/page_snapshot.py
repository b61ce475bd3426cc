"""Snapshot every page the demo's people reach, to show that a change of code layout changes no
output: run it before and after against copies of one database and diff the two folders.

    cp db.sqlite3 /tmp/a.sqlite3 && cp db.sqlite3 /tmp/b.sqlite3
    python scripts/page_snapshot.py /tmp/a.sqlite3 /tmp/before   # on the old commit
    python scripts/page_snapshot.py /tmp/b.sqlite3 /tmp/after    # on the new commit
    diff -r /tmp/before /tmp/after

Each page is saved with its status line; per-request values (CSRF tokens, CSP nonces) are
replaced by placeholders so that only a real change of output shows in the diff. Downloads
(CSV, iCalendar, the personal-data JSON) are saved too; PDFs are left out (they carry their
creation time).
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PERSONAS = [
    "leder@demo.dk",
    "amr@demo.dk",
    "tr@demo.dk",
    "laeser@demo.dk",
    "amr2@demo.dk",
    "leder2@demo.dk",
    "admin@demo.dk",
    "overblik@demo.dk",
]
START = ["/", "/konto/", "/konto/totrinslogin/", "/konto/paamindelser/"]
PUBLIC = ["/log-ind/", "/adgangskode/glemt/", "/tilgaengelighed/", "/privatliv/", "/findes-ikke/"]
DOWNLOADS = (".csv", ".ics", ".json")
HREF = re.compile(r'href="([^"]+)"')

VOLATILE = [
    (re.compile(r'csrfmiddlewaretoken" value="[^"]+"'), 'csrfmiddlewaretoken" value="…"'),
    (re.compile(r'"X-CSRFToken": "[^"]+"'), '"X-CSRFToken": "…"'),
    (re.compile(r'nonce="[^"]+"'), 'nonce="…"'),
    # Made afresh on a page view: a new two-factor secret, an idea-form code made on first use.
    (re.compile(r'<svg[^>]*class="(?:segno|qr)".*?</svg>', re.S), "<svg>QR</svg>"),
    (re.compile(r'id="totp-secret">[^<]+<'), 'id="totp-secret">…<'),
    (re.compile(r"/ide/[a-z0-9]{7}/"), "/ide/…/"),
    # The clock: the time of rendering (minutes) and the personal-data download's stamps.
    (re.compile(r"kl\. \d\d\.\d\d"), "kl. …"),
    (re.compile(r'"(exported_at|last_login)": "[^"]+"'), r'"\1": "…"'),
]


def normalise(text: str) -> str:
    for pattern, replacement in VOLATILE:
        text = pattern.sub(replacement, text)
    return text


def main(database: str, out: str) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{Path(database).resolve()}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forkant.settings")
    os.environ.setdefault("DEBUG", "true")
    import django

    django.setup()
    from django.test import Client
    from django.test.utils import setup_test_environment

    from forkant.models import User
    from tests.crawl import Page, crawl

    setup_test_environment()  # the test client's ALLOWED_HOSTS and templates' rendering info
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)

    def save(persona: str, path: str, status: int, body: str) -> None:
        name = quote(path, safe="") or "root"
        target = folder / persona / name[:200]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"{status}\n{normalise(body)}")

    for persona in [*PERSONAS, "anonymous"]:
        client = Client()
        if persona != "anonymous":
            client.force_login(User.objects.get(email=persona))
        downloads: set[str] = set()

        def fetch(
            path: str,
            client: Client = client,
            persona: str = persona,
            downloads: set[str] = downloads,
        ) -> Page | None:
            response = client.get(path)
            content_type = response.get("Content-Type", "")
            body = response.content.decode(errors="replace")
            save(persona, path, response.status_code, body)
            if not content_type.startswith("text/html"):
                return None
            for href in HREF.findall(body):
                raw = href.replace("&amp;", "&").split("#")[0]
                if raw.startswith("/") and raw.split("?")[0].endswith(DOWNLOADS):
                    downloads.add(raw)
            return Page(path, response.status_code, body)

        start = PUBLIC if persona == "anonymous" else START
        pages = crawl(fetch, start, per_pattern=25, limit=5000)
        for path in sorted(downloads):
            response = client.get(path)
            save(persona, path, response.status_code, response.content.decode(errors="replace"))
        print(f"{persona}: {len(pages)} pages, {len(downloads)} downloads")


if __name__ == "__main__":
    main(*sys.argv[1:3])
