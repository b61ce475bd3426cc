"""Every write to the annual evaluation. Keyword-only, each in a transaction.

A concluded evaluation is the referat kept as documentation: nothing in it changes until a
member reopens it (the concluded version stays in its history). Goals become board actions
through handleplan.services, so the board, its history and a running meeting's log see them.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from forkant.models import AMG, Membership
from handleplan import services as board
from handleplan.models import Status, Theme
from metoder.booklet import AHEAD_CODES, REQUIRED_POINTS
from metoder.evaluation.models import AnnualEvaluation, EvaluationGoal, WorkplaceInput
from metoder.evaluation.queries import LookingBack, looking_back

DRAFT_FIELDS = (
    "looking_back",
    "goals_met",
    "focus",
    "cooperation",
    "training",
    "expertise_present",
    "expertise",
)


class EvaluationConcluded(ValidationError):
    def __init__(self) -> None:
        super().__init__(
            _("Evalueringen er afsluttet og gemt som referat. Genåbn den for at ændre den.")
        )


class StaleEvaluation(Exception):
    """Someone saved the evaluation since this form was loaded. Nothing was written."""

    def __init__(self, current: AnnualEvaluation) -> None:
        super().__init__(f"Evaluation {current.pk} is at version {current.version}")
        self.current = current


def _lock(evaluation: AnnualEvaluation) -> AnnualEvaluation:
    return AnnualEvaluation.objects.select_for_update().get(pk=evaluation.pk)


def _refuse_concluded(evaluation: AnnualEvaluation) -> None:
    if evaluation.is_concluded:
        raise EvaluationConcluded


def _save(evaluation: AnnualEvaluation, reason: str = "", fields: list[str] | None = None) -> None:
    evaluation.version += 1
    if reason:
        evaluation._change_reason = reason  # type: ignore[attr-defined]
    evaluation.save()


@transaction.atomic
def start_evaluation(*, amg: AMG, year: int) -> AnnualEvaluation:
    """This year's evaluation, made once: starting it again opens the one there is."""
    if not 2000 <= year <= 2100:
        raise ValidationError(_("Året skal ligge mellem 2000 og 2100."))
    evaluation, _created = AnnualEvaluation.objects.get_or_create(amg=amg, year=year)
    return evaluation


@transaction.atomic
def save_draft(
    *,
    evaluation: AnnualEvaluation,
    expected_version: int | None,
    answers: dict,  # type: ignore[type-arg]
    editor: object = None,
    **fields: str,
) -> AnnualEvaluation:
    """Save the draft. A save based on an older version is refused (StaleEvaluation) unless the
    newer versions are the same member's own (an autosave that overtook their button press)."""
    current = _lock(evaluation)
    _refuse_concluded(current)
    if (
        expected_version is not None
        and current.version != expected_version
        and not _last_saved_by(current, editor)
    ):
        raise StaleEvaluation(current)
    for name in DRAFT_FIELDS:
        if name in fields:
            setattr(current, name, fields[name])
    current.answers = {code: answers.get(code, "") for code in AHEAD_CODES if answers.get(code)}
    _save(current)
    _copy(evaluation, current)
    return evaluation


def _last_saved_by(evaluation: AnnualEvaluation, editor: object) -> bool:
    if editor is None or getattr(editor, "pk", None) is None:
        return False
    latest = (
        AnnualEvaluation.history.filter(id=evaluation.pk)
        .order_by("-history_date", "-history_id")
        .values_list("history_user_id", flat=True)
        .first()
    )
    return latest == editor.pk  # type: ignore[attr-defined]


def _copy(target: AnnualEvaluation, source: AnnualEvaluation) -> None:
    for model_field in AnnualEvaluation._meta.concrete_fields:
        setattr(target, model_field.attname, getattr(source, model_field.attname))


@transaction.atomic
def add_input(*, evaluation: AnnualEvaluation, source: str, text: str) -> WorkplaceInput:
    _refuse_concluded(_lock(evaluation))
    return WorkplaceInput.objects.create(
        amg=evaluation.amg, evaluation=evaluation, source=source, text=text
    )


