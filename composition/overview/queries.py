"""The organisation overview (journey 7): every AMG of an organisation side by side.

For each AMG: its APV and the next 3-year dates of its areas, overdue actions and follow-ups,
stalled cards (the board's rule, with each AMG's own number of weeks), the last and next meeting,
ideas waiting, and the latest arbejdsmiljøkompetence profile, drawn against the organisation's
spread like NFA's comparison of 64 departments.

Only AMG-level aggregates leave the AMG: counts, dates and a profile's averages. A profile with
fewer than MIN_RESPONDENTS answer sheets is not shown (its average would be one member's answers).
The page costs the same number of queries for 2 AMGs as for 500.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, Exists, Max, Min, OuterRef, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from apv.models import APV, REVISION_YEARS, WARN_DAYS, Area, Change, three_years_after
from forkant.models import AMG, Organisation
from handleplan.export import csv_text
from handleplan.models import Action, BoardSettings, Idea, IdeaStatus, Meeting, Status
from handleplan.queries import DEFAULT_STALLED_WEEKS
from metoder.queries.instruments import GroupProfile, latest_group_profiles
from metoder.queries.training import training_due_counts

PROFILE_INSTRUMENT = "kompetencemodel"
# A group's average of one answer sheet is that member's answers: not shown outside the AMG.
MIN_RESPONDENTS = 2
SCALE = (1, 5)  # the kompetencemodel's 1–5


# The data --------------------------------------------------------------------------------------


@dataclass
class AreaStatus:
    """The 3-year rule over an AMG's areas."""

    total: int = 0
    next_due: datetime.date | None = None  # the earliest date an assessed area is due
    overdue: int = 0  # assessed more than three years ago
    soon: int = 0  # due within WARN_DAYS
    never: int = 0  # never assessed
    flagged: int = 0  # a change since the last assessment calls for a revision

    @property
    def attention(self) -> int:
        return self.overdue + self.never + self.flagged

    @property
    def sort_date(self) -> datetime.date | None:
        """For sorting: an area never assessed is due already."""
        return datetime.date.min if self.never else self.next_due


@dataclass
class LatestAPV:
    pk: int
    title: str
    status: str
    status_label: str
    start_date: datetime.date
    closed_on: datetime.date | None

    @property
    def is_closed(self) -> bool:
        return self.status == APV.Status.AFSLUTTET


@dataclass
class Row:
    amg: AMG
    apv: LatestAPV | None
    areas: AreaStatus
    overdue_actions: int
    overdue_follow_ups: int
    stalled: int
    stalled_weeks: int
    last_meeting: datetime.datetime | None
    next_meeting: datetime.datetime | None
    ideas_waiting: int
    training_due: int = 0  # members whose arbejdsmiljøuddannelse is due or overdue
    profile: GroupProfile | None = None  # only when enough members answered
    too_few_answers: bool = False  # a profile exists but is not shown
    chart: SafeString | None = None  # the AMG's profile against the organisation's spread
    text: dict[str, object] = field(default_factory=dict)  # dates and numbers as shown

    @property
    def level(self) -> float | None:
        """The profile's overall level: the average of its factors (for sorting)."""
        if self.profile is None:
            return None
        values = [m for m in self.profile.means if m is not None]
        return round(statistics.fmean(values), 2) if values else None


@dataclass(frozen=True)
class Spread:
    """The organisation's spread per factor over the shown profiles of active AMGs."""

    labels: list[str]
    low: list[float | None]
    high: list[float | None]
    median: list[float | None]
    count: int  # how many AMGs' profiles


@dataclass
class Overview:
    organisation: Organisation
    rows: list[Row]
    archived_hidden: int
    spread: Spread | None
    chart: SafeString | None = None  # every AMG's profile in one picture
    spread_text: dict[str, list[str]] = field(default_factory=dict)
    built_at: datetime.datetime | None = None
    today: datetime.date = field(default_factory=datetime.date.today)


# Sorting ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str  # the value of ?sorter=
    label: object
    value: Callable[[Row], object]
    descending_first: bool  # counts: most first; dates and names: earliest first


