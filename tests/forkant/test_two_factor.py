"""Two-factor login: enrolment confirmed by a code, login with the app's code or a recovery code,
and the organisation's requirement."""

from __future__ import annotations

import datetime
import re
import time
from base64 import b32decode

from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from forkant import services
from tests.builders import PASSWORD


def wait_out_the_throttle() -> None:
    """django-otp slows guessing down (1 s after one failure, doubling); pretend we waited."""
    earlier = timezone.now() - datetime.timedelta(minutes=1)
    StaticDevice.objects.update(throttling_failure_timestamp=earlier)
    TOTPDevice.objects.update(throttling_failure_timestamp=earlier)


def code_for(secret: str, *, at: float | None = None) -> str:
    totp = TOTP(b32decode(secret.replace(" ", "")), step=30, t0=0, digits=6)
    if at is not None:
        totp.time = at
    return f"{totp.token():06d}"


def enrol(client: Client) -> tuple[str, list[str]]:
    """Turn 2FA on through the page; the secret as shown, and the recovery codes shown."""
    page = client.get(reverse("two_factor"))
    html = page.content.decode()
    assert "<svg" in html
    secret = re.search(r'<code class="secret" id="totp-secret">([A-Z2-7 ]+)</code>', html).group(1)
    done = client.post(reverse("two_factor"), {"code": code_for(secret)})
    assert done.status_code == 200, done.content[:300]
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", done.content.decode())
    return secret, codes


