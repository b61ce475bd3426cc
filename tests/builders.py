"""Builders for test data: plain functions with sensible defaults, no JSON fixtures."""

from __future__ import annotations

import datetime
import itertools

from django.utils import timezone

from forkant.models import AMG, Membership, Organisation, OrganisationAdmin, Role, User
from handleplan import services as board
from handleplan.models import Action, Idea, Meeting, MeetingKind, Status, Theme

PASSWORD = "correct-horse-battery"
_counter = itertools.count(1)


def make_user(email: str | None = None, **fields: object) -> User:
    n = next(_counter)
    return User.objects.create_user(
        email=email or f"person{n}@example.dk",
        password=PASSWORD,
        first_name=fields.pop("first_name", f"Person{n}"),
        last_name=fields.pop("last_name", "Testesen"),
        **fields,
    )


def make_organisation(name: str | None = None) -> Organisation:
    return Organisation.objects.create(name=name or f"Kommune {next(_counter)}")


def make_amg(organisation: Organisation | None = None, name: str | None = None) -> AMG:
    return AMG.objects.create(
        organisation=organisation or make_organisation(), name=name or f"AMG {next(_counter)}"
    )


def make_member(
    amg: AMG, user: User | None = None, role: str = Role.AMR, *, read_only: bool = False
) -> Membership:
    return Membership.objects.create(
        amg=amg, user=user or make_user(), role=role, read_only=read_only
    )


def make_org_admin(organisation: Organisation, user: User | None = None) -> OrganisationAdmin:
    return OrganisationAdmin.objects.create(organisation=organisation, user=user or make_user())


def make_theme(amg: AMG, name: str | None = None) -> Theme:
    return board.create_theme(amg=amg, name=name or f"Tema {next(_counter)}")


def make_action(
    amg: AMG,
    theme: Theme | None = None,
    *,
    title: str | None = None,
    status: str = Status.STARTET,
    **fields: object,
) -> Action:
    return board.create_action(
        amg=amg,
        theme=theme or make_theme(amg),
        status=status,
        title=title or f"Handling {next(_counter)}",
        **fields,  # type: ignore[arg-type]
    )


def make_meeting(amg: AMG, *, days: int = 7, moedeleder: str = "Mette") -> Meeting:
    now = timezone.now()
    return board.set_next_tavlemoede(
        amg=amg, starts_at=now + datetime.timedelta(days=days), moedeleder=moedeleder, now=now
    )


# Ideas and meetings -------------------------------------------------------------------


def make_idea(amg: AMG, text: str | None = None, *, name: str = "") -> Idea:
    return board.submit_idea(
        amg=amg, text=text or f"Idé {next(_counter)}", name=name, now=timezone.now()
    )


def start_meeting(
    amg: AMG, *, attendees: list[Membership] | None = None, **fields: object
) -> Meeting:
    return board.start_meeting(
        amg=amg,
        kind=fields.pop("kind", MeetingKind.TAVLEMOEDE),  # type: ignore[arg-type]
        moedeleder=fields.pop("moedeleder", "Mette"),  # type: ignore[arg-type]
        referent=fields.pop("referent", "Ole"),  # type: ignore[arg-type]
        attendees=attendees or [],
        other_attendees=fields.pop("other_attendees", 0),  # type: ignore[arg-type]
        now=fields.pop("now", timezone.now()),  # type: ignore[arg-type]
    )


def end_meeting(meeting: Meeting, **fields: object) -> Meeting:
    return board.end_meeting(
        meeting=meeting,
        decisions=fields.pop("decisions", ""),  # type: ignore[arg-type]
        notes=fields.pop("notes", ""),  # type: ignore[arg-type]
        next_starts_at=fields.pop("next_starts_at", None),  # type: ignore[arg-type]
        next_moedeleder=fields.pop("next_moedeleder", ""),  # type: ignore[arg-type]
        now=fields.pop("now", timezone.now()),  # type: ignore[arg-type]
    )


def make_held_meeting(amg: AMG) -> Meeting:
    return end_meeting(start_meeting(amg))
