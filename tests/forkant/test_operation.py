"""The health endpoint, the footer's public pages."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import DatabaseError
from django.test import Client
from django.urls import reverse

from forkant import operation


@pytest.fixture(autouse=True)
def _forget_the_migration_check():  # type: ignore[no-untyped-def]
    operation._MIGRATIONS_OK_UNTIL = 0.0


def test_the_health_endpoint_answers_ok_without_login_or_data(db):
    response = Client().get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_the_health_endpoint_is_503_when_the_database_is_unreachable(db):
    with mock.patch.object(operation.connection, "cursor", side_effect=DatabaseError("down")):
        response = Client().get(reverse("health"))
    assert response.status_code == 503
    assert response.json()["problem"] == "database unreachable"


def test_the_health_endpoint_is_503_when_migrations_are_pending(db):
    with mock.patch.object(
        operation.MigrationExecutor, "migration_plan", return_value=[("forkant", "9999")]
    ):
        response = Client().get(reverse("health"))
    assert response.status_code == 503
    assert response.json()["problem"] == "migrations pending"


def test_the_health_endpoint_is_exempt_from_the_https_redirect(db, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert Client().get(reverse("health")).status_code == 200
    assert Client().get(reverse("login")).status_code == 301


@pytest.mark.parametrize("name", ["accessibility", "privacy"])
def test_the_public_pages_show_the_operators_contact(db, settings, name):
    settings.OPERATOR_NAME = "Nordby Kommune, IT-drift"
    settings.OPERATOR_EMAIL = "drift@nordby.dk"
    response = Client().get(reverse(name))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nordby Kommune, IT-drift" in html
    assert 'href="mailto:drift@nordby.dk"' in html


def test_every_page_links_to_both_public_pages_in_its_footer(world):
    for client, url in [
        (Client(), reverse("login")),
        (world.client_for("leder"), reverse("dashboard")),
        (world.client_for("leder"), reverse("board", kwargs={"amg_id": world.amg.pk})),
    ]:
        footer = client.get(url).content.decode().split('<footer class="footer">')[1]
        assert reverse("accessibility") in footer
        assert reverse("privacy") in footer
