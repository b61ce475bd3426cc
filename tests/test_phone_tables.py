"""On a phone a table's rows stack into blocks, and its header row is hidden (app.css, "Phones and
narrow windows"). Each value must keep its column's name then, or the page shows "Nej", "–" and
"Ja" alone. So on every page the demo's people reach, every cell of a stacking table carries a
`data-label` equal to its column's header (CSS draws it before the value on a phone).

Tables that keep their columns on a phone (they scroll sideways instead) are left out; so are
cells of buttons and cells spanning several columns.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.test import Client

from composition.demo.workplace import load_demo
from forkant.models import User
from tests.crawl import Page, crawl

# The tables app.css keeps as tables on a phone (`display: table-row` again, or a scroll box).
KEEP_COLUMNS = {"absence-table", "overview-table", "profile-table", "compare-table"}
EXEMPT_CELLS = {"row-actions", "cell-actions", "training-cell"}
PERSONAS = ["leder@demo.dk", "admin@demo.dk", "laeser@demo.dk"]


class _Tables(HTMLParser):
    """Each `table.table`'s header texts and body rows: (tag, attrs, text) per cell."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[dict] = []
        self._stack: list[dict] = []
        self._cell: dict | None = None
        self._section = ""
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "table":
            classes = set(a.get("class", "").split())
            table = {"classes": classes, "head": [], "rows": [], "watched": "table" in classes}
            self._stack.append(table)
            if table["watched"]:
                self.tables.append(table)
        elif not self._stack:
            return
        elif tag in ("thead", "tbody", "tfoot"):
            self._section = tag
        elif tag == "tr" and self._section == "tbody":
            self._stack[-1]["rows"].append([])
        elif tag in ("th", "td"):
            self._cell = {"tag": tag, "attrs": a, "text": ""}
        elif tag == "span" and "visually-hidden" in a.get("class", ""):
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if not self._stack:
            return
        table = self._stack[-1]
        if tag == "table":
            self._stack.pop()
        elif tag in ("th", "td") and self._cell is not None:
            cell, self._cell = self._cell, None
            cell["text"] = " ".join(cell["text"].split())
            if self._section == "thead":
                table["head"].append(cell["text"])
            elif self._section == "tbody" and table["rows"]:
                table["rows"][-1].append(cell)
        elif tag == "span" and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell["text"] += data


def unlabelled_cells(page: Page) -> list[str]:
    parser = _Tables()
    parser.feed(page.html)
    problems = []
    for table in parser.tables:
        if table["classes"] & KEEP_COLUMNS or not table["head"]:
            continue
        for row in table["rows"]:
            for index, cell in enumerate(row):
                attrs = cell["attrs"]
                if cell["tag"] == "th" or "colspan" in attrs:
                    continue
                if set(attrs.get("class", "").split()) & EXEMPT_CELLS:
                    continue
                header = table["head"][index] if index < len(table["head"]) else ""
                label = " ".join(attrs.get("data-label", "").split())
                if label != header:
                    problems.append(
                        f"{page.path}: “{cell['text'][:40]}” has label “{label}”, "
                        f"its column is “{header}”"
                    )
    return problems


def fetcher(client: Client):  # type: ignore[no-untyped-def]
    def fetch(path: str) -> Page | None:
        response = client.get(path, follow=True)
        if not response.get("Content-Type", "").startswith("text/html"):
            return None
        return Page(path, response.status_code, response.content.decode())

    return fetch


@pytest.mark.django_db
def test_every_stacking_table_the_personas_reach_labels_its_cells_for_a_phone():
    load_demo()
    pages: list[Page] = []
    for email in PERSONAS:
        client = Client()
        client.force_login(User.objects.get(email=email))
        pages += crawl(fetcher(client), ["/", "/konto/"])
    tables = [p for p in pages if 'class="table' in p.html]
    assert len(tables) > 15  # the crawl reached the pages with tables
    problems = [problem for page in pages for problem in unlabelled_cells(page)]
    assert problems == [], "\n".join(problems)


def test_the_check_finds_a_cell_without_its_label():
    html = (
        '<table class="table"><thead><tr><th>Dato</th><th>AMO</th></tr></thead>'
        '<tbody><tr><td data-label="Dato">1.2.2026</td><td>Nej</td></tr></tbody></table>'
    )
    assert unlabelled_cells(Page("/x/", 200, html)) == [
        "/x/: “Nej” has label “”, its column is “AMO”"
    ]
