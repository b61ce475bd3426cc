"""Rate limits that hold across app-server processes and servers: token buckets in the database.

    ip = ratelimit.client_ip(request)
    if not ratelimit.allow("idea-form", ip, rate=10, per=timedelta(hours=1)):
        return ratelimit.too_many_requests(request)

Each (scope, key) pair has a bucket of `rate` tokens that refills evenly over `per`. An allowed
call takes one token; a refused call costs nothing, so a caller who waits gets in again. The
bucket row is locked while it is read and written (`select_for_update`; SQLite serialises
writers by itself), so two workers cannot both take the last token.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from forkant.models import RateLimitBucket


def bucket_key(scope: str, key: str) -> str:
    """A keyed hash, so the table holds neither IP addresses nor e-mail addresses."""
    message = f"{scope}\x00{key}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def allow(scope: str, key: str, *, rate: int, per: timedelta) -> bool:
    """Take one token from the bucket of (scope, key); False when it is empty."""
    if rate < 1 or per <= timedelta(0):
        raise ValueError("rate must be at least 1 and per must be positive.")
    digest = bucket_key(scope, key)
    for _attempt in range(2):
        try:
            return _take(digest, rate=rate, per=per)
        except IntegrityError:
            # Another process created the same bucket between our read and our insert;
            # the second attempt finds and locks its row.
            continue
    return _take(digest, rate=rate, per=per)


def _take(digest: str, *, rate: int, per: timedelta) -> bool:
    now = timezone.now()
    with transaction.atomic():
        bucket = RateLimitBucket.objects.select_for_update().filter(key=digest).first()
        if bucket is None:
            RateLimitBucket.objects.create(key=digest, tokens=rate - 1, updated_at=now)
            return True
        elapsed = max((now - bucket.updated_at).total_seconds(), 0.0)
        tokens = min(float(rate), bucket.tokens + elapsed * rate / per.total_seconds())
        if tokens < 1:
            return False
        bucket.tokens = tokens - 1
        bucket.updated_at = now
        bucket.save(update_fields=["tokens", "updated_at"])
        return True


def reset(scope: str, key: str) -> None:
    """Forget a bucket, e.g. after a successful login."""
    RateLimitBucket.objects.filter(key=bucket_key(scope, key)).delete()


def prune(*, older_than: timedelta = timedelta(days=2)) -> int:
    """Delete buckets untouched for a while (they would be full again anyway)."""
    deleted, _rows = RateLimitBucket.objects.filter(
        updated_at__lt=timezone.now() - older_than
    ).delete()
    return deleted


def client_ip(request: HttpRequest) -> str:
    """The caller's address. Behind our own proxy (BEHIND_PROXY=true), the address the proxy
    saw: the last entry of X-Forwarded-For, which the proxy appends and a client cannot forge."""
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def too_many_requests(request: HttpRequest, message: str | None = None) -> HttpResponse:
    """The Danish 429 page (a short fragment for htmx requests)."""
    text = message or _("Der er kommet for mange forsøg på kort tid. Vent lidt, og prøv igen.")
    response = render(request, "429.html", {"message": text}, status=429)
    response["Retry-After"] = "60"
    return response
