"""What the core's views share."""

from __future__ import annotations

from django.http import HttpRequest

from forkant.mail import invitation_url


def invitation_link(request: HttpRequest, token: str) -> str:
    return invitation_url(token, base_url=request.build_absolute_uri("/"))
