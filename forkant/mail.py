"""E-mail the core app sends: invitations. Subject and body come from templates."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from forkant.models import Invitation


def invitation_url(token: str, *, base_url: str | None = None) -> str:
    """The absolute link in the e-mail. Views pass their own host; commands use SITE_URL."""
    base = (base_url or settings.SITE_URL).rstrip("/")
    return base + reverse("invitation_accept", kwargs={"token": token})


def send_invitation(invitation: Invitation, url: str) -> None:
    context = {
        "invitation": invitation,
        "url": url,
        "place": invitation.amg.name if invitation.amg else invitation.organisation.name,
        "inviter": invitation.invited_by,
        "days": 7,
    }
    subject = render_to_string("forkant/email/invitation_subject.txt", context).strip()
    body = render_to_string("forkant/email/invitation_body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])
