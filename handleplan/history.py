"""Reads of the board's history: a card's versions with what changed, and the bin.

The history rows are django-simple-history's (`Action.history`, `Theme.history`,
`Meeting.history`), written by every save the services make, with the acting user.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from django.db import models
from django.template.defaultfilters import date as date_filter
from django.utils import timezone
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forkant.models import AMG, Membership
from handleplan.models import Action, Meeting, Theme

# Bookkeeping, not content: never shown as a change.
HIDDEN_FIELDS = {
    "version",
    "position",
    "updated_at",
    "created_at",
    "moved_at",
    "amg",
    # A meeting's own progress, told by the kind of change rather than as fields:
    "started_at",
    "ended_at",
    "referat_sent_at",
}

KINDS = {"+": gettext_lazy("Oprettet"), "~": gettext_lazy("Ændret"), "-": gettext_lazy("Slettet")}


@dataclass
class Change:
    label: str
    before: str
    after: str


@dataclass
class Version:
    record: models.Model
    changes: list[Change] = field(default_factory=list)
    is_current: bool = False

    @property
    def kind(self) -> str:
        return str(KINDS.get(self.record.history_type, ""))  # type: ignore[attr-defined]

    @property
    def when(self) -> datetime.datetime:
        return self.record.history_date  # type: ignore[attr-defined]

    @property
    def who(self) -> str:
        user = self.record.history_user  # type: ignore[attr-defined]
        return (user.get_full_name() or user.email) if user else _("ukendt")

    @property
    def reason(self) -> str:
        return self.record.history_change_reason or ""  # type: ignore[attr-defined]


class Names:
    """Theme and member names for the ids in history rows, deleted ones included (2 queries)."""

    def __init__(self, amg: AMG) -> None:
        self.themes: dict[int, str] = {}
        for row in Theme.history.filter(amg=amg).order_by("history_date").values("id", "name"):
            self.themes[row["id"]] = row["name"]
        self.members = {
            m.pk: m.display_name for m in Membership.objects.filter(amg=amg).select_related("user")
        }

    def show(self, model_field: models.Field, value: object) -> str:
        if value is None or value == "":
            return "–"
        if model_field.choices:
            return str(dict(model_field.flatchoices).get(value, value))
        if model_field.name == "theme":
            return self.themes.get(value, _("(slettet tema)"))  # type: ignore[arg-type]
        if model_field.name == "responsible":
            return self.members.get(value, _("(tidligere medlem)"))  # type: ignore[arg-type]
        if isinstance(value, bool):
            return _("Ja") if value else _("Nej")
        if isinstance(value, datetime.datetime):
            return date_filter(timezone.localtime(value), "j. F Y H.i")
        if isinstance(value, datetime.date):
            return date_filter(value, "j. F Y")
        return Truncator(str(value)).chars(300)


def action_versions(amg: AMG, action_id: int) -> list[Version]:
    """Every version of one card, newest first, each with what changed from the one before."""
    return versions_of(Action, amg, action_id)


def meeting_versions(amg: AMG, meeting_id: int) -> list[Version]:
    """Every version of one meeting (planned, started, ended, its referat edited), newest first."""
    return versions_of(Meeting, amg, meeting_id)


def versions_of(
    model: type[models.Model],
    amg: AMG,
    object_id: int,
    *,
    hidden: Collection[str] = HIDDEN_FIELDS,
    show: Callable[[Names, models.Field, object], str] = Names.show,
) -> list[Version]:
    """Every version of one object of a model with django-simple-history, newest first, each
    with what changed from the one before: the fields not `hidden`, each value as `show` tells
    (by default `Names.show`: names for theme and member ids, dates, yes/no)."""
    records = list(
        model.history.filter(amg=amg, id=object_id)  # type: ignore[attr-defined]
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    names = Names(amg)
    versions: list[Version] = []
    previous = None
    for record in records:
        version = Version(record)
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous, excluded_fields=hidden)
            for change in delta.changes:
                model_field = model._meta.get_field(change.field)
                version.changes.append(
                    Change(
                        label=capfirst(str(model_field.verbose_name)),
                        before=show(names, model_field, change.old),
                        after=show(names, model_field, change.new),
                    )
                )
        versions.append(version)
        previous = record
    if versions and versions[-1].record.history_type != "-":
        versions[-1].is_current = True
    versions.reverse()
    return versions


@dataclass
class Deleted:
    record: models.Model
    theme_name: str = ""
    who: str = ""

    @property
    def name(self) -> str:
        """A card's title or a theme's name."""
        return getattr(self.record, "title", None) or self.record.name  # type: ignore[attr-defined]


def binned(amg: AMG) -> tuple[list[Deleted], list[Deleted]]:
    """Deleted cards and themes that have not been restored, most recently deleted first."""
    live_actions = set(Action.objects.filter(amg=amg).values_list("pk", flat=True))
    live_themes = set(Theme.objects.filter(amg=amg).values_list("pk", flat=True))
    names = Names(amg)

    def latest_deletions(model: type[models.Model], live: set[int]) -> list[Deleted]:
        seen: set[int] = set()
        result = []
        rows = (
            model.history.filter(amg=amg, history_type="-")  # type: ignore[attr-defined]
            .select_related("history_user")
            .order_by("-history_date", "-history_id")
        )
        for record in rows:
            if record.id in live or record.id in seen:
                continue
            seen.add(record.id)
            user = record.history_user
            entry = Deleted(record, who=(user.get_full_name() or user.email) if user else "")
            if model is Action:
                entry.theme_name = names.themes.get(record.theme_id, "")
            result.append(entry)
        return result

    return latest_deletions(Action, live_actions), latest_deletions(Theme, live_themes)


def last_theme_record(amg: AMG, theme_id: int) -> models.Model | None:
    """A deleted theme's last history row, to bring it back with a card that belonged to it."""
    return (
        Theme.history.filter(amg=amg, id=theme_id, history_type="-")
        .order_by("-history_date", "-history_id")
        .first()
    )


