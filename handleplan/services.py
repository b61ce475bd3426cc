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


class StaleVersion(Exception):
    """Someone saved the card since this change was based on it. Nothing was written."""

    def __init__(self, current: Action) -> None:
        super().__init__(f"Action {current.pk} is at version {current.version}")
        self.current = current


def _lock_current(action: Action, expected_version: int | None) -> Action:
    """Lock the card's row and check it is still the version the change was based on."""
    current = Action.objects.select_for_update().select_related("amg").get(pk=action.pk)
    if expected_version is not None and current.version != expected_version:
        raise StaleVersion(current)
    return current


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
)


@transaction.atomic
def update_action(
    *, action: Action, expected_version: int | None = None, reason: str = "", **changes: object
) -> Action:
    """Change any of EDITABLE_FIELDS. A card that changes cell goes to the end of its new cell.

    With `expected_version` (the version the member's form was based on), a card saved by
    someone else in the meantime raises StaleVersion and nothing is written.
    """
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not editable: {', '.join(sorted(unknown))}")
    _check_same_amg(action.amg, theme=changes.get("theme"), responsible=changes.get("responsible"))
    current = _lock_current(action, expected_version)
    old_cell = (current.theme_id, current.status)
    for field, value in changes.items():
        setattr(current, field, value)
    if (current.theme_id, current.status) != old_cell:
        current.position = _next_position(
            Action.objects.filter(amg=current.amg, theme=current.theme, status=current.status)
        )
    current.version += 1
    current._change_reason = reason or None  # type: ignore[attr-defined]
    current.save()
    bump_board_revision(current.amg)
    _refresh(action, current)
    return action


@transaction.atomic
def move_action(
    *,
    action: Action,
    status: str,
    theme: Theme | None = None,
    index: int | None = None,
    expected_version: int | None = None,
) -> Action:
    """Put a card in the cell (theme, status) at `index` (0 = top; None = bottom).

    With `expected_version` (the version on the member's board), a card changed by someone else
    since the board was loaded raises StaleVersion and stays where it is.
    """
    theme = theme or action.theme
    _check_same_amg(action.amg, theme=theme)
    if status not in Status.values:
        raise ValidationError(_("Ukendt kolonne."))
    current = _lock_current(action, expected_version)
    siblings = list(
        Action.objects.filter(amg=current.amg, theme=theme, status=status)
        .exclude(pk=current.pk)
        .select_for_update()
        .order_by("position", "pk")
    )
    index = len(siblings) if index is None else max(0, min(index, len(siblings)))
    current.theme = theme
    current.status = status
    current.version += 1
    siblings.insert(index, current)
    _renumber(siblings)
    current.save(update_fields=["theme", "status", "position", "version", "updated_at"])
    bump_board_revision(current.amg)
    _refresh(action, current)
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


# History and the bin ------------------------------------------------------------------------


@transaction.atomic
def restore_action_version(*, action: Action, record: object) -> Action:
    """Make the card as it was in `record` (one of its own history rows), as a new version.

    A theme or a responsible member that no longer exists is left as the card has it now.
    """
    if getattr(record, "id", None) != action.pk:
        raise ValidationError(_("Versionen hører til et andet kort."))
    current = _lock_current(action, None)
    changes: dict[str, object] = {}
    for field in EDITABLE_FIELDS:
        if field == "theme":
            theme = Theme.objects.filter(amg=current.amg, pk=record.theme_id).first()  # type: ignore[attr-defined]
            if theme is not None:
                changes["theme"] = theme
        elif field == "responsible":
            responsible_id = record.responsible_id  # type: ignore[attr-defined]
            changes["responsible"] = (
                Membership.objects.filter(amg=current.amg, pk=responsible_id).first()
                if responsible_id
                else None
            )
        else:
            changes[field] = getattr(record, field)
    update_action(action=action, reason=_("Gendannet fra en tidligere version"), **changes)
    return action


@transaction.atomic
def restore_deleted_theme(*, amg: AMG, record: object) -> Theme:
    """Bring a deleted theme back from the bin, as the last row of the board."""
    if Theme.objects.filter(pk=record.id).exists():  # type: ignore[attr-defined]
        raise ValidationError(_("Temaet er allerede gendannet."))
    name = record.name  # type: ignore[attr-defined]
    if Theme.objects.filter(amg=amg, name=name).exists():
        raise ValidationError(
            _("Der findes allerede et tema, der hedder “%(name)s”. Omdøb det først.")
            % {"name": name}
        )
    theme = record.instance  # type: ignore[attr-defined]
    theme.amg = amg
    theme.position = _next_position(Theme.objects.filter(amg=amg))
    theme._change_reason = _("Gendannet fra papirkurven")
    theme.save(force_insert=True)
    bump_board_revision(amg)
    return theme


@transaction.atomic
def restore_deleted_action(*, amg: AMG, record: object, theme_record: object = None) -> Action:
    """Bring a deleted card back from the bin, with its own id and history, at the end of its
    cell. If its theme was deleted too, `theme_record` (the theme's last history row) brings
    the theme back first."""
    if Action.objects.filter(pk=record.id).exists():  # type: ignore[attr-defined]
        raise ValidationError(_("Kortet er allerede gendannet."))
    theme = Theme.objects.filter(amg=amg, pk=record.theme_id).first()  # type: ignore[attr-defined]
    if theme is None:
        if theme_record is None:
            raise ValidationError(_("Kortets tema findes ikke længere."))
        theme = restore_deleted_theme(amg=amg, record=theme_record)
    action = record.instance  # type: ignore[attr-defined]
    action.amg = amg
    action.theme = theme
    if not Membership.objects.filter(amg=amg, pk=action.responsible_id).exists():
        action.responsible = None
    action.position = _next_position(
        Action.objects.filter(amg=amg, theme=theme, status=action.status)
    )
    action.version += 1
    action._change_reason = _("Gendannet fra papirkurven")
    action.save(force_insert=True)
    # auto_now_add stamped it as new; it keeps the day it was first made.
    Action.objects.filter(pk=action.pk).update(created_at=record.created_at)  # type: ignore[attr-defined]
    action.created_at = record.created_at  # type: ignore[attr-defined]
    bump_board_revision(amg)
    return action


def _refresh(stale: Action, fresh: Action) -> None:
    """Copy the saved state onto the caller's instance (views keep using the object they have)."""
    for field in Action._meta.concrete_fields:
        setattr(stale, field.attname, getattr(fresh, field.attname))


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
