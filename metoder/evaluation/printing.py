"""The concluded (or draft) evaluation as a PDF, through the project's one PDF renderer."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from forkant.lib.pdf import html_to_pdf
from forkant.models import AMG
from metoder.evaluation.models import AnnualEvaluation
from metoder.evaluation.queries import evaluation_page


def render_pdf(evaluation: AnnualEvaluation) -> bytes:
    amg = AMG.objects.select_related("organisation").get(pk=evaluation.amg_id)
    html = render_to_string(
        "metoder/evaluation/print.html",
        {"amg": amg, "page": evaluation_page(evaluation), "printed_at": timezone.now()},
    )
    return html_to_pdf(html)
