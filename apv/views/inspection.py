"""The documentation for Arbejdstilsynet: the inspection page and its PDF."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from apv.documentation import inspection_document, inspection_filename, render_inspection_pdf
from forkant.access import amg_context


@login_required
@require_GET
def inspection(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    doc = inspection_document(ctx.amg.pk)
    return render(request, "apv/inspection.html", {"ctx": ctx, "doc": doc})


@login_required
@require_GET
def inspection_pdf(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    now = timezone.now()
    response = HttpResponse(
        render_inspection_pdf(ctx.amg.pk, now=now), content_type="application/pdf"
    )
    filename = inspection_filename(ctx.amg, now)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
