"""The referat of a meeting: written from what changed on the board while it ran.

`referat_text` makes the first version when the meeting ends (members can edit it afterwards);
`render_referat_pdf` prints the saved referat, a pure function of the meeting's id;
`send_referat` e-mails it to the members (like metoder's reminders, mail is sent from its own
module; the meeting's other writes are in services.py).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from forkant.lib.pdf import html_to_pdf
from forkant.models import Membership
from handleplan.models import EventKind, Meeting, MeetingEvent, Status
from handleplan.queries import meeting_summary, stalled_actions, stalled_weeks_of


def _status(value: str) -> str:
    return str(Status(value).label) if value in Status.values else value


def _when(meeting: Meeting) -> str:
    start = timezone.localtime(meeting.started_at or meeting.starts_at)
    text = f"{date_format(start, 'l j. F Y')} {_('kl.')} {start:%H.%M}"
    if meeting.ended_at:
        text += f"–{timezone.localtime(meeting.ended_at):%H.%M}"
    return text


def apologies_line(meeting: Meeting) -> str:
    """Who sent apologies (afbud); empty when nobody did."""
    return ", ".join(m.display_name for m in meeting.apologies.select_related("user"))


def attendee_line(meeting: Meeting) -> str:
    names = [m.display_name for m in meeting.attendees.select_related("user")]
    if meeting.other_attendees:
        names.append(
            ngettext("%(n)d anden", "%(n)d andre", meeting.other_attendees)
            % {"n": meeting.other_attendees}
        )
    return ", ".join(names) or _("ingen registreret")


def _event_line(event: MeetingEvent) -> str:
    if event.kind == EventKind.CREATED:
        return f"- {event.title} ({_status(event.to_status)})"
    if event.kind == EventKind.MOVED:
        line = f"- {event.title}: {_status(event.from_status)} → {_status(event.to_status)}"
        return line + (f" ({_('nu under')} {event.detail})" if event.detail else "")
    if event.kind == EventKind.EDITED:
        return f"- {event.title} ({_('rettet')}: {event.detail})"
    if event.kind == EventKind.DELETED:
        return f"- {event.title} ({_status(event.from_status)})"
    if event.kind == EventKind.IDEA_PUBLISHED:
        return f"- {event.title}: " + _("sat på tavlen i %(column)s") % {
            "column": _status(event.to_status)
        }
    if event.kind == EventKind.IDEA_MERGED:
        return f"- “{event.title}”: " + _("flettet med “%(other)s”") % {"other": event.detail}
    if event.kind == EventKind.IDEA_DECLINED:
        return f"- “{event.title}”: " + _("afvist – %(reason)s") % {"reason": event.detail}
    if event.kind == EventKind.NUDGE:
        return f"- {event.title}: " + _("nudging-plan – %(goal)s") % {"goal": event.detail}
    return f"- {event.title}: {event.detail}"


def referat_text(meeting: Meeting, *, next_meeting: Meeting | None = None) -> str:
    """The first version of the referat, as plain text with one section per kind of change."""
    summary = meeting_summary(meeting)
    lines = [
        f"{meeting.get_kind_display()}, {_when(meeting)}",
        f"{_('Mødeleder')}: {meeting.moedeleder or '–'} · {_('Referent')}: "
        f"{meeting.referent or '–'}",
        f"{_('Deltagere')}: {attendee_line(meeting)}",
    ]
    if apologies := apologies_line(meeting):
        lines.append(f"{_('Afbud')}: {apologies}")
    sections = [
        (_("Nye kort"), summary.created),
        (_("Flyttede kort"), summary.moved),
        (_("Kort i mål"), summary.finished),
        (_("Rettede kort"), summary.edited),
        (_("Slettede kort"), summary.deleted),
        (_("Temaer"), summary.themes),
        (_("Idéer fra arbejdspladsen"), summary.ideas),
        (_("Prioriteringer og nudging"), summary.decided),
    ]
    for heading, events in sections:
        if events:
            lines += ["", heading, *(_event_line(event) for event in events)]
    if not any(events for _heading, events in sections):
        lines += ["", _("Ingen ændringer på tavlen under mødet.")]
    if meeting.decisions.strip():
        lines += ["", _("Beslutninger"), meeting.decisions.strip()]
    weeks = stalled_weeks_of(meeting.amg)
    stalled = list(stalled_actions(meeting.amg, now=meeting.started_at, weeks=weeks))
    if stalled:
        lines += [
            "",
            ngettext(
                "Står stille (ikke flyttet i %(weeks)d uge)",
                "Står stille (ikke flyttet i %(weeks)d uger)",
                weeks,
            )
            % {"weeks": weeks},
        ]
        lines += [
            f"- {action.title} ({_status(action.status)} {_('siden')} "
            f"{date_format(timezone.localtime(action.moved_at), 'j. F Y')})"
            for action in stalled
        ]
    if meeting.notes.strip():
        lines += ["", _("Noter"), meeting.notes.strip()]
    if next_meeting is not None:
        # A section of its own, with its heading, apart from the notes.
        start = timezone.localtime(next_meeting.starts_at)
        line = f"{date_format(start, 'l j. F Y')} {_('kl.')} {start:%H.%M}"
        if next_meeting.moedeleder:
            line += f" · {_('mødeleder')} {next_meeting.moedeleder}"
        lines += ["", _("Næste tavlemøde"), line]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Block:
    heading: str
    body: str


def referat_blocks(text: str) -> list[Block]:
    """The referat as sections for the page and the PDF: a paragraph's first line is its heading
    when more lines follow and it is not a list item (the way `referat_text` writes sections)."""
    blocks = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        lines = chunk.strip("\n").split("\n")
        first = lines[0].strip()
        if len(lines) > 1 and not first.startswith("-") and len(first) <= 100:
            blocks.append(Block(heading=first, body="\n".join(lines[1:])))
        else:
            blocks.append(Block(heading="", body=chunk.strip("\n")))
    return blocks


def render_referat_pdf(meeting_id: int) -> bytes:
    meeting = Meeting.objects.select_related("amg__organisation").get(pk=meeting_id)
    html = render_to_string(
        "handleplan/referat_print.html",
        {
            "meeting": meeting,
            "attendees": attendee_line(meeting),
            "apologies": apologies_line(meeting),
            "when": _when(meeting),
            "blocks": referat_blocks(meeting.referat),
        },
    )
    return html_to_pdf(html)


def send_referat(*, meeting: Meeting, link: str, now: datetime.datetime) -> int:
    """E-mail the referat to every member of the AMG; returns how many were sent."""
    recipients = list(
        Membership.objects.filter(amg=meeting.amg)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    if not recipients:
        return 0
    context = {"meeting": meeting, "link": link}
    subject = " ".join(render_to_string("handleplan/email/referat_subject.txt", context).split())
    body = render_to_string("handleplan/email/referat_body.txt", context)
    # One message per member: nobody sees the others' addresses.
    sent = 0
    for address in recipients:
        sent += send_mail(subject, body, None, [address], fail_silently=False)
    Meeting.objects.filter(pk=meeting.pk).update(referat_sent_at=now)
    meeting.referat_sent_at = now
    return sent
