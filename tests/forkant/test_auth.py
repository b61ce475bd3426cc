from __future__ import annotations

import re

from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.builders import PASSWORD


def test_members_log_in_with_their_email_in_any_case(world):
    client = Client()
    response = client.post(reverse("login"), {"username": "Leder@Example.DK", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")


def test_a_wrong_password_is_answered_in_danish(world):
    response = Client().post(reverse("login"), {"username": "leder@example.dk", "password": "x"})
    assert response.status_code == 200
    assert "korrekt" in response.content.decode()


def test_logging_out_takes_a_post_and_ends_the_session(world):
    client = world.client_for("leder")
    assert client.get(reverse("logout")).status_code == 405
    client.post(reverse("logout"))
    assert client.get(reverse("dashboard")).status_code == 302


def test_a_password_can_be_reset_by_email(world):
    client = Client()
    client.post(reverse("password_reset"), {"email": "amr@example.dk"})
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Ny adgangskode til På forkant"
    link = re.search(r"http://testserver(/adgangskode/ny/\S+/)", message.body).group(1)
    form = client.get(link, follow=True)
    assert form.status_code == 200
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "en-helt-ny-kode-2026", "new_password2": "en-helt-ny-kode-2026"},
    )
    assert done.status_code == 302
    assert Client().login(username="amr@example.dk", password="en-helt-ny-kode-2026")


def test_resetting_an_unknown_address_reveals_nothing(db):
    response = Client().post(reverse("password_reset"), {"email": "ukendt@example.dk"})
    assert response.status_code == 302
    assert len(mail.outbox) == 0
