"""Every write of the årshjul: generating a year, editing its items and meetings, agenda
templates, the checklist, sending the agenda, and the members' calendar links.

Generation is idempotent: each generated row has a `source_key` (`<year>:<slot>`), unique per
AMG, and a row that exists already is left as it is (the AMG may have edited it).
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from apv.models import Area, three_years_after
from forkant.lib.locking import locked
from forkant.models import AMG, Membership
from forkant.services import bump_board_revision, lock_amg
from handleplan.models import Meeting, MeetingKind
from metoder.booklet import BOOKLET_AGENDAS, CHECKLIST_KEYS
from metoder.year.closed_days import (
    ClosedDays,
    closed_days,
    item_day,
    meeting_day,
    school_summer,
)
from metoder.year.models import (
    AgendaTemplate,
    CalendarFeed,
    ClosedPeriod,
    ItemKind,
    PlannedMeeting,
    WheelItem,
)
from metoder.year.queries import draft_plan, has_year

AMG_MEETING_MONTHS = {1: 2, 2: 5, 3: 9, 4: 11}  # the middle of each quarter; Q3 after summer
AMG_MEETING_TIME = datetime.time(14, 0)
TAVLEMOEDE_TIME = datetime.time(8, 15)
AMG_MEETING_MINUTES = 120
TAVLEMOEDE_MINUTES = 20

# The other items of the template wheel: (slot, kind, title, month, day).
TEMPLATE_ITEMS: list[tuple[str, str, str, int, int]] = [
    ("uddannelse", ItemKind.UDDANNELSE, "Aftal årets supplerende arbejdsmiljøuddannelse", 1, 20),
    ("indspark", ItemKind.EGET, "Input fra arbejdspladsen til handleplanens temaer", 3, 10),
    ("gennemgang", ItemKind.GENNEMGANG, "Åben gennemgang med dørkarmsinterview", 9, 22),
    ("evaluering", ItemKind.EVALUERING, "Årlig arbejdsmiljødrøftelse (årlig evaluering)", 11, 24),
    ("aarshjul", ItemKind.EGET, "Opdatering af årshjulet for næste år", 12, 8),
]


class Source:
    TEMPLATE = "skabelon"
    LAST_YEAR = "sidste_aar"


@dataclass(frozen=True)
class Generated:
    meetings: int
    items: int


def local_dt(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, time))


def nth_weekday(year: int, month: int, weekday: int, n: int) -> datetime.date:
    """The n-th `weekday` (0 = Monday) of the month."""
    first = datetime.date(year, month, 1)
    offset = (weekday - first.weekday()) % 7
    return first + datetime.timedelta(days=offset + 7 * (n - 1))


def quarter_of(day: datetime.date) -> int:
    return (day.month - 1) // 3 + 1


def booklet_templates(amg: AMG) -> list[AgendaTemplate]:
    """The AMG's four agenda templates, made from the booklet the first time they are asked for."""
    existing = {t.quarter: t for t in AgendaTemplate.objects.filter(amg=amg)}
    for quarter, (focus, items) in BOOKLET_AGENDAS.items():
        if quarter not in existing:
            existing[quarter], _created = AgendaTemplate.objects.get_or_create(
                amg=amg, quarter=quarter, defaults={"focus": focus, "items": "\n".join(items)}
            )
    return [existing[q] for q in sorted(existing)]


@transaction.atomic
def update_agenda_template(*, template: AgendaTemplate, focus: str, items: str) -> AgendaTemplate:
    template.focus = focus.strip()
    template.items = _clean_lines(items)
    template.save(update_fields=["focus", "items"])
    return template


def _clean_lines(text: str) -> str:
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def _adopt_or_create_meeting(
    amg: AMG, *, kind: str, starts_at: datetime.datetime, moedeleder: str = ""
) -> Meeting:
    """A meeting of that kind planned by hand for the same day joins the wheel instead of a
    second one being made."""
    local_day = timezone.localtime(starts_at).date()
    start = local_dt(local_day, datetime.time(0, 0))
    adopted = (
        Meeting.objects.filter(
            amg=amg,
            kind=kind,
            starts_at__gte=start,
            starts_at__lt=start + datetime.timedelta(days=1),
            plan__isnull=True,
        )
        .order_by("starts_at")
        .first()
    )
    if adopted is not None:
        return adopted
    return Meeting.objects.create(amg=amg, kind=kind, starts_at=starts_at, moedeleder=moedeleder)


