"""The evaluation's versions for its history page: who changed what, when."""

from __future__ import annotations

from django.db import models
from django.utils.text import Truncator

from handleplan.history import Names, Version, versions_of
from metoder.booklet import AHEAD_QUESTIONS
from metoder.evaluation.models import AnnualEvaluation

HIDDEN_IN_HISTORY = {"version", "created_at", "updated_at", "amg", "looking_back_snapshot"}


def evaluation_versions(evaluation: AnnualEvaluation) -> list[Version]:
    """Every version of the evaluation, newest first, with what changed (two queries); the
    frozen look back is told by the change's reason ("Afsluttet som referat"), not as a field."""
    return versions_of(
        AnnualEvaluation,
        evaluation.amg,
        evaluation.pk,
        hidden=HIDDEN_IN_HISTORY,
        show=_show,
    )


def _show(names: Names, model_field: models.Field, value: object) -> str:
    """The booklet's questions with their answers and the participants as lines of text; the
    rest as the board's history shows it."""
    if model_field.name == "answers" and isinstance(value, dict):
        questions = {q.code: str(q.text) for q in AHEAD_QUESTIONS}
        lines = [f"{questions.get(k, k)} {v}" for k, v in value.items() if v]
        return Truncator("\n".join(lines)).chars(600) or "–"
    if model_field.name == "participants" and isinstance(value, list):
        return ", ".join(f"{p.get('name', '')} ({p.get('role', '')})" for p in value) or "–"
    return names.show(model_field, value)
