"""Reminders other topics add without the reminders importing them (registered in
MetoderConfig.ready(), like every extension): a source is a kind (a `ReminderPreference` field,
so each member chooses) and a function that, given the members to remind and the time, returns
what is due for them – objects with `membership_id`, `key` (unique per member: the thing and
the date it is about), `text`, `path` (a site path; the e-mail makes it absolute) and `warn`.
Each source must read in a fixed number of queries, whatever the number of members.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from typing import Protocol

from forkant.models import Membership


class Due(Protocol):
    membership_id: int
    key: str
    text: str
    path: str
    warn: bool


Source = Callable[[list[Membership], datetime.datetime], Iterable[Due]]
_SOURCES: dict[str, Source] = {}


def register_source(kind: str, collect: Source) -> None:
    _SOURCES[kind] = collect


def sources() -> list[tuple[str, Source]]:
    return list(_SOURCES.items())
