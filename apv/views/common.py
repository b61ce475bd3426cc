"""What the APV's pages share: the page and form renderers (422 when a bound form has errors),
the refusal message, and loading an APV of the AMG with its part's status."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from apv import catalogue, queries
from apv.models import APV
from forkant.access import AMGContext, amg_context
from forkant.lib.dates import today
from forkant.lib.pages import render_page
from forkant.lib.small_groups import MIN_GROUP


def _page(
    request: HttpRequest, ctx: AMGContext, template: str, context: dict[str, object]
) -> HttpResponse:
    """An APV page: the AMG, today's date (the 3-year rule, overdue marks) and the small-group
    rule's limit with its own context; 422 when a bound form has errors (`render_page`)."""
    return render_page(
        request, template, {"ctx": ctx, "today": today(), "min_group": MIN_GROUP, **context}
    )


def _form_page(
    request: HttpRequest,
    ctx: AMGContext,
    form: BaseForm,
    *,
    title: str,
    back: str,
    submit: str,
    apv: APV | None = None,
    aside: list[catalogue.Item] | None = None,
) -> HttpResponse:
    return _page(
        request,
        ctx,
        "apv/form.html",
        {"form": form, "title": title, "back": back, "submit": submit, "apv": apv, "aside": aside},
    )


def _refused(request: HttpRequest, error: ValidationError, back: str) -> HttpResponse:
    messages.error(request, " ".join(error.messages))
    return redirect(back)


def _apv(request: HttpRequest, amg_id: int, pk: int, *, write: bool = False):  # type: ignore[no-untyped-def]
    ctx = amg_context(request, amg_id, write=write)
    return ctx, ctx.get(APV, pk)


def _part_page(
    request: HttpRequest, ctx: AMGContext, apv: APV, part: str, context: dict[str, object]
) -> HttpResponse:
    """One of the APV's five parts (apv/part_<part>.html), with the part's progress and what is
    missing at the top."""
    status = next(p for p in queries.overview(apv, today()).parts if p.code == part)
    return _page(
        request,
        ctx,
        f"apv/part_{part}.html",
        {"apv": apv, "part": part, "status": status, **context},
    )
