"""The core's own check (point 1): the arbejdsmiljøorganisation's members and their roles."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterator, Sequence

from django.urls import reverse
from django.utils.translation import gettext as _

from forkant.models import AMG, Membership, Role
from forkant.obligations.catalogue import rule
from forkant.obligations.engine import load
from forkant.obligations.values import Finding, State


def members_by_amg(amg_ids: Sequence[int], today: datetime.date) -> dict[int, list[Membership]]:
    """The current members of every AMG, with their names: one query."""
    found: dict[int, list[Membership]] = defaultdict(list)
    for m in Membership.objects.filter(amg_id__in=amg_ids).select_related("user"):
        found[m.amg_id].append(m)
    return found


def amo_members(amg: AMG, today: datetime.date) -> Iterator[Finding]:
    the_rule = rule("amo-members")
    members = load(members_by_amg, amg, today) or []
    fix = reverse("member_list", args=[amg.pk])
    labels = dict(Role.choices)
    missing = []
    for role in the_rule.parameters["roles"]:
        names = sorted(m.display_name for m in members if m.role == role)
        if not names:
            missing.append(role)
            yield Finding(
                the_rule,
                State.MISSING,
                _("Gruppen har ingen %(role)s. Invitér den, der har rollen.")
                % {"role": str(labels.get(role, role)).lower()},
                fix + "#invite-title",
                subject=str(labels.get(role, role)),
                ref=f"role:{role}",
            )
    if not missing:
        roles = []
        for role, label in Role.choices:
            names = sorted(m.display_name for m in members if m.role == role)
            if names:
                roles.append(f"{label}: {', '.join(names)}")
        yield Finding(
            the_rule,
            State.OK,
            "; ".join(roles),
            fix,
            subject=_("Medlemmer"),
            ref="members",
        )
