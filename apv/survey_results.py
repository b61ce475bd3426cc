"""Imported survey results as people read them: grouped by question, a bar per unit on the
survey's own scale with what its two ends mean, and units answered by fewer than MIN_GROUP
people left out — read through `apv.surveys.survey_table`, the one place survey results meet the
small-group rule (`forkant.lib.small_groups`), as the inspection bundle reads them.

`grouped` is a pure function of the rows, so the page and a printed document draw the same."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from apv import catalogue, charts
from apv.models import SurveyImport, SurveyResult
from apv.surveys import survey_table
from forkant.lib.small_groups import MIN_GROUP


@dataclass(frozen=True)
class UnitResult:
    unit: str  # "" when the file had no units
    value: Decimal | None  # None when hidden
    respondents: int | None

    @property
    def hidden(self) -> bool:
        return self.value is None


@dataclass(frozen=True)
class QuestionResults:
    question: str
    units: list[UnitResult]
    chart: SafeString


@dataclass(frozen=True)
class Scale:
    low: Decimal
    high: Decimal
    low_means: str
    high_means: str
    known: bool  # False: nobody has said what the scale is; drawn from 0 (or the lowest value)


def scale_of(survey: SurveyImport, values: Iterable[Decimal]) -> Scale:
    if survey.scale_low is not None and survey.scale_high is not None:
        return Scale(survey.scale_low, survey.scale_high, survey.low_means, survey.high_means, True)
    values = list(values)
    low = min([Decimal(0), *values])
    high = max([Decimal(1), *values])
    return Scale(low, high, "", "", False)


def guess_scale(values: Sequence[Decimal]) -> str:
    """The preset that fits values from a file best, as the form's first suggestion."""
    if not values:
        return catalogue.OWN_SCALE
    low, high = min(values), max(values)
    for scale in catalogue.SURVEY_SCALES:
        if scale.low <= low and high <= scale.high:
            return scale.code
    return catalogue.OWN_SCALE


def grouped(survey: SurveyImport, results: Sequence[SurveyResult]) -> list[QuestionResults]:
    """Questions in the file's order, each with the workplace's result first, then its units
    (small units, and any hidden so that a small one cannot be derived, last)."""
    table = survey_table(results)
    # The axis is drawn from the shown results only: a hidden unit's value must not set its end.
    shown = [row.value for entry in table for row in entry.rows if not row.suppressed]
    scale = scale_of(survey, shown)
    hidden_note = ngettext(
        "Under %(n)d svar – vises ikke", "Under %(n)d svar – vises ikke", MIN_GROUP
    ) % {"n": MIN_GROUP}
    groups = []
    for entry in table:
        units = [
            UnitResult(
                # A small unit is not named either: "the unit that is hidden" is all it says.
                _("Lille enhed")
                if row.suppressed and not row.complementary and row.unit
                else row.unit,
                None if row.suppressed else row.value,
                None if row.suppressed else row.respondents,
            )
            for row in entry.rows
        ]
        chart = charts.survey_bars(
            [
                (
                    unit.unit or _("Alle"),
                    float(unit.value) if unit.value is not None else None,
                    hidden_note,
                )
                for unit in units
            ],
            low=float(scale.low),
            high=float(scale.high),
            low_means=scale.low_means,
            high_means=scale.high_means,
            label=entry.question,
        )
        groups.append(QuestionResults(entry.question, units, chart))
    return groups