@transaction.atomic
def delete_input(*, item: WorkplaceInput) -> None:
    _refuse_concluded(_lock(item.evaluation))
    item.delete()


@transaction.atomic
def add_goal(*, evaluation: AnnualEvaluation, title: str, why: str = "") -> EvaluationGoal:
    _refuse_concluded(_lock(evaluation))
    return EvaluationGoal.objects.create(
        amg=evaluation.amg, evaluation=evaluation, title=title, why=why
    )


@transaction.atomic
def delete_goal(*, goal: EvaluationGoal) -> None:
    """Remove a goal; an action already made from it stays on the board."""
    _refuse_concluded(_lock(goal.evaluation))
    goal.delete()


@transaction.atomic
def goals_to_actions(
    *,
    evaluation: AnnualEvaluation,
    goals: list[EvaluationGoal],
    theme: Theme,
    status: str = Status.PARKERET,
) -> list[EvaluationGoal]:
    """Each goal without an action becomes a card in `theme`, linked back to its goal.

    Allowed on a concluded evaluation too: making the actions changes nothing in the referat."""
    if theme.amg_id != evaluation.amg_id:
        raise ValidationError(_("Temaet hører til en anden arbejdsmiljøgruppe."))
    if status not in (Status.PARKERET, Status.STARTET):
        raise ValidationError(_("Vælg Parkeringsplads eller Startet."))
    made = []
    locked = EvaluationGoal.objects.select_for_update().filter(
        pk__in=[g.pk for g in goals], evaluation=evaluation, action__isnull=True
    )
    for goal in locked.order_by("created_at", "pk"):
        why = _("Mål fra den årlige arbejdsmiljødrøftelse %(year)s.") % {"year": evaluation.year}
        if goal.why:
            why = f"{goal.why}\n\n{why}"
        goal.action = board.create_action(
            amg=evaluation.amg, theme=theme, title=goal.title, why=why[:4000], status=status
        )
        goal.save(update_fields=["action"])
        made.append(goal)
    return made


def missing_points(evaluation: AnnualEvaluation) -> list[str]:
    """The required points not yet answered (labels), in the booklet's order."""
    missing = []
    for name, label in REQUIRED_POINTS:
        if name == "goals":
            answered = evaluation.goals.exists()
        else:
            answered = bool(str(getattr(evaluation, name)).strip())
        if not answered:
            missing.append(str(label))
    return missing


@transaction.atomic
def conclude(
    *,
    evaluation: AnnualEvaluation,
    held_on: datetime.date,
    participants: list[Membership],
    other_participants: str = "",
    now: datetime.datetime,
    snapshot: LookingBack | None = None,
) -> AnnualEvaluation:
    """Freeze the evaluation as its referat: the date, who took part (names and roles as they
    are today) and the year's look back as it stands. `snapshot` writes in the look back of an
    evaluation held before the tool was used (the demo)."""
    current = _lock(evaluation)
    _refuse_concluded(current)
    missing = missing_points(current)
    if missing:
        raise ValidationError(
            _("Disse punkter mangler, før drøftelsen kan afsluttes: %(points)s")
            % {"points": "; ".join(missing)}
        )
    if not participants:
        raise ValidationError(_("Vælg mindst én deltager."))
    if any(m.amg_id != current.amg_id for m in participants):
        raise ValidationError(_("Personen er ikke medlem af arbejdsmiljøgruppen."))
    current.held_on = held_on
    current.participants = [
        {"name": m.display_name, "role": str(m.get_role_display())}
        for m in sorted(participants, key=lambda m: m.display_name.lower())
    ]
    current.other_participants = other_participants
    back = snapshot or looking_back(current.amg, current.year)
    current.looking_back_snapshot = back.to_json()
    current.concluded_at = now
    _save(current, _("Afsluttet som referat"))
    _copy(evaluation, current)
    return evaluation


@transaction.atomic
def reopen(*, evaluation: AnnualEvaluation) -> AnnualEvaluation:
    current = _lock(evaluation)
    if not current.is_concluded:
        return evaluation
    current.concluded_at = None
    current.looking_back_snapshot = {}
    _save(current, _("Genåbnet"))
    _copy(evaluation, current)
    return evaluation
