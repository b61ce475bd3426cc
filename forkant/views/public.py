"""Operation and the public pages: the health check, accessibility and privacy."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from forkant.lib.locking import Gone
from forkant.operation import health_problem, operator_contact

# Operation and the public pages ---------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "HEAD"])
def health(request: HttpRequest) -> HttpResponse:
    """For load balancers: 200 when the database answers and every migration is applied."""
    problem = health_problem()
    if problem:
        return JsonResponse({"status": "error", "problem": problem}, status=503)
    return JsonResponse({"status": "ok"})


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The 404 page (handler404). A write to something another member deleted meanwhile
    (`Gone`) says what happened; any other 404 says only that the page is not there."""
    gone = exception.message if isinstance(exception, Gone) else ""
    return render(request, "404.html", {"gone": gone}, status=404)


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "forkant/accessibility.html", {"operator": operator_contact()})


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "forkant/privacy.html", {"operator": operator_contact()})
