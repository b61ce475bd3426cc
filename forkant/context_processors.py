"""What every page's layout (templates/base.html) reads."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.shortcuts import resolve_url
from django.utils.functional import lazy

from forkant.extensions import nav_entries

# The front page is where a login lands; resolved only when a page shows the link.
_home_url = lazy(resolve_url, str)


def navigation(request: HttpRequest) -> dict[str, object]:
    """The AMG navigation's entries (registered by each app, `forkant.extensions`; the layout
    draws them for the page's AMG) and the front page's address for the brand link."""
    return {"amg_nav": nav_entries(), "home_url": _home_url(settings.LOGIN_REDIRECT_URL)}
