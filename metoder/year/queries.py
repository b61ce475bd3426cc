"""Reads of the årshjul: the year's entries (meetings and items) in a fixed number of queries,
the open work an AMG-møde's agenda is built from, and a calendar feed by its secret."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apv.models import APV
from apv.queries import latest_apv, overview
from forkant.models import AMG, Membership
from handleplan.models import Action, Idea, IdeaStatus, Meeting, MeetingKind, Status
from handleplan.queries import stalled_actions, stalled_weeks_of
from metoder.booklet import BOOKLET_AGENDAS, CHECKLIST
from metoder.year.closed_days import ClosedDays, closed_days
from metoder.year.models import AgendaTemplate, CalendarFeed, ItemKind, PlannedMeeting, WheelItem

KIND_AMG = "amg_moede"
KIND_TAVLE = "tavlemoede"


@dataclass
class Entry:
    """One thing on the wheel: a meeting or an item, in one shape for the wheel, list and feed."""

    kind: str  # amg_moede, tavlemoede, or an ItemKind value
    kind_label: str
    title: str
    date: datetime.date
    starts_at: datetime.datetime | None = None  # meetings only (aware)
    meeting: Meeting | None = None
    plan: PlannedMeeting | None = None
    item: WheelItem | None = None
    number: int = 0  # the marker's number on the wheel (not tavlemøder)
    closed_reason: str = ""  # a planned meeting on a holiday or in a closed period: which

    @property
    def is_meeting(self) -> bool:
        return self.meeting is not None

    @property
    def held(self) -> bool:
        return self.meeting is not None and self.meeting.started_at is not None


@dataclass
class YearData:
    year: int
    entries: list[Entry] = field(default_factory=list)
    closed: ClosedDays = field(default_factory=ClosedDays)

    @property
    def holidays(self) -> list[tuple[datetime.date, str]]:
        return sorted((d, n) for d, n in self.closed.holidays.items() if d.year == self.year)

    @property
    def numbered(self) -> list[Entry]:
        return [e for e in self.entries if e.kind != KIND_TAVLE]

    @property
    def tavlemoeder(self) -> list[Entry]:
        return [e for e in self.entries if e.kind == KIND_TAVLE]

    @property
    def by_quarter(self) -> list[tuple[int, list[Entry]]]:
        quarters: dict[int, list[Entry]] = {1: [], 2: [], 3: [], 4: []}
        for entry in self.entries:
            quarters[(entry.date.month - 1) // 3 + 1].append(entry)
        return list(quarters.items())


def _year_bounds(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    tz = timezone.get_current_timezone()
    start = datetime.datetime(year, 1, 1, tzinfo=tz)
    return start, datetime.datetime(year + 1, 1, 1, tzinfo=tz)


def meeting_title(meeting: Meeting, plan: PlannedMeeting | None) -> str:
    if meeting.kind == MeetingKind.AMG_MOEDE:
        quarter = (
            plan.quarter if plan else (timezone.localtime(meeting.starts_at).month - 1) // 3 + 1
        )
        title = _("AMG-møde %(n)s. kvartal") % {"n": quarter}
        if plan and plan.focus:
            title += f": {plan.focus}"
        return title
    return _("Tavlemøde")


def year_data(amg: AMG, year: int) -> YearData:
    """The year's meetings (every planned or held AMG-møde and tavlemøde, on the wheel or not),
    items and closed days, by date: three queries however many there are."""
    start, end = _year_bounds(year)
    meetings = list(
        Meeting.objects.filter(amg=amg, starts_at__gte=start, starts_at__lt=end)
        .select_related("plan")
        .order_by("starts_at", "pk")
    )
    items = list(WheelItem.objects.filter(amg=amg, year=year).order_by("date", "pk"))
    labels = dict(ItemKind.choices)
    entries = []
    for meeting in meetings:
        plan = getattr(meeting, "plan", None)
        entries.append(
            Entry(
                kind=meeting.kind,
                kind_label=meeting.get_kind_display(),
                title=meeting_title(meeting, plan),
                date=timezone.localtime(meeting.starts_at).date(),
                starts_at=meeting.starts_at,
                meeting=meeting,
                plan=plan,
            )
        )
    for item in items:
        entries.append(
            Entry(
                kind=item.kind,
                kind_label=str(labels.get(item.kind, item.kind)),
                title=item.title,
                date=item.date,
                item=item,
            )
        )
    entries.sort(key=lambda e: (e.date, e.starts_at.timestamp() if e.starts_at else 0, e.title))
    closed = closed_days(amg, [year])
    number = 0
    for entry in entries:
        if entry.kind != KIND_TAVLE:
            number += 1
            entry.number = number
        if entry.is_meeting and not entry.held:
            entry.closed_reason = closed.reason(entry.date)
    return YearData(year=year, entries=entries, closed=closed)


def wheel_years(amg: AMG) -> list[int]:
    """The years with something on the wheel: planned or held meetings, or items (3 queries)."""
    years = set(PlannedMeeting.objects.filter(amg=amg).values_list("year", flat=True))
    years |= set(WheelItem.objects.filter(amg=amg).values_list("year", flat=True))
    years |= {
        moment.year for moment in Meeting.objects.filter(amg=amg).datetimes("starts_at", "year")
    }
    return sorted(years)


@dataclass(frozen=True)
class YearNav:
    """The years the page offers: those with a plan (and this year), then the next to create."""

    years: list[int]
    next_year: int

    def offers(self, year: int) -> bool:
        return year in self.years or year == self.next_year


def year_nav(amg: AMG, today: datetime.date) -> YearNav:
    years = sorted(set(wheel_years(amg)) | {today.year})
    return YearNav(years=years, next_year=years[-1] + 1)


def has_year(amg: AMG, year: int) -> bool:
    return (
        PlannedMeeting.objects.filter(amg=amg, year=year).exists()
        or WheelItem.objects.filter(amg=amg, year=year).exists()
    )


# The agenda's open work --------------------------------------------------------------------


@dataclass
class OpenWork:
    overdue: list[Action]
    follow_ups: list[Action]
    ideas: list[Idea]
    apv: APV | None
    apv_missing: list[tuple[str, list[str]]]
    stalled: list[Action]
    stalled_weeks: int

    @property
    def empty(self) -> bool:
        return not (
            self.overdue or self.follow_ups or self.ideas or self.apv_missing or self.stalled
        )


def open_work(amg: AMG, *, on: datetime.date, now: datetime.datetime) -> OpenWork:
    """What the AMG-møde on `on` should take up: actions past their deadline, follow-ups due by
    the meeting, ideas waiting for moderation, the current APV's missing parts, stalled cards."""
    today = timezone.localdate(now)
    actions = Action.objects.filter(amg=amg).select_related("theme", "responsible__user")
    overdue = list(
        actions.filter(deadline__lt=today, status__in=Status.unfinished()).order_by(
            "deadline", "pk"
        )
    )
    follow_ups = list(
        actions.filter(follow_up_on__lte=max(on, today))
        .exclude(status=Status.AFSLUTTET)
        .order_by("follow_up_on", "pk")
    )
    ideas = list(Idea.objects.filter(amg=amg, status=IdeaStatus.NEW).order_by("created_at", "pk"))
    apv = latest_apv(amg)
    apv_missing = []
    if apv is not None and apv.status != APV.Status.AFSLUTTET:
        apv_missing = [(p.label, p.missing) for p in overview(apv, today).parts if not p.done]
    weeks = stalled_weeks_of(amg)
    stalled = list(stalled_actions(amg, now=now, weeks=weeks))
    return OpenWork(overdue, follow_ups, ideas, apv, apv_missing, stalled, weeks)


