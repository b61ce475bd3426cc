"""A member's calendar feed of the årshjul as iCalendar (RFC 5545), built with `icalendar`.

What real clients (Outlook, Google, Apple) need: a VTIMEZONE for Europe/Copenhagen that the
event times refer to, a UID per event that never changes (the meeting's or item's primary key
and the site's host), DTSTAMP, and SEQUENCE/LAST-MODIFIED that go up when the AMG edits an
entry, so a subscribed calendar updates the event instead of adding a second one.
"""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vDuration

from forkant.models import AMG
from handleplan.models import Meeting, MeetingKind
from metoder.year.models import ItemKind, WheelItem
from metoder.year.queries import meeting_title
from metoder.year.services import AMG_MEETING_MINUTES, TAVLEMOEDE_MINUTES

TZID = "Europe/Copenhagen"
# How often a subscribed calendar should ask again (RFC 7986 REFRESH-INTERVAL, and Outlook's
# X-PUBLISHED-TTL). Clients may ask less often (Google Calendar does: every 8–24 hours); the
# årshjul page says so.
REFRESH = datetime.timedelta(hours=1)


def uid_domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "forkant.invalid"


def meeting_uid(meeting: Meeting) -> str:
    return f"moede-{meeting.pk}@{uid_domain()}"


def item_uid(item: WheelItem) -> str:
    return f"aarshjul-{item.pk}@{uid_domain()}"


def feed(
    amg: AMG,
    meetings: list[Meeting],
    items: list[WheelItem],
    *,
    base_url: str,
    now: datetime.datetime,
) -> bytes:
    tz = ZoneInfo(TZID)
    cal = Calendar()
    cal.add("prodid", "-//På forkant//Årshjul//DA")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", _("Årshjul – %(amg)s") % {"amg": amg.name})
    cal.add("x-wr-timezone", TZID)
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", vDuration(REFRESH))
    stamp = now.astimezone(datetime.UTC)
    base = base_url.rstrip("/")
    wheel_url = base + reverse("year_wheel", kwargs={"amg_id": amg.pk})
    for meeting in meetings:
        plan = getattr(meeting, "plan", None)
        event = Event()
        event.add("uid", meeting_uid(meeting))
        event.add("dtstamp", stamp)
        start = meeting.starts_at.astimezone(tz)
        minutes = (
            AMG_MEETING_MINUTES if meeting.kind == MeetingKind.AMG_MOEDE else TAVLEMOEDE_MINUTES
        )
        event.add("dtstart", start)
        event.add("dtend", start + datetime.timedelta(minutes=minutes))
        event.add("summary", f"{meeting_title(meeting, plan)} – {amg.name}")
        if meeting.kind == MeetingKind.AMG_MOEDE:
            url = base + reverse("meeting_agenda", kwargs={"amg_id": amg.pk, "pk": meeting.pk})
            lines = [_("Dagsorden: %(url)s") % {"url": url}]
            if plan is not None:
                lines += [f"- {line}" for line in plan.agenda_lines]
        else:
            url = base + reverse("board", kwargs={"amg_id": amg.pk})
            lines = [_("Tavlen: %(url)s") % {"url": url}]
        if meeting.moedeleder:
            lines.append(_("Mødeleder: %(name)s") % {"name": meeting.moedeleder})
        event.add("description", "\n".join(lines))
        event.add("url", url)
        event.add("sequence", plan.sequence if plan is not None else 0)
        if plan is not None:
            event.add("last-modified", plan.updated_at.astimezone(datetime.UTC))
        event.add("status", "CONFIRMED")
        event.add("transp", "OPAQUE")
        cal.add_component(event)
    labels = dict(ItemKind.choices)
    for item in items:
        event = Event()
        event.add("uid", item_uid(item))
        event.add("dtstamp", stamp)
        event.add("dtstart", item.date)
        event.add("dtend", item.date + datetime.timedelta(days=1))
        event.add("summary", f"{item.title} – {amg.name}")
        description = [f"{labels.get(item.kind, '')}", _("Årshjulet: %(url)s") % {"url": wheel_url}]
        if item.note:
            description.insert(1, item.note)
        event.add("description", "\n".join(description))
        event.add("url", wheel_url)
        event.add("sequence", item.sequence)
        event.add("last-modified", item.updated_at.astimezone(datetime.UTC))
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()


def _now() -> datetime.datetime:
    return timezone.now()
