"""The composition root's pages: the front page (every AMG the user sees, with what each app
counts for it) and the organisation overview. They gather from every app; nothing else does."""

from __future__ import annotations

import dataclasses
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from composition.overview.data import MIN_RESPONDENTS
from composition.overview.export import as_csv, csv_filename
from composition.overview.queries import CACHE_SECONDS, cached_build
from composition.overview.sorting import (
    ASCENDING,
    COLUMNS,
    DESCENDING,
    BadSort,
    parse_sort,
    sort_rows,
)
from composition.overview.table import cached_table_body
from forkant import obligations
from forkant.access import admin_organisation, administered_organisations, visible_amgs
from handleplan.models import Status
from handleplan.queries import next_tavlemoeder, pending_idea_counts
from metoder.evaluation.queries import dashboard_states
from metoder.instruments.queries import waiting_for
from metoder.training.queries import training_due_counts


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    amgs = visible_amgs(request.user).annotate(
        open_count=Count("actions", filter=Q(actions__status__in=Status.in_progress())),
        parked_count=Count("actions", filter=Q(actions__status=Status.PARKERET)),
        overdue_count=Count(
            "actions",
            filter=Q(
                actions__status__in=Status.unfinished(),
                actions__deadline__lt=timezone.localdate(now),
            ),
        ),
    )
    upcoming = next_tavlemoeder(amgs, now=now)
    roles = {m.amg_id: m for m in request.user.memberships.all()}
    rows = [(amg, roles.get(amg.pk), upcoming.get(amg.pk)) for amg in amgs]
    # Ideas from the workplace waiting for moderation: one query for every AMG.
    waiting = pending_idea_counts(amgs)
    for amg, _membership, _meeting in rows:
        amg.pending_ideas = waiting.get(amg.pk, 0)
    # The training record: members whose arbejdsmiljøuddannelse is due or overdue.
    training_due = training_due_counts([a.pk for a, _m, _t in rows], today=timezone.localdate(now))
    for amg, _membership, _meeting in rows:
        amg.training_due = training_due.get(amg.pk, 0)
    # The annual evaluation: this year's, one query for every AMG.
    year = timezone.localdate(now).year
    evaluations = dashboard_states([amg.pk for amg, _m, _t in rows], year)
    for amg, _membership, _meeting in rows:
        amg.evaluation = evaluations.get(amg.pk)
        amg.evaluation_year = year
    # What needs attention now: the engine of obligations, a fixed number of queries for every
    # AMG (the readiness page's own findings, worst first, then the nearest deadline).
    readiness = obligations.summaries(
        [amg.pk for amg, _m, _t in rows], today=timezone.localdate(now)
    )
    for amg, membership, _meeting in rows:
        amg.readiness = readiness.get(amg.pk)
        amg.can_fix = membership is not None and not membership.read_only
    organisations = administered_organisations(request.user)
    return render(
        request,
        "composition/dashboard.html",
        {
            "rows": rows,
            "organisations": organisations,
            # Self-assessment rounds waiting for this user's answer, in every AMG (one query).
            "waiting_rounds": waiting_for(request.user),
        },
    )


# The organisation overview ----------------------------------------------


def _overview(request: HttpRequest, organisation_id: int):  # type: ignore[no-untyped-def]
    """The overview and its sorting from the query string, or a 400 for a sort we do not know."""
    organisation = admin_organisation(request, organisation_id)
    try:
        column, descending = parse_sort(request.GET.get("sorter"), request.GET.get("retning"))
    except BadSort:
        return None, render(
            request,
            "composition/organisation_overview_400.html",
            {"organisation": organisation},
            status=400,
        )
    archived = request.GET.get("arkiverede") == "vis"
    data, key = cached_build(organisation, now=timezone.now(), include_archived=archived)
    data = dataclasses.replace(data, rows=sort_rows(data.rows, column, descending))
    return (data, column, descending, archived, key), None


@login_required
def organisation_overview(request: HttpRequest, organisation_id: int) -> HttpResponse:
    found, error = _overview(request, organisation_id)
    if error is not None:
        return error
    data, current, descending, archived, key = found
    base = {"arkiverede": "vis"} if archived else {}
    headers = []
    for column in COLUMNS:
        active = column is current
        # A click on the sorted column turns it round; on another, its natural direction.
        flip = not descending if active else column.descending_first
        direction = DESCENDING if flip else ASCENDING
        headers.append(
            {
                "key": column.key,
                "numeric": column.descending_first,
                "label": column.label,
                "active": active,
                "aria_sort": ("descending" if descending else "ascending") if active else "",
                "next_descending": flip,
                "url": "?" + urlencode({**base, "sorter": column.key, "retning": direction}),
            }
        )
    query = {
        "sorter": current.key,
        "retning": DESCENDING if descending else "stigende",
    }
    return render(
        request,
        "composition/organisation_overview.html",
        {
            "organisation": data.organisation,
            "overview": data,
            "headers": headers,
            "archived": archived,
            "csv_query": urlencode({**base, **query}),
            "archived_query": urlencode({**({} if archived else {"arkiverede": "vis"}), **query}),
            "min_respondents": MIN_RESPONDENTS,
            "table_body": cached_table_body(data, key),
            "cache_minutes": CACHE_SECONDS // 60,
        },
    )


@login_required
def organisation_overview_csv(request: HttpRequest, organisation_id: int) -> HttpResponse:
    found, error = _overview(request, organisation_id)
    if error is not None:
        return error
    data = found[0]
    response = HttpResponse(as_csv(data), content_type="text/csv; charset=utf-8")
    filename = csv_filename(data.organisation, data.today)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
