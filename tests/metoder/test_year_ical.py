"""Each member's calendar feed: a secret, revocable link to valid iCalendar."""

from __future__ import annotations

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from forkant import services as core
from metoder.year import services
from metoder.year.ical import uid_domain
from metoder.year.models import CalendarFeed, PlannedMeeting, WheelItem

YEAR = timezone.localdate().year
NOW = timezone.now()
DOMAIN = uid_domain()  # the site's host from SITE_URL: stable whatever host a client asks


def make_feed(world, persona: str = "amr") -> str:  # type: ignore[no-untyped-def]
    """Create the link through the page, as a member does, and read it off the page."""
    client = world.client_for(persona)
    response = client.post(
        reverse("calendar_feed_create", kwargs={"amg_id": world.amg.pk}), follow=True
    )
    html = response.content.decode()
    start = html.index('id="calendar-url"')
    value = html.index('value="', start) + len('value="')
    url = html[value : html.index('"', value)]
    assert url.startswith("http://testserver/kalender/")
    return url.removeprefix("http://testserver")


def fetch(client, path: str) -> Calendar:  # type: ignore[no-untyped-def]
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def events(cal: Calendar) -> dict[str, object]:
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_the_feed_is_valid_icalendar_with_timezone_stamps_and_agenda_links(world, client):
    services.generate_year(amg=world.amg, year=YEAR, source=services.Source.TEMPLATE)
    path = make_feed(world)
    cal = fetch(client, path)  # no login: the secret is the key
    assert cal["VERSION"] == "2.0"
    assert cal.get("PRODID")
    zones = cal.walk("VTIMEZONE")
    assert [str(z["TZID"]) for z in zones] == ["Europe/Copenhagen"]
    found = events(cal)
    meetings = PlannedMeeting.objects.filter(amg=world.amg).select_related("meeting")
    items = WheelItem.objects.filter(amg=world.amg)
    assert len(found) == meetings.count() + items.count()
    for event in found.values():
        assert event.get("DTSTAMP") is not None
        assert event.get("SUMMARY")
    amg_plan = meetings.get(source_key=f"{YEAR}:amg-q1")
    event = found[f"moede-{amg_plan.meeting_id}@{DOMAIN}"]
    start = event["DTSTART"]
    assert start.params["TZID"] == "Europe/Copenhagen"
    assert start.dt == amg_plan.meeting.starts_at
    agenda = reverse("meeting_agenda", kwargs={"amg_id": world.amg.pk, "pk": amg_plan.meeting_id})
    assert str(event["URL"]) == f"http://testserver{agenda}"
    assert agenda in str(event["DESCRIPTION"])
    item = items.get(source_key=f"{YEAR}:evaluering")
    all_day = found[f"aarshjul-{item.pk}@{DOMAIN}"]
    assert all_day["DTSTART"].dt == item.date  # a whole day, not a time


def test_uids_stay_the_same_across_regeneration_and_updates_raise_the_sequence(world, client):
    services.generate_year(amg=world.amg, year=YEAR, source=services.Source.TEMPLATE)
    path = make_feed(world)
    first = events(fetch(client, path))
    services.generate_year(amg=world.amg, year=YEAR, source=services.Source.TEMPLATE)
    plan = PlannedMeeting.objects.get(source_key=f"{YEAR}:amg-q2")
    services.update_meeting(
        meeting=plan.meeting,
        starts_at=plan.meeting.starts_at + datetime.timedelta(days=1),
        moedeleder="Anne",
        focus="Ny fokus",
        agenda="Siden sidst",
        now=timezone.now(),
    )
    item = WheelItem.objects.get(source_key=f"{YEAR}:gennemgang")
    services.update_item(
        item=item,
        kind=item.kind,
        title="Gennemgang i SFO",
        date=item.date,
        note="",
        now=timezone.now(),
    )
    second = events(fetch(client, path))
    assert set(second) == set(first)
    moved = second[f"moede-{plan.meeting_id}@{DOMAIN}"]
    assert int(moved["SEQUENCE"]) == int(first[f"moede-{plan.meeting_id}@{DOMAIN}"]["SEQUENCE"]) + 1
    assert moved["DTSTART"].dt - first[f"moede-{plan.meeting_id}@{DOMAIN}"][
        "DTSTART"
    ].dt == datetime.timedelta(days=1)
    assert moved.get("LAST-MODIFIED") is not None
    renamed = second[f"aarshjul-{item.pk}@{DOMAIN}"]
    assert int(renamed["SEQUENCE"]) == 1
    assert str(renamed["SUMMARY"]).startswith("Gennemgang i SFO")


