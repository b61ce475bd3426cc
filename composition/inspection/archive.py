"""The worker's writes to the archive: taking an export up, its progress, and the finished file.
The file, its SHA-256 and the status page's findings are written once, in `finish_export`, and
nothing changes them afterwards.
"""

from __future__ import annotations

import datetime
import hashlib

from django.db import transaction
from django.utils import timezone

from composition.models import InspectionExport
from forkant.lib.pdf import RenderedPDF


def start_rendering(export_id: int) -> InspectionExport | None:
    """The worker takes the export up; None if there is nothing to do (already rendered)."""
    with transaction.atomic():
        export = InspectionExport.objects.select_for_update().defer("pdf").get(pk=export_id)
        if export.state == InspectionExport.State.READY:
            return None
        export.state = InspectionExport.State.RENDERING
        export.stage = InspectionExport.Stage.COLLECTING
        export.started_at = timezone.now()
        export.attempts += 1
        export.save(update_fields=["state", "stage", "started_at", "attempts"])
    return export


def set_stage(export: InspectionExport, stage: str) -> None:
    InspectionExport.objects.filter(pk=export.pk, state=InspectionExport.State.RENDERING).update(
        stage=stage
    )


def finish_export(
    export: InspectionExport,
    *,
    pdf: RenderedPDF,
    exported_at: datetime.datetime,
    filename: str,
    findings: list[dict[str, object]],
) -> None:
    """Keep the file with its hash and the findings as data. Written once: the update only
    applies to an export that is not ready yet."""
    updated = (
        InspectionExport.objects.filter(pk=export.pk)
        .exclude(state=InspectionExport.State.READY)
        .update(
            state=InspectionExport.State.READY,
            stage=InspectionExport.Stage.DONE,
            exported_at=exported_at,
            pdf=pdf.data,
            sha256=hashlib.sha256(pdf.data).hexdigest(),
            size=len(pdf.data),
            page_count=pdf.pages,
            filename=filename,
            findings=findings,
        )
    )
    if not updated:
        raise RuntimeError(f"Export {export.pk} was already finished; its file is kept as it was.")


def fail_export(export: InspectionExport, *, error: str) -> None:
    InspectionExport.objects.filter(pk=export.pk).exclude(
        state=InspectionExport.State.READY
    ).update(
        state=InspectionExport.State.FAILED,
        error=error[:10_000],
        failed_at=timezone.now(),
    )