def _name_key(name: str) -> str:
    """Danish alphabetical order: æ, ø and å after z."""
    return name.casefold().translate({ord("æ"): "{0", ord("ø"): "{1", ord("å"): "{2"})


COLUMNS = [
    Column("gruppe", gettext_lazy("Gruppe"), lambda r: _name_key(r.amg.name), False),
    Column("apv", gettext_lazy("APV"), lambda r: r.apv.start_date if r.apv else None, False),
    Column("frist", gettext_lazy("Næste 3-års frist"), lambda r: r.areas.sort_date, False),
    Column("handlinger", gettext_lazy("Handlinger over frist"), lambda r: r.overdue_actions, True),
    Column(
        "opfoelgninger",
        gettext_lazy("Opfølgninger over frist"),
        lambda r: r.overdue_follow_ups,
        True,
    ),
    Column("stille", gettext_lazy("Står stille"), lambda r: r.stalled, True),
    Column("sidste-moede", gettext_lazy("Sidste møde"), lambda r: r.last_meeting, False),
    Column("naeste-moede", gettext_lazy("Næste møde"), lambda r: r.next_meeting, False),
    Column("ideer", gettext_lazy("Idéer venter"), lambda r: r.ideas_waiting, True),
    Column("uddannelse", gettext_lazy("Uddannelse forfalder"), lambda r: r.training_due, True),
    Column("profil", gettext_lazy("Kompetenceprofil"), lambda r: r.level, False),
]
COLUMN_KEYS = {column.key: column for column in COLUMNS}
ASCENDING, DESCENDING = "stigende", "faldende"


class BadSort(ValueError):
    pass


def parse_sort(key: str | None, direction: str | None) -> tuple[Column, bool]:
    """The column and whether descending, from ?sorter= and ?retning= (BadSort if unknown)."""
    column = COLUMN_KEYS.get(key or "gruppe")
    if column is None:
        raise BadSort(key)
    if direction in (None, ""):
        return column, column.descending_first
    if direction not in (ASCENDING, DESCENDING):
        raise BadSort(direction)
    return column, direction == DESCENDING


def sort_rows(rows: list[Row], column: Column, descending: bool) -> list[Row]:
    """Sorted by the column, ties by name; an empty value (no APV, no meeting) always last."""
    by_name = sorted(rows, key=lambda r: (_name_key(r.amg.name), r.amg.pk))
    filled = [r for r in by_name if column.value(r) is not None]
    empty = [r for r in by_name if column.value(r) is None]
    filled.sort(key=column.value, reverse=descending)  # stable: ties keep the name order
    return filled + empty


# Reading ---------------------------------------------------------------------------------------


def organisation_amgs(organisation: Organisation) -> list[AMG]:
    return list(
        AMG.objects.filter(organisation=organisation).only(
            "pk", "name", "organisation_id", "archived_at"
        )
    )


# The overview is read often and changes slowly: a built one is kept for CACHE_SECONDS. The
# organisation's own changes (a group created, renamed or archived: the admin's own work) are in
# the key, so they show at once; the groups' work shows within CACHE_SECONDS.
CACHE_SECONDS = 120


