from __future__ import annotations

import re
from pathlib import Path

from django.test import Client
from django.urls import reverse


def test_the_ui_is_danish_even_for_an_english_browser(world):
    client = world.client_for("leder")
    html = client.get(
        reverse("board", kwargs={"amg_id": world.amg.pk}), HTTP_ACCEPT_LANGUAGE="en-US,en"
    ).content.decode()
    assert "Parkeringsplads" in html
    assert 'lang="da"' in html


def test_a_member_can_switch_to_english(world):
    client = world.client_for("leder")
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("board", kwargs={"amg_id": world.amg.pk})).content.decode()
    assert 'lang="en"' in html
    assert "Parking lot" in html
    assert "Next board meeting" in html


def test_the_language_cookie_is_httponly_lax_and_secure_where_the_session_cookie_is(
    world, settings
):
    settings.LANGUAGE_COOKIE_SECURE = True
    client = world.client_for("leder")
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "en"
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["secure"] is True
    header = cookie.output()
    assert "HttpOnly" in header and "SameSite=Lax" in header and "Secure" in header


def test_an_unknown_language_falls_back_to_danish(db):
    client = Client()
    client.cookies["django_language"] = "xx"
    assert 'lang="da"' in client.get(reverse("login")).content.decode()


def untranslated_entries(po_text: str) -> list[str]:
    entries = po_text.strip().split("\n\n")[1:]  # the first entry is the header
    empty = re.compile(r'^msgstr(\[\d+\])? ""$(?!\n")', re.MULTILINE)
    return [entry for entry in entries if "#, fuzzy" in entry or empty.search(entry)]


def test_the_catalogue_check_finds_an_untranslated_entry():
    po = 'msgid ""\nmsgstr "header"\n\nmsgid "Hej"\nmsgstr ""\n\nmsgid "Ja"\nmsgstr "Yes"\n'
    assert untranslated_entries(po) == ['msgid "Hej"\nmsgstr ""']


def test_every_string_in_the_english_catalogue_is_translated():
    po = Path(__file__).resolve().parents[2] / "locale/en/LC_MESSAGES/django.po"
    assert untranslated_entries(po.read_text()) == []
