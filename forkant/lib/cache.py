"""The cache: per process (locmem) by default, one Redis shared by every app server when
`CACHE_URL` (or `REDIS_URL`) names one, and never a reason for a request to fail.

What the app keeps in the cache is of two kinds:

- **Named by what it holds** (a card per card version, the board per board revision, the wall's
  fragment per ETag, the organisation overview for two minutes): an entry can be missing, never
  wrong, so any cache, shared or not, serves it correctly.
- **The current state of a row** (an AMG's board revision, which device key a wall screen has:
  `forkant/revisions.py`), read by the polls before any session or database is touched. The
  writes keep these current after they commit, and they expire after `STATE_SECONDS`, so an
  update lost while Redis was unreachable is corrected within that time.

`ResilientRedisCache` is Django's own Redis cache, but when Redis cannot be reached (stopped,
restarting, a closed port) a read answers "not cached" and a write does nothing: the request
carries on from the database. After a failure the process leaves Redis alone for
`RETRY_SECONDS` instead of waiting for a connection on every call.
"""

from __future__ import annotations

import importlib.util
import logging
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlsplit

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from django.core.exceptions import ImproperlyConfigured

log = logging.getLogger(__name__)

T = TypeVar("T")

# A connection to Redis on the private network takes well under this; a refused or silent
# server must not hold a wall poll for longer.
SOCKET_TIMEOUT = 0.25
RETRY_SECONDS = 5.0
KEY_PREFIX = "forkant"


def cache_setting(url: str, *, prefix: str = KEY_PREFIX) -> dict[str, Any]:
    """`CACHES["default"]` for a CACHE_URL: `redis://host:port/db` (or `rediss://`) → Redis,
    empty or `locmem://` → per process memory. Anything else is a configuration error. Every key
    starts with `prefix` (one Redis database can serve several installations)."""
    if not url or url == "locmem://":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    scheme = urlsplit(url).scheme
    if scheme not in {"redis", "rediss"}:
        raise ImproperlyConfigured(
            f"CACHE_URL must be redis://host:port/db (or empty for the per-process cache), "
            f"not {url!r}."
        )
    if importlib.util.find_spec("redis") is None:
        raise ImproperlyConfigured(
            "CACHE_URL names a Redis server, but the Python package `redis` is not installed: "
            "install the project again (`pip install .`, it is one of its dependencies) or "
            "`pip install redis`."
        )
    return {
        "BACKEND": "forkant.lib.cache.ResilientRedisCache",
        "LOCATION": url,
        "KEY_PREFIX": prefix,
        "OPTIONS": {"socket_connect_timeout": SOCKET_TIMEOUT, "socket_timeout": SOCKET_TIMEOUT},
    }


def is_shared(cache: object) -> bool:
    """Whether every app server reads the same entries (not a per-process memory)."""
    return isinstance(cache, RedisCache)


class ResilientRedisCache(RedisCache):
    """Django's Redis cache that treats an unreachable Redis as an empty cache."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._down_until = 0.0
        self._lock = threading.Lock()

    def _guarded(self, call: Callable[[], T], fallback: T) -> T:
        if self._down_until > time.monotonic():
            return fallback
        import redis  # only when Redis is configured (cache_setting checked it is installed)

        try:
            return call()
        except (redis.exceptions.RedisError, OSError) as e:  # down, refusing, out of memory
            with self._lock:
                if self._down_until <= time.monotonic():
                    log.warning("Redis unreachable, the cache is skipped for now: %s", e)
                self._down_until = time.monotonic() + RETRY_SECONDS
            return fallback

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):  # type: ignore[no-untyped-def]
        return self._guarded(
            lambda: super(ResilientRedisCache, self).add(key, value, timeout, version), False
        )

    def get(self, key, default=None, version=None):  # type: ignore[no-untyped-def]
        return self._guarded(
            lambda: super(ResilientRedisCache, self).get(key, default, version), default
        )

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):  # type: ignore[no-untyped-def]
        self._guarded(
            lambda: super(ResilientRedisCache, self).set(key, value, timeout, version), None
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):  # type: ignore[no-untyped-def]
        return self._guarded(
            lambda: super(ResilientRedisCache, self).touch(key, timeout, version), False
        )

    def delete(self, key, version=None):  # type: ignore[no-untyped-def]
        return self._guarded(lambda: super(ResilientRedisCache, self).delete(key, version), False)

    def get_many(self, keys, version=None):  # type: ignore[no-untyped-def]
        return self._guarded(lambda: super(ResilientRedisCache, self).get_many(keys, version), {})

    def has_key(self, key, version=None):  # type: ignore[no-untyped-def]
        return self._guarded(lambda: super(ResilientRedisCache, self).has_key(key, version), False)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):  # type: ignore[no-untyped-def]
        return self._guarded(
            lambda: super(ResilientRedisCache, self).set_many(data, timeout, version), list(data)
        )

    def delete_many(self, keys, version=None):  # type: ignore[no-untyped-def]
        self._guarded(lambda: super(ResilientRedisCache, self).delete_many(keys, version), None)

    def clear(self):  # type: ignore[no-untyped-def]
        """Delete this app's entries (its KEY_PREFIX) only: Django's own `clear()` empties the
        whole Redis database, whoever else keeps data in it."""

        def delete_ours() -> bool:
            client = self._cache.get_client(None, write=True)
            batch: list[bytes] = []
            for key in client.scan_iter(match=f"{self.key_prefix}:*", count=1000):
                batch.append(key)
                if len(batch) >= 1000:
                    client.delete(*batch)
                    batch.clear()
            if batch:
                client.delete(*batch)
            return True

        return self._guarded(delete_ours, False)