def password_step(email: str) -> Client:
    client = Client()
    response = client.post(reverse("login"), {"username": email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login_code"))
    return client


def test_a_wrong_code_does_not_turn_two_factor_on(world):
    client = world.client_for("amr")
    client.get(reverse("two_factor"))
    response = client.post(reverse("two_factor"), {"code": "000000"})
    assert response.status_code == 422
    assert not TOTPDevice.objects.filter(user=world.amr.user).exists()


def test_enrolment_shows_qr_and_secret_and_gives_ten_recovery_codes(world):
    _secret, codes = enrol(world.client_for("amr"))
    assert len(codes) == 10
    assert len(set(codes)) == 10


def test_with_two_factor_on_the_password_alone_does_not_log_in(world):
    enrol(world.client_for("amr"))
    client = password_step("amr@example.dk")
    assert client.get(reverse("dashboard")).status_code == 302


def test_logging_in_with_a_code_from_the_app(world):
    secret, _codes = enrol(world.client_for("amr"))
    client = password_step("amr@example.dk")
    # The code that confirmed enrolment cannot be used again: take the next time step's code.
    response = client.post(reverse("login_code"), {"code": code_for(secret, at=time.time() + 30)})
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    assert client.get(reverse("dashboard")).status_code == 200


def test_a_wrong_code_is_refused_in_danish(world):
    enrol(world.client_for("amr"))
    client = password_step("amr@example.dk")
    response = client.post(reverse("login_code"), {"code": "123456"})
    assert response.status_code == 422
    assert "Koden er forkert" in response.content.decode()
    assert client.get(reverse("dashboard")).status_code == 302


def test_a_code_cannot_be_replayed(world):
    secret, _codes = enrol(world.client_for("amr"))
    code = code_for(secret, at=time.time() + 30)
    first = password_step("amr@example.dk")
    assert first.post(reverse("login_code"), {"code": code}).status_code == 302
    second = password_step("amr@example.dk")
    assert second.post(reverse("login_code"), {"code": code}).status_code == 422


def test_a_recovery_code_works_exactly_once(world):
    _secret, codes = enrol(world.client_for("amr"))
    client = password_step("amr@example.dk")
    assert client.post(reverse("login_code"), {"code": codes[0]}).status_code == 302
    again = password_step("amr@example.dk")
    assert again.post(reverse("login_code"), {"code": codes[0]}).status_code == 422
    wait_out_the_throttle()
    assert again.post(reverse("login_code"), {"code": codes[1]}).status_code == 302


def test_second_factor_guesses_are_throttled(world):
    enrol(world.client_for("amr"))
    client = password_step("amr@example.dk")
    statuses = [
        client.post(reverse("login_code"), {"code": f"{n:06d}"}).status_code for n in range(6)
    ]
    assert statuses[:5] == [422] * 5
    assert statuses[5] == 429


def test_the_password_step_expires_after_five_minutes(world):
    secret, _codes = enrol(world.client_for("amr"))
    client = password_step("amr@example.dk")
    session = client.session
    session["forkant_pending_2fa"]["at"] -= 301
    session.save()
    response = client.post(reverse("login_code"), {"code": code_for(secret, at=time.time() + 30)})
    assert response.status_code == 302
    assert response["Location"] == reverse("login")


def test_turning_it_off_needs_the_password(world):
    client = world.client_for("amr")
    enrol(client)
    client.post(reverse("two_factor_disable"), {"password": "forkert"})
    assert TOTPDevice.objects.filter(user=world.amr.user).exists()
    client.post(reverse("two_factor_disable"), {"password": PASSWORD})
    assert not TOTPDevice.objects.filter(user=world.amr.user).exists()


def test_new_recovery_codes_replace_the_old_ones(world):
    client = world.client_for("amr")
    _secret, old = enrol(client)
    response = client.post(reverse("recovery_codes_new"))
    new = re.findall(r"<li><code>([a-z0-9]+)</code></li>", response.content.decode())
    assert len(new) == 10
    login = password_step("amr@example.dk")
    assert login.post(reverse("login_code"), {"code": old[0]}).status_code == 422
    wait_out_the_throttle()
    assert login.post(reverse("login_code"), {"code": new[0]}).status_code == 302


def test_where_the_organisation_requires_it_users_must_enrol_before_anything_else(world):
    services.set_two_factor_requirement(organisation=world.organisation, required=True)
    client = Client()
    client.post(reverse("login"), {"username": "admin@example.dk", "password": PASSWORD})
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"] == reverse("two_factor")
    page = client.get(reverse("two_factor"))
    assert "kræver totrinslogin" in page.content.decode()
    enrol(client)
    assert client.get(reverse("dashboard")).status_code == 200


def test_where_it_is_required_it_cannot_be_turned_off(world):
    client = world.client_for("leder")
    enrol(client)
    services.set_two_factor_requirement(organisation=world.organisation, required=True)
    client.post(reverse("two_factor_disable"), {"password": PASSWORD})
    assert TOTPDevice.objects.filter(user=world.leder.user).exists()


def test_without_the_requirement_the_password_alone_logs_in(world):
    client = Client()
    client.post(reverse("login"), {"username": "leder@example.dk", "password": PASSWORD})
    assert client.get(reverse("dashboard")).status_code == 200


def test_an_admin_who_turns_the_requirement_on_must_enrol_at_once(world):
    client = world.client_for("org_admin")
    client.post(
        reverse("organisation_two_factor", kwargs={"organisation_id": world.organisation.pk}),
        {"require_two_factor": "on"},
    )
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"] == reverse("two_factor")


def test_accepting_an_invitation_to_an_organisation_that_requires_it_asks_for_enrolment(world):
    services.set_two_factor_requirement(organisation=world.organisation, required=True)
    _invitation, token = services.invite(
        organisation=world.organisation,
        amg=world.amg,
        email="ny@example.dk",
        role="tr",
        invited_by=None,
        now=timezone.now(),
    )
    client = Client()
    client.post(
        reverse("invitation_accept", kwargs={"token": token}),
        {
            "first_name": "N",
            "last_name": "N",
            "password1": "lang-god-kode-26",
            "password2": "lang-god-kode-26",
        },
    )
    response = client.get(reverse("board", kwargs={"amg_id": world.amg.pk}))
    assert response.status_code == 302
    assert response["Location"] == reverse("two_factor")


# Right after enrolling --------------------------------------------------------------------------


def test_the_enrolling_session_is_never_asked_for_a_second_code(world):
    services.set_two_factor_requirement(organisation=world.organisation, required=True)
    client = Client()
    client.post(reverse("login"), {"username": "amr@example.dk", "password": PASSWORD})
    enrol(client)
    for name in ("dashboard", "account", "two_factor"):
        response = client.get(reverse(name))
        assert response.status_code == 200, name
    board = client.get(reverse("board", kwargs={"amg_id": world.amg.pk}))
    assert board.status_code == 200


def test_right_after_enrolling_the_code_the_app_still_shows_logs_in_elsewhere_once(world):
    secret, _codes = enrol(world.client_for("amr"))
    same_code = code_for(secret)  # the app shows the code that just confirmed enrolment
    phone = password_step("amr@example.dk")
    response = phone.post(reverse("login_code"), {"code": same_code})
    assert response.status_code == 302, "the code typed at enrolment logged nobody in"
    assert phone.get(reverse("dashboard")).status_code == 200
    # …but from the first login on, the replay rule holds.
    again = password_step("amr@example.dk")
    assert again.post(reverse("login_code"), {"code": same_code}).status_code == 422


# Recovery codes: printed or downloaded, never cached ----------------------------------------------


def test_the_recovery_codes_download_as_a_text_file_that_is_never_cached(world):
    client = world.client_for("amr")
    _secret, codes = enrol(client)
    page = client.get(reverse("two_factor"))  # the page after: the codes are not shown again
    assert codes[0] not in page.content.decode()
    response = client.get(reverse("recovery_codes_download"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "private, no-store"
    text = response.content.decode()
    assert all(code in text for code in codes)
    assert "amr@example.dk" in text and "Hver kode virker én gang" in text


def test_the_page_showing_the_codes_is_never_cached_and_offers_print_and_download(world):
    client = world.client_for("amr")
    client.get(reverse("two_factor"))
    page = client.get(reverse("two_factor"))
    secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', page.content.decode()).group(1)
    response = client.post(reverse("two_factor"), {"code": code_for(secret)})
    assert response["Cache-Control"] == "private, no-store"
    html = response.content.decode()
    assert reverse("recovery_codes_download") in html
    assert "data-print" in html
    renewed = client.post(reverse("recovery_codes_new"))
    assert renewed["Cache-Control"] == "private, no-store"


def test_the_codes_cannot_be_downloaded_later_or_from_another_session(world):
    client = world.client_for("amr")
    enrol(client)
    other = world.client_for("amr")  # the same person, another browser
    response = other.get(reverse("recovery_codes_download"))
    assert response.status_code == 302 and response["Location"] == reverse("two_factor")
    session = client.session
    session["forkant_recovery_codes"]["at"] -= 16 * 60
    session.save()
    assert client.get(reverse("recovery_codes_download")).status_code == 302
