from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.utils import translation
from django.utils.cache import patch_cache_control
from django_htmx.http import HttpResponseClientRedirect

from forkant.lib.numbers import body_length


class ChosenLanguageMiddleware:
    """Danish unless the person chose another language (the cookie Django's set_language sets).

    Unlike LocaleMiddleware we ignore the browser's Accept-Language: the product speaks Danish,
    and a wall screen or meeting-room laptop set up in English should still show Danish.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.languages else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


class RequestSizeLimitMiddleware:
    """A request body larger than settings.MAX_REQUEST_BYTES is refused with 413 and a Danish
    page before anything reads it (the CSRF check would read it whole to find its token).

    The proxy has its own cap; this one holds where Django runs without it. Bodies sent without
    a length are bounded by DATA_UPLOAD_MAX_MEMORY_SIZE as Django reads them.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if body_length(request.META) > settings.MAX_REQUEST_BYTES:
            return render(
                request,
                "413.html",
                {"limit_mb": settings.MAX_REQUEST_BYTES / (1024 * 1024)},
                status=413,
            )
        return self.get_response(request)


class PrivateCacheMiddleware:
    """Whatever a signed-in person is sent is theirs alone: `private, no-store`, so that neither
    a shared computer's browser nor a proxy keeps it (pages, htmx fragments, the personal-data
    download). Anonymous answers keep their own caching: the public pages, and the wall screen's
    conditional poll, whose script sends its ETag itself and so works without a stored copy.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # Only a request with a session (or one that just logged in) can be a signed-in
        # person's: the others are not made to read the session (nor to vary on the cookie).
        session = getattr(request, "session", None)
        has_session = settings.SESSION_COOKIE_NAME in request.COOKIES or (
            session is not None and session.modified
        )
        user = getattr(request, "user", None)
        if has_session and user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response


class HtmxLoginRedirectMiddleware:
    """An htmx request whose session has expired is sent to the login page as a whole page.

    Without this, htmx would follow the redirect and swap the login form into the board.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            getattr(request, "htmx", False)
            and response.status_code == 302
            and response.get("Location", "").startswith(resolve_url(settings.LOGIN_URL))
        ):
            page = request.htmx.current_url_abs_path or "/"  # type: ignore[attr-defined]
            return HttpResponseClientRedirect(
                f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': page})}"
            )
        return response


TWO_FACTOR_SESSION_KEY = "forkant_2fa_required"


class TwoFactorRequiredMiddleware:
    """Where the person's organisation requires two-factor login, a session without a verified
    second factor reaches only the enrolment page (and logging out, the public pages).

    Whether it is required is worked out at login and kept in the session (see
    forkant.signals), so ordinary requests cost no extra query."""

    ALLOWED_PREFIXES = ("/static/", "/sundhed/", "/log-ud/", "/sprog/", "/log-ind/")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        if (
            session is not None
            and session.get(TWO_FACTOR_SESSION_KEY)
            and request.user.is_authenticated
            and not request.user.is_verified()  # type: ignore[union-attr]
            and not self._allowed(request.path)
        ):
            url = resolve_url("two_factor")
            if getattr(request, "htmx", False):
                return HttpResponseClientRedirect(url)
            return HttpResponseRedirect(url)
        return self.get_response(request)

    def _allowed(self, path: str) -> bool:
        return path.startswith(self.ALLOWED_PREFIXES) or path in {
            resolve_url("two_factor"),
            resolve_url("accessibility"),
            resolve_url("privacy"),
        }
