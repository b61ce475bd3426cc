"""The demo workplace's year: this year's wheel from the template and a held AMG-møde
with its agenda, checklist and referat. Idempotent: the wheel's source keys and the held
meeting's started_at make a second run change nothing."""

from __future__ import annotations

import datetime

from django.db.models import F
from django.utils import timezone

from forkant.models import AMG, Membership
from handleplan import services as board
from handleplan.models import Meeting, MeetingKind
from metoder.year import services
from metoder.year.models import PlannedMeeting

DECISIONS = (
    "Vi holder fast i temaet forebyggelse af stress og lægger en dørkarmsrunde i indskolingen "
    "før næste møde.\nAMR tager kontakt til skoleledelsen om mødefri formiddage."
)
NOTES = "Godt fremmøde. Tavlemøderne virker – kollegerne kommer med input."


def load_year(amg: AMG, now: datetime.datetime) -> None:
    year = timezone.localdate(now).year
    services.generate_year(amg=amg, year=year, source=services.Source.TEMPLATE)
    held = (
        PlannedMeeting.objects.filter(
            amg=amg, meeting__kind=MeetingKind.AMG_MOEDE, meeting__starts_at__lt=now
        )
        .select_related("meeting")
        .order_by("-meeting__starts_at")
        .first()
    )
    if held is None:  # early in the year: last year's fourth quarter was the last one held
        services.generate_year(amg=amg, year=year - 1, source=services.Source.TEMPLATE)
        held = PlannedMeeting.objects.select_related("meeting").get(
            amg=amg, source_key=f"{year - 1}:amg-q4"
        )
    meeting = held.meeting
    if meeting.started_at is not None or board.running_meeting(amg) is not None:
        return
    members = list(Membership.objects.filter(amg=amg, read_only=False).select_related("user"))
    meeting.moedeleder = members[0].user.get_full_name() if members else ""
    meeting.save(update_fields=["moedeleder"])
    started = board.start_meeting(
        amg=amg,
        kind=MeetingKind.AMG_MOEDE,
        moedeleder=meeting.moedeleder,
        referent=members[-1].user.get_full_name() if members else "",
        attendees=members,
        other_attendees=0,
        now=meeting.starts_at,
    )
    board.end_meeting(
        meeting=started,
        decisions=DECISIONS,
        notes=NOTES,
        next_starts_at=None,
        next_moedeleder="",
        now=meeting.starts_at + datetime.timedelta(minutes=services.AMG_MEETING_MINUTES),
    )
    # The referat went out to the members when the meeting ended, like the demo's tavlemøder.
    Meeting.objects.filter(pk=meeting.pk).update(referat_sent_at=F("ended_at"))
    held.refresh_from_db()
    services.save_checklist(
        plan=held,
        ticked=[
            "foer-doerkarm",
            "foer-input",
            "foer-dagsorden",
            "under-siden-sidst",
            "under-indtryk",
            "under-foeling",
            "under-handleplan",
            "efter-referat",
        ],
    )
    PlannedMeeting.objects.filter(pk=held.pk).update(
        agenda_sent_at=meeting.starts_at - datetime.timedelta(days=5)
    )
