"""Hostile and malformed requests get a clear 4xx, never a 500; headers are strict."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from handleplan.models import Action

HUGE = "99999999999999999999999"


def test_every_page_carries_a_strict_content_security_policy(world):
    response = world.client_for("leder").get(reverse("board", kwargs={"amg_id": world.amg.pk}))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "path",
    [
        f"/amg/{HUGE}/tavle/",
        "/amg/{amg}/handlinger/" + HUGE + "/",
        "/amg/{amg}/handlinger/ny/?theme=" + HUGE,
        "/amg/{amg}/temaer/" + HUGE + "/rediger/",
    ],
)
def test_out_of_range_ids_answer_404(world, path):
    response = world.client_for("leder").get(path.format(amg=world.amg.pk))
    assert response.status_code == 404


def test_an_out_of_range_theme_in_a_form_is_a_form_error(world):
    url = reverse("action_move", kwargs={"amg_id": world.amg.pk, "pk": world.action.pk})
    response = world.client_for("leder").post(
        url, {"status": "i_maal", "theme": HUGE}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 422


def test_null_bytes_and_oversized_text_are_refused_and_nothing_is_saved(world):
    url = reverse("action_edit", kwargs={"amg_id": world.amg.pk, "pk": world.action.pk})
    client = world.client_for("leder")
    for data in (
        {"title": "Hej\x00med", "theme": world.theme.pk, "status": "startet"},
        {"title": "Ok", "why": "x" * 5000, "theme": world.theme.pk, "status": "startet"},
    ):
        assert client.post(url, data, HTTP_HX_REQUEST="true").status_code == 422
    assert Action.objects.get(pk=world.action.pk).title == "Fælles aftaler om mails"


def test_a_post_without_csrf_token_is_refused(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.leder.user)
    url = reverse("action_move", kwargs={"amg_id": world.amg.pk, "pk": world.action.pk})
    assert client.post(url, {"status": "afsluttet"}).status_code == 403
    world.action.refresh_from_db()
    assert world.action.status == "startet"


def test_an_htmx_request_after_the_session_expired_reloads_to_the_login_page(world):
    url = reverse("action_move", kwargs={"amg_id": world.amg.pk, "pk": world.action.pk})
    board = reverse("board", kwargs={"amg_id": world.amg.pk})
    response = Client().post(
        url,
        {"status": "afsluttet"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL=f"http://testserver{board}",
    )
    assert response.status_code == 200
    assert response["HX-Redirect"] == f"{reverse('login')}?next=%2Famg%2F{world.amg.pk}%2Ftavle%2F"


def test_an_oversized_request_body_is_answered_413_in_danish(world):
    # Refused before it is read (tests/forkant/test_request_limits.py).
    url = reverse("action_new", kwargs={"amg_id": world.amg.pk})
    response = world.client_for("leder").post(
        url, {"title": "x", "how": "y" * 3_000_000, "theme": world.theme.pk}
    )
    assert response.status_code == 413
    assert "Vi tager imod højst" in response.content.decode()
