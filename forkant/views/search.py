"""The search page: one AMG's work (its navigation's search box), or every AMG the user may read.

The query is in the address (a GET form: paging, the back button and bookmarks work), so it
must not travel further: the page asks browsers to send only the site as the Referer of the
next page, and nothing here logs it (docs/DEPLOY.md: the proxy and gunicorn log the path only).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from forkant import search
from forkant.access import AMGContext, amg_context, visible_amgs
from forkant.forms import SearchForm
from forkant.lib.pages import render_page


@login_required
@require_GET
def search_all(request: HttpRequest) -> HttpResponse:
    return _search_page(request, search.Scope.of_user(request.user), ctx=None)


@login_required
@require_GET
def search_amg(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    return _search_page(request, search.Scope.of_context(ctx), ctx=ctx)


def _search_page(
    request: HttpRequest, scope: search.Scope, *, ctx: AMGContext | None
) -> HttpResponse:
    form = SearchForm(request.GET or None)
    results = None
    if form.is_valid() and form.words:
        data = form.cleaned_data
        results = search.search(scope, form.words, only=data["slags"], page=data["side"] or 1)
    # From one AMG's search, a link to all of them, for someone who may read more than one.
    wider = ctx is not None and visible_amgs(request.user, include_archived=True)[:2].count() > 1
    context = {
        "ctx": ctx,
        "form": form,
        "scope": scope,
        "results": results,
        "wider": wider,
        "kinds": search.kinds(),
        "max_length": search.MAX_LENGTH,
        "hide_topbar_search": True,  # the page's own search box is the one
    }
    response = render_page(request, "forkant/search.html", context)
    response.headers["Referrer-Policy"] = "strict-origin"
    return response
