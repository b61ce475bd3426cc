"""Find every page a persona can reach by following links, from the dashboard and a few known
starting points. Used by the HTML validity test (Django's test client) and the accessibility
test (Playwright), so pages added later are covered without listing them.

Links are followed when they stay on the site and lead to an HTML page (not the admin site,
static files, downloads or the PDF). Pages of the same URL pattern are visited at most
`per_pattern` times (three cards' pages stand for all of them).
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

from django.urls import Resolver404, resolve

SKIPPED_PREFIXES = ("/drift/admin/", "/static/", "/sprog/", "/log-ud/")
SKIPPED_SUFFIXES = (".pdf", ".json", ".ics", ".csv", ".xlsx")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href and "download" not in dict(attrs):
                self.hrefs.append(href)


def links(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.hrefs


def local_path(href: str) -> str | None:
    """The site-local path of a link, or None for links we do not follow."""
    href, _fragment = urldefrag(href)
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    if parts.path.startswith(SKIPPED_PREFIXES) or parts.path.endswith(SKIPPED_SUFFIXES):
        return None
    return path


def pattern_of(path: str) -> str:
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return path
    return match.route or match.view_name


@dataclass
class Page:
    path: str
    status: int
    html: str


def crawl(
    fetch: Callable[[str], Page | None],
    start: Iterable[str],
    *,
    per_pattern: int = 3,
    limit: int = 300,
) -> list[Page]:
    """Breadth-first from `start`; `fetch` returns None for non-HTML answers."""
    queue = deque(start)
    seen: set[str] = set(queue)
    per: Counter[str] = Counter()
    pages: list[Page] = []
    while queue and len(pages) < limit:
        path = queue.popleft()
        pattern = pattern_of(path)
        if per[pattern] >= per_pattern:
            continue
        per[pattern] += 1
        page = fetch(path)
        if page is None:
            continue
        pages.append(page)
        for href in links(page.html):
            found = local_path(href)
            if found and found not in seen:
                seen.add(found)
                queue.append(found)
    return pages
