"""Sessions read with their user in one statement (forkant/sessions.py), and everything Django's
own session and user checks do still done: a changed password or "sign out everywhere" ends
other sessions, an inactive user is signed out, an expired session is nobody's."""

from __future__ import annotations

import datetime

from django.contrib.auth import SESSION_KEY
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from forkant import services
from forkant.models import Session
from tests import builders


def signed_in(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def account_page(client: Client) -> int:
    return client.get(reverse("account")).status_code


def test_the_session_and_its_user_are_one_statement(world):
    client = world.client_for("leder")
    with CaptureQueriesContext(connection) as queries:
        assert account_page(client) == 200
    first = queries.captured_queries[0]["sql"]
    assert "forkant_session" in first and "forkant_user" in first
    user_reads = [q["sql"] for q in queries.captured_queries if 'FROM "forkant_user"' in q["sql"]]
    assert user_reads == []  # not read again on its own


def test_the_user_column_follows_sign_in_and_sign_out(world):
    client = world.client_for("leder")
    session = Session.objects.get(pk=client.session.session_key)
    assert session.user_id == world.leder.user.pk
    assert session.get_decoded()[SESSION_KEY] == str(world.leder.user.pk)
    client.post(reverse("logout"))
    assert not Session.objects.filter(pk=session.pk).exists()


def test_a_password_changed_elsewhere_ends_the_other_session(world):
    user = world.leder.user
    other = signed_in(user)
    assert account_page(other) == 200
    user.set_password("et-helt-nyt-kodeord-2026")
    user.save()
    assert account_page(other) == 302  # to the login page


def test_signing_out_everywhere_ends_every_session(world):
    user = world.amr.user
    first, second = signed_in(user), signed_in(user)
    assert account_page(first) == 200 and account_page(second) == 200
    services.end_all_sessions(user=user)
    assert account_page(first) == 302 and account_page(second) == 302


def test_an_inactive_user_is_signed_out(world):
    user = world.leder.user
    client = signed_in(user)
    user.is_active = False
    user.save()
    assert account_page(client) == 302


def test_an_expired_session_is_nobodys(world):
    client = world.client_for("leder")
    Session.objects.filter(pk=client.session.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert account_page(client) == 302


def test_a_user_column_that_disagrees_with_the_sessions_data_is_not_trusted(world):
    """The session's data says who is signed in; the column is only a copy read alongside."""
    client = world.client_for("laeser")
    someone_else = builders.make_user("andensen@example.dk")
    Session.objects.filter(pk=client.session.session_key).update(user=someone_else)
    html = client.get(reverse("account")).content.decode()
    assert "laeser@example.dk" in html and "andensen@example.dk" not in html


def test_deleting_a_user_deletes_their_sessions(world):
    user = builders.make_user("kortvarig@example.dk")
    client = signed_in(user)
    key = client.session.session_key
    user.delete()
    assert not Session.objects.filter(pk=key).exists()
