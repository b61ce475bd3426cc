"""Point 9 in the engine of obligations (`forkant.obligations`): the årlige
arbejdsmiljødrøftelse held within the last 12 months, with its referat (a concluded evaluation
is the referat kept for Arbejdstilsynet). Registered in `MetoderConfig.ready()`."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterator, Sequence

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from forkant.lib.dates import add_months
from forkant.models import AMG
from forkant.obligations import Finding, State, load, rule
from metoder.evaluation.models import AnnualEvaluation


def _day(day: datetime.date) -> str:
    return date_format(day, "j. F Y")


def evaluations_by_amg(
    amg_ids: Sequence[int], today: datetime.date
) -> dict[int, list[AnnualEvaluation]]:
    """Every AMG's evaluations, newest year first: one query."""
    found: dict[int, list[AnnualEvaluation]] = defaultdict(list)
    for evaluation in AnnualEvaluation.objects.filter(amg_id__in=amg_ids).only(
        "pk", "amg_id", "year", "held_on", "concluded_at"
    ):
        found[evaluation.amg_id].append(evaluation)
    return found


def annual_discussion(amg: AMG, today: datetime.date) -> Iterator[Finding]:
    the_rule = rule("annual-discussion")
    evaluations = load(evaluations_by_amg, amg, today) or []
    held = [e for e in evaluations if e.is_concluded and e.held_on]
    drafts = [e for e in evaluations if not e.is_concluded]
    # The form that fixes it: this year's draft (or the newest), else the list to start one.
    draft = max(drafts, key=lambda e: e.year, default=None)
    fix = (
        reverse("evaluation_detail", args=[amg.pk, draft.pk])
        if draft
        else reverse("evaluation_list", args=[amg.pk])
    )
    draft_note = (
        " " + _("Kladden for %(year)s er ikke afsluttet.") % {"year": draft.year} if draft else ""
    )
    if not held:
        yield Finding(
            the_rule,
            State.MISSING,
            _("Der er ikke holdt og afsluttet nogen årlig arbejdsmiljødrøftelse.") + draft_note,
            fix,
            subject=_("Årlig arbejdsmiljødrøftelse"),
            ref="annual-discussion",
        )
        return
    latest = max(held, key=lambda e: e.held_on)  # type: ignore[arg-type,return-value]
    due = add_months(latest.held_on, the_rule.parameters["months"])  # type: ignore[arg-type]
    warn = datetime.timedelta(days=the_rule.parameters["warn_days"])
    values = {"date": _day(latest.held_on), "due": _day(due)}  # type: ignore[arg-type]
    if due < today:
        state = State.OVERDUE
        reason = (
            _(
                "Den seneste årlige arbejdsmiljødrøftelse blev holdt %(date)s; den næste skulle "
                "have været holdt senest %(due)s."
            )
            % values
            + draft_note
        )
    elif due <= today + warn:
        state = State.DUE_SOON
        reason = (
            _(
                "Den seneste årlige arbejdsmiljødrøftelse blev holdt %(date)s; den næste skal "
                "holdes senest %(due)s."
            )
            % values
            + draft_note
        )
    else:
        state = State.OK
        reason = _("Holdt %(date)s, og referatet er gemt; den næste senest %(due)s.") % values
        fix = reverse("evaluation_detail", args=[amg.pk, latest.pk])
    yield Finding(
        the_rule,
        state,
        reason,
        fix,
        subject=_("Årlig arbejdsmiljødrøftelse"),
        due=due,
        ref=f"annual-discussion:{due}",
    )
