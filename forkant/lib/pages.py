"""Rendering a page whose forms decide its status.

A page that shows a form the member sent back with errors answers 422 (Unprocessable Content):
htmx swaps it in all the same, and tests and monitoring see a refused write instead of a 200. A
page with no forms, only unbound ones, or only valid ones answers 200.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def form_status(context: Mapping[str, object]) -> int:
    """422 when any bound form among the context's values has errors, else 200."""
    refused = any(
        isinstance(value, BaseForm) and value.is_bound and value.errors
        for value in context.values()
    )
    return 422 if refused else 200


def render_page(
    request: HttpRequest,
    template: str,
    context: Mapping[str, object],
    *,
    status: int | None = None,
) -> HttpResponse:
    """`render`, answering 422 when a bound form in the context has errors (`form_status`);
    `status` overrides the rule where the page knows better (a 409 conflict, a 413)."""
    if status is None:
        status = form_status(context)
    return render(request, template, dict(context), status=status)
