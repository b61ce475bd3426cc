"""The members' writes to the archive of exports: asking for one, and trying a failed one again.
The worker's writes (taking an export up, its progress, the finished file) are in `archive`.
"""

from __future__ import annotations

import secrets

from django.db import transaction
from django.utils import timezone

from composition.inspection.tasks import render_export
from composition.models import InspectionExport
from forkant.models import AMG, User
from forkant.services import lock_amg

# Unambiguous characters (no 0/O, 1/I/L): the id is read aloud and typed from paper.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_document_id() -> str:
    """FK-XXXX-XXXX: 8 random characters, about 40 bits, unique in the archive."""
    while True:
        raw = "".join(secrets.choice(ALPHABET) for _ in range(8))
        document_id = f"FK-{raw[:4]}-{raw[4:]}"
        if not InspectionExport.objects.filter(document_id=document_id).exists():
            return document_id


def _enqueue(export: InspectionExport) -> None:
    result = render_export.enqueue(export.pk)
    InspectionExport.objects.filter(pk=export.pk).update(task_id=str(result.id))
    export.task_id = str(result.id)


def request_export(*, amg: AMG, user: User) -> InspectionExport:
    """Ask the worker for a new bundle. The export row and its job are committed together (the
    job queue is a table in the same database), so neither exists without the other. While an
    export of this AMG is still waiting or rendering, that one is answered instead of a second."""
    now = timezone.now()
    with transaction.atomic():
        lock_amg(amg.pk)  # one request at a time
        pending = [
            e
            for e in InspectionExport.objects.filter(
                amg=amg, state__in=(InspectionExport.State.QUEUED, InspectionExport.State.RENDERING)
            ).defer("pdf")
            if not e.is_stale(now)
        ]
        if pending:
            return pending[0]
        export = InspectionExport.objects.create(
            amg=amg, requested_by=user, requested_at=now, document_id=new_document_id()
        )
        _enqueue(export)
    export.refresh_from_db()
    return export


class NotRetryable(Exception):
    """Only a failed export (or one whose worker died while rendering) can be tried again."""


def retry_export(*, export: InspectionExport) -> InspectionExport:
    """Try a failed export again: the same document id and request, a new job. The earlier
    failure stays recorded (`error`, `failed_at`, `attempts`)."""
    now = timezone.now()
    with transaction.atomic():
        locked = InspectionExport.objects.select_for_update().defer("pdf").get(pk=export.pk)
        if locked.shown_state(now) != InspectionExport.State.FAILED:
            raise NotRetryable
        InspectionExport.objects.filter(pk=locked.pk).update(
            state=InspectionExport.State.QUEUED,
            stage=InspectionExport.Stage.WAITING,
            started_at=None,
        )
        _enqueue(locked)
    export.refresh_from_db()
    return export