def planned_meetings_of(amg: AMG) -> list[Meeting]:
    return list(Meeting.objects.filter(amg=amg, plan__isnull=False))


# The calendar feed -------------------------------------------------------------------------


def feed_by_hash(digest: str) -> CalendarFeed | None:
    """The feed of a current member of a live AMG, or None (unknown, revoked, removed, archived)."""
    return (
        CalendarFeed.objects.filter(
            token_hash=digest,
            membership__removed_at__isnull=True,
            membership__amg__archived_at__isnull=True,
        )
        .select_related("membership__amg__organisation", "membership__user")
        .first()
    )


def feed_of(membership: Membership | None) -> CalendarFeed | None:
    if membership is None:
        return None
    return CalendarFeed.objects.filter(membership=membership).first()


def feed_entries(amg: AMG, *, now: datetime.datetime) -> tuple[list[Meeting], list[WheelItem]]:
    """Meetings and items from a year back to two years ahead: two queries."""
    since = now - datetime.timedelta(days=366)
    until = now + datetime.timedelta(days=731)
    meetings = list(
        Meeting.objects.filter(amg=amg, starts_at__gte=since, starts_at__lt=until)
        .select_related("plan")
        .order_by("starts_at", "pk")
    )
    items = list(
        WheelItem.objects.filter(amg=amg, date__gte=since.date(), date__lt=until.date()).order_by(
            "date", "pk"
        )
    )
    return meetings, items


