"""Every write to the handleplan board. Views call these; nothing else changes board data.

Each function runs in a transaction and bumps the AMG's board revision, which is what tells the
wall screens (through their ETag) that there is something new to show.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from forkant.models import AMG, Membership
from forkant.services import bump_board_revision
from handleplan.models import Action, Status, Tavlemoede, Theme


def _next_position(queryset) -> int:  # type: ignore[no-untyped-def]
    return (queryset.aggregate(top=Max("position"))["top"] or 0) + 1


@transaction.atomic
def create_theme(*, amg: AMG, name: str) -> Theme:
    theme = Theme.objects.create(
        amg=amg, name=name, position=_next_position(Theme.objects.filter(amg=amg))
    )
    bump_board_revision(amg)
    return theme


@transaction.atomic
def rename_theme(*, theme: Theme, name: str) -> Theme:
    theme.name = name
    theme.save(update_fields=["name"])
    bump_board_revision(theme.amg)
    return theme


@transaction.atomic
def move_theme(*, theme: Theme, step: int) -> None:
    """Move a row up (step=-1) or down (step=1); at the edge nothing happens."""
    themes = list(
        Theme.objects.filter(amg=theme.amg).select_for_update().order_by("position", "pk")
    )
    index = next(i for i, t in enumerate(themes) if t.pk == theme.pk)
    target = index + step
    if not 0 <= target < len(themes):
        return
    themes[index], themes[target] = themes[target], themes[index]
    _renumber(themes)
    bump_board_revision(theme.amg)


@transaction.atomic
def delete_theme(*, theme: Theme) -> None:
    if theme.actions.exists():
        raise ValidationError(
            _("Temaet har stadig handlinger. Flyt eller slet dem, før temaet slettes.")
        )
    amg = theme.amg
    theme.delete()
    bump_board_revision(amg)


@transaction.atomic
def create_action(
    *,
    amg: AMG,
    theme: Theme,
    title: str,
    status: str = Status.PARKERET,
    why: str = "",
    responsible: Membership | None = None,
    others: str = "",
    how: str = "",
    deadline: datetime.date | None = None,
    confidential: bool = False,
    follow_up_on: datetime.date | None = None,
    follow_up_how: str = "",
    follow_up_who: str = "",
) -> Action:
    _check_same_amg(amg, theme=theme, responsible=responsible)
    action = Action.objects.create(
        amg=amg,
        theme=theme,
        status=status,
        title=title,
        why=why,
        responsible=responsible,
        others=others,
        how=how,
        deadline=deadline,
        confidential=confidential,
        follow_up_on=follow_up_on,
        follow_up_how=follow_up_how,
        follow_up_who=follow_up_who,
        position=_next_position(Action.objects.filter(amg=amg, theme=theme, status=status)),
    )
    bump_board_revision(amg)
    return action


EDITABLE_FIELDS = (
    "title",
    "why",
    "theme",
    "status",
    "responsible",
    "others",
    "how",
    "deadline",
    "confidential",
    "follow_up_on",
    "follow_up_how",
    "follow_up_who",
)


@transaction.atomic
def update_action(*, action: Action, **changes: object) -> Action:
    """Change any of EDITABLE_FIELDS. A card that changes cell goes to the end of its new cell."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not editable: {', '.join(sorted(unknown))}")
    _check_same_amg(action.amg, theme=changes.get("theme"), responsible=changes.get("responsible"))
    old_cell = (action.theme_id, action.status)
    for field, value in changes.items():
        setattr(action, field, value)
    if (action.theme_id, action.status) != old_cell:
        action.position = _next_position(
            Action.objects.filter(amg=action.amg, theme=action.theme, status=action.status)
        )
    action.save()
    bump_board_revision(action.amg)
    return action


@transaction.atomic
def move_action(
    *, action: Action, status: str, theme: Theme | None = None, index: int | None = None
) -> Action:
    """Put a card in the cell (theme, status) at `index` (0 = top; None = bottom)."""
    theme = theme or action.theme
    _check_same_amg(action.amg, theme=theme)
    if status not in Status.values:
        raise ValidationError(_("Ukendt kolonne."))
    siblings = list(
        Action.objects.filter(amg=action.amg, theme=theme, status=status)
        .exclude(pk=action.pk)
        .select_for_update()
        .order_by("position", "pk")
    )
    index = len(siblings) if index is None else max(0, min(index, len(siblings)))
    action.theme = theme
    action.status = status
    siblings.insert(index, action)
    action.save(update_fields=["theme", "status", "updated_at"])
    _renumber(siblings)
    bump_board_revision(action.amg)
    return action


@transaction.atomic
def delete_action(*, action: Action) -> None:
    amg = action.amg
    action.delete()
    bump_board_revision(amg)


@transaction.atomic
def set_next_tavlemoede(
    *, amg: AMG, starts_at: datetime.datetime, moedeleder: str, now: datetime.datetime
) -> Tavlemoede:
    """Record the next tavlemøde: the already planned upcoming one is moved, or a new one made."""
    upcoming = (
        Tavlemoede.objects.filter(amg=amg, starts_at__gte=now)
        .select_for_update()
        .order_by("starts_at")
        .first()
    )
    if upcoming is None:
        upcoming = Tavlemoede(amg=amg)
    upcoming.starts_at = starts_at
    upcoming.moedeleder = moedeleder
    upcoming.save()
    bump_board_revision(amg)
    return upcoming


def _renumber(items: list) -> None:  # type: ignore[type-arg]
    model = type(items[0]) if items else None
    for position, item in enumerate(items, start=1):
        item.position = position
    if model is not None:
        model.objects.bulk_update(items, ["position"])


def _check_same_amg(amg: AMG, *, theme: object = None, responsible: object = None) -> None:
    """Defence in depth: forms already limit choices to the AMG's own themes and members."""
    if isinstance(theme, Theme) and theme.amg_id != amg.pk:
        raise ValidationError(_("Temaet hører til en anden arbejdsmiljøgruppe."))
    if isinstance(responsible, Membership) and responsible.amg_id != amg.pk:
        raise ValidationError(_("Personen er ikke medlem af arbejdsmiljøgruppen."))
