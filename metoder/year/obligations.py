"""Point 7 in the engine of obligations (`forkant.obligations`): AMG-møder held at the
årshjul's pace, with their attendance recorded. Registered in `MetoderConfig.ready()`.

An AMG-møde is a `handleplan.Meeting` of kind AMG-møde; it is held once it was started (the
board's meeting mode). The law sets no frequency: the rule's data holds the årshjul's pace
(`max_days_between`)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterator, Sequence

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from forkant.models import AMG
from forkant.obligations import Finding, State, load, rule
from handleplan.models import Meeting, MeetingKind

# How far back the check looks for meetings planned and not held, and for attendance.
LOOK_BACK_DAYS = 366


def _day(day: datetime.date) -> str:
    return date_format(day, "j. F Y")


def amg_meetings_by_amg(amg_ids: Sequence[int], today: datetime.date) -> dict[int, list[Meeting]]:
    """Each AMG's AMG-møder of the last year and those planned ahead, with their number of
    attendees: one query."""
    since = timezone.make_aware(
        datetime.datetime.combine(today - datetime.timedelta(days=LOOK_BACK_DAYS), datetime.time())
    )
    found: dict[int, list[Meeting]] = defaultdict(list)
    meetings = (
        Meeting.objects.filter(amg_id__in=amg_ids, kind=MeetingKind.AMG_MOEDE, starts_at__gte=since)
        .annotate(attendee_count=Count("attendees"))
        .order_by("starts_at", "pk")
    )
    for meeting in meetings:
        found[meeting.amg_id].append(meeting)
    return found


def amo_meetings(amg: AMG, today: datetime.date) -> Iterator[Finding]:
    the_rule = rule("amo-meetings")
    gap = datetime.timedelta(days=the_rule.parameters["max_days_between"])
    warn = datetime.timedelta(days=the_rule.parameters["warn_days"])
    meetings = load(amg_meetings_by_amg, amg, today) or []
    held = [m for m in meetings if m.started_at is not None]
    planned = [m for m in meetings if m.started_at is None]
    wheel = reverse("year_wheel", args=[amg.pk])
    last = max(held, key=lambda m: m.started_at) if held else None
    last_day = timezone.localdate(last.started_at) if last else None  # type: ignore[arg-type]
    upcoming = [m for m in planned if timezone.localdate(m.starts_at) >= today]

    if last_day is None:
        yield Finding(
            the_rule,
            State.MISSING,
            _("Der er ikke holdt noget AMG-møde det seneste år.")
            + (
                " "
                + _("Det næste er planlagt %(date)s.")
                % {"date": _day(timezone.localdate(upcoming[0].starts_at))}
                if upcoming
                else ""
            ),
            reverse("meeting_agenda", args=[amg.pk, upcoming[0].pk]) if upcoming else wheel,
            subject=_("AMG-møder"),
            ref="amg-meetings",
        )
    else:
        due = last_day + gap
        values = {
            "date": _day(last_day),
            "days": the_rule.parameters["max_days_between"],
            "due": _day(due),
        }
        next_planned = next((m for m in upcoming if timezone.localdate(m.starts_at) <= due), None)
        if due < today:
            state = State.OVERDUE
            reason = _(
                "Det seneste AMG-møde blev holdt %(date)s; med højst %(days)s dage imellem skulle "
                "det næste have været holdt senest %(due)s."
            )
        elif due <= today + warn and next_planned is None:
            state = State.DUE_SOON
            reason = _(
                "Det seneste AMG-møde blev holdt %(date)s; det næste skal holdes senest %(due)s, "
                "og der er ikke planlagt et."
            )
        else:
            state = State.OK
            reason = _("Det seneste AMG-møde blev holdt %(date)s; det næste senest %(due)s.")
        fix = reverse("meeting_agenda", args=[amg.pk, next_planned.pk]) if next_planned else wheel
        yield Finding(
            the_rule, state, reason % values, fix, _("AMG-møder"), due, f"amg-meetings:{due}"
        )

    # Planned since the last one was held, and never started: held without the app, moved or
    # dropped – the årshjul should say which.
    for meeting in planned:
        day = timezone.localdate(meeting.starts_at)
        if day >= today or (last_day is not None and day <= last_day):
            continue
        yield Finding(
            the_rule,
            State.DUE_SOON,
            _(
                "AMG-mødet planlagt %(date)s er ikke holdt i appen: hold det, flyt det eller "
                "slet det i årshjulet."
            )
            % {"date": _day(day)},
            reverse("meeting_agenda", args=[amg.pk, meeting.pk]),
            subject=_day(day),
            due=day,
            ref=f"planned-meeting:{meeting.pk}",
        )

    # Attendance of the meetings held.
    without = [m for m in held if not m.attendee_count and not m.other_attendees]
    for meeting in without:
        day = timezone.localdate(meeting.started_at)  # type: ignore[arg-type]
        yield Finding(
            the_rule,
            State.MISSING,
            _("Der er ikke registreret deltagere ved AMG-mødet %(date)s.") % {"date": _day(day)},
            reverse("meeting_detail", args=[amg.pk, meeting.pk]),
            subject=_day(day),
            ref=f"attendance:{meeting.pk}",
        )
    if held and not without:
        yield Finding(
            the_rule,
            State.OK,
            ngettext(
                "Deltagerne er registreret ved %(n)s AMG-møde det seneste år.",
                "Deltagerne er registreret ved alle %(n)s AMG-møder det seneste år.",
                len(held),
            )
            % {"n": len(held)},
            reverse("meeting_list", args=[amg.pk]),
            subject=_("Fremmøde"),
            ref="attendance",
        )