def _plan(
    amg: AMG,
    *,
    year: int,
    key: str,
    kind: str,
    starts_at: datetime.datetime,
    focus: str = "",
    agenda: str = "",
    moedeleder: str = "",
) -> bool:
    if PlannedMeeting.objects.filter(amg=amg, source_key=key).exists():
        return False
    meeting = _adopt_or_create_meeting(amg, kind=kind, starts_at=starts_at, moedeleder=moedeleder)
    PlannedMeeting.objects.create(
        amg=amg,
        meeting=meeting,
        year=year,
        quarter=quarter_of(timezone.localtime(meeting.starts_at).date()),
        source_key=key,
        focus=focus,
        agenda=agenda if kind == MeetingKind.AMG_MOEDE else "",
    )
    return True


def _item(
    amg: AMG, *, year: int, key: str, kind: str, title: str, date: datetime.date, note: str = ""
) -> bool:
    _obj, created = WheelItem.objects.get_or_create(
        amg=amg,
        source_key=key,
        defaults={"year": year, "kind": kind, "title": title[:200], "date": date, "note": note},
    )
    return created


def _apv_milestones(amg: AMG, year: int) -> int:
    """Each APV area whose 3-year limit falls in the year, and the areas never assessed (at the
    start of the year), where the AMG keeps an APV."""
    created = 0
    for area in Area.objects.filter(amg=amg).order_by("name", "pk"):
        if area.last_assessed is None:
            continue
        due = three_years_after(area.last_assessed)
        if due.year != year:
            continue
        created += _item(
            amg,
            year=year,
            key=f"{year}:apv-omraade-{area.pk}",
            kind=ItemKind.APV,
            title=_("APV-revision: %(area)s (3-årsfristen)") % {"area": area.name},
            date=due,
        )
        start = due - datetime.timedelta(days=90)
        if start.year == year:
            created += _item(
                amg,
                year=year,
                key=f"{year}:apv-start-{area.pk}",
                kind=ItemKind.APV,
                title=_("Start APV-revisionen: %(area)s") % {"area": area.name},
                date=start,
            )
    return created


@transaction.atomic
def generate_year(*, amg: AMG, year: int, source: str) -> Generated:
    """Plan `year` in one step, from the template or from last year's wheel. Running it again
    creates nothing new: every generated row has its own source key."""
    if not 2000 <= year <= 2100:
        raise ValidationError(_("Vælg et år mellem 2000 og 2100."))
    lock_amg(amg.pk)  # one generation at a time
    if not has_year(amg, year):
        _suggest_closed_periods(amg, year, from_last_year=source == Source.LAST_YEAR)
    closed = closed_days(amg, [year])
    if source == Source.LAST_YEAR:
        last_year = (
            PlannedMeeting.objects.filter(amg=amg, year=year - 1).exists()
            or WheelItem.objects.filter(amg=amg, year=year - 1).exists()
        )
        if not last_year:
            raise ValidationError(
                _("Der er intet årshjul for %(year)s at bygge videre på. Brug skabelonen.")
                % {"year": year - 1}
            )
        meetings, items = _from_last_year(amg, year, closed)
    elif source == Source.TEMPLATE:
        meetings, items = _from_template(amg, year, closed)
    else:
        raise ValidationError(_("Vælg, om året skal bygges af skabelonen eller sidste år."))
    items += _apv_milestones(amg, year)
    if meetings:
        bump_board_revision(amg)  # the board and the wall show the next tavlemøde
    return Generated(meetings=meetings, items=items)


def _suggest_closed_periods(amg: AMG, year: int, *, from_last_year: bool) -> None:
    """Suggestions the AMG confirms or corrects: the school summer holiday, unless it has a closed
    period in July already; and, building on last year, last year's other periods 52 weeks on
    (the same weekdays)."""
    july = (datetime.date(year, 7, 1), datetime.date(year, 7, 31))
    if from_last_year:
        last_july = (july[0].replace(year=year - 1), july[1].replace(year=year - 1))
        for period in ClosedPeriod.objects.filter(
            amg=amg, starts_on__year=year - 1, suggested=False
        ).exclude(starts_on__lte=last_july[1], ends_on__gte=last_july[0]):
            ClosedPeriod.objects.get_or_create(
                amg=amg,
                source_key=f"{year}:lukket-{period.pk}",
                defaults={
                    "name": period.name,
                    "starts_on": period.starts_on + datetime.timedelta(weeks=52),
                    "ends_on": period.ends_on + datetime.timedelta(weeks=52),
                    "suggested": True,
                },
            )
    if ClosedPeriod.objects.filter(amg=amg, starts_on__lte=july[1], ends_on__gte=july[0]).exists():
        return
    starts_on, ends_on = school_summer(year)
    ClosedPeriod.objects.get_or_create(
        amg=amg,
        source_key=f"{year}:sommerferie",
        defaults={
            "name": _("Sommerferie"),
            "starts_on": starts_on,
            "ends_on": ends_on,
            "suggested": True,
        },
    )


