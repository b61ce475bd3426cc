""" "Klar til tilsyn?": the inspector's thirteen points for one AMG, each in order, due soon or
not, with the reason and a link to the form that fixes it (the engine of obligations)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from forkant import obligations
from forkant.access import amg_context
from forkant.lib.dates import today
from forkant.lib.pages import render_page
from forkant.obligations import PointSummary, State


@dataclass(frozen=True)
class Tally:
    in_order: int
    soon: int
    breaches: int

    @property
    def ready(self) -> bool:
        return not self.breaches


def tally(points: list[PointSummary]) -> Tally:
    return Tally(
        in_order=sum(1 for p in points if p.state.is_ok),
        soon=sum(1 for p in points if p.state == State.DUE_SOON),
        breaches=sum(1 for p in points if p.state.is_breach),
    )


@login_required
@require_GET
def readiness(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    day = today()
    points = obligations.points(ctx.amg, today=day)
    return render_page(
        request,
        "forkant/readiness.html",
        {"ctx": ctx, "points": points, "tally": tally(points), "today": day},
    )