# An AMG-møde's agenda ----------------------------------------------------------------------


@dataclass
class ChecklistGroup:
    label: str
    items: list[tuple[str, str, bool]]  # key, text, ticked


@dataclass
class Agenda:
    meeting: Meeting
    plan: PlannedMeeting
    title: str
    lines: list[str]
    work: OpenWork
    checklist: list[ChecklistGroup]
    agenda_url: str
    referat_url: str | None
    board_url: str


def draft_plan(meeting: Meeting) -> PlannedMeeting:
    """The meeting's wheel record, or an unsaved one from the quarter's template (reading a
    meeting planned on the board writes nothing)."""
    plan = getattr(meeting, "plan", None)
    if plan is not None:
        return plan
    day = timezone.localtime(meeting.starts_at).date()
    quarter = (day.month - 1) // 3 + 1
    plan = PlannedMeeting(amg=meeting.amg, meeting=meeting, year=day.year, quarter=quarter)
    if meeting.kind == MeetingKind.AMG_MOEDE:
        template = AgendaTemplate.objects.filter(amg=meeting.amg, quarter=quarter).first()
        if template is not None:
            plan.focus, plan.agenda = template.focus, template.items
        else:
            focus, items = BOOKLET_AGENDAS[quarter]
            plan.focus, plan.agenda = focus, "\n".join(items)
    return plan


def agenda_for(meeting: Meeting, *, now: datetime.datetime, base_url: str) -> Agenda:
    plan = draft_plan(meeting)
    day = timezone.localtime(meeting.starts_at).date()
    ticked = set(plan.checklist or [])
    checklist = [
        ChecklistGroup(_(label), [(key, _(text), key in ticked) for key, text in items])
        for _group, label, items in CHECKLIST
    ]
    base = base_url.rstrip("/")
    kwargs = {"amg_id": meeting.amg_id, "pk": meeting.pk}
    referat_url = None
    if meeting.started_at is not None:
        referat_url = base + reverse("meeting_detail", kwargs=kwargs)
    return Agenda(
        meeting=meeting,
        plan=plan,
        title=meeting_title(meeting, plan),
        lines=plan.agenda_lines,
        work=open_work(meeting.amg, on=day, now=now),
        checklist=checklist,
        agenda_url=base + reverse("meeting_agenda", kwargs=kwargs),
        referat_url=referat_url,
        board_url=base + reverse("board", kwargs={"amg_id": meeting.amg_id}),
    )