def cache_key(
    organisation: Organisation, amgs: list[AMG], *, now: datetime.datetime, **extra: object
) -> str:
    groups = hashlib.sha256(
        repr([(a.pk, a.name, a.archived_at) for a in amgs]).encode()
    ).hexdigest()[:16]
    window = int(now.timestamp() // CACHE_SECONDS)
    options = ",".join(f"{k}={v}" for k, v in sorted(extra.items()))
    return f"org-overview:{organisation.pk}:{groups}:{window}:{get_language()}:{options}"


def cached_build(
    organisation: Organisation, *, now: datetime.datetime, include_archived: bool = False
) -> tuple[Overview, str]:
    """The overview as built at most CACHE_SECONDS ago (one query when it is), and its key."""
    amgs = organisation_amgs(organisation)
    key = cache_key(organisation, amgs, now=now, archived=include_archived)
    overview = cache.get(key)
    if overview is None:
        overview = build(organisation, now=now, include_archived=include_archived, all_amgs=amgs)
        overview.built_at = now
        cache.set(key, overview, CACHE_SECONDS)
    return overview, key


def cached_table_body(overview: Overview, key: str) -> SafeString:
    """The rows as sorted, drawn once per sort order for a cached overview."""
    order = ",".join(str(row.amg.pk) for row in overview.rows)
    body_key = f"{key}:body:{hashlib.sha256(order.encode()).hexdigest()[:16]}"
    body = cache.get(body_key)
    if body is None:
        body = table_body(overview.rows)
        cache.set(body_key, body, CACHE_SECONDS)
    return body


def _area_status(amg_ids: list[int], today: datetime.date) -> dict[int, AreaStatus]:
    """One query: the 3-year rule summed up per AMG."""
    limit = _years_before(today)  # assessed before this: more than three years ago
    warn = _years_before(today + datetime.timedelta(days=WARN_DAYS))
    touched_after = Change.areas.through.objects.filter(area_id=OuterRef("pk")).filter(
        Q(change__date__gt=OuterRef("last_assessed")) | Q(area__last_assessed__isnull=True)
    )
    rows = (
        Area.objects.filter(amg_id__in=amg_ids)
        .annotate(flag=Exists(touched_after))
        .values("amg_id")
        .annotate(
            total=Count("pk"),
            oldest=Min("last_assessed"),
            never=Count("pk", filter=Q(last_assessed__isnull=True)),
            overdue=Count("pk", filter=Q(last_assessed__lt=limit)),
            soon=Count("pk", filter=Q(last_assessed__gte=limit, last_assessed__lte=warn)),
            flagged=Count("pk", filter=Q(flag=True)),
        )
        .order_by()
    )
    return {
        row["amg_id"]: AreaStatus(
            total=row["total"],
            next_due=three_years_after(row["oldest"]) if row["oldest"] else None,
            overdue=row["overdue"],
            soon=row["soon"],
            never=row["never"],
            flagged=row["flagged"],
        )
        for row in rows
    }


def _years_before(day: datetime.date) -> datetime.date:
    """The day whose 3-year date is `day` (three_years_after's inverse, 29 February aside)."""
    try:
        return day.replace(year=day.year - REVISION_YEARS)
    except ValueError:
        return day.replace(year=day.year - REVISION_YEARS, day=28)


def _latest_apvs(amg_ids: list[int]) -> dict[int, LatestAPV]:
    """One query: each AMG's newest APV (the APV page's order)."""
    latest = APV.objects.filter(amg_id=OuterRef("amg_id")).order_by("-start_date", "-pk")
    apvs = APV.objects.filter(amg_id__in=amg_ids, pk=latest.values("pk")[:1])
    return {
        apv.amg_id: LatestAPV(
            pk=apv.pk,
            title=apv.title,
            status=apv.status,
            status_label=str(apv.get_status_display()),
            start_date=apv.start_date,
            closed_on=apv.closed_on,
        )
        for apv in apvs.only("pk", "amg_id", "title", "status", "start_date", "closed_on")
    }


def _action_counts(
    amg_ids: list[int], weeks: dict[int, int], now: datetime.datetime, today: datetime.date
) -> dict[int, dict[str, int]]:
    """One query: overdue actions, overdue follow-ups and stalled cards per AMG.

    The stalled rule is the board's (handleplan.queries.stalled_actions) with each AMG's own
    number of weeks: one condition per distinct number, however many AMGs share it."""
    by_weeks: dict[int, list[int]] = {}
    for amg_id in amg_ids:
        by_weeks.setdefault(weeks.get(amg_id, DEFAULT_STALLED_WEEKS), []).append(amg_id)
    stalled = Q(pk__in=[])
    for n, ids in by_weeks.items():
        stalled |= Q(amg_id__in=ids, moved_at__lt=now - datetime.timedelta(weeks=n))
    rows = (
        Action.objects.filter(amg_id__in=amg_ids)
        .values("amg_id")
        .annotate(
            overdue=Count("pk", filter=Q(status__in=Status.unfinished(), deadline__lt=today)),
            follow_ups=Count("pk", filter=Q(follow_up_on__lt=today) & ~Q(status=Status.AFSLUTTET)),
            stalled=Count("pk", filter=Q(status__in=Status.in_progress()) & stalled),
        )
        .order_by()
    )
    return {row["amg_id"]: row for row in rows}


def _meetings(amg_ids: list[int], now: datetime.datetime) -> dict[int, dict[str, object]]:
    """One query: the last meeting held and the next one planned (any kind) per AMG."""
    rows = (
        Meeting.objects.filter(amg_id__in=amg_ids)
        .values("amg_id")
        .annotate(
            last=Max("started_at"),
            next=Min("starts_at", filter=Q(started_at__isnull=True, starts_at__gte=now)),
        )
        .order_by()
    )
    return {row["amg_id"]: row for row in rows}


def _ideas_waiting(amg_ids: list[int]) -> dict[int, int]:
    rows = (
        Idea.objects.filter(amg_id__in=amg_ids, status=IdeaStatus.NEW)
        .values("amg_id")
        .annotate(n=Count("pk"))
        .values_list("amg_id", "n")
        .order_by()
    )
    return dict(rows)


def build(
    organisation: Organisation,
    *,
    now: datetime.datetime,
    include_archived: bool = False,
    profiles: Callable[[list[int], str], dict[int, GroupProfile]] = latest_group_profiles,
    all_amgs: list[AMG] | None = None,
) -> Overview:
    """Every AMG of the organisation (archived ones only when asked), in name order.

    Ten queries (plus the profiles' own two), whatever the number of AMGs."""
    today = timezone.localdate(now)
    if all_amgs is None:
        all_amgs = organisation_amgs(organisation)
    amgs = [a for a in all_amgs if include_archived or not a.is_archived]
    ids = [a.pk for a in amgs]
    weeks = dict(
        BoardSettings.objects.filter(amg_id__in=ids).values_list("amg_id", "stalled_weeks")
    )
    areas = _area_status(ids, today)
    apvs = _latest_apvs(ids)
    actions = _action_counts(ids, weeks, now, today)
    meetings = _meetings(ids, now)
    ideas = _ideas_waiting(ids)
    training = training_due_counts(ids, today=today) if ids else {}
    found = profiles(ids, PROFILE_INSTRUMENT) if ids else {}
    rows = []
    for amg in amgs:
        counts = actions.get(amg.pk, {})
        meeting = meetings.get(amg.pk, {})
        profile = found.get(amg.pk)
        shown = profile if profile and profile.respondents >= MIN_RESPONDENTS else None
        rows.append(
            Row(
                amg=amg,
                apv=apvs.get(amg.pk),
                areas=areas.get(amg.pk, AreaStatus()),
                overdue_actions=counts.get("overdue", 0),
                overdue_follow_ups=counts.get("follow_ups", 0),
                stalled=counts.get("stalled", 0),
                stalled_weeks=weeks.get(amg.pk, DEFAULT_STALLED_WEEKS),
                last_meeting=meeting.get("last"),  # type: ignore[arg-type]
                next_meeting=meeting.get("next"),  # type: ignore[arg-type]
                ideas_waiting=ideas.get(amg.pk, 0),
                training_due=training.get(amg.pk, 0),
                profile=shown,
                too_few_answers=profile is not None and shown is None,
            )
        )
    rows.sort(key=lambda r: (_name_key(r.amg.name), r.amg.pk))
    spread = organisation_spread([r.profile for r in rows if r.profile and not r.amg.is_archived])
    overview = Overview(
        organisation=organisation,
        rows=rows,
        archived_hidden=0 if include_archived else len(all_amgs) - len(amgs),
        spread=spread,
        today=today,
    )
    separator = formats.get_format("DECIMAL_SEPARATOR")
    for row in rows:
        row.text = {
            "apv_start": _day(row.apv.start_date) if row.apv else "",
            "next_due": _day(row.areas.next_due),
            "last_meeting": _day(row.last_meeting),
            "next_meeting": _day(row.next_meeting),
            "level": _number(row.level, separator),
            "means": [_number(m, separator) for m in row.profile.means] if row.profile else [],
            "profile_date": _day(row.profile.date) if row.profile else "",
        }
    if spread is not None:
        overview.spread_text = {
            "low": [_number(v, separator) for v in spread.low],
            "median": [_number(v, separator) for v in spread.median],
            "high": [_number(v, separator) for v in spread.high],
        }
        for row in rows:
            if row.profile is not None:
                row.chart = profile_chart(row.profile, spread, name=row.amg.name)
        overview.chart = comparison_chart(
            [(r.amg.name, r.profile) for r in rows if r.profile and not r.amg.is_archived], spread
        )
    return overview


def organisation_spread(profiles: Sequence[GroupProfile]) -> Spread | None:
    """Lowest, highest and median per factor. Profiles of another shape (an instrument whose
    items changed) are left out: they are compared item by item with the most common shape."""
    if not profiles:
        return None
    shapes: dict[tuple[str, ...], list[GroupProfile]] = {}
    for profile in profiles:
        shapes.setdefault(tuple(profile.labels), []).append(profile)
    labels, same = max(shapes.items(), key=lambda kv: len(kv[1]))
    low, high, median = [], [], []
    for index in range(len(labels)):
        values = [p.means[index] for p in same if p.means[index] is not None]
        low.append(min(values) if values else None)
        high.append(max(values) if values else None)
        median.append(round(statistics.median(values), 2) if values else None)
    return Spread(labels=list(labels), low=low, high=high, median=median, count=len(same))


# Charts (inline SVG, drawn on the server: presentation attributes only, strict CSP) ------------

INK = "#1d2a2a"
MUTED = "#5c6b6b"
GRID = "#d5dddc"
BAND = "#dbe7e5"
BRAND = "#0b5f57"
LINE = "#2f6fb0"
MEDIAN = "#7a4a00"


def _number(value: float | None, separator: str = ",") -> str:
    """One decimal, with the language's decimal separator (formats.number_format is too slow
    for the hundreds of numbers on the page)."""
    return "–" if value is None else f"{value:.1f}".replace(".", separator)


def _day(value: datetime.date | datetime.datetime | None) -> str:
    """j.n.Y, the short Danish date the tables use."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value)
    return f"{value.day}.{value.month}.{value.year}"


def _profile_text(profile: GroupProfile) -> str:
    separator = formats.get_format("DECIMAL_SEPARATOR")
    return "; ".join(
        f"{label} {_number(mean, separator)}"
        for label, mean in zip(profile.labels, profile.means, strict=False)
    )


def _geometry(
    n: int, width: float, height: float, left: float, right: float, top: float, bottom: float
) -> tuple[Callable[[int], float], Callable[[float], float]]:
    step = (width - left - right) / max(n - 1, 1)
    low, high = SCALE

    def x(i: int) -> float:
        return left + i * step

    def y(v: float) -> float:
        return top + (height - top - bottom) * (high - v) / (high - low)

    return x, y


def _path(points: list[tuple[float, float] | None]) -> str:
    """An SVG path through the points, broken where a value is missing."""
    parts, pen_down = [], False
    for point in points:
        if point is None:
            pen_down = False
            continue
        parts.append(f"{'L' if pen_down else 'M'}{point[0]:.1f} {point[1]:.1f}")
        pen_down = True
    return " ".join(parts)


def _band(spread: Spread, x: Callable[[int], float], y: Callable[[float], float]) -> str:
    indexes = [i for i in range(len(spread.labels)) if spread.low[i] is not None]
    if not indexes:
        return ""
    upper = [f"{x(i):.1f},{y(spread.high[i]):.1f}" for i in indexes]  # type: ignore[arg-type]
    lower = [f"{x(i):.1f},{y(spread.low[i]):.1f}" for i in reversed(indexes)]  # type: ignore[arg-type]
    return " ".join(upper + lower)


def profile_chart(profile: GroupProfile, spread: Spread, *, name: str) -> SafeString:
    """A small picture for the AMG's row: its profile (line) in the organisation's band."""
    width, height = 150, 46
    x, y = _geometry(len(spread.labels), width, height, 5, 5, 5, 5)
    means = profile.means if profile.labels == spread.labels else []
    line = _path([(x(i), y(m)) if m is not None else None for i, m in enumerate(means)])
    median = _path([(x(i), y(m)) if m is not None else None for i, m in enumerate(spread.median)])
    label = _("%(name)s: %(values)s. Organisationens spredning vises som et felt.") % {
        "name": name,
        "values": _profile_text(profile),
    }
    dots = mark_safe(  # noqa: S308 (numbers only)
        "".join(
            f'<circle cx="{x(i):.1f}" cy="{y(m):.1f}" r="2.5" fill="{LINE}"/>'
            for i, m in enumerate(means)
            if m is not None
        )
    )
    return format_html(
        '<svg class="profile-spark" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" '
        'aria-label="{label}" xmlns="http://www.w3.org/2000/svg">'
        '<polygon points="{band}" fill="{band_fill}"/>'
        '<path d="{median}" fill="none" stroke="{median_ink}" stroke-width="1" '
        'stroke-dasharray="3 2"/>'
        '<path d="{line}" fill="none" stroke="{ink}" stroke-width="2"/>{dots}</svg>',
        w=width,
        h=height,
        label=label,
        band=_band(spread, x, y),
        band_fill=BAND,
        median=median,
        median_ink=MEDIAN,
        line=line,
        ink=LINE,
        dots=dots,
    )


def comparison_chart(profiles: list[tuple[str, GroupProfile]], spread: Spread) -> SafeString:
    """Every AMG's profile in one picture, like the slides' 64 departments: one thin line per
    AMG over the factors, the organisation's band (lowest to highest) and its median."""
    labels = spread.labels
    width, height, left, right, top, bottom = 880, 340, 56, 64, 16, 58
    x, y = _geometry(len(labels), width, height, left, right, top, bottom)
    low, high = SCALE
    grid = mark_safe(  # noqa: S308 (numbers only)
        "".join(
            f'<line x1="{left}" y1="{y(v):.1f}" x2="{width - right}" y2="{y(v):.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{left - 8}" y="{y(v) + 5:.1f}" font-size="14" text-anchor="end" '
            f'fill="{MUTED}">{v}</text>'
            for v in range(low, high + 1)
        )
    )
    axes = format_html_join(
        "",
        '<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="{3}" stroke-width="1"/>'
        '<text x="{0}" y="{4}" font-size="14" text-anchor="middle" fill="{5}">{6}</text>'
        '<text x="{0}" y="{7}" font-size="14" text-anchor="middle" fill="{5}">{8}</text>',
        (
            (
                f"{x(i):.1f}",
                f"{y(high):.1f}",
                f"{y(low):.1f}",
                GRID,
                f"{height - bottom + 20:.1f}",
                INK,
                _two_lines(label)[0],
                f"{height - bottom + 38:.1f}",
                _two_lines(label)[1],
            )
            for i, label in enumerate(labels)
        ),
    )
    lines = format_html_join(
        "",
        '<path d="{}" fill="none" stroke="{}" stroke-width="1.5" stroke-opacity="0.55">'
        "<title>{}</title></path>",
        (
            (
                _path([(x(i), y(m)) if m is not None else None for i, m in enumerate(p.means)]),
                LINE,
                f"{name}: {_profile_text(p)}",
            )
            for name, p in profiles
            if p.labels == labels
        ),
    )
    median = _path([(x(i), y(m)) if m is not None else None for i, m in enumerate(spread.median)])
    label = _(
        "Arbejdsmiljøkompetence i %(n)s grupper: en linje pr. gruppe over de seks faktorer "
        "(1 lav – 5 høj), organisationens spredning som et felt og medianen som en stiplet "
        "linje. Tallene står i tabellen under figuren."
    ) % {"n": spread.count}
    return format_html(
        '<svg class="chart profile-comparison" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
        'role="img" aria-label="{label}" xmlns="http://www.w3.org/2000/svg">'
        '{grid}<polygon points="{band}" fill="{band_fill}" fill-opacity="0.8"/>{axes}{lines}'
        '<path d="{median}" fill="none" stroke="{median_ink}" stroke-width="3" '
        'stroke-dasharray="8 5"/></svg>',
        w=width,
        h=height,
        label=label,
        grid=grid,
        band=_band(spread, x, y),
        band_fill=BAND,
        axes=axes,
        lines=lines,
        median=median,
        median_ink=MEDIAN,
    )


def _two_lines(label: str) -> tuple[str, str]:
    """A factor's name over at most two lines under its axis."""
    words = label.split()
    if len(words) < 2:
        return label, ""
    cut = max(range(1, len(words)), key=lambda k: -abs(len(" ".join(words[:k])) - len(label) / 2))
    return " ".join(words[:cut]), " ".join(words[cut:])


# CSV -------------------------------------------------------------------------------------------


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.2f}".replace(".", ",")  # Danish Excel reads a decimal comma
    return csv_text(value)  # dates as Danish spreadsheets show them; formulas neutralised


