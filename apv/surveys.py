"""Imported survey results as they may be shown: per question, the whole workplace and its units,
through the small-group rule (`forkant.lib.small_groups`), like sickness absence.

A unit with fewer than MIN_GROUP answers — or with no count of answers in the file — is never
shown, nor derivable from the workplace's result beside the other units. The survey's page and
the inspection bundle both read results through `survey_table`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from apv.models import SurveyResult
from forkant.lib import small_groups


@dataclass
class ShownResult:
    unit: str  # "" for the whole workplace
    value: Decimal
    respondents: int | None
    suppressed: bool = False
    complementary: bool = False  # hidden only so that a small unit cannot be derived

    @property
    def unknown_count(self) -> bool:
        return self.respondents is None


@dataclass
class QuestionResults:
    question: str
    whole: list[ShownResult] = field(default_factory=list)
    units: list[ShownResult] = field(default_factory=list)

    @property
    def rows(self) -> list[ShownResult]:
        return self.whole + self.units

    @property
    def any_suppressed(self) -> bool:
        return any(r.suppressed for r in self.rows)


def survey_table(results: Iterable[SurveyResult]) -> list[QuestionResults]:
    """Results grouped by question (in the file's order), small units suppressed."""
    questions: dict[str, QuestionResults] = {}
    for result in results:
        entry = questions.setdefault(result.question, QuestionResults(result.question))
        shown = ShownResult(result.unit, result.value, result.respondents)
        (entry.units if result.unit else entry.whole).append(shown)
    for entry in questions.values():
        if entry.whole:
            # The workplace's result beside its units: a hidden unit must not be derivable.
            whole = entry.whole[0].respondents if len(entry.whole) == 1 else None
            rule = small_groups.suppress([u.respondents for u in entry.units], whole=whole)
            for unit, hidden, complementary in zip(
                entry.units, rule.hidden, rule.complementary, strict=True
            ):
                unit.suppressed, unit.complementary = hidden, complementary
            for row in entry.whole:
                row.suppressed = rule.whole_hidden or small_groups.is_small(row.respondents)
        else:
            # Units only: nothing to subtract them from, each stands or falls on its own size.
            for unit in entry.units:
                unit.suppressed = small_groups.is_small(unit.respondents)
        # Small units go last, so not even their place in the order hints at which they are.
        entry.units.sort(key=lambda u: u.suppressed and not u.complementary)
    return list(questions.values())
