"""The user's own page: name and e-mail, password, sessions, data download, deletion."""

from __future__ import annotations

import json

from django.test import Client
from django.urls import reverse

from forkant.models import Membership, User
from tests.builders import PASSWORD


def test_the_account_page_changes_name_and_email(world):
    client = world.client_for("amr")
    response = client.post(
        reverse("account"), {"first_name": "Anne", "last_name": "Ny", "email": "Anne@Example.dk"}
    )
    assert response.status_code == 302
    user = User.objects.get(pk=world.amr.user.pk)
    assert (user.get_full_name(), user.email) == ("Anne Ny", "anne@example.dk")


def test_an_email_in_use_is_refused_with_422(world):
    response = world.client_for("amr").post(
        reverse("account"), {"first_name": "A", "last_name": "B", "email": "leder@example.dk"}
    )
    assert response.status_code == 422
    assert User.objects.get(pk=world.amr.user.pk).email == "amr@example.dk"


def test_a_password_change_ends_the_other_sessions_but_not_this_one(world):
    this, other = world.client_for("amr"), world.client_for("amr")
    response = this.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "helt-ny-kode-2026",
            "new_password2": "helt-ny-kode-2026",
        },
    )
    assert response.status_code == 302
    assert this.get(reverse("dashboard")).status_code == 200
    assert other.get(reverse("dashboard")).status_code == 302


def test_a_wrong_old_password_is_refused_with_422(world):
    response = world.client_for("amr").post(
        reverse("password_change"),
        {
            "old_password": "x",
            "new_password1": "helt-ny-kode-2026",
            "new_password2": "helt-ny-kode-2026",
        },
    )
    assert response.status_code == 422


def test_logging_out_everywhere_ends_every_session(world):
    this, other = world.client_for("amr"), world.client_for("amr")
    unrelated = world.client_for("leder")
    assert this.post(reverse("logout_everywhere")).status_code == 302
    assert this.get(reverse("dashboard")).status_code == 302
    assert other.get(reverse("dashboard")).status_code == 302
    assert unrelated.get(reverse("dashboard")).status_code == 200
    again = Client()
    assert again.post(reverse("login"), {"username": "amr@example.dk", "password": PASSWORD})
    assert again.get(reverse("dashboard")).status_code == 200


def test_the_data_download_holds_the_persons_own_data_and_no_secrets(world):
    response = world.client_for("amr").get(reverse("account_data"))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["user"]["email"] == "amr@example.dk"
    assert [m["amg_name"] for m in data["memberships"]] == ["Skolen"]
    # The card the AMR is responsible for, found through the membership.
    cards = data["records"]["handleplan.Action.responsible"]
    assert [c["title"] for c in cards] == ["Fælles aftaler om mails"]
    assert "password" not in response.content.decode()
    assert "leder@example.dk" not in response.content.decode()


def test_deleting_an_account_needs_the_password(world):
    client = world.client_for("amr")
    assert client.get(reverse("account_delete")).status_code == 200
    assert client.post(reverse("account_delete"), {"password": "forkert"}).status_code == 422
    assert User.objects.get(pk=world.amr.user.pk).is_active


def test_deleting_an_account_anonymises_it_and_keeps_the_amgs_records(world):
    client = world.client_for("amr")
    response = client.post(reverse("account_delete"), {"password": PASSWORD})
    assert response.status_code == 302
    user = User.objects.get(pk=world.amr.user.pk)
    assert user.get_full_name() == "Slettet bruger"
    assert "amr@example.dk" not in user.email
    assert not user.is_active
    assert not user.has_usable_password()
    assert client.get(reverse("dashboard")).status_code == 302
    assert not Membership.objects.filter(user=user).exists()
    # The card stays, with the anonymised name.
    world.action.refresh_from_db()
    assert world.action.responsible.display_name == "Slettet bruger"
    leder = world.client_for("leder")
    detail = leder.get(
        reverse("action_detail", kwargs={"amg_id": world.amg.pk, "pk": world.action.pk})
    )
    assert "Slettet bruger" in detail.content.decode()
    assert not Client().login(username="amr@example.dk", password=PASSWORD)