def _from_template(amg: AMG, year: int, closed: ClosedDays) -> tuple[int, int]:
    meetings = items = 0
    templates = {t.quarter: t for t in booklet_templates(amg)}
    for quarter, month in AMG_MEETING_MONTHS.items():
        template = templates[quarter]
        day = meeting_day(nth_weekday(year, month, 1, 3), closed, quarterly=True)  # 3rd Tuesday
        if day is not None:
            meetings += _plan(
                amg,
                year=year,
                key=f"{year}:amg-q{quarter}",
                kind=MeetingKind.AMG_MOEDE,
                starts_at=local_dt(day, AMG_MEETING_TIME),
                focus=template.focus,
                agenda=template.items,
            )
        for index in range(3):
            tavle_month = (quarter - 1) * 3 + 1 + index
            nominal = nth_weekday(year, tavle_month, 3, 1)  # the first Thursday of each month
            day = meeting_day(nominal, closed, quarterly=False)
            if day is None:  # the whole month is closed (a summer holiday): no tavlemøde
                continue
            meetings += _plan(
                amg,
                year=year,
                key=f"{year}:tavle-q{quarter}-{index + 1}",
                kind=MeetingKind.TAVLEMOEDE,
                starts_at=local_dt(day, TAVLEMOEDE_TIME),
            )
    for slot, kind, title, month, day in TEMPLATE_ITEMS:
        items += _item(
            amg,
            year=year,
            key=f"{year}:{slot}",
            kind=kind,
            title=_(title),
            date=item_day(datetime.date(year, month, day), closed),
        )
    return meetings, items


