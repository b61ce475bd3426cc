"""Login throttling (django-axes, database handler) and no account enumeration."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse

from tests.builders import PASSWORD

ROOT = Path(__file__).resolve().parents[2]


def fail_login(client: Client, email: str = "leder@example.dk", ip: str = "10.0.0.1") -> int:
    response = client.post(
        reverse("login"), {"username": email, "password": "forkert"}, REMOTE_ADDR=ip
    )
    return response.status_code


def test_five_failures_lock_the_account_from_that_address_with_a_danish_429(world):
    client = Client()
    assert [fail_login(client) for _n in range(5)] == [200, 200, 200, 200, 429]
    response = client.post(
        reverse("login"),
        {"username": "leder@example.dk", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
    )
    assert response.status_code == 429
    assert "For mange forkerte forsøg" in response.content.decode()


def test_the_lockout_is_per_account_and_address(world):
    client = Client()
    for _n in range(5):
        fail_login(client)
    # Another person from the same address, and the same person from elsewhere, still get in.
    other = client.post(
        reverse("login"),
        {"username": "amr@example.dk", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
    )
    assert other.status_code == 302
    elsewhere = Client().post(
        reverse("login"),
        {"username": "LEDER@example.dk", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
    )
    assert elsewhere.status_code == 302


def test_the_username_counts_in_any_case(world):
    client = Client()
    for email in ("leder@example.dk", "LEDER@example.dk", "Leder@Example.dk", "leder@EXAMPLE.DK"):
        fail_login(client, email)
    assert fail_login(client, "lEdEr@example.dk") == 429


def test_a_successful_login_resets_the_count(world):
    client = Client()
    for _n in range(4):
        fail_login(client)
    ok = client.post(
        reverse("login"),
        {"username": "leder@example.dk", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
    )
    assert ok.status_code == 302
    client.post(reverse("logout"))
    assert [fail_login(client) for _n in range(4)] == [200] * 4


CHILD = """
import os, sys, django
os.environ["DJANGO_SETTINGS_MODULE"] = "forkant.settings"
django.setup()
from django.test import Client
client = Client()
codes = []
for _n in range(int(sys.argv[1])):
    r = client.post("/log-ind/", {"username": "leder@example.dk", "password": "forkert"},
                    REMOTE_ADDR="10.0.0.9")
    codes.append(str(r.status_code))
print(" ".join(codes))
"""


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs a database two processes share (CI: PG)"
)
def test_throttling_holds_across_two_app_server_processes(world):
    settings_dict = connection.settings_dict
    url = (
        f"postgres://{settings_dict['USER']}@{settings_dict['HOST']}:{settings_dict['PORT']}"
        f"/{settings_dict['NAME']}"
    )
    env = {**os.environ, "DATABASE_URL": url, "SECURE": "false", "ALLOWED_HOSTS": "testserver"}

    def run(attempts: int) -> list[str]:
        result = subprocess.run(
            [sys.executable, "-c", CHILD, str(attempts)],
            cwd=ROOT, env=env, capture_output=True, text=True, check=True, timeout=60,
        )  # fmt: skip
        return result.stdout.split()

    assert run(3) == ["200"] * 3
    assert run(3) == ["200", "429", "429"]


def test_password_reset_answers_the_same_for_known_and_unknown_addresses(world):
    known = Client().post(reverse("password_reset"), {"email": "leder@example.dk"})
    unknown = Client().post(reverse("password_reset"), {"email": "ukendt@example.dk"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert len(mail.outbox) == 1


def test_password_reset_is_rate_limited_per_address_whether_or_not_it_exists(world):
    for email in ("leder@example.dk", "ukendt@example.dk"):
        statuses = [
            Client()
            .post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=f"10.1.0.{n}")
            .status_code
            for n in range(6)
        ]
        assert statuses == [302] * 5 + [429], email


def test_password_reset_is_rate_limited_per_caller(world):
    client = Client()
    statuses = [
        client.post(reverse("password_reset"), {"email": f"x{n}@example.dk"}).status_code
        for n in range(21)
    ]
    assert statuses == [302] * 20 + [429]


def test_a_locked_out_login_never_answers_500(world):
    client = Client()
    for _n in range(5):
        fail_login(client)
    for data in ({}, {"username": "leder@example.dk"}, {"password": "x"}, {"username": "x" * 5000}):
        assert client.post(reverse("login"), data, REMOTE_ADDR="10.0.0.1").status_code < 500
