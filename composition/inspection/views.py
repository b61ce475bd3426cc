"""Dokumentation til Arbejdstilsynet: the document as a page, its exports and their progress.

Any member who may read the AMG (read-only members and the organisation's admins too) may
export it: an export changes none of the AMG's data, it only keeps a copy of what was handed
out. The PDF is rendered by the background worker; the page polls the export's state with htmx
and offers the file when it is ready. There is no URL that changes or deletes an export.
"""

from __future__ import annotations

import base64

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from composition.inspection import queries, services
from composition.inspection.render import bundle
from composition.models import InspectionExport
from forkant.access import AMGContext, amg_context


def _export_context(ctx: AMGContext, export: InspectionExport) -> dict[str, object]:
    now = timezone.now()
    return {"ctx": ctx, "export": export, "state": export.shown_state(now)}


@login_required
@require_GET
def inspection(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    now = timezone.now()
    exports = queries.exports_of(ctx.amg, now=now)
    pending = exports[0] if exports and exports[0].is_pending else None
    return render(
        request,
        "composition/inspection/page.html",
        {
            "ctx": ctx,
            "doc": bundle(ctx.amg.pk, now=now),
            "exports": exports,
            "pending": pending,
            "state": pending.shown if pending else "",  # type: ignore[attr-defined]
            "export": pending,
        },
    )


@login_required
@require_POST
def export_create(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    export = services.request_export(amg=ctx.amg, user=request.user)
    if request.htmx:
        return render(request, "composition/inspection/_export.html", _export_context(ctx, export))
    return redirect("inspection_export", amg_id=ctx.amg.pk, pk=export.pk)


@login_required
@require_GET
def export_status(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    """One export's state: the htmx poll gets the partial, a browser without JavaScript the
    page (reload it to follow the progress)."""
    ctx = amg_context(request, amg_id)
    export = ctx.get(InspectionExport, pk, queries.without_file())
    template = (
        "composition/inspection/_export.html"
        if request.htmx
        else ("composition/inspection/export.html")
    )
    return render(request, template, _export_context(ctx, export))


@login_required
@require_POST
def export_retry(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    export = ctx.get(InspectionExport, pk, queries.without_file())
    try:
        export = services.retry_export(export=export)
    except services.NotRetryable:
        message = _("Eksporten kan kun prøves igen, når den er mislykkedes.")
        if request.htmx:
            response = render(
                request, "composition/inspection/_export.html", _export_context(ctx, export)
            )
            response.status_code = 409
            return response
        messages.error(request, message)
        return redirect("inspection_export", amg_id=ctx.amg.pk, pk=export.pk)
    if request.htmx:
        return render(request, "composition/inspection/_export.html", _export_context(ctx, export))
    return redirect("inspection_export", amg_id=ctx.amg.pk, pk=export.pk)


@login_required
@require_GET
def export_download(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    """The kept file, byte for byte as it was rendered, with its SHA-256 in the headers."""
    ctx = amg_context(request, amg_id)
    export = ctx.get(InspectionExport, pk)
    if not export.is_ready:
        return render(
            request,
            "composition/inspection/export.html",
            {**_export_context(ctx, export), "not_ready": True},
            status=404,
        )
    data = bytes(export.pdf)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    response["Cache-Control"] = "private, no-store"
    response["ETag"] = f'"{export.sha256}"'
    digest = base64.b64encode(bytes.fromhex(export.sha256)).decode()
    response["Repr-Digest"] = f"sha-256=:{digest}:"
    return response
