"""Reads of the archive of exports (the list never loads the files themselves)."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet

from composition.models import InspectionExport
from forkant.models import AMG


def without_file() -> QuerySet[InspectionExport]:
    return InspectionExport.objects.defer("pdf").select_related("requested_by")


def exports_of(amg: AMG, *, now: datetime.datetime, limit: int = 50) -> list[InspectionExport]:
    """The AMG's exports, newest first, each with `shown` (its state as the page shows it: a
    render whose worker died counts as failed): one query."""
    exports = list(without_file().filter(amg=amg).order_by("-requested_at", "-pk")[:limit])
    labels = dict(InspectionExport.State.choices)
    for export in exports:
        export.shown = export.shown_state(now)  # type: ignore[attr-defined]
        export.shown_label = labels[export.shown]  # type: ignore[attr-defined]
    return exports
