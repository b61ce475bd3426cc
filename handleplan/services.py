"""Every write to the handleplan board. Views call these; nothing else changes board data.

Each function runs in a transaction and bumps the AMG's board revision, which is what tells the
wall screens (through their ETag) that there is something new to show.
"""

from __future__ import annotations

import datetime
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from forkant.lib.locking import locked
from forkant.models import AMG, Membership
from forkant.services import bump_board_revision, hash_token, lock_amg
from handleplan import history, limits
from handleplan.locks import card_gone, lock_board, lock_meeting, lock_theme
from handleplan.models import (
    Action,
    BoardSettings,
    Decision,
    Effect,
    EventKind,
    Idea,
    IdeaStatus,
    Meeting,
    MeetingEvent,
    MeetingKind,
    NudgePlan,
    NudgeType,
    Radius,
    Reach,
    Status,
    Theme,
)
from handleplan.referat import referat_text


class StaleVersion(Exception):
    """Someone saved the card since this change was based on it. Nothing was written."""

    def __init__(self, current: Action) -> None:
        super().__init__(f"Action {current.pk} is at version {current.version}")
        self.current = current


def _lock_current(action: Action, expected_version: int | None) -> Action:
    """Lock the card's row, check its version; Gone if deleted meanwhile (it is in the bin)."""
    lock_board(action.amg_id)
    current = locked(Action.objects.select_related("amg"), action.pk, message=card_gone(action))
    if expected_version is not None and current.version != expected_version:
        raise StaleVersion(current)
    return current


def _next_position(queryset) -> int:  # type: ignore[no-untyped-def]
    return (queryset.aggregate(top=Max("position"))["top"] or 0) + 1


@transaction.atomic
def create_theme(*, amg: AMG, name: str) -> Theme:
    limits.check_room_for_theme(amg)
    theme = Theme.objects.create(
        amg=amg, name=name, position=_next_position(Theme.objects.filter(amg=amg))
    )
    _log(amg, EventKind.THEME, title=name, detail=_("nyt tema"))
    bump_board_revision(amg)
    return theme


@transaction.atomic
def rename_theme(*, theme: Theme, name: str) -> Theme:
    lock_theme(theme)  # not brought back by a save of a theme deleted meanwhile
    if name != theme.name:
        detail = _("omdøbt fra “%(old)s”") % {"old": theme.name}
        _log(theme.amg, EventKind.THEME, title=name, detail=detail)
    theme.name = name
    theme.save(update_fields=["name"])
    bump_board_revision(theme.amg)
    return theme


@transaction.atomic
def move_theme(*, theme: Theme, step: int) -> Theme | None:
    """A row up (step=-1) or down (1), past the theme it returns; None at the edge."""
    lock_theme(theme)  # deleted meanwhile: Gone
    themes = list(
        Theme.objects.filter(amg=theme.amg).select_for_update().order_by("position", "pk")
    )
    index = next(i for i, t in enumerate(themes) if t.pk == theme.pk)
    target = index + step
    if not 0 <= target < len(themes):
        return None
    themes[index], themes[target] = themes[target], themes[index]
    _renumber(themes)
    bump_board_revision(theme.amg)
    return themes[index]


@transaction.atomic
def delete_theme(*, theme: Theme) -> None:
    theme = lock_theme(theme)  # a card put in it meanwhile waits, and is then counted
    if theme.actions.exists():
        raise ValidationError(
            _("Temaet har stadig handlinger. Flyt eller slet dem, før temaet slettes.")
        )
    amg = theme.amg
    _log(amg, EventKind.THEME, title=theme.name, detail=_("slettet"))
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
    action = _new_card(
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
    )
    _log(amg, EventKind.CREATED, action=action, to_status=action.status)
    bump_board_revision(amg)
    return action


def _new_card(*, amg: AMG, theme: Theme, status: str, **fields: object) -> Action:
    limits.check_room_for_card(lock_theme(theme))  # a deleted theme: Gone; a full one: refused
    return Action.objects.create(
        amg=amg,
        theme=theme,
        status=status,
        position=_next_position(Action.objects.filter(amg=amg, theme=theme, status=status)),
        **fields,  # type: ignore[arg-type]
    )


# The fields of a card a member edits.
EDITABLE_FIELDS = history.EDITABLE


