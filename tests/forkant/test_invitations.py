"""Invitations: single-use, expiring links; new and existing accounts; resend and revoke."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from forkant import services
from forkant.models import Invitation, Membership, Organisation, OrganisationAdmin, Role, User
from tests import builders

NEW_PASSWORD = "en-god-lang-kode-2026"


def invite_via_page(world, email="ny@example.dk", role="tr", read_only=False):  # type: ignore[no-untyped-def]
    client = world.client_for("leder")
    data = {"email": email, "role": role}
    if read_only:
        data["read_only"] = "on"
    response = client.post(reverse("member_invite", kwargs={"amg_id": world.amg.pk}), data)
    assert response.status_code == 302, response.content[:400]
    return link_from_mail()


def link_from_mail() -> str:
    return re.search(r"http://testserver(/invitation/\S+/)", mail.outbox[-1].body).group(1)


def accept_as_new(link: str, client: Client | None = None):  # type: ignore[no-untyped-def]
    client = client or Client()
    return client.post(
        link,
        {
            "first_name": "Nina",
            "last_name": "Nystrup",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )


def test_an_invitation_mail_carries_a_link_and_only_its_hash_is_stored(world):
    link = invite_via_page(world)
    message = mail.outbox[-1]
    assert message.to == ["ny@example.dk"]
    assert "Skolen" in message.subject
    token = link.rstrip("/").rsplit("/", 1)[1]
    invitation = Invitation.objects.get(email="ny@example.dk")
    assert token not in invitation.token_hash
    assert invitation.token_hash == services.hash_token(token)
    assert invitation.expires_at - invitation.created_at == datetime.timedelta(days=7)


def test_a_new_person_sets_name_and_password_and_lands_on_the_amgs_board(world):
    link = invite_via_page(world, role="tr", read_only=True)
    client = Client()
    form = client.get(link)
    assert form.status_code == 200
    assert "ny@example.dk" in form.content.decode()
    response = accept_as_new(link, client)
    assert response.status_code == 302
    assert response["Location"] == reverse("board", kwargs={"amg_id": world.amg.pk})
    user = User.objects.get(email="ny@example.dk")
    assert user.get_full_name() == "Nina Nystrup"
    membership = Membership.objects.get(user=user)
    assert (membership.amg, membership.role, membership.read_only) == (world.amg, "tr", True)
    assert client.get(response["Location"]).status_code == 200


def test_a_weak_password_is_refused_in_danish_with_422(world):
    link = invite_via_page(world)
    response = Client().post(
        link, {"first_name": "N", "last_name": "N", "password1": "123", "password2": "123"}
    )
    assert response.status_code == 422
    assert "adgangskode" in response.content.decode().lower()
    assert not User.objects.filter(email="ny@example.dk").exists()


def test_an_invitation_works_only_once(world):
    link = invite_via_page(world)
    assert accept_as_new(link).status_code == 302
    again = Client().get(link)
    assert again.status_code == 410
    assert accept_as_new(link).status_code == 410


def test_an_expired_invitation_does_not_work(world):
    link = invite_via_page(world)
    Invitation.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert Client().get(link).status_code == 410
    assert accept_as_new(link).status_code == 410
    assert not User.objects.filter(email="ny@example.dk").exists()


def test_a_revoked_invitation_does_not_work_and_leaves_the_pending_list(world):
    link = invite_via_page(world)
    invitation = Invitation.objects.get()
    client = world.client_for("amr")
    page = client.get(reverse("member_list", kwargs={"amg_id": world.amg.pk}))
    assert "ny@example.dk" in page.content.decode()
    client.post(reverse("invitation_revoke", kwargs={"amg_id": world.amg.pk, "pk": invitation.pk}))
    assert Client().get(link).status_code == 410
    client.get(reverse("member_list", kwargs={"amg_id": world.amg.pk}))  # shows the message
    page = client.get(reverse("member_list", kwargs={"amg_id": world.amg.pk}))
    assert "ny@example.dk" not in page.content.decode()


def test_resending_sends_a_new_link_and_the_old_one_stops_working(world):
    old = invite_via_page(world)
    invitation = Invitation.objects.get()
    world.client_for("leder").post(
        reverse("invitation_resend", kwargs={"amg_id": world.amg.pk, "pk": invitation.pk})
    )
    new = link_from_mail()
    assert new != old
    assert Client().get(old).status_code == 410
    assert Client().get(new).status_code == 200


def test_someone_with_an_account_logs_in_and_just_accepts(world):
    link = invite_via_page(world, email="amr2@example.dk", role="andet")
    anonymous = Client().get(link)
    assert anonymous.status_code == 200
    assert reverse("login") in anonymous.content.decode()
    client = world.client_for("outsider")
    page = client.get(link)
    assert "Tag imod" in page.content.decode()
    response = client.post(link)
    assert response.status_code == 302
    assert Membership.objects.filter(amg=world.amg, user=world.outsider.user).exists()
    assert client.get(reverse("board", kwargs={"amg_id": world.amg.pk})).status_code == 200


def test_a_logged_in_person_cannot_accept_someone_elses_invitation(world):
    link = invite_via_page(world, email="ny@example.dk")
    client = world.client_for("outsider")
    assert client.post(link).status_code == 200
    assert not Membership.objects.filter(amg=world.amg, user=world.outsider.user).exists()
    assert Invitation.objects.get().is_pending


def test_inviting_a_current_member_is_refused_with_422(world):
    response = world.client_for("leder").post(
        reverse("member_invite", kwargs={"amg_id": world.amg.pk}),
        {"email": "AMR@example.dk", "role": "tr"},
    )
    assert response.status_code == 422
    assert "allerede medlem" in response.content.decode()
    assert len(mail.outbox) == 0


def test_a_removed_member_invited_again_gets_the_new_role(world):
    services.remove_member(membership=world.laeser, now=timezone.now())
    link = invite_via_page(world, email="laeser@example.dk", role="leder")
    client = world.client_for("laeser")
    client.post(link)
    world.laeser.refresh_from_db()
    assert world.laeser.removed_at is None
    assert (world.laeser.role, world.laeser.read_only) == ("leder", False)


def test_the_invitation_page_is_rate_limited_per_address(world, settings):
    client = Client()
    statuses = [client.get("/invitation/gaet-et-token/").status_code for _n in range(21)]
    assert statuses[:20] == [410] * 20
    assert statuses[20] == 429


def test_junk_tokens_answer_410_never_500(db):
    for token in ("x", "a" * 300, "%00", "../../etc"):
        assert Client().get(f"/invitation/{token}/").status_code in {404, 410}


def test_create_organisation_invites_the_first_admin(db, capsys):
    call_command("create_organisation", "Nordby Kommune", "--admin", "Koordinator@Nordby.dk")
    organisation = Organisation.objects.get(name="Nordby Kommune")
    out = capsys.readouterr().out
    link = re.search(r"http://[^/]+(/invitation/\S+/)", out).group(1)
    assert mail.outbox[-1].to == ["koordinator@nordby.dk"]
    response = accept_as_new(link)
    assert response["Location"] == reverse(
        "organisation", kwargs={"organisation_id": organisation.pk}
    )
    user = User.objects.get(email="koordinator@nordby.dk")
    assert OrganisationAdmin.objects.filter(organisation=organisation, user=user).exists()


def test_create_organisation_refuses_a_duplicate_and_a_junk_address(db):
    builders.make_organisation("Nordby Kommune")
    with pytest.raises(CommandError):
        call_command("create_organisation", "Nordby Kommune", "--admin", "a@b.dk")
    with pytest.raises(CommandError):
        call_command("create_organisation", "Sydby", "--admin", "ikke-en-adresse")


def test_the_inviter_is_not_told_whether_the_address_has_an_account(world):
    client = world.client_for("leder")
    url = reverse("member_invite", kwargs={"amg_id": world.amg.pk})
    known = client.post(url, {"email": "amr2@example.dk", "role": "tr"}, follow=True)
    unknown = client.post(url, {"email": "ukendt@example.dk", "role": "tr"}, follow=True)

    def toasts(response, email):  # type: ignore[no-untyped-def]
        html = response.content.decode()
        return re.search(r'<div class="toasts".*?</div>', html, re.S).group(0).replace(email, "@")

    assert known.status_code == unknown.status_code == 200
    assert toasts(known, "amr2@example.dk") == toasts(unknown, "ukendt@example.dk")
    assert "Invitationen er sendt til @" in toasts(known, "amr2@example.dk")


def test_role_changes_apply_at_once(world):
    client = world.client_for("leder")
    reader = world.client_for("laeser")
    new_url = reverse("action_new", kwargs={"amg_id": world.amg.pk})
    assert reader.get(new_url).status_code == 403
    client.post(
        reverse("member_change", kwargs={"amg_id": world.amg.pk, "pk": world.laeser.pk}),
        {"role": Role.TR},
    )
    assert reader.get(new_url).status_code == 200


def test_a_removed_member_loses_access_at_once_but_keeps_their_name_on_cards(world):
    client = world.client_for("leder")
    amr = world.client_for("amr")
    board = reverse("board", kwargs={"amg_id": world.amg.pk})
    assert amr.get(board).status_code == 200
    client.post(reverse("member_remove", kwargs={"amg_id": world.amg.pk, "pk": world.amr.pk}))
    assert amr.get(board).status_code == 404
    assert amr.get(reverse("dashboard")).content.decode().count("Skolen") == 0
    # The card the AMR was responsible for still names them.
    detail = client.get(
        reverse("action_detail", kwargs={"amg_id": world.amg.pk, "pk": world.action.pk})
    )
    assert world.amr.user.get_full_name() in detail.content.decode()
    members = client.get(reverse("member_list", kwargs={"amg_id": world.amg.pk}))
    assert "amr@example.dk" not in members.content.decode()


def test_a_leder_cannot_manage_another_amgs_members(world):
    client = world.client_for("leder")
    url = reverse("member_remove", kwargs={"amg_id": world.other_amg.pk, "pk": world.outsider.pk})
    assert client.post(url).status_code == 404
    # Nor through their own AMG's URL.
    url = reverse("member_remove", kwargs={"amg_id": world.amg.pk, "pk": world.outsider.pk})
    assert client.post(url).status_code == 404
    world.outsider.refresh_from_db()
    assert world.outsider.removed_at is None


def test_a_tr_without_a_leader_role_cannot_manage_members(world):
    tr = builders.make_member(world.amg, builders.make_user("tr@example.dk"), Role.TR)
    client = Client()
    client.force_login(tr.user)
    response = client.post(
        reverse("member_invite", kwargs={"amg_id": world.amg.pk}),
        {"email": "x@example.dk", "role": "tr"},
    )
    assert response.status_code == 403
    page = client.get(reverse("member_list", kwargs={"amg_id": world.amg.pk}))
    assert page.status_code == 200
    assert "Invitér et medlem" not in page.content.decode()
