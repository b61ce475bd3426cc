"""Reads of the core app that pages share."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from forkant.access import AMGContext
from forkant.models import AMG, Invitation, Membership, Organisation


def members(ctx: AMGContext) -> QuerySet[Membership]:
    return ctx.filter(Membership).select_related("user").order_by("role", "user__first_name")


def pending_invitations(ctx: AMGContext) -> QuerySet[Invitation]:
    return ctx.filter(Invitation).filter(accepted_at=None, revoked_at=None).order_by("email")


def organisation_amgs(organisation: Organisation) -> QuerySet[AMG]:
    return organisation.amgs.annotate(
        member_count=Count("memberships", filter=Q(memberships__removed_at=None), distinct=True),
        pending_count=Count(
            "invitations",
            filter=Q(invitations__accepted_at=None, invitations__revoked_at=None),
            distinct=True,
        ),
    ).order_by("archived_at", "name")
