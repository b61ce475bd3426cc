"""Reading the overview: every column for all the organisation's AMGs in a fixed number of
queries, and a built overview kept for CACHE_SECONDS."""

from __future__ import annotations

import datetime
import hashlib
import statistics
from collections.abc import Callable, Sequence

from django.core.cache import cache
from django.db.models import Count, Exists, Max, Min, OuterRef, Q
from django.utils import formats, timezone
from django.utils.translation import get_language

from apv.models import APV, REVISION_YEARS, WARN_DAYS, Area, Change, three_years_after
from composition.overview.charts import comparison_chart, profile_chart
from composition.overview.data import (
    MIN_RESPONDENTS,
    PROFILE_INSTRUMENT,
    AreaStatus,
    LatestAPV,
    Overview,
    Readiness,
    Row,
    Spread,
    _day,
    _number,
)
from composition.overview.sorting import _name_key
from forkant import obligations
from forkant.models import AMG, Organisation
from handleplan.models import Action, BoardSettings, Idea, IdeaStatus, Meeting, Status
from handleplan.queries import DEFAULT_STALLED_WEEKS
from metoder.instruments.queries import GroupProfile, latest_group_profiles
from metoder.training.queries import training_due_counts


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

    Ten queries (plus the profiles' own two and the engine of obligations'), whatever the
    number of AMGs."""
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
    readiness = obligations.summaries(ids, today=today)
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
                readiness=_readiness(readiness.get(amg.pk)),
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


def _readiness(summary: obligations.Summary | None) -> Readiness | None:
    if summary is None:
        return None
    return Readiness(
        ready=summary.ready,
        breaches=summary.breaches,
        due_soon=summary.due_soon,
        points_in_order=summary.points_in_order,
    )


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
