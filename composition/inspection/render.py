"""The bundle as HTML and as PDF/A: pure functions of the AMG's primary key, the moment of the
export and the document id.

The document is always Danish (it is written for Arbejdstilsynet), whatever language the member
who asked for it uses.
"""

from __future__ import annotations

import datetime

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify

from composition.inspection.document import Bundle, build
from forkant.lib.pdf import RenderedPDF, render_pdf
from forkant.models import AMG

# PDF/A-3a: archivable (fonts embedded, colour profile, XMP metadata) and tagged (headings,
# tables and reading order for screen readers), checked by tests/composition/test_bundle_pdf.py.
PDF_VARIANT = "pdf/a-3a"
LANGUAGE = "da"


def bundle(amg_id: int, *, now: datetime.datetime | None = None, document_id: str = "") -> Bundle:
    with translation.override(LANGUAGE):
        return build(amg_id, now=now, document_id=document_id)


def render_bundle_html(doc: Bundle) -> str:
    """The standalone print document (print.css + bundle.css), as the PDF shows it."""
    with translation.override(LANGUAGE):
        return render_to_string("composition/inspection/print.html", {"doc": doc})


def render_bundle_pdf(doc: Bundle) -> RenderedPDF:
    identifier = doc.document_id.encode() if doc.document_id else None
    return render_pdf(render_bundle_html(doc), variant=PDF_VARIANT, identifier=identifier)


def bundle_filename(amg: AMG, now: datetime.datetime, document_id: str = "") -> str:
    stamp = f"{timezone.localtime(now):%Y-%m-%d}"
    suffix = f"-{document_id.lower()}" if document_id else ""
    return f"dokumentation-{slugify(amg.name)}-{stamp}{suffix}.pdf"
