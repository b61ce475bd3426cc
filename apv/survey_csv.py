"""Reading survey results (trivselsmåling, APV questionnaire) from the CSV files real tools export.

Accepts `;` or `,` as separator, UTF-8 with or without BOM and Windows-1252 (Danish Excel).
Columns are found by their header: a question and a result are required; unit and number of
respondents are optional. The reader never raises on bad content: a file it cannot use at all
gives a `SurveyFileError` with a Danish message; single lines it cannot read are listed with
their line number and the reason.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from forkant.lib.numbers import is_ascii_digits, is_ascii_number

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000

HEADERS = {
    "question": {"spørgsmål", "sporgsmal", "spoergsmaal", "question", "item", "emne", "tema"},
    "value": {"resultat", "score", "gennemsnit", "værdi", "vaerdi", "value", "svar", "middel"},
    "unit": {"enhed", "afdeling", "unit", "team", "område", "omraade"},
    "respondents": {"antal", "besvarelser", "respondenter", "n", "antal svar", "count"},
}


class SurveyFileError(ValueError):
    pass


@dataclass(frozen=True)
class Row:
    line: int
    question: str
    value: Decimal
    unit: str = ""
    respondents: int | None = None


@dataclass
class ParsedSurvey:
    rows: list[Row] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ""
    has_unit: bool = False

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.errors


def _normalise(header: str) -> str:
    return unicodedata.normalize("NFC", header.strip().strip('"').lower())


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "UTF-8 (BOM)"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        raise SurveyFileError(
            _("Filen kunne ikke læses som tekst. Gem den som CSV (UTF-8 eller Windows-1252).")
        ) from None


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 13))
    return controls > len(sample) // 20


def parse(data: bytes) -> ParsedSurvey:
    if not data or not data.strip():
        raise SurveyFileError(_("Filen er tom."))
    if len(data) > MAX_BYTES:
        raise SurveyFileError(
            _("Filen er for stor (højst %(mb)s MB). Er det den rigtige fil?")
            % {"mb": MAX_BYTES // (1024 * 1024)}
        )
    if _looks_binary(data):
        raise SurveyFileError(
            _("Filen ser ikke ud til at være en CSV-fil (den indeholder binære data).")
        )
    try:
        text, encoding = _decode(data)
    except UnicodeDecodeError:
        raise SurveyFileError(_("Filen kunne ikke læses som tekst.")) from None
    lines = text.splitlines()
    header_line = next((line for line in lines if line.strip()), "")
    delimiter = ";" if header_line.count(";") >= header_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        raise SurveyFileError(_("Filen har ingen overskriftslinje.")) from None
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        key = _normalise(name)
        for column, names in HEADERS.items():
            if key in names and column not in columns:
                columns[column] = index
    missing = [c for c in ("question", "value") if c not in columns]
    if missing:
        names = {"question": _("spørgsmål"), "value": _("resultat")}
        raise SurveyFileError(
            _(
                "Filen mangler kolonnen/kolonnerne: %(missing)s. Første linje skal være "
                "overskrifter, fx “Spørgsmål;Enhed;Resultat;Antal”."
            )
            % {"missing": ", ".join(str(names[c]) for c in missing)}
        )
    parsed = ParsedSurvey(encoding=encoding, delimiter=delimiter, has_unit="unit" in columns)
    width = max(columns.values()) + 1
    try:
        for record in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            if len(parsed.rows) + len(parsed.errors) >= MAX_ROWS:
                raise SurveyFileError(
                    ngettext(
                        "Filen har flere end %(max)s linje. Del den op.",
                        "Filen har flere end %(max)s linjer. Del den op.",
                        MAX_ROWS,
                    )
                    % {"max": MAX_ROWS}
                )
            if len(record) < width:
                parsed.errors.append((line, _("for få kolonner")))
                continue
            question = " ".join(record[columns["question"]].split())[:300]
            if not question:
                parsed.errors.append((line, _("spørgsmålet mangler")))
                continue
            raw = record[columns["value"]].strip().replace("\xa0", "").replace(" ", "")
            try:
                if not is_ascii_number(raw):
                    raise InvalidOperation
                value = Decimal(raw.replace(",", "."))
                if not value.is_finite() or abs(value) >= Decimal("1000000"):
                    raise InvalidOperation
            except InvalidOperation:
                parsed.errors.append(
                    (line, _("resultatet “%(raw)s” er ikke et tal") % {"raw": raw[:30]})
                )
                continue
            respondents = None
            if "respondents" in columns:
                raw_n = record[columns["respondents"]].strip()
                if raw_n:
                    if not is_ascii_digits(raw_n) or len(raw_n) > 7:
                        parsed.errors.append(
                            (line, _("antal “%(raw)s” er ikke et helt tal") % {"raw": raw_n[:30]})
                        )
                        continue
                    respondents = int(raw_n)
            unit = " ".join(record[columns["unit"]].split())[:120] if "unit" in columns else ""
            parsed.rows.append(
                Row(line, question, value.quantize(Decimal("0.01")), unit, respondents)
            )
    except csv.Error as error:
        raise SurveyFileError(
            _("Filen kunne ikke læses som CSV (linje %(line)s).") % {"line": reader.line_num}
        ) from error
    if not parsed.rows and not parsed.errors:
        raise SurveyFileError(_("Filen har overskrifter, men ingen resultater."))
    return parsed