@transaction.atomic
def update_action(
    *,
    action: Action,
    expected_version: int | None = None,
    base_version: int | None = None,
    reason: str = "",
    **changes: object,
) -> Action:
    """Change any of EDITABLE_FIELDS. A card that changes cell goes to the end of its new cell.

    With `expected_version`, a card saved by someone else in the meantime raises StaleVersion
    and nothing is written. With `base_version` (the version a member's form was filled in
    from), it is merged instead: only the fields this member changed are saved, and a field
    both changed raises history.EditConflict (history.merge_edit).
    """
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not editable: {', '.join(sorted(unknown))}")
    _check_same_amg(action.amg, theme=changes.get("theme"), responsible=changes.get("responsible"))
    current = _lock_current(action, expected_version)
    if base_version is not None and current.version != base_version:
        changes = history.merge_edit(current, base_version=base_version, mine=changes)
    old_cell = (current.theme_id, current.status)
    old_status = current.status
    changed = [field for field, value in changes.items() if getattr(current, field) != value]
    for field, value in changes.items():
        setattr(current, field, value)
    if (current.theme_id, current.status) != old_cell:
        if current.theme_id != old_cell[0]:
            limits.check_room_for_card(lock_theme(current.theme))
        current.position = _next_position(
            Action.objects.filter(amg=current.amg, theme=current.theme, status=current.status)
        )
    if current.status != old_status:
        current.moved_at = timezone.now()
        _log(current.amg, EventKind.MOVED, action=current, from_status=old_status)
    elif changed:
        labels = [str(Action._meta.get_field(field).verbose_name) for field in changed]
        _log(current.amg, EventKind.EDITED, action=current, detail=", ".join(labels))
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
    if theme.pk != current.theme_id:
        limits.check_room_for_card(lock_theme(theme))
    siblings = list(
        Action.objects.filter(amg=current.amg, theme=theme, status=status)
        .exclude(pk=current.pk)
        .select_for_update()
        .order_by("position", "pk")
    )
    index = len(siblings) if index is None else max(0, min(index, len(siblings)))
    old_status, old_theme_id = current.status, current.theme_id
    current.theme = theme
    current.status = status
    current.version += 1
    if status != old_status:
        current.moved_at = timezone.now()
    if (theme.pk, status) != (old_theme_id, old_status):
        detail = theme.name if theme.pk != old_theme_id else ""
        _log(current.amg, EventKind.MOVED, action=current, from_status=old_status, detail=detail)
    siblings.insert(index, current)
    _renumber(siblings)
    current.save(update_fields=["theme", "status", "position", "version", "moved_at", "updated_at"])
    bump_board_revision(current.amg)
    _refresh(action, current)
    return action


@transaction.atomic
def delete_action(*, action: Action) -> None:
    """Into the bin, as read under lock: the bin keeps what a save under way just saved."""
    current = _lock_current(action, None)
    amg = current.amg
    _log(amg, EventKind.DELETED, action=None, title=current.title, from_status=current.status)
    current.delete()
    bump_board_revision(amg)


@transaction.atomic
def set_next_tavlemoede(
    *, amg: AMG, starts_at: datetime.datetime, moedeleder: str, now: datetime.datetime
) -> Meeting:
    """Record the next tavlemøde: the already planned upcoming one is moved, or a new one made."""
    upcoming = (
        planned_tavlemoeder(amg=amg, now=now).select_for_update().order_by("starts_at").first()
    )
    if upcoming is None:
        upcoming = Meeting(amg=amg, kind=MeetingKind.TAVLEMOEDE)
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
def restore_referat(*, meeting: Meeting, record: object) -> Meeting:
    """Bring back a meeting's referat, decisions and notes as they were in `record` (one of its
    own history rows), as a new version: the one replaced stays in the history."""
    if getattr(record, "id", None) != meeting.pk:
        raise ValidationError(_("Versionen hører til et andet møde."))
    meeting = lock_meeting(meeting)
    meeting.referat = record.referat  # type: ignore[attr-defined]
    meeting.decisions = record.decisions  # type: ignore[attr-defined]
    meeting.notes = record.notes  # type: ignore[attr-defined]
    meeting._change_reason = _("Referatet gendannet fra en tidligere version")  # type: ignore[attr-defined]
    meeting.save(update_fields=["referat", "decisions", "notes"])
    return meeting


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
    limits.check_room_for_theme(amg)
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
    limits.check_room_for_card(lock_theme(theme))
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


# The meeting's record of changes ----------------------------------------------------------------


def running_meeting(amg: AMG) -> Meeting | None:
    return Meeting.objects.filter(amg=amg, started_at__isnull=False, ended_at__isnull=True).first()