def test_only_a_hash_of_the_secret_is_stored(world):
    path = make_feed(world)
    token = path.split("/")[2]
    feed = CalendarFeed.objects.get(membership=world.amr)
    assert feed.token_hash == services.token_hash(token)
    assert token not in feed.token_hash


def test_a_wrong_renewed_or_revoked_secret_is_404(world, client):
    path = make_feed(world)
    assert client.get(path).status_code == 200
    assert client.get(path.replace(path.split("/")[2], "x" * 43)).status_code == 404
    assert client.get("/kalender/" + "y" * 500 + "/aarshjul.ics").status_code == 404
    renewed = make_feed(world)  # a new link: the old one stops working
    assert client.get(path).status_code == 404
    assert client.get(renewed).status_code == 200
    member = world.client_for("amr")
    member.post(reverse("calendar_feed_revoke", kwargs={"amg_id": world.amg.pk}))
    assert client.get(renewed).status_code == 404
    assert not CalendarFeed.objects.exists()


def test_a_removed_member_or_an_archived_amg_loses_the_feed(world, client):
    path = make_feed(world)
    core.remove_member(membership=world.amr, now=timezone.now())
    assert client.get(path).status_code == 404
    path = make_feed(world, "leder")
    world.amg.archived_at = timezone.now()
    world.amg.save()
    assert client.get(path).status_code == 404


def test_each_member_has_their_own_feed_of_their_own_amg(world, client):
    services.generate_year(amg=world.other_amg, year=YEAR, source=services.Source.TEMPLATE)
    services.generate_year(amg=world.amg, year=YEAR, source=services.Source.TEMPLATE)
    ours = events(fetch(client, make_feed(world, "amr")))
    other_ids = set(
        PlannedMeeting.objects.filter(amg=world.other_amg).values_list("meeting_id", flat=True)
    )
    assert not any(uid.startswith(f"moede-{pk}@") for pk in other_ids for uid in ours)


def test_the_feed_costs_the_same_queries_for_1_and_200_entries(world, client):
    path = make_feed(world)
    services.add_item(
        amg=world.amg, year=YEAR, kind="eget", title="Én", date=timezone.localdate(), now=NOW
    )

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    one = count()
    WheelItem.objects.bulk_create(
        WheelItem(amg=world.amg, year=YEAR, kind="eget", title=f"P{i}", date=timezone.localdate())
        for i in range(200)
    )
    services.generate_year(amg=world.amg, year=YEAR, source=services.Source.TEMPLATE)
    assert count() == one
    assert one <= 8


def test_the_feed_tells_calendar_clients_how_often_to_ask(world, client):
    path = make_feed(world)
    body = client.get(path).content.decode()
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n" in body  # RFC 7986
    assert "X-PUBLISHED-TTL:PT1H\r\n" in body  # Outlook's own name for it


def test_the_wheel_page_explains_what_the_calendar_link_is_for_and_how_often_it_updates(world):
    html = (
        world.client_for("amr")
        .get(reverse("year_wheel", kwargs={"amg_id": world.amg.pk}))
        .content.decode()
    )
    assert "Outlook, Google Kalender eller telefonens kalender" in html
    assert "Abonner fra internettet" in html and "Fra webadresse" in html
    assert "typisk inden for 8 til 24 timer" in html  # Google
    assert "cirka hver 3. time" in html  # Outlook on the web
    assert "spørge igen hver time" in html  # what the feed asks for
