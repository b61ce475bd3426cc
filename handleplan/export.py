"""The handleplan as a spreadsheet: CSV for anything, XLSX (openpyxl) for Excel.

Every field of every action, with the Danish labels the board uses as headers. The columns come
from the model itself, so a field added to `Action` is exported without touching this module.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import models
from django.utils import timezone
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from forkant.models import AMG
from handleplan.models import Action, Status

# What a reader expects first (Metode 2's Hvad · Hvorfor · Hvem · Hvordan · Status), then
# whatever else the model holds, then when the card was made and last changed.
LEADING = [
    "theme",
    "title",
    "why",
    "responsible",
    "others",
    "how",
    "status",
    "deadline",
    "confidential",
]
TRAILING = ["created_at", "updated_at"]
INTERNAL = {"id", "amg", "position", "version", "search_vector"}

# A cell starting with one of these is a formula to Excel and LibreOffice (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Column:
    field: models.Field
    header: str


def columns() -> list[Column]:
    fields = {
        f.name: f
        for f in Action._meta.concrete_fields
        if f.name not in INTERNAL and not f.name.endswith("_ptr")
    }
    middle = [name for name in fields if name not in LEADING and name not in TRAILING]
    ordered = [name for name in LEADING + middle + TRAILING if name in fields]
    return [Column(fields[name], capfirst(str(fields[name].verbose_name))) for name in ordered]


def actions_for(amg: AMG) -> list[Action]:
    """Every action of the AMG in board order: theme by theme, column by column."""
    relations = [c.field.name for c in columns() if c.field.is_relation]
    column_order = {status.value: index for index, status in enumerate(Status)}
    actions = list(
        Action.objects.filter(amg=amg)
        .select_related(*relations, "responsible__user")
        .order_by("theme__position", "theme__pk", "position", "pk")
    )
    # Stable sort: within a theme, by column, keeping each cell's own order.
    actions.sort(key=lambda a: (a.theme.position, a.theme.pk, column_order[a.status]))
    return actions


def value(action: Action, field: models.Field) -> object:
    """A cell's value: labels for choices, names for people, local time for timestamps."""
    if field.choices:
        return getattr(action, f"get_{field.name}_display")()
    raw = getattr(action, field.name)
    if raw is None:
        return None
    if field.is_relation:
        return getattr(raw, "display_name", None) or str(raw)
    if isinstance(raw, bool):
        return _("Ja") if raw else _("Nej")
    if isinstance(raw, datetime.datetime):
        return timezone.localtime(raw).replace(tzinfo=None, microsecond=0)
    return raw


def rows(amg: AMG) -> Iterator[list[object]]:
    cols = columns()
    for action in actions_for(amg):
        yield [value(action, column.field) for column in cols]


def csv_text(cell: object) -> str:
    """A cell as Danish spreadsheets show it, neutralised if it would start a formula. Also used
    by the organisation overview's CSV."""
    if cell is None:
        return ""
    if isinstance(cell, datetime.datetime):
        if timezone.is_aware(cell):
            cell = timezone.localtime(cell)
        return cell.strftime("%d.%m.%Y %H:%M")
    if isinstance(cell, datetime.date):
        return cell.strftime("%d.%m.%Y")
    text = str(cell)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def as_csv(amg: AMG) -> bytes:
    """Semicolons and a byte-order mark: what Danish Excel opens correctly with a double-click."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([column.header for column in columns()])
    for row in rows(amg):
        writer.writerow([csv_text(cell) for cell in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def as_xlsx(amg: AMG) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Handleplan")
    cols = columns()
    sheet.append([column.header for column in cols])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [len(column.header) for column in cols]
    for row in rows(amg):
        cells = []
        for index, cell in enumerate(row):
            if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
                cell = "'" + cell
            cells.append(cell)
            widths[index] = max(widths[index], min(len(csv_text(cell)), 60))
        sheet.append(cells)
    for index, column in enumerate(cols, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = widths[index - 1] + 2
        fmt = {
            models.DateTimeField: "dd.mm.yyyy hh:mm",
            models.DateField: "dd.mm.yyyy",
        }.get(type(column.field))
        for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
            if fmt:
                cell.number_format = fmt
            if isinstance(column.field, models.TextField):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def filename(amg: AMG, extension: str, *, today: datetime.date) -> str:
    return f"handleplan-{slugify(amg.name) or amg.pk}-{today:%Y-%m-%d}.{extension}"
