"""What the polls read before sessions, auth or the database: each AMG's board revision and which
device key each wall screen holds, kept in the cache (shared by every app server with Redis).

- **The board revision** (`AMG.board_revision`) is bumped by every board write
  (`forkant.services.bump_board_revision`, one `UPDATE … RETURNING`), and the new value is put
  in the cache (again once the write has committed), so every server's next poll sees it. A
  poll that finds no value reads the database and adds what it read (`add`, so an older read
  never overwrites a newer write).
- **A wall screen** is cached as its AMG and a hash of its device key (never the key itself)
  when a poll has checked its cookie against the database; pairing it again or revoking it
  deletes the entry after the write commits.
- **Last seen**: a poll writes a screen's last-seen time when no poll has in the last minute.
- **A member's open board**: a session (by a hash of its key) that a poll checked against the
  database, with its write access to the AMG.

Entries expire after `state_seconds()`: 30 s with a shared cache (what a write lost while Redis
was unreachable can cost), 2 s with the per-process default (another gunicorn worker's memory
never hears of this process's writes, and a wall must show an edit within 5 s).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable

from django.core.cache import cache, caches
from django.db import connection, transaction

from forkant.lib.cache import is_shared

log = logging.getLogger(__name__)

SHARED_STATE_SECONDS = 30
LOCAL_STATE_SECONDS = 2
SEEN_SECONDS = 60


def state_seconds() -> int:
    return SHARED_STATE_SECONDS if is_shared(caches["default"]) else LOCAL_STATE_SECONDS


def revision_key(amg_id: int) -> str:
    return f"state:revision:{amg_id}"


def screen_key(screen_id: int) -> str:
    return f"state:screen:{screen_id}"


def seen_key(screen_id: int) -> str:
    return f"state:seen:{screen_id}"


def device_hash(device_key: str) -> str:
    return hashlib.sha256(device_key.encode()).hexdigest()


# Board revisions ------------------------------------------------------------------------------


def bump(amg_id: int) -> int:
    """Add one to the AMG's board revision in the database (one statement) and publish the new
    value to the cache (now, and when the surrounding transaction commits). Returns it."""
    from forkant.models import AMG  # the models import this module's callers, not the reverse

    table = connection.ops.quote_name(AMG._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET board_revision = board_revision + 1 "  # noqa: S608 - our table
            "WHERE id = %s RETURNING board_revision",
            [amg_id],
        )
        row = cursor.fetchone()
    if row is None:
        return 0
    revision = int(row[0])
    _now_and_after_commit(lambda: _publish(amg_id, revision))
    return revision


def _now_and_after_commit(update: Callable[[], None]) -> None:
    """Now, and again once the transaction commits. Early is safe: a poll answers 304 only to an
    ETag read from the database, which cannot hold an uncommitted revision (a rolled-back one
    costs polls a database query until the entry expires); after the commit, because a poll may
    have put back what it read just before."""
    update()
    transaction.on_commit(update)


def _publish(amg_id: int, revision: int) -> None:
    key = revision_key(amg_id)
    known = cache.get(key)
    if known is None or known < revision:  # two writes may publish in either order
        cache.set(key, revision, state_seconds())


def forget_revisions(amg_ids: Iterable[int]) -> None:
    """After the transaction commits, the cached revisions of these AMGs are read afresh."""
    keys = [revision_key(pk) for pk in amg_ids]
    if keys:
        _now_and_after_commit(lambda: cache.delete_many(keys))


def remember_revision(amg_id: int, revision: int) -> None:
    """A poll read the revision from the database: keep it unless a write published one."""
    cache.add(revision_key(amg_id), revision, state_seconds())


# Wall screens ---------------------------------------------------------------------------------


def remember_screen(screen_id: int, amg_id: int, device_key: str) -> None:
    cache.add(screen_key(screen_id), (amg_id, device_hash(device_key)), state_seconds())


def forget_screen(screen_id: int) -> None:
    """After the transaction commits (pairing again, revoking): the screen's cookie is checked
    against the database again."""
    _now_and_after_commit(lambda: cache.delete(screen_key(screen_id)))


def seen_recently(screen_id: int) -> bool:
    """True if a poll of this screen was recorded within the last minute; else records this
    one (the caller writes last-seen to the database)."""
    return not cache.add(seen_key(screen_id), 1, SEEN_SECONDS)


def mark_seen(screen_id: int, *, seconds: float) -> None:
    """Last seen was written: the polls answered from the cache write it again after this."""
    cache.set(seen_key(screen_id), 1, max(1, int(seconds)))


# Members' open boards -------------------------------------------------------------------------


def viewer_key(session_key: str, amg_id: int) -> str:
    # Hashed: the cache never holds a session key that would log someone in.
    return f"state:viewer:{hashlib.sha256(session_key.encode()).hexdigest()[:32]}:{amg_id}"


def remember_viewer(session_key: str, amg_id: int, *, can_write: bool) -> None:
    """A poll checked this session and its membership against the database: for a while its
    unchanged polls are answered from the cache (handleplan/polls.py)."""
    cache.set(viewer_key(session_key, amg_id), can_write, state_seconds())