def _log(
    amg: AMG,
    kind: str,
    *,
    action: Action | None = None,
    title: str = "",
    from_status: str = "",
    to_status: str | None = None,
    detail: str = "",
) -> None:
    """Record a change in the running meeting, if one runs (called inside the change's
    transaction, so a change and its record are saved together or not at all)."""
    meeting = running_meeting(amg)
    if meeting is None:
        return
    if to_status is None:
        to_status = action.status if action is not None and kind == EventKind.MOVED else ""
    MeetingEvent.objects.create(
        meeting=meeting,
        kind=kind,
        action=action,
        title=(title or (action.title if action is not None else ""))[:200],
        from_status=from_status,
        to_status=to_status,
        detail=detail,
    )


def planned_tavlemoeder(*, amg: AMG, now: datetime.datetime) -> QuerySet[Meeting]:
    """Tavlemøder still ahead: not started, not in the past."""
    return Meeting.objects.filter(
        amg=amg, kind=MeetingKind.TAVLEMOEDE, starts_at__gte=now, started_at__isnull=True
    )


# Settings: the idea form's code, stalled cards ---------------------------------------------------

# Readable off a wall screen and typed on a phone: no 0/o, 1/l/i.
CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
CODE_LENGTH = 7


def _new_code() -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if not BoardSettings.objects.filter(idea_code=code).exists():
            return code


def board_settings_for(amg: AMG) -> BoardSettings:
    """The AMG's settings, made with a fresh idea-form code the first time they are needed
    (one query once they exist: the wall screen reads them on every changed board)."""
    found = BoardSettings.objects.filter(amg=amg).first()
    if found is not None:
        return found
    with transaction.atomic():
        settings, _created = BoardSettings.objects.get_or_create(
            amg=amg, defaults={"idea_code": _new_code()}
        )
    return settings


@transaction.atomic
def renew_idea_code(*, amg: AMG) -> BoardSettings:
    """A new address for the idea form; the old link (and QR code) stops working at once."""
    settings = board_settings_for(amg)
    settings.idea_code = _new_code()
    settings.save(update_fields=["idea_code"])
    bump_board_revision(amg)  # the wall shows the QR code
    return settings


@transaction.atomic
def set_stalled_weeks(*, amg: AMG, weeks: int) -> BoardSettings:
    if not 1 <= weeks <= 52:
        raise ValidationError(_("Vælg mellem 1 og 52 uger."))
    settings = board_settings_for(amg)
    settings.stalled_weeks = weeks
    settings.save(update_fields=["stalled_weeks"])
    bump_board_revision(amg)  # which cards are marked as stalled
    return settings


# Ideas from the workplace ----------------------------------------------------------------------


@transaction.atomic
def submit_idea(
    *, amg: AMG, text: str, name: str = "", now: datetime.datetime, fate_token: str = ""
) -> Idea:
    """A colleague's idea, waiting for a member; shown nowhere public until published. With
    `fate_token` (random, given to the sender only) their private link shows what became of it."""
    token_hash = hash_token(fate_token) if fate_token else ""
    idea = Idea.objects.create(
        amg=amg, text=text, name=name, created_at=now, fate_token_hash=token_hash
    )
    # The members' board counts the ideas waiting (the wall shows none of them: it only
    # fetches its cached fragment again).
    bump_board_revision(amg)
    return idea


def _lock_new_idea(idea: Idea) -> Idea:
    current = locked(Idea, idea.pk)
    if current.status != IdeaStatus.NEW:
        raise ValidationError(_("Idéen er allerede behandlet af et andet medlem."))
    return current


@transaction.atomic
def publish_idea(
    *,
    idea: Idea,
    theme: Theme,
    title: str,
    by: Membership,
    now: datetime.datetime,
    status: str = Status.PARKERET,
    decision: str = "",
) -> Action:
    """Put an idea on the board as a card (in the Parkeringsplads unless decided otherwise).

    The card carries the idea's text, never the name of the colleague who sent it.
    """
    _check_same_amg(idea.amg, theme=theme, responsible=by)
    idea = _lock_new_idea(idea)
    action = _new_card(
        amg=idea.amg,
        theme=theme,
        status=status,
        title=title,
        why=idea.text,
        effect=idea.effect,
        reach=idea.reach,
        radius=idea.radius,
        decision=decision or idea.decision,
        others=_("Kollegerne selv") if decision == Decision.KOLLEGER else "",
    )
    idea.status = IdeaStatus.PUBLISHED
    idea.action = action
    idea.decision = decision or idea.decision
    idea.handled_at = now
    idea.handled_by = by
    idea.save()
    _log(idea.amg, EventKind.IDEA_PUBLISHED, action=action, to_status=status, detail=idea.text)
    bump_board_revision(idea.amg)
    return action


