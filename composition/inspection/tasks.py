"""The background job: render one export's bundle (run by `manage.py db_worker`).

Moving to Django 6 means importing `task` from `django.tasks` instead of `django_tasks`.
"""

from __future__ import annotations

import traceback

from django.utils import timezone
from django_tasks import task

from composition.inspection import archive
from composition.inspection.render import bundle, bundle_filename, render_bundle_pdf
from composition.models import InspectionExport


@task()
def render_export(export_id: int) -> str:
    """Render, hash and keep the export's PDF; on any failure the export is marked failed
    (with the reason for the operator's log) and the error is raised again, so the worker's
    own record of the job says failed too. Returns the SHA-256 of the file."""
    export = archive.start_rendering(export_id)
    if export is None:
        return InspectionExport.objects.values_list("sha256", flat=True).get(pk=export_id)
    try:
        now = timezone.now()
        doc = bundle(export.amg_id, now=now, document_id=export.document_id)
        archive.set_stage(export, InspectionExport.Stage.TYPESETTING)
        pdf = render_bundle_pdf(doc)
        archive.set_stage(export, InspectionExport.Stage.CHECKING)
        archive.finish_export(
            export,
            pdf=pdf,
            exported_at=now,
            filename=bundle_filename(doc.amg, now, export.document_id),
            findings=doc.findings_data,
        )
    except Exception:
        archive.fail_export(export, error=traceback.format_exc())
        raise
    return InspectionExport.objects.values_list("sha256", flat=True).get(pk=export_id)