def last_editor(amg: AMG, action_id: int, *, before: int | None = None) -> str:
    """Who saved the card last (for "changed by … meanwhile"); with `before`, who saved it
    last before that version (the one this member's own save made)."""
    records = Action.history.filter(amg=amg, id=action_id)
    if before is not None:
        records = records.filter(version__lt=before)
    record = records.select_related("history_user").order_by("-history_date", "-history_id").first()
    if record is None or record.history_user is None:
        return _("en anden")
    return record.history_user.get_full_name() or record.history_user.email


# Two members editing one card: a three-way merge on the version the member started from --------

# The fields of a card a member edits (handleplan.services.EDITABLE_FIELDS).
EDITABLE = (
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


class EditConflict(Exception):
    """Someone saved the card since the member's form was filled in, and changed a field this
    member changed too (to something else). Nothing was written."""

    def __init__(
        self, current: Action, *, base_version: int, fields: list[str], mine: dict[str, object]
    ) -> None:
        super().__init__(f"Action {current.pk}: both changed {', '.join(fields)}")
        self.current = current
        self.base_version = base_version
        self.fields = fields  # the fields both changed: the only real conflict
        self.mine = mine  # every field this member changed, with their value


def _raw(value: object) -> object:
    """A value as compared: a related object's id; text without its line-ending style."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, str):
        return "\n".join(value.strip().splitlines())
    return value


def _attname(name: str) -> str:
    return Action._meta.get_field(name).attname


def _label(name: str) -> str:
    return capfirst(str(Action._meta.get_field(name).verbose_name))


def _base_record(action: Action, version: int) -> models.Model | None:
    """The card as it was at `version` (the version a member's form was filled in from)."""
    return (
        Action.history.filter(amg_id=action.amg_id, id=action.pk, version=version)
        .order_by("-history_date", "-history_id")
        .first()
    )


def merge_edit(current: Action, *, base_version: int, mine: dict[str, object]) -> dict[str, object]:
    """A member's form, filled in from `base_version`, against the card as saved since: only
    the fields this member changed are theirs to save (returned); a field someone else changed
    and this member did not keeps the other's value. A field both changed, differently, is a
    conflict (EditConflict). Without the base version in the history, every field that differs
    from the saved card counts as changed by both."""
    base = _base_record(current, base_version)
    changed: dict[str, object] = {}
    conflicts: list[str] = []
    for name, value in mine.items():
        saved = _raw(getattr(current, _attname(name)))
        before = saved if base is None else _raw(getattr(base, _attname(name)))
        if base is not None and _raw(value) == before:
            continue  # not changed by this member: the saved card's value stays
        if _raw(value) == saved:
            continue  # both made the same change, or nothing to do
        changed[name] = value
        if base is None or saved != before:
            conflicts.append(name)
    if conflicts:
        raise EditConflict(current, base_version=base_version, fields=conflicts, mine=changed)
    return changed


def changed_since(action: Action, version: int) -> list[str]:
    """The fields saved since `version`: what someone else changed meanwhile."""
    base = _base_record(action, version)
    if base is None or version == action.version:
        return []
    return [
        name
        for name in EDITABLE
        if _raw(getattr(base, _attname(name))) != _raw(getattr(action, _attname(name)))
    ]


def changed_labels(names: list[str]) -> str:
    return ", ".join(_label(name).lower() for name in names)


@dataclass
class ConflictRow:
    label: str
    mine: str
    saved: str


@dataclass
class Conflict:
    """What the member sees when both changed a field: only those fields, theirs beside the
    saved one, and two ways on — their own values for those fields, or the saved ones. Either
    way the rest of what they changed is saved too, and what only the other changed stays."""

    rows: list[ConflictRow]
    fields: list[str]
    saved_by: str
    saved_at: datetime.datetime | None
    mine_initial: dict[str, object]  # the saved card with all of this member's changes
    theirs_initial: dict[str, object]  # the same, but the saved values in the conflicting fields
    kept: list[str]  # labels of what only the other changed, which stays as they saved it
    has_other_changes: bool  # whether this member changed anything besides the conflicts

    @classmethod
    def of(cls, amg: AMG, error: EditConflict) -> Conflict:
        current = error.current
        names = Names(amg)
        saved = {name: getattr(current, _attname(name)) for name in EDITABLE}
        mine = {name: _raw(value) for name, value in error.mine.items()}
        rows = [
            ConflictRow(
                label=_label(name),
                mine=names.show(Action._meta.get_field(name), mine[name]),
                saved=names.show(Action._meta.get_field(name), saved[name]),
            )
            for name in error.fields
        ]
        latest = (
            Action.history.filter(amg=amg, id=current.pk)
            .select_related("history_user")
            .order_by("-history_date", "-history_id")
            .first()
        )
        user = latest.history_user if latest else None
        others_only = [n for n in changed_since(current, error.base_version) if n not in mine]
        return cls(
            rows=rows,
            fields=list(error.fields),
            saved_by=(user.get_full_name() or user.email) if user else _("en anden"),
            saved_at=latest.history_date if latest else None,
            mine_initial={**saved, **mine},
            theirs_initial={**saved, **{k: v for k, v in mine.items() if k not in error.fields}},
            kept=[_label(name) for name in others_only],
            has_other_changes=any(name not in error.fields for name in mine),
        )
