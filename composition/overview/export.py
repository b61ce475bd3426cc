"""The overview as a CSV file for Danish Excel."""

from __future__ import annotations

import csv
import datetime
import io

from django.utils.text import slugify
from django.utils.translation import gettext as _

from composition.overview.data import Overview
from forkant.models import Organisation
from handleplan.export import csv_text


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.2f}".replace(".", ",")  # Danish Excel reads a decimal comma
    return csv_text(value)  # dates as Danish spreadsheets show them; formulas neutralised


def as_csv(overview: Overview) -> bytes:
    """Semicolons, a byte-order mark and decimal commas: what Danish Excel opens with a
    double-click. Cells that would start a formula are neutralised."""
    labels = overview.spread.labels if overview.spread else []
    header = [
        _("Gruppe"),
        _("Arkiveret"),
        _("Klar til tilsyn"),
        _("Tilsyn: overskredet eller mangler"),
        _("Tilsyn: snart"),
        _("Tilsyn: punkter i orden af 13"),
        _("APV"),
        _("APV-status"),
        _("APV startet"),
        _("Næste 3-års frist"),
        _("Områder"),
        _("Områder over 3 år"),
        _("Områder aldrig vurderet"),
        _("Områder med ændring siden vurdering"),
        _("Handlinger over frist"),
        _("Opfølgninger over frist"),
        _("Kort der står stille"),
        _("Sidste møde"),
        _("Næste møde"),
        _("Idéer venter"),
        _("Uddannelse forfalder"),
        _("Kompetenceprofil dato"),
        _("Kompetenceprofil svar"),
        *labels,
    ]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([_cell(h) for h in header])
    for row in overview.rows:
        profile = row.profile if row.profile and row.profile.labels == labels else None
        ready = row.readiness
        writer.writerow(
            [
                _cell(v)
                for v in (
                    row.amg.name,
                    _("Ja") if row.amg.is_archived else _("Nej"),
                    (_("Ja") if ready.ready else _("Nej")) if ready else None,
                    ready.breaches if ready else None,
                    ready.due_soon if ready else None,
                    ready.points_in_order if ready else None,
                    row.apv.title if row.apv else None,
                    row.apv.status_label if row.apv else None,
                    row.apv.start_date if row.apv else None,
                    row.areas.next_due,
                    row.areas.total,
                    row.areas.overdue,
                    row.areas.never,
                    row.areas.flagged,
                    row.overdue_actions,
                    row.overdue_follow_ups,
                    row.stalled,
                    row.last_meeting,
                    row.next_meeting,
                    row.ideas_waiting,
                    row.training_due,
                    profile.date if profile else None,
                    profile.respondents if profile else None,
                    *(profile.means if profile else [None] * len(labels)),
                )
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def csv_filename(organisation: Organisation, today: datetime.date) -> str:
    return f"overblik-{slugify(organisation.name) or organisation.pk}-{today:%Y-%m-%d}.csv"