@transaction.atomic
def merge_idea(*, idea: Idea, into: Idea, by: Membership, now: datetime.datetime) -> Idea:
    """Mark `idea` as a duplicate of `into` (which may itself already be on the board)."""
    if into.amg_id != idea.amg_id:
        raise ValidationError(_("Idéen hører til en anden arbejdsmiljøgruppe."))
    target = Idea.objects.get(pk=into.pk)
    while target.merged_into_id is not None:  # merging into a merged idea: its original
        target = Idea.objects.get(pk=target.merged_into_id)
    if target.pk == idea.pk:
        raise ValidationError(_("En idé kan ikke flettes med sig selv."))
    if target.status == IdeaStatus.DECLINED:
        raise ValidationError(_("Idéen kan ikke flettes med en afvist idé."))
    idea = _lock_new_idea(idea)
    idea.status = IdeaStatus.MERGED
    idea.merged_into = target
    idea.handled_at = now
    idea.handled_by = by
    idea.save()
    for duplicate in Idea.objects.filter(merged_into=idea):  # its own duplicates follow it
        duplicate.merged_into = target
        duplicate.save(update_fields=["merged_into"])
    _log(
        idea.amg,
        EventKind.IDEA_MERGED,
        title=idea.short_text,
        action=target.action,
        detail=target.short_text,
    )
    bump_board_revision(idea.amg)  # the ideas waiting, counted on the members' board
    return idea