def _shift(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _next_key(key: str, pk: int, prefix: str, year: int) -> str:
    slot = key.split(":", 1)[1] if ":" in key else f"{prefix}-{pk}"
    if slot.startswith("apv-"):
        return ""  # APV milestones come from the areas, never copied
    return f"{year}:{slot}"


def _from_last_year(amg: AMG, year: int, closed: ClosedDays) -> tuple[int, int]:
    meetings = items = 0
    plans = PlannedMeeting.objects.filter(amg=amg, year=year - 1).select_related("meeting")
    for plan in plans:
        key = _next_key(plan.source_key, plan.pk, "moede", year)
        start = timezone.localtime(plan.meeting.starts_at)
        # 52 weeks on: the same weekday, so "the first Thursday" stays a Thursday.
        new_start = start + datetime.timedelta(weeks=52)
        if new_start.year < year:
            new_start += datetime.timedelta(weeks=1)
        day = meeting_day(
            new_start.date(), closed, quarterly=plan.meeting.kind == MeetingKind.AMG_MOEDE
        )
        if day is None:
            continue
        meetings += _plan(
            amg,
            year=year,
            key=key,
            kind=plan.meeting.kind,
            starts_at=local_dt(day, new_start.time()),
            focus=plan.focus,
            agenda=plan.agenda,
            moedeleder=plan.meeting.moedeleder,
        )
    for item in WheelItem.objects.filter(amg=amg, year=year - 1):
        key = _next_key(item.source_key, item.pk, "punkt", year)
        if not key:
            continue
        items += _item(
            amg,
            year=year,
            key=key,
            kind=item.kind,
            title=item.title,
            date=item_day(_shift(item.date, 1), closed),
            note=item.note,
        )
    return meetings, items


# Editing --------------------------------------------------------------------------------------


def _in_year(year: int, day: datetime.date) -> None:
    if day.year != year:
        raise ValidationError(_("Datoen skal ligge i %(year)s.") % {"year": year})


@transaction.atomic
def add_item(
    *,
    amg: AMG,
    year: int,
    kind: str,
    title: str,
    date: datetime.date,
    note: str = "",
    now: datetime.datetime,
) -> WheelItem:
    _in_year(year, date)
    return WheelItem.objects.create(
        amg=amg,
        year=year,
        kind=kind,
        title=title,
        date=date,
        note=note,
        created_at=now,
        updated_at=now,
    )


@transaction.atomic
def update_item(
    *,
    item: WheelItem,
    kind: str,
    title: str,
    date: datetime.date,
    note: str,
    now: datetime.datetime,
) -> WheelItem:
    item = locked(WheelItem, item.pk, message=_("Punktet er slettet af et andet medlem imens."))
    item.kind, item.title, item.date, item.note = kind, title, date, note
    item.year = date.year
    item.sequence += 1
    item.updated_at = now
    item.save()
    return item


@transaction.atomic
def delete_item(*, item: WheelItem) -> None:
    locked(WheelItem, item.pk).delete()


@transaction.atomic
def add_meeting(
    *, amg: AMG, kind: str, starts_at: datetime.datetime, moedeleder: str, focus: str = ""
) -> PlannedMeeting:
    day = timezone.localtime(starts_at).date()
    meeting = Meeting.objects.create(amg=amg, kind=kind, starts_at=starts_at, moedeleder=moedeleder)
    agenda = ""
    if kind == MeetingKind.AMG_MOEDE:
        template = {t.quarter: t for t in booklet_templates(amg)}[quarter_of(day)]
        agenda, focus = template.items, focus or template.focus
    plan = PlannedMeeting.objects.create(
        amg=amg, meeting=meeting, year=day.year, quarter=quarter_of(day), focus=focus, agenda=agenda
    )
    bump_board_revision(amg)
    return plan


def plan_for(meeting: Meeting) -> PlannedMeeting:
    """The meeting's wheel record, made on first write for a meeting planned on the board."""
    plan = draft_plan(meeting)
    if plan.pk is not None:
        return plan
    with transaction.atomic():
        _lock_meeting(meeting)  # deleted meanwhile: Gone, not a foreign-key failure
        plan, _created = PlannedMeeting.objects.get_or_create(
            meeting=meeting,
            defaults={
                "amg": meeting.amg,
                "year": plan.year,
                "quarter": plan.quarter,
                "agenda": plan.agenda,
                "focus": plan.focus,
            },
        )
    return plan


@transaction.atomic
def update_meeting(
    *,
    meeting: Meeting,
    starts_at: datetime.datetime,
    moedeleder: str,
    focus: str,
    agenda: str | None,
    now: datetime.datetime,
) -> PlannedMeeting:
    """Move or edit a planned meeting (and its agenda); a held meeting keeps its time."""
    meeting = _lock_meeting(meeting)
    plan = plan_for(meeting)
    if meeting.started_at is not None and starts_at != meeting.starts_at:
        raise ValidationError(_("Mødet er holdt; tidspunktet kan ikke flyttes."))
    day = timezone.localtime(starts_at).date()
    meeting.starts_at = starts_at
    meeting.moedeleder = moedeleder
    meeting.save()
    plan.year, plan.quarter, plan.focus = day.year, quarter_of(day), focus
    if agenda is not None:
        plan.agenda = _clean_lines(agenda)
    plan.sequence += 1
    plan.updated_at = now
    plan.save()
    bump_board_revision(meeting.amg)
    return plan


@transaction.atomic
def delete_meeting(*, meeting: Meeting) -> None:
    meeting = _lock_meeting(meeting)  # started meanwhile: refused; saved meanwhile: waited for
    if meeting.started_at is not None:
        raise ValidationError(_("Et holdt møde slettes ikke: referatet er dokumentation."))
    amg = meeting.amg
    meeting.delete()
    bump_board_revision(amg)


def _lock_meeting(meeting: Meeting) -> Meeting:
    message = _("Mødet er slettet af et andet medlem imens. Det, du skrev, er ikke gemt.")
    return locked(Meeting, meeting.pk, message=message)


@transaction.atomic
def save_checklist(*, plan: PlannedMeeting, ticked: list[str]) -> PlannedMeeting:
    message = _("Mødet er slettet af et andet medlem imens. Det, du skrev, er ikke gemt.")
    plan = locked(PlannedMeeting, plan.pk, message=message)  # its meeting deleted: Gone
    plan.checklist = sorted(set(ticked) & CHECKLIST_KEYS)
    plan.save(update_fields=["checklist"])
    return plan


def send_agenda(*, plan: PlannedMeeting, context: dict[str, object], now: datetime.datetime) -> int:
    """E-mail the agenda to every member (one message each, plain text and HTML)."""
    recipients = list(
        Membership.objects.filter(amg=plan.amg)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    if not recipients:
        return 0
    subject = " ".join(render_to_string("metoder/year/email/agenda_subject.txt", context).split())
    text = render_to_string("metoder/year/email/agenda_body.txt", context)
    html = render_to_string("metoder/year/email/agenda_body.html", context)
    sent = 0
    for address in recipients:
        message = EmailMultiAlternatives(subject, text, None, [address])
        message.attach_alternative(html, "text/html")
        sent += message.send(fail_silently=False)
    PlannedMeeting.objects.filter(pk=plan.pk).update(agenda_sent_at=now)
    plan.agenda_sent_at = now
    return sent


# Closed periods -------------------------------------------------------------------------------

MAX_CLOSED_DAYS = 366


@dataclass(frozen=True)
class Moved:
    """A planned meeting that lay in a closed period: where it went, or None if nowhere."""

    meeting: Meeting
    was: datetime.date
    now: datetime.date | None


@transaction.atomic
def save_closed_period(
    *,
    amg: AMG,
    period: ClosedPeriod | None,
    name: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    now: datetime.datetime,
) -> tuple[ClosedPeriod, list[Moved]]:
    """Add or correct a closed period (which confirms a suggested one), then move the planned
    meetings out of it."""
    if ends_on < starts_on:
        raise ValidationError(_("Perioden skal slutte samme dag eller efter, den begynder."))
    if (ends_on - starts_on).days >= MAX_CLOSED_DAYS:
        raise ValidationError(_("En lukket periode kan højst vare et år."))
    if period is None:
        period = ClosedPeriod(amg=amg, created_at=now)
    period.name = " ".join(name.split())
    period.starts_on, period.ends_on = starts_on, ends_on
    period.suggested = False
    period.save()
    return period, move_out_of_closed(amg=amg, start=starts_on, end=ends_on, now=now)


@transaction.atomic
def delete_closed_period(*, period: ClosedPeriod) -> None:
    """Meetings moved out of it stay where they went."""
    period.delete()


def move_out_of_closed(
    *, amg: AMG, start: datetime.date, end: datetime.date, now: datetime.datetime
) -> list[Moved]:
    """Every planned meeting (not held, not running) between start and end that falls on a
    closed day moves to the nearest open day by the generator's rule, keeping its time, its
    agenda and its checklist; calendars see a new SEQUENCE. One that cannot move stays put and
    is reported."""
    meetings = list(
        Meeting.objects.select_for_update()
        .filter(
            amg=amg,
            started_at__isnull=True,
            starts_at__gte=local_dt(start, datetime.time(0, 0)),
            starts_at__lt=local_dt(end + datetime.timedelta(days=1), datetime.time(0, 0)),
        )
        .order_by("starts_at", "pk")
    )
    if not meetings:
        return []
    closed = closed_days(amg, range(start.year, end.year + 1))
    moved: list[Moved] = []
    for meeting in meetings:
        local = timezone.localtime(meeting.starts_at)
        if closed.is_open(local.date()):
            continue
        day = meeting_day(local.date(), closed, quarterly=meeting.kind == MeetingKind.AMG_MOEDE)
        moved.append(Moved(meeting, local.date(), day))
        if day is None:
            continue
        plan = plan_for(meeting)  # the agenda (or its draft) stays with the meeting
        meeting.starts_at = local_dt(day, local.time())
        meeting.save(update_fields=["starts_at"])
        plan.year, plan.quarter = day.year, quarter_of(day)
        plan.sequence += 1
        plan.updated_at = now
        plan.save(update_fields=["year", "quarter", "sequence", "updated_at"])
    if any(m.now for m in moved):
        bump_board_revision(amg)
    return moved


# Calendar feeds -------------------------------------------------------------------------------


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def create_calendar_feed(*, membership: Membership, now: datetime.datetime) -> str:
    """A new secret link for the member (replacing any earlier one); returns the token, which
    is shown once and never stored."""
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.update_or_create(
        membership=membership, defaults={"token_hash": token_hash(token), "created_at": now}
    )
    return token


@transaction.atomic
def revoke_calendar_feed(*, membership: Membership) -> bool:
    deleted, _rows = CalendarFeed.objects.filter(membership=membership).delete()
    return bool(deleted)