def as_csv(overview: Overview) -> bytes:
    """Semicolons, a byte-order mark and decimal commas: what Danish Excel opens with a
    double-click. Cells that would start a formula are neutralised."""
    labels = overview.spread.labels if overview.spread else []
    header = [
        _("Gruppe"),
        _("Arkiveret"),
        _("APV"),
        _("APV-status"),
        _("APV startet"),
        _("Næste 3-års frist"),
        _("Områder"),
        _("Områder over 3 år"),
        _("Områder aldrig vurderet"),
        _("Områder med ændring siden vurdering"),
        _("Handlinger over frist"),
        _("Opfølgninger over frist"),
        _("Kort der står stille"),
        _("Sidste møde"),
        _("Næste møde"),
        _("Idéer venter"),
        _("Uddannelse forfalder"),
        _("Kompetenceprofil dato"),
        _("Kompetenceprofil svar"),
        *labels,
    ]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([_cell(h) for h in header])
    for row in overview.rows:
        profile = row.profile if row.profile and row.profile.labels == labels else None
        writer.writerow(
            [
                _cell(v)
                for v in (
                    row.amg.name,
                    _("Ja") if row.amg.is_archived else _("Nej"),
                    row.apv.title if row.apv else None,
                    row.apv.status_label if row.apv else None,
                    row.apv.start_date if row.apv else None,
                    row.areas.next_due,
                    row.areas.total,
                    row.areas.overdue,
                    row.areas.never,
                    row.areas.flagged,
                    row.overdue_actions,
                    row.overdue_follow_ups,
                    row.stalled,
                    row.last_meeting,
                    row.next_meeting,
                    row.ideas_waiting,
                    row.training_due,
                    profile.date if profile else None,
                    profile.respondents if profile else None,
                    *(profile.means if profile else [None] * len(labels)),
                )
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def csv_filename(organisation: Organisation, today: datetime.date) -> str:
    return f"overblik-{slugify(organisation.name) or organisation.pk}-{today:%Y-%m-%d}.csv"


# The table's body, drawn here rather than in the template: fifty rows of ten cells through
# Django's template engine cost several times the rest of the page (see `make bench`).


def _url_maker(name: str, *args: int) -> Callable[..., str]:
    """reverse() once with placeholder ids; then each URL is a string substitution."""
    marks = [987654321 + n for n in range(len(args))]
    pattern = reverse(name, args=marks)

    def make(*ids: int) -> str:
        url = pattern
        for mark, value in zip(marks, ids, strict=True):
            url = url.replace(str(mark), str(value))
        return url

    return make


def _count(value: int, css: str) -> SafeString:
    return format_html('<td class="num{}">{}</td>', f" {css}" if value else "", value)


def table_body(rows: Sequence[Row], *, min_respondents: int = MIN_RESPONDENTS) -> SafeString:
    board_url = _url_maker("board", 0)
    apv_url = _url_maker("apv_detail", 0, 0)
    archived = _("Arkiveret")
    no_apv = _("Ingen APV")
    no_areas = _("Ingen områder")
    none_yet = _("Intet endnu")
    none_planned = _("Intet planlagt")
    no_profile = _("Ingen profil endnu")
    too_few = _("For få svar til at vise (mindst %(n)s)") % {"n": min_respondents}
    out = []
    for row in rows:
        amg = row.amg
        name = format_html('<a href="{}">{}</a>', board_url(amg.pk), amg.name)
        if amg.is_archived:
            name = format_html('{} <span class="pill pill-muted">{}</span>', name, archived)
        if row.apv:
            apv = format_html(
                '<a href="{}">{}</a><br><span class="pill {}">{}</span> '
                '<span class="muted small">{}</span>',
                apv_url(amg.pk, row.apv.pk),
                row.apv.title,
                "pill-muted" if row.apv.is_closed else "pill-ok",
                row.apv.status_label,
                row.text["apv_start"],
            )
        else:
            apv = format_html('<span class="pill pill-wait">{}</span>', no_apv)
        areas = row.areas
        if areas.total:
            notes = []
            if areas.overdue:
                notes.append(
                    (
                        "num-warn",
                        ngettext("%(n)s område over 3 år", "%(n)s områder over 3 år", areas.overdue)
                        % {"n": areas.overdue},
                    )
                )
            if areas.never:
                notes.append(("num-wait", _("%(n)s aldrig vurderet") % {"n": areas.never}))
            if areas.flagged:
                notes.append(
                    (
                        "num-wait",
                        ngettext(
                            "%(n)s ændring kræver revision",
                            "%(n)s ændringer kræver revision",
                            areas.flagged,
                        )
                        % {"n": areas.flagged},
                    )
                )
            if not areas.attention:
                notes.append(
                    (
                        "muted",
                        ngettext("%(n)s område", "%(n)s områder", areas.total) % {"n": areas.total},
                    )
                )
            due_css = "num-warn" if areas.overdue else "num-wait" if areas.soon else ""
            due = format_html(
                '<span class="{}">{}</span><ul class="cell-notes">{}</ul>',
                due_css,
                row.text["next_due"],
                format_html_join("", '<li class="{}">{}</li>', notes),
            )
        else:
            due = format_html('<span class="muted">{}</span>', no_areas)
        if row.chart is not None and row.profile is not None:
            profile = format_html(
                '{}<span class="small muted">{}</span>',
                row.chart,
                ngettext(
                    "Gns. %(level)s · %(n)s svar",
                    "Gns. %(level)s · %(n)s svar",
                    row.profile.respondents,
                )
                % {"level": row.text["level"], "n": row.profile.respondents},
            )
        else:
            profile = format_html(
                '<span class="muted small">{}</span>',
                too_few if row.too_few_answers else no_profile,
            )
        out.append(
            format_html(
                '<tr{}><th scope="row">{}</th><td>{}</td><td>{}</td>{}{}{}<td>{}</td><td>{}</td>'
                '{}{}<td class="profile-cell">{}</td></tr>',
                mark_safe(' class="archived"') if amg.is_archived else "",
                name,
                apv,
                due,
                _count(row.overdue_actions, "num-warn"),
                _count(row.overdue_follow_ups, "num-warn"),
                _count(row.stalled, "num-wait"),
                row.text["last_meeting"] or format_html('<span class="muted">{}</span>', none_yet),
                row.text["next_meeting"]
                or format_html('<span class="muted">{}</span>', none_planned),
                _count(row.ideas_waiting, "num-wait"),
                _count(row.training_due, "num-warn"),
                profile,
            )
        )
    return mark_safe("\n".join(out))  # noqa: S308 (each row built with format_html)
