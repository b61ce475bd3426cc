"""The shared cache: CACHE_URL/REDIS_URL selects Redis, locmem stays the default, and an
unreachable Redis is a missing cache (polls answer from the database, writes work, nothing lost).

The tests that talk to Redis need the `redis` package (a dependency in pyproject.toml) and skip
without it; CI has both it and a Redis server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.cache import cache, caches
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from forkant import services as core_services
from forkant.lib.cache import cache_setting
from handleplan.models import Action, Status

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def load_cache_setting(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"CACHE_URL", "REDIS_URL"}}
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import forkant.settings as s; print(s.CACHES['default']['BACKEND'])",
        ],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def redis_installed() -> bool:
    import importlib.util

    return importlib.util.find_spec("redis") is not None


def test_the_per_process_cache_is_the_default():
    result = load_cache_setting()
    assert result.stdout.strip() == "django.core.cache.backends.locmem.LocMemCache"


def test_a_cache_url_that_is_not_redis_fails_loudly():
    result = load_cache_setting(CACHE_URL="memcached://127.0.0.1:11211")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "CACHE_URL must be redis://" in result.stderr


@pytest.mark.parametrize("name", ["CACHE_URL", "REDIS_URL"])
def test_a_redis_url_selects_the_shared_cache_or_says_what_is_missing(name):
    result = load_cache_setting(**{name: "redis://127.0.0.1:6379/0"})
    if redis_installed():
        assert result.stdout.strip() == "forkant.lib.cache.ResilientRedisCache"
    else:
        assert result.returncode != 0
        assert "the Python package `redis` is not installed" in result.stderr


needs_redis_package = pytest.mark.skipif(
    not redis_installed(), reason="the `redis` package (pyproject.toml; CI installs it)"
)


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nothing listens there once the socket is closed


@pytest.fixture
def redis_down(settings):  # type: ignore[no-untyped-def]
    settings.CACHES = {"default": cache_setting(f"redis://127.0.0.1:{closed_port()}/0")}
    yield
    caches["default"]._down_until = 0.0


def redis_reachable() -> bool:
    if not redis_installed():
        return False
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping())
    except redis.exceptions.RedisError:
        return False


@pytest.fixture
def redis_up(settings):  # type: ignore[no-untyped-def]
    if not redis_reachable():
        pytest.skip(f"no Redis at {REDIS_URL} (CI has one)")
    setting = cache_setting(REDIS_URL)
    setting["KEY_PREFIX"] = f"forkant-test-{uuid.uuid4().hex[:8]}"  # others may share the server
    settings.CACHES = {"default": setting}
    yield
    cache.clear()


def poll(client: Client, url: str, etag: str | None = None):  # type: ignore[no-untyped-def]
    return client.get(url, headers={"If-None-Match": etag} if etag else {})


def move_through_the_page(client: Client, world, status: Status):  # type: ignore[no-untyped-def]
    action = Action.objects.get(pk=world.action.pk)
    url = reverse("action_move", kwargs={"amg_id": world.amg.pk, "pk": action.pk})
    return client.post(url, {"status": status, "version": action.version})


@needs_redis_package
def test_with_redis_down_polls_answer_from_the_database_and_writes_work(
    world, redis_down, django_assert_num_queries
):
    _screen, token = core_services.create_wall_screen(
        amg=world.amg, name="TV", created_by=world.amr.user, now=timezone.now()
    )
    tv = Client()
    tv.post(reverse("wall_pair", kwargs={"token": token}))
    wall = reverse("wall_board")
    etag = poll(tv, wall)["ETag"]
    with django_assert_num_queries(1):  # the screen with its AMG, as before the cache
        assert poll(tv, wall, etag).status_code == 304

    member = world.client_for("amr")
    board = reverse("board_poll", args=[world.amg.pk])
    board_etag = poll(member, board)["ETag"]
    assert poll(member, board, board_etag).status_code == 304

    assert move_through_the_page(member, world, Status.I_MAAL).status_code == 302
    assert Action.objects.get(pk=world.action.pk).status == Status.I_MAAL  # nothing lost
    changed = poll(tv, wall, etag)
    assert changed.status_code == 200
    assert poll(member, board, board_etag).status_code == 200
    page = member.get(reverse("board", args=[world.amg.pk]))
    assert page.status_code == 200
    assert "Fælles aftaler om mails" in page.content.decode()


@needs_redis_package
def test_an_unreachable_redis_is_left_alone_for_a_few_seconds(redis_down):
    import time

    start = time.monotonic()
    for n in range(50):
        assert cache.get(f"k{n}") is None
        cache.set(f"k{n}", n)
    assert cache.get_many(["a", "b"]) == {}
    assert cache.add("a", 1) is False
    assert time.monotonic() - start < 2


def test_with_redis_up_the_polls_are_answered_from_it(world, redis_up, django_assert_num_queries):
    _screen, token = core_services.create_wall_screen(
        amg=world.amg, name="TV", created_by=world.amr.user, now=timezone.now()
    )
    tv = Client()
    tv.post(reverse("wall_pair", kwargs={"token": token}))
    wall = reverse("wall_board")
    etag = poll(tv, wall)["ETag"]
    with django_assert_num_queries(0):
        assert poll(tv, wall, etag).status_code == 304
    member = world.client_for("amr")
    board_page = member.get(reverse("board", args=[world.amg.pk]))  # cached in Redis
    assert board_page.status_code == 200
    assert move_through_the_page(member, world, Status.I_MAAL).status_code == 302
    assert poll(tv, wall, etag).status_code == 200
    again = member.get(reverse("board", args=[world.amg.pk])).content.decode()
    assert again != board_page.content.decode()


def test_clearing_the_cache_leaves_other_keys_in_redis_alone(redis_up):
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    other = f"someone-else-{uuid.uuid4().hex}"
    client.set(other, "keep", ex=60)
    try:
        cache.set("mine", 1)
        assert cache.get("mine") == 1
        cache.clear()
        assert cache.get("mine") is None
        assert client.get(other) == b"keep"
    finally:
        client.delete(other)
