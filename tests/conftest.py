"""Shared fixtures: the personas every access test uses.

- leder and amr: write members of AMG A
- laeser: a read-only member of AMG A
- outsider: the AMR of AMG B (same organisation, another group)
- org_admin: the organisation's admin (reads every AMG, is no member)
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client

from forkant.models import AMG, Membership, Organisation, Role, User
from handleplan.models import Action, Theme
from tests import builders


@pytest.fixture(autouse=True)
def _fast_passwords(settings):  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session", autouse=True)
def _plain_http() -> None:
    """Production defaults to HTTPS only (DEBUG off); the test client and the live server speak
    plain HTTP. Session-wide and first, because the live server's middleware reads these once."""
    from django.conf import settings

    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.LANGUAGE_COOKIE_SECURE = False


@pytest.fixture(autouse=True)
def _fresh_cache():  # type: ignore[no-untyped-def]
    """Rendered boards, cards and wall boards are cached by id and version; ids repeat between
    tests, so each starts empty."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@dataclass
class World:
    organisation: Organisation
    amg: AMG
    other_amg: AMG
    leder: Membership
    amr: Membership
    laeser: Membership
    outsider: Membership
    org_admin: User
    theme: Theme
    action: Action
    other_theme: Theme
    other_action: Action

    def client_for(self, persona: str) -> Client:
        client = Client()
        user = self.user(persona)
        if user is not None:
            client.force_login(user)
        return client

    def user(self, persona: str) -> User | None:
        return {
            "leder": self.leder.user,
            "amr": self.amr.user,
            "laeser": self.laeser.user,
            "outsider": self.outsider.user,
            "org_admin": self.org_admin,
            "anonymous": None,
        }[persona]


@pytest.fixture
def world(db) -> World:  # type: ignore[no-untyped-def]
    organisation = builders.make_organisation("Testkommune")
    amg = builders.make_amg(organisation, "Skolen")
    other_amg = builders.make_amg(organisation, "Børnehaven")
    leder = builders.make_member(amg, builders.make_user("leder@example.dk"), Role.LEDER)
    amr = builders.make_member(amg, builders.make_user("amr@example.dk"), Role.AMR)
    laeser = builders.make_member(
        amg, builders.make_user("laeser@example.dk"), Role.ANDET, read_only=True
    )
    outsider = builders.make_member(other_amg, builders.make_user("amr2@example.dk"), Role.AMR)
    org_admin = builders.make_org_admin(organisation, builders.make_user("admin@example.dk")).user
    theme = builders.make_theme(amg, "Forebyggelse af stress")
    action = builders.make_action(amg, theme, title="Fælles aftaler om mails", responsible=amr)
    other_theme = builders.make_theme(other_amg, "Støj")
    other_action = builders.make_action(other_amg, other_theme, title="Lydplader i garderoben")
    return World(
        organisation=organisation,
        amg=amg,
        other_amg=other_amg,
        leder=leder,
        amr=amr,
        laeser=laeser,
        outsider=outsider,
        org_admin=org_admin,
        theme=theme,
        action=action,
        other_theme=other_theme,
        other_action=other_action,
    )
