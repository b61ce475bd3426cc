"""E-mail reminders, sent by `manage.py send_reminders` from cron or a systemd timer.

Kinds (each a field of `ReminderPreference`; `default_preferences` when a member never chose):

- ``meetings``: a tavlemøde or AMG-møde that starts within `MEETING_HOURS`, to every member;
- ``actions``: an action's deadline or follow-up within `ACTION_DAYS` or passed, to the member
  responsible for it (once when near, once more when passed);
- ``apv``: an APV area whose 3-year limit is within apv's `WARN_DAYS` or passed;
- ``training``: a member's arbejdsmiljøuddannelse due or overdue, to the member and to the AMG's
  leder(e);
- ``ideas``: ideas from the workplace waiting for moderation;
- ``tilsyn``: each finding of the engine of obligations (`forkant.obligations`) that is due
  soon, overdue or missing, once per finding and state, to the members who chose it (by default
  the leder and the AMR). The rules another kind already reminds of, person by person, are left
  to it (`OWN_KIND`): the APV's 3-year limit, training, and follow-ups.
- the kinds other topics register (`metoder/reminders/sources.py`), e.g. ``rounds``: a
  self-assessment round waiting for the member's answer, and its deadline close.

Each recipient gets one e-mail per AMG per run with everything new for them (plain text and
HTML, in Danish). What was sent is logged in `ReminderSent` (unique per member and key) **in the
same transaction** as the message is handed to the mail server: if the server fails, the
transaction rolls back, the failure is logged and reported, the other recipients still get theirs,
and the reminder is tried again next run. A second run at the same time waits on the unique key
and sends nothing twice.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from apv.models import Area
from forkant import obligations
from forkant.models import Membership, Role
from handleplan.models import Action, Idea, IdeaStatus, Meeting, Status
from metoder.reminders.models import (
    REMINDER_KINDS,
    ReminderPreference,
    ReminderSent,
    default_preferences,
)
from metoder.reminders.sources import sources
from metoder.training.queries import statuses as training_statuses

logger = logging.getLogger("metoder.reminders")

MEETING_HOURS = 48
ACTION_DAYS = 7
# The engine's rules another kind of reminder already covers (to the person it concerns).
OWN_KIND = {
    "apv-revision": "apv",
    "mandatory-training": "training",
    "supplementary-training": "training",
    "follow-up": "actions",
}


def absolute(path: str) -> str:
    """An absolute link for an e-mail: the command runs outside a request, so SITE_URL."""
    return settings.SITE_URL.rstrip("/") + path


def meeting_link(meeting: Meeting) -> str:
    """The one place a reminder links to a meeting: its agenda (the årshjul's `meeting_agenda`,
    with the template's points, the open work and the before/during/after checklist)."""
    return absolute(reverse("meeting_agenda", args=[meeting.amg_id, meeting.pk]))


@dataclass(frozen=True)
class Reminder:
    key: str  # unique per recipient: what it is about and the date it is about
    kind: str  # the ReminderPreference field that turns it on or off
    text: str
    url: str
    warn: bool = False  # passed/overdue rather than approaching


@dataclass
class Outgoing:
    membership: Membership
    reminders: list[Reminder] = field(default_factory=list)


@dataclass
class Result:
    sent: int = 0  # e-mails
    reminders: int = 0  # reminders in them
    failed: list[str] = field(default_factory=list)  # "address: error"


def _day(day: datetime.date) -> str:
    return date_format(day, "j. F Y")


def _recipients() -> list[Membership]:
    return list(
        Membership.objects.filter(
            amg__archived_at__isnull=True,
            user__is_active=True,
            user__anonymised_at__isnull=True,
        )
        .exclude(user__email="")
        .select_related("user", "amg", "reminder_preference")
    )


def _wants(membership: Membership, kind: str) -> bool:
    try:
        preference: ReminderPreference | None = membership.reminder_preference
    except ReminderPreference.DoesNotExist:
        preference = None
    choices = preference.as_dict() if preference else default_preferences(membership)
    return choices[kind]


def _action_date(
    action: Action,
    what: str,
    day: datetime.date,
    *,
    today: datetime.date,
    soon: str,
    passed: str,
) -> Reminder:
    """An action's deadline or follow-up date, near (`soon`) or passed (`passed`, a warning):
    each text has %(title)s and %(date)s. The key names the date and the phase, so the reminder
    goes once while near and once more when passed."""
    overdue = day < today
    text = (passed if overdue else soon) % {"title": action.title, "date": _day(day)}
    phase = "passed" if overdue else "soon"
    return Reminder(
        f"action-{what}:{action.pk}:{day.isoformat()}:{phase}",
        "actions",
        text,
        absolute(reverse("action_detail", args=[action.amg_id, action.pk])),
        warn=overdue,
    )


def collect(*, now: datetime.datetime) -> list[Outgoing]:
    """Every reminder due now, per recipient, leaving out what was sent before and what the
    recipient opted out of. A fixed number of queries, whatever the number of AMGs."""
    today = timezone.localdate(now)
    members = _recipients()
    by_pk = {m.pk: m for m in members}
    by_amg: dict[int, list[Membership]] = defaultdict(list)
    for m in members:
        by_amg[m.amg_id].append(m)
    amg_ids = list(by_amg)
    found: dict[int, list[Reminder]] = defaultdict(list)

    def to(members_: list[Membership], reminder: Reminder, when: Callable[[Membership], bool]):
        for m in members_:
            if when(m):
                found[m.pk].append(reminder)

    # Meetings about to start: everyone in the AMG.
    meetings = Meeting.objects.filter(
        amg_id__in=amg_ids,
        started_at__isnull=True,
        starts_at__gte=now,
        starts_at__lte=now + datetime.timedelta(hours=MEETING_HOURS),
    )
    for meeting in meetings:
        local = timezone.localtime(meeting.starts_at)
        text = _("%(kind)s %(when)s") % {
            "kind": meeting.get_kind_display(),
            "when": date_format(local, "l j. F \\k\\l. H.i"),
        }
        if meeting.moedeleder:
            text += " · " + _("mødeleder %(name)s") % {"name": meeting.moedeleder}
        reminder = Reminder(
            f"meeting:{meeting.pk}:{meeting.starts_at.isoformat()}",
            "meetings",
            text,
            meeting_link(meeting),
        )
        to(by_amg[meeting.amg_id], reminder, lambda m: True)

    # Actions: deadline or follow-up near or passed, to the responsible member.
    horizon = today + datetime.timedelta(days=ACTION_DAYS)
    actions = Action.objects.filter(amg_id__in=amg_ids, responsible_id__in=list(by_pk)).only(
        "pk", "amg_id", "title", "status", "deadline", "follow_up_on", "responsible_id"
    )
    dates = (
        # (the key's name, the date's field, the actions near or past it, the texts near / passed)
        (
            "deadline",
            "deadline",
            actions.filter(status__in=Status.unfinished(), deadline__lte=horizon),
            _("Fristen for „%(title)s“ er %(date)s"),
            _("Fristen for „%(title)s“ var %(date)s"),
        ),
        (
            "follow-up",
            "follow_up_on",
            actions.exclude(status=Status.AFSLUTTET).filter(follow_up_on__lte=horizon),
            _("Opfølgningen på „%(title)s“ er %(date)s"),
            _("Opfølgningen på „%(title)s“ skulle have været %(date)s"),
        ),
    )
    for what, field_name, due, soon, passed in dates:
        for action in due:
            day = getattr(action, field_name)
            reminder = _action_date(action, what, day, today=today, soon=soon, passed=passed)
            found[action.responsible_id].append(reminder)

    # APV areas near or past their 3-year limit.
    for area in Area.objects.filter(amg_id__in=amg_ids, last_assessed__isnull=False):
        state = area.assessment_state(today)
        if state not in {"soon", "overdue"}:
            continue
        text = (
            _("APV: %(area)s skulle have været vurderet igen senest %(date)s")
            if state == "overdue"
            else _("APV: %(area)s skal vurderes igen senest %(date)s")
        ) % {"area": area.name, "date": _day(area.due)}
        reminder = Reminder(
            f"apv-area:{area.pk}:{area.due.isoformat()}:{state}",
            "apv",
            text,
            absolute(reverse("apv_areas", args=[area.amg_id])),
            warn=state == "overdue",
        )
        to(by_amg[area.amg_id], reminder, lambda m: True)

    # Training due or overdue: to the member and to the AMG's leder(e).
    for pk, status in training_statuses(members, today=today).items():
        if not status.needs_attention:
            continue
        member = by_pk[pk]
        parts = []
        if status.mandatory_state in {"due", "overdue"}:
            parts.append(
                _("den obligatoriske arbejdsmiljøuddannelse senest %(date)s")
                % {"date": _day(status.mandatory_due)}
            )
        elif status.mandatory_state == "unknown":
            parts.append(_("tiltrædelsesdatoen mangler"))
        if status.supplementary_due:
            parts.append(
                _("supplerende uddannelse senest %(date)s")
                % {"date": _day(status.supplementary_due)}
            )
        text = _("Uddannelse for %(name)s: %(what)s") % {
            "name": member.display_name,
            "what": "; ".join(parts) or _("tiltrædelsesdatoen mangler"),
        }
        reminder = Reminder(
            f"training:{pk}:{status.mandatory_state}:{status.mandatory_due}:"
            f"{status.supplementary_state}:{status.supplementary_due}",
            "training",
            text,
            absolute(reverse("training_member", args=[member.amg_id, pk])),
            warn=status.state == "overdue",
        )
        to(
            by_amg[member.amg_id],
            reminder,
            lambda m, member=member: m.pk == member.pk or m.role == Role.LEDER,
        )

    # Ideas waiting for moderation.
    for idea in Idea.objects.filter(amg_id__in=amg_ids, status=IdeaStatus.NEW).only(
        "pk", "amg_id", "text"
    ):
        reminder = Reminder(
            f"idea:{idea.pk}",
            "ideas",
            _("Ny idé venter: „%(text)s“") % {"text": idea.short_text},
            absolute(reverse("idea_queue", args=[idea.amg_id])),
        )
        to(by_amg[idea.amg_id], reminder, lambda m: True)

    # What an inspection would find: the engine's findings not in order, once per finding and
    # state (a finding that turns from due soon to overdue is reminded of again).
    readiness = obligations.summaries(amg_ids, today=today)
    for amg_id, summary in readiness.items():
        for finding in summary.attention:
            if finding.rule.key in OWN_KIND:
                continue
            key = f"tilsyn:{finding.identity}:{finding.state}:{finding.due or ''}"
            if len(key) > 200:  # the sent-log's key; a long subject is hashed
                key = "tilsyn:" + hashlib.sha256(key.encode()).hexdigest()
            reminder = Reminder(
                key,
                "tilsyn",
                f"{finding.reason} ({finding.state.label.lower()})",
                absolute(finding.url or reverse("readiness", args=[amg_id])),
                warn=finding.state.is_breach,
            )
            to(by_amg[amg_id], reminder, lambda m: True)
    # What other topics registered (self-assessment rounds), each in its own fixed queries.
    for kind, source in sources():
        for due in source(members, now):
            if due.membership_id in by_pk:
                found[due.membership_id].append(
                    Reminder(due.key, kind, due.text, absolute(due.path), warn=due.warn)
                )

    # Leave out what each member opted out of and what was sent before.
    keys = {r.key for rs in found.values() for r in rs}
    sent = set(
        ReminderSent.objects.filter(membership_id__in=list(found), key__in=keys).values_list(
            "membership_id", "key"
        )
    )
    outgoing = []
    for pk, reminders in found.items():
        member = by_pk[pk]
        new = [r for r in reminders if _wants(member, r.kind) and (pk, r.key) not in sent]
        unique = list({r.key: r for r in new}.values())
        if unique:
            outgoing.append(Outgoing(member, unique))
    outgoing.sort(key=lambda o: (o.membership.amg_id, o.membership.pk))
    return outgoing


def build_message(outgoing: Outgoing) -> EmailMultiAlternatives:
    member = outgoing.membership
    groups = [
        (label, [r for r in outgoing.reminders if r.kind == kind])
        for kind, label, _help in REMINDER_KINDS
    ]
    context = {
        "member": member,
        "amg": member.amg,
        "groups": [(label, items) for label, items in groups if items],
        "count": len(outgoing.reminders),
        "preferences_url": absolute(reverse("reminder_preferences")),
    }
    subject = render_to_string("metoder/reminders/email_subject.txt", context).strip()
    text = render_to_string("metoder/reminders/email_body.txt", context)
    html = render_to_string("metoder/reminders/email_body.html", context)
    message = EmailMultiAlternatives(
        subject, text, settings.DEFAULT_FROM_EMAIL, [member.user.email]
    )
    message.attach_alternative(html, "text/html")
    return message


def send_reminders(*, now: datetime.datetime | None = None, dry_run: bool = False) -> Result:
    """Send every new reminder; see the module's docstring for what "once" and "failing" mean."""
    now = now or timezone.now()
    result = Result()
    with translation.override(settings.LANGUAGE_CODE):
        for outgoing in collect(now=now):
            address = outgoing.membership.user.email
            if dry_run:
                result.sent += 1
                result.reminders += len(outgoing.reminders)
                continue
            message = build_message(outgoing)
            try:
                with transaction.atomic():
                    ReminderSent.objects.bulk_create(
                        [
                            ReminderSent(membership=outgoing.membership, key=r.key, sent_at=now)
                            for r in outgoing.reminders
                        ]
                    )
                    message.send(fail_silently=False)
            except IntegrityError:
                # Another run sent these in the meantime: nothing to do.
                logger.info("Reminders for %s were sent by another run", address)
                continue
            except Exception as error:  # any mail failure: reported, not fatal
                logger.exception("Sending reminders to %s failed; retried next run", address)
                result.failed.append(f"{address}: {error}")
                continue
            result.sent += 1
            result.reminders += len(outgoing.reminders)
    return result
