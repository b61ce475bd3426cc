"""Risk assessments (Metode 5) on A4: a pure function of the assessment's primary key."""

from __future__ import annotations

from django.template.loader import render_to_string

from apv import catalogue
from apv.models import RiskAssessment
from forkant.lib.pdf import html_to_pdf


def render_risk_assessment_html(pk: int) -> str:
    a = RiskAssessment.objects.select_related("amg__organisation").get(pk=pk)
    return render_to_string(
        "apv/risk_print.html",
        {
            "a": a,
            "rows": list(a.rows.all()),
            "tasks": list(a.tasks.all()),
            "answers": [(q, a.answers.get(q.code, "")) for q in catalogue.VOLD_QUESTIONS],
            "actions": list(a.actions.select_related("responsible__user")),
        },
    )


def render_risk_assessment_pdf(pk: int) -> bytes:
    return html_to_pdf(render_risk_assessment_html(pk))
