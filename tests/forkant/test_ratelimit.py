"""The database token buckets behind every rate limit (idea form, password reset, invitations)."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection, connections
from django.test import RequestFactory, override_settings
from django.utils import timezone

from forkant import ratelimit
from forkant.models import RateLimitBucket

HOUR = timedelta(hours=1)
ROOT = Path(__file__).resolve().parents[2]


def test_a_bucket_allows_its_rate_then_refuses(db):
    results = [ratelimit.allow("t", "1.2.3.4", rate=3, per=HOUR) for _ in range(5)]
    assert results == [True, True, True, False, False]


def test_buckets_are_separate_per_key_and_scope(db):
    for _ in range(2):
        assert ratelimit.allow("t", "a", rate=2, per=HOUR)
    assert not ratelimit.allow("t", "a", rate=2, per=HOUR)
    assert ratelimit.allow("t", "b", rate=2, per=HOUR)
    assert ratelimit.allow("other", "a", rate=2, per=HOUR)


def test_a_bucket_refills_with_time_and_a_refusal_costs_nothing(db):
    for _ in range(2):
        ratelimit.allow("t", "k", rate=2, per=HOUR)
    assert not ratelimit.allow("t", "k", rate=2, per=HOUR)
    bucket = RateLimitBucket.objects.get()
    # Half an hour later one token (of two per hour) has come back.
    bucket.updated_at = timezone.now() - timedelta(minutes=31)
    bucket.save()
    assert ratelimit.allow("t", "k", rate=2, per=HOUR)
    assert not ratelimit.allow("t", "k", rate=2, per=HOUR)


def test_the_table_holds_neither_addresses_nor_emails(db):
    ratelimit.allow("reset", "someone@example.dk", rate=2, per=HOUR)
    key = RateLimitBucket.objects.get().key
    assert "someone" not in key
    assert len(key) == 64


def test_reset_and_prune_forget_buckets(db):
    ratelimit.allow("t", "k", rate=1, per=HOUR)
    ratelimit.reset("t", "k")
    assert ratelimit.allow("t", "k", rate=1, per=HOUR)
    RateLimitBucket.objects.update(updated_at=timezone.now() - timedelta(days=3))
    assert ratelimit.prune() == 1
    assert not RateLimitBucket.objects.exists()


def test_nonsense_rates_are_refused(db):
    with pytest.raises(ValueError, match="rate"):
        ratelimit.allow("t", "k", rate=0, per=HOUR)


def test_client_ip_trusts_forwarded_for_only_behind_our_proxy():
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7"
    )
    with override_settings(BEHIND_PROXY=False):
        assert ratelimit.client_ip(request) == "10.0.0.1"
    with override_settings(BEHIND_PROXY=True):
        # The first hop is whatever the client claimed; the proxy appended the real one.
        assert ratelimit.client_ip(request) == "203.0.113.7"


def test_too_many_requests_answers_429_in_danish(db):
    request = RequestFactory().get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    response = ratelimit.too_many_requests(request)
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "For mange forsøg" in response.content.decode()


needs_shared_database = pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="the SQLite test database lives in one process's memory; CI runs this on PostgreSQL",
)


@needs_shared_database
@pytest.mark.django_db(transaction=True)
def test_concurrent_workers_never_take_more_than_the_rate():
    def attempt(_: int) -> bool:
        try:
            return ratelimit.allow("race", "1.2.3.4", rate=5, per=HOUR)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(attempt, range(20)))
    assert results.count(True) == 5


@needs_shared_database
@pytest.mark.django_db(transaction=True)
def test_the_limit_holds_across_two_processes():
    settings_dict = connection.settings_dict
    url = (
        f"postgres://{settings_dict['USER']}@{settings_dict['HOST']}:{settings_dict['PORT']}"
        f"/{settings_dict['NAME']}"
    )
    script = (
        "import django; django.setup(); from datetime import timedelta; "
        "from forkant import ratelimit; "
        "print(ratelimit.allow('x-proc', '9.9.9.9', rate=3, per=timedelta(hours=1)))"
    )

    def other_process() -> str:
        env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "forkant.settings"}
        done = subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        )
        return done.stdout.strip()

    assert ratelimit.allow("x-proc", "9.9.9.9", rate=3, per=HOUR)
    assert other_process() == "True"
    assert ratelimit.allow("x-proc", "9.9.9.9", rate=3, per=HOUR)
    # Three tokens are gone, one taken by each process: both now refuse.
    assert other_process() == "False"
    assert not ratelimit.allow("x-proc", "9.9.9.9", rate=3, per=HOUR)


def test_the_prune_command_reports_what_it_deleted(db):
    from io import StringIO

    from django.core.management import call_command

    ratelimit.allow("t", "k", rate=1, per=HOUR)
    RateLimitBucket.objects.update(updated_at=timezone.now() - timedelta(days=3))
    out = StringIO()
    call_command("prune_ratelimits", stdout=out)
    assert "Deleted 1" in out.getvalue()