@transaction.atomic
def decline_idea(
    *, idea: Idea, reason: str, by: Membership, now: datetime.datetime, shared_reason: str = ""
) -> Idea:
    """Decline with the group's reason; `shared_reason` is what the sender's link shows."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Skriv en begrundelse, så gruppen kan se, hvorfor."))
    idea = _lock_new_idea(idea)
    idea.status = IdeaStatus.DECLINED
    idea.decline_reason = reason
    idea.shared_reason = shared_reason.strip()
    idea.handled_at = now
    idea.handled_by = by
    idea.save()
    _log(idea.amg, EventKind.IDEA_DECLINED, title=idea.short_text, detail=reason)
    bump_board_revision(idea.amg)  # the ideas waiting, counted on the members' board
    return idea


# The effect × reach matrix (Metode 6) ------------------------------------------------------------


@transaction.atomic
def place_on_matrix(*, item: Action | Idea, effect: str, reach: str, radius: str) -> None:
    """Put an idea or a parked card in a quadrant; empty effect and reach take it off again."""
    if isinstance(item, Idea) and item.status != IdeaStatus.NEW:
        raise ValidationError(_("Idéen er allerede behandlet."))
    if isinstance(item, Action) and item.status != Status.PARKERET:
        raise ValidationError(_("Kun kort på parkeringspladsen prioriteres på matricen."))
    if isinstance(item, Action):
        _lock_current(item, None)
    item.effect, item.reach, item.radius = effect, reach, radius
    if isinstance(item, Action):
        # Every save of a card is a new version (concurrent edits, the card cache).
        item.version += 1
        item.save(update_fields=["effect", "reach", "radius", "version", "updated_at"])
        bump_board_revision(item.amg)
    else:
        item.save(update_fields=["effect", "reach", "radius"])
    if effect and reach:
        place = [str(Effect(effect).label), str(Reach(reach).label).lower()]
        if radius:
            place.append(str(Radius(radius).label).lower())
        detail = ", ".join(place)
    else:
        detail = _("taget af matricen")
    title = item.title if isinstance(item, Action) else item.short_text
    _log(
        item.amg,
        EventKind.PLACED,
        action=item if isinstance(item, Action) else None,
        title=title,
        detail=detail,
    )


@transaction.atomic
def decide_action(*, action: Action, decision: str) -> Action:
    """From the matrix: start now, keep parked for later, or hand it to the colleagues."""
    if decision not in Decision.values:
        raise ValidationError(_("Ukendt beslutning."))
    if action.status != Status.PARKERET:
        raise ValidationError(_("Kun kort på parkeringspladsen prioriteres på matricen."))
    _lock_current(action, None)
    action.decision = decision
    if decision == Decision.KOLLEGER and not action.others:
        action.others = _("Kollegerne selv")
    action.version += 1
    action.save(update_fields=["decision", "others", "version", "updated_at"])
    bump_board_revision(action.amg)
    _log(action.amg, EventKind.DECIDED, action=action, detail=str(Decision(decision).label))
    if decision != Decision.SENERE:
        move_action(action=action, status=Status.STARTET)
    return action


def decide_idea(
    *, idea: Idea, decision: str, theme: Theme, by: Membership, now: datetime.datetime
) -> Action:
    if decision not in Decision.values:
        raise ValidationError(_("Ukendt beslutning."))
    status = Status.PARKERET if decision == Decision.SENERE else Status.STARTET
    return publish_idea(
        idea=idea,
        theme=theme,
        title=idea.title_suggestion,
        by=by,
        now=now,
        status=status,
        decision=decision,
    )


# Nudging (Metode 3) ----------------------------------------------------------------------------


@transaction.atomic
def save_nudge_plan(
    *, action: Action, goal: str, barriers: str, solution: str, types: list[str]
) -> NudgePlan:
    unknown = set(types) - set(NudgeType.values)
    if unknown:
        raise ValidationError(_("Ukendt måde at nudge på."))
    _lock_current(action, None)  # deleted meanwhile: Gone, not a foreign-key failure
    plan, _created = NudgePlan.objects.update_or_create(
        action=action,
        defaults={
            "goal": goal,
            "barriers": barriers,
            "solution": solution,
            "types": [t for t in NudgeType.values if t in types],
        },
    )
    _log(action.amg, EventKind.NUDGE, action=action, detail=goal)
    return plan


# Meetings ---------------------------------------------------------------------------------------


@transaction.atomic
def start_meeting(
    *,
    amg: AMG,
    kind: str,
    moedeleder: str,
    referent: str,
    attendees: list[Membership],
    other_attendees: int,
    now: datetime.datetime,
    apologies: list[Membership] = (),  # type: ignore[assignment]
) -> Meeting:
    """Start a meeting: the one planned for today if there is one, else a new one. Members
    who sent apologies (afbud) are recorded with it; nobody is both there and away."""
    lock_amg(amg.pk)  # one meeting start at a time
    if running_meeting(amg) is not None:
        raise ValidationError(_("Der kører allerede et møde. Afslut det først."))
    for member in [*attendees, *apologies]:
        _check_same_amg(amg, responsible=member)
    if {m.pk for m in attendees} & {m.pk for m in apologies}:
        raise ValidationError(_("Et medlem kan ikke både være med og have meldt afbud."))
    window = datetime.timedelta(hours=12)
    meeting = (
        Meeting.objects.filter(
            amg=amg,
            kind=kind,
            started_at__isnull=True,
            starts_at__range=(now - window, now + window),
        )
        .order_by("starts_at")
        .first()
    ) or Meeting(amg=amg, kind=kind, starts_at=now)
    meeting.moedeleder = moedeleder
    meeting.referent = referent
    meeting.other_attendees = other_attendees
    meeting.started_at = now
    meeting.save()
    meeting.attendees.set(attendees)
    meeting.apologies.set(apologies)
    bump_board_revision(amg)  # the wall's "next tavlemøde" moves on
    return meeting


@transaction.atomic
def end_meeting(
    *,
    meeting: Meeting,
    decisions: str,
    notes: str,
    next_starts_at: datetime.datetime | None,
    next_moedeleder: str,
    now: datetime.datetime,
) -> Meeting:
    """End the meeting, write the referat from what changed while it ran, plan the next one."""
    meeting = lock_meeting(meeting)
    if not meeting.is_running:
        raise ValidationError(_("Mødet er allerede afsluttet."))
    meeting.ended_at = now
    meeting.decisions = decisions
    meeting.notes = notes
    next_meeting = None
    if next_starts_at is not None:
        next_meeting = set_next_tavlemoede(
            amg=meeting.amg, starts_at=next_starts_at, moedeleder=next_moedeleder, now=now
        )
    meeting.referat = referat_text(meeting, next_meeting=next_meeting)
    meeting.save()
    bump_board_revision(meeting.amg)
    return meeting


@transaction.atomic
def update_referat(*, meeting: Meeting, referat: str) -> Meeting:
    meeting = lock_meeting(meeting)
    if meeting.ended_at is None:
        raise ValidationError(_("Referatet skrives, når mødet er afsluttet."))
    meeting.referat = referat
    meeting.save(update_fields=["referat"])
    return meeting
