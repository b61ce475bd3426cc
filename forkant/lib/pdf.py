"""PDF rendering with WeasyPrint that never fetches anything from the network.

Documents link their stylesheet as /static/…; the fetcher answers those from the project's own
static files and refuses every other URL (http, file, data from elsewhere, …), as WeasyPrint's
security notes advise for documents that contain user-written text.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint import HTML
from weasyprint.document import Document
from weasyprint.urls import URLFetcher, URLFetcherResponse

# A base URL that can never be reached: relative links resolve against it, and the fetcher
# recognises it as "ours".
BASE_URL = "https://forkant.invalid/"


class RefusedURL(ValueError):
    pass


class StaticOnlyFetcher(URLFetcher):
    def __init__(self) -> None:
        super().__init__(allowed_protocols={"https"}, allow_redirects=False)
        self.fetched: list[str] = []
        self.refused: list[str] = []

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        path = self._static_path(url)
        if path is None:
            self.refused.append(url)
            raise RefusedURL(f"Refused to fetch {url!r}: only the project's static files.")
        self.fetched.append(url)
        mime, _encoding = mimetypes.guess_type(path.name)
        return URLFetcherResponse(
            url, path.read_bytes(), headers={"Content-Type": mime or "application/octet-stream"}
        )

    @staticmethod
    def _static_path(url: str) -> Path | None:
        parts = urlsplit(url)
        prefix = urlsplit(BASE_URL).netloc
        if parts.scheme != "https" or parts.netloc != prefix:
            return None
        static_prefix = settings.STATIC_URL
        if not parts.path.startswith(static_prefix):
            return None
        relative = unquote(parts.path[len(static_prefix) :])
        if ".." in Path(relative).parts:
            return None
        found = finders.find(relative)
        if found:
            return Path(found)
        collected = Path(settings.STATIC_ROOT) / relative
        return collected if collected.is_file() else None


def html_to_pdf(html: str, *, fetcher: StaticOnlyFetcher | None = None) -> bytes:
    return html_to_document(html, fetcher=fetcher).write_pdf()


def html_to_document(
    html: str, *, fetcher: StaticOnlyFetcher | None = None, variant: str | None = None
) -> Document:
    """The laid-out document (its `pages`, then `write_pdf()`), for a layout that must know how
    many pages it takes before it is written."""
    fetcher = fetcher or StaticOnlyFetcher()
    return HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render(pdf_variant=variant)


@dataclass(frozen=True)
class RenderedPDF:
    data: bytes
    pages: int


def render_pdf(
    html: str,
    *,
    variant: str | None = None,
    identifier: bytes | None = None,
    fetcher: StaticOnlyFetcher | None = None,
) -> RenderedPDF:
    """Lay the document out once and write it as a PDF of the given variant (e.g. "pdf/a-3a":
    archivable, tagged, fonts embedded), with its page count. `identifier` becomes the PDF's
    file identifier (the archive's document id)."""
    document = html_to_document(html, fetcher=fetcher, variant=variant)
    data = document.write_pdf(pdf_variant=variant, pdf_identifier=identifier)
    return RenderedPDF(data=data, pages=len(document.pages))
