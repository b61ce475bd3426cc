"""The evaluation's versions for its history page: who changed what, when."""

from __future__ import annotations

from django.utils.text import Truncator, capfirst

from handleplan.history import Change, Names, Version
from metoder.booklet import AHEAD_QUESTIONS
from metoder.evaluation.models import AnnualEvaluation

HIDDEN_IN_HISTORY = {"version", "created_at", "updated_at", "amg", "looking_back_snapshot"}


def evaluation_versions(evaluation: AnnualEvaluation) -> list[object]:
    """Every version of the evaluation, newest first, with what changed (two queries); the
    frozen look back is told by the change's reason ("Afsluttet som referat"), not as a field."""
    questions = {q.code: str(q.text) for q in AHEAD_QUESTIONS}

    def show(model_field: object, value: object) -> str:
        if model_field.name == "answers" and isinstance(value, dict):  # type: ignore[attr-defined]
            lines = [f"{questions.get(k, k)} {v}" for k, v in value.items() if v]
            return Truncator("\n".join(lines)).chars(600) or "–"
        if model_field.name == "participants" and isinstance(value, list):  # type: ignore[attr-defined]
            return ", ".join(f"{p.get('name', '')} ({p.get('role', '')})" for p in value) or "–"
        return names.show(model_field, value)  # type: ignore[arg-type]

    records = list(
        AnnualEvaluation.history.filter(id=evaluation.pk, amg=evaluation.amg_id)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    names = Names(evaluation.amg)
    versions: list[Version] = []
    previous = None
    for record in records:
        version = Version(record)
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous, excluded_fields=HIDDEN_IN_HISTORY)
            for change in delta.changes:
                model_field = AnnualEvaluation._meta.get_field(change.field)
                version.changes.append(
                    Change(
                        label=capfirst(str(model_field.verbose_name)),
                        before=show(model_field, change.old),
                        after=show(model_field, change.new),
                    )
                )
        versions.append(version)
        previous = record
    if versions and versions[-1].record.history_type != "-":
        versions[-1].is_current = True
    versions.reverse()
    return versions
