"""What a signed-in person is sent is not kept by a shared computer's browser nor by a proxy:
`private, no-store` on every page, htmx fragment and download behind the login; the public
pages and the wall screen's conditional poll keep their own caching."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.cache import get_max_age

from tests.forkant.test_access import ENDPOINTS, MANAGE_ENDPOINTS, ORG_ENDPOINTS, Endpoint
from tests.forkant.test_wallscreens import paired_client


def private(response) -> bool:  # type: ignore[no-untyped-def]
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives


MEMBER_GETS = [e for e in ENDPOINTS + MANAGE_ENDPOINTS if e.method == "get"]
ACCOUNT_PAGES = [
    "dashboard",
    "account",
    "account_data",
    "two_factor",
    "search",
    "accessibility",
    "privacy",
]


@pytest.mark.parametrize(
    "endpoint", MEMBER_GETS, ids=[f"{e.name}-{e.kwargs.__name__}" for e in MEMBER_GETS]
)
def test_every_members_page_and_download_is_private_and_not_stored(world, endpoint: Endpoint):
    response = world.client_for("leder").get(reverse(endpoint.name, kwargs=endpoint.kwargs(world)))
    assert response.status_code in {200, 302}
    assert private(response), (endpoint.name, response.get("Cache-Control"))


@pytest.mark.parametrize("name", ACCOUNT_PAGES)
def test_the_account_pages_and_the_personal_data_are_private_and_not_stored(world, name):
    response = world.client_for("amr").get(reverse(name))
    assert response.status_code == 200
    assert private(response), (name, response.get("Cache-Control"))


@pytest.mark.parametrize("endpoint", [e for e in ORG_ENDPOINTS if e.method == "get"])
def test_the_organisations_pages_are_private_and_not_stored(world, endpoint: Endpoint):
    response = world.client_for("org_admin").get(
        reverse(endpoint.name, kwargs=endpoint.kwargs(world))
    )
    assert response.status_code == 200
    assert private(response)


def test_htmx_fragments_and_answers_to_writes_are_private_and_not_stored(world):
    client = world.client_for("leder")
    url = reverse("action_detail", args=[world.amg.pk, world.action.pk])
    fragment = client.get(url, headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and private(fragment)
    moved = client.post(
        reverse("action_move", args=[world.amg.pk, world.action.pk]),
        {"status": "afsluttet"},
        headers={"HX-Request": "true"},
    )
    assert moved.status_code == 200 and private(moved)
    refused = client.get(reverse("board", args=[world.other_amg.pk]))
    assert refused.status_code == 404 and private(refused)


def test_the_members_board_poll_still_answers_304_to_its_etag(world):
    client = world.client_for("amr")
    url = reverse("board_poll", args=[world.amg.pk])
    first = client.get(url)
    assert private(first)
    unchanged = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert unchanged.status_code == 304 and private(unchanged)


def test_the_wall_screens_poll_keeps_its_conditional_caching(world):
    tv, _screen = paired_client(world)
    first = tv.get(reverse("wall_board"))
    assert first.status_code == 200 and "no-store" not in first["Cache-Control"]
    unchanged = tv.get(reverse("wall_board"), headers={"If-None-Match": first["ETag"]})
    assert unchanged.status_code == 304


@pytest.mark.parametrize("name", ["accessibility", "privacy"])
def test_public_pages_to_anonymous_visitors_are_not_marked_private(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
    assert get_max_age(response) is None
