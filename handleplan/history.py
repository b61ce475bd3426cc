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


def last_editor(amg: AMG, action_id: int) -> str:
    """Who saved the card last (for "changed by … meanwhile")."""
    record = (
        Action.history.filter(amg=amg, id=action_id)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
        .first()
    )
    if record is None or record.history_user is None:
        return _("en anden")
    return record.history_user.get_full_name() or record.history_user.email


@dataclass
class ConflictRow:
    label: str
    mine: str
    saved: str

    @property
    def differs(self) -> bool:
        return self.mine != self.saved


@dataclass
class Conflict:
    """A member's unsaved edit beside the version someone else saved first."""

    rows: list[ConflictRow]
    saved_by: str
    saved_at: datetime.datetime | None
    mine_initial: dict[str, object]

    @classmethod
    def between(cls, amg: AMG, current: Action, mine: dict[str, object]) -> Conflict:
        names = Names(amg)
        rows = []
        initial: dict[str, object] = {}
        for name, value in mine.items():
            model_field = Action._meta.get_field(name)
            raw_mine = value.pk if isinstance(value, models.Model) else value
            raw_saved = getattr(current, model_field.attname)
            initial[name] = raw_mine
            rows.append(
                ConflictRow(
                    label=capfirst(str(model_field.verbose_name)),
                    mine=names.show(model_field, raw_mine),
                    saved=names.show(model_field, raw_saved),
                )
            )
        latest = (
            Action.history.filter(amg=amg, id=current.pk)
            .select_related("history_user")
            .order_by("-history_date", "-history_id")
            .first()
        )
        user = latest.history_user if latest else None
        return cls(
            rows=rows,
            saved_by=(user.get_full_name() or user.email) if user else _("en anden"),
            saved_at=latest.history_date if latest else None,
            mine_initial=initial,
        )
