"""Reused PostgreSQL connections: health-checked only after they have been idle a while."""

from __future__ import annotations

import time
from unittest import mock

import pytest
from django.db import connection

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the PostgreSQL backend (CI runs on PostgreSQL)"
)


@pytest.fixture
def health_checks(db):  # type: ignore[no-untyped-def]
    connection.ensure_connection()
    with mock.patch.object(connection, "health_check_enabled", True):
        yield


def first_query_of_a_request() -> None:
    connection.health_check_done = False  # what Django does when a request starts
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def test_a_connection_used_moments_ago_is_not_checked_again(health_checks):
    first_query_of_a_request()
    with mock.patch.object(connection, "is_usable", return_value=True) as is_usable:
        first_query_of_a_request()
    assert is_usable.call_count == 0


def test_an_idle_connection_is_checked_before_it_is_used(health_checks):
    first_query_of_a_request()
    connection.last_used = time.monotonic() - 60
    with mock.patch.object(connection, "is_usable", return_value=True) as is_usable:
        first_query_of_a_request()
    assert is_usable.call_count == 1
