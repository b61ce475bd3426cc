"""Searching the demo school for the working environment's everyday words finds its work."""

from __future__ import annotations

import pytest

from composition.demo.workplace import load_demo
from forkant.models import User
from tests.searching import found, postgresql_only


@pytest.fixture
def demo(db):  # type: ignore[no-untyped-def]
    return load_demo()


@pytest.mark.parametrize(
    ("word", "kinds"),
    [
        ("stress", {"kort", "ideer", "referater"}),
        ("støj", {"kort", "problemer"}),
        ("vold", {"kort", "risikovurderinger", "haendelser", "evalueringer"}),
    ],
)
def test_the_demo_school_is_found_by_its_everyday_words_in_several_kinds(demo, word, kinds):
    assert set(found(User.objects.get(email="leder@demo.dk"), word)) >= kinds


def test_the_demo_admin_searches_every_group_but_finds_no_confidential_card(demo):
    leder, admin = (User.objects.get(email=e) for e in ("leder@demo.dk", "admin@demo.dk"))
    assert found(leder, "sygefravær").get("kort")  # "Samtaler med team med højt sygefravær"
    assert "kort" not in found(admin, "sygefravær")


@postgresql_only
def test_the_demo_finds_inflected_forms(demo):
    assert found(User.objects.get(email="leder@demo.dk"), "risikovurderingerne")
