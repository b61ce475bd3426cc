"""A generated organisation of many AMGs for the organisation overview: to look at the profile
comparison with many lines (`manage.py demo --overview`-style scripts), and for `make bench`.

Deterministic (a seeded random generator) and idempotent: an organisation of that name that
already exists is returned as it is. Everything is made through the services, as members would.
"""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from apv import services as apv_services
from apv.models import APV, Area
from forkant.models import AMG, Membership, Organisation, OrganisationAdmin, Role, User
from handleplan import services as board
from handleplan.models import Action, MeetingKind, Status
from metoder.instruments import services as rounds

PLACES = [
    "Skovbrynet",
    "Åparken",
    "Nordbyen",
    "Rådhuset",
    "Lindehøj",
    "Vestervang",
    "Havnen",
    "Bakkegården",
    "Søndervold",
    "Egeskoven",
    "Fjordblik",
    "Mølleengen",
    "Kirkebakken",
    "Østergade",
    "Solhverv",
    "Kildevang",
]
KINDS = ["Skole", "Børnehus", "Plejecenter", "Jobcenter", "Bibliotek", "Materielgården"]
FACTORS = [
    "aabenhed",
    "innovation",
    "motivation",
    "tid_ressourcer",
    "systematik",
    "teknikker_viden",
]


def amg_names(count: int) -> list[str]:
    names = []
    for n in range(count):
        name = f"{KINDS[n % len(KINDS)]} {PLACES[n % len(PLACES)]}"
        if n >= len(PLACES) * len(KINDS) or name in names:
            name = f"{name} {n}"
        names.append(name)
    return names


@transaction.atomic
def load_sample_organisation(
    *,
    name: str = "Eksempel Kommune",
    amgs: int = 20,
    now: datetime.datetime | None = None,
    admin_email: str = "overblik@demo.dk",
    password: str = "demo1234",  # noqa: S107 (a documented demo account)
    seed: int = 9,
) -> Organisation:
    existing = Organisation.objects.filter(name=name).first()
    if existing is not None:
        return existing
    now = now or timezone.now()
    today = timezone.localdate(now)
    rng = random.Random(seed)  # noqa: S311 (sample data, not secrets)
    organisation = Organisation.objects.create(name=name)
    admin = User.objects.filter(email=admin_email).first() or User.objects.create_user(
        email=admin_email, password=password, first_name="Lene", last_name="Overgaard"
    )
    OrganisationAdmin.objects.get_or_create(organisation=organisation, user=admin)
    for index, amg_name in enumerate(amg_names(amgs)):
        _sample_amg(organisation, amg_name, index, rng, now, today)
    return organisation


def _sample_amg(
    organisation: Organisation,
    name: str,
    index: int,
    rng: random.Random,
    now: datetime.datetime,
    today: datetime.date,
) -> AMG:
    amg = AMG.objects.create(organisation=organisation, name=name)
    members = []
    for role in (Role.LEDER, Role.AMR, Role.TR):
        user = User.objects.create_user(
            email=f"{role}.{organisation.pk}.{index}@eksempel.invalid",
            password=None,
            first_name=role.label,
            last_name=name,
        )
        members.append(Membership.objects.create(amg=amg, user=user, role=role))
    theme = board.create_theme(amg=amg, name="Psykisk arbejdsmiljø")
    other = board.create_theme(amg=amg, name="Fysisk arbejdsmiljø")
    statuses = list(Status)
    for n in range(rng.randint(4, 10)):
        board.create_action(
            amg=amg,
            theme=theme if n % 2 else other,
            status=rng.choice(statuses),
            title=f"Indsats {n + 1} i {name}",
            responsible=rng.choice(members),
            deadline=today + datetime.timedelta(days=rng.randint(-40, 60)),
            follow_up_on=today + datetime.timedelta(days=rng.randint(-30, 90))
            if rng.random() < 0.4
            else None,
        )
    # Some cards have not moved for a while.
    in_progress = Action.objects.filter(amg=amg, status__in=Status.in_progress()).order_by("pk")
    for action in in_progress[: rng.randint(0, 2)]:
        Action.objects.filter(pk=action.pk).update(
            moved_at=now - datetime.timedelta(weeks=rng.randint(7, 14))
        )
    if rng.random() < 0.8:
        held = board.start_meeting(
            amg=amg,
            kind=MeetingKind.TAVLEMOEDE,
            moedeleder=members[1].display_name,
            referent=members[0].display_name,
            attendees=members,
            other_attendees=0,
            now=now - datetime.timedelta(days=rng.randint(3, 120)),
        )
        board.end_meeting(
            meeting=held,
            decisions="",
            notes="",
            next_starts_at=None,
            next_moedeleder="",
            now=held.started_at + datetime.timedelta(minutes=30),
        )
    if rng.random() < 0.75:
        board.set_next_tavlemoede(
            amg=amg,
            starts_at=now + datetime.timedelta(days=rng.randint(1, 45)),
            moedeleder=members[1].display_name,
            now=now,
        )
    for n in range(rng.choice([0, 0, 1, 2, 4])):
        board.submit_idea(amg=amg, text=f"Idé {n + 1} fra kollegerne", now=now)
    areas = [
        apv_services.create_area(
            amg=amg,
            name=area,
            kind=Area.Kind.ENHED,
            last_assessed=None
            if rng.random() < 0.1
            else today - datetime.timedelta(days=rng.randint(200, 3 * 365 + 60)),
        )
        for area in ("Ledelse og administration", "Team 1", "Team 2")
    ]
    if rng.random() < 0.85:
        apv = apv_services.start_apv(
            amg=amg,
            title=f"APV {today.year - rng.randint(0, 2)}",
            method=APV.Method.KOMBINERET,
            start_date=today - datetime.timedelta(days=rng.randint(20, 700)),
            areas=areas,
            members=members,
        )
        if rng.random() < 0.5:  # closed two months after it started: its areas assessed then
            closed = min(today, apv.start_date + datetime.timedelta(days=60))
            apv_services.record_no_problems(apv=apv, on=closed, with_whom="AMG og MED")
            apv_services.close_apv(apv=apv, today=closed)
    if rng.random() < 0.8:
        level = rng.uniform(2.0, 4.2)
        round_ = rounds.open_round(
            amg=amg,
            instrument_key="kompetencemodel",
            by=members[0],
            participants=members,
            now=now - datetime.timedelta(days=rng.randint(5, 200)),
        )
        for member in members:
            participant = round_.participants.get(membership=member)
            rounds.save_answers(
                participant=participant,
                answers={
                    key: {"value": str(max(1, min(5, round(level + rng.uniform(-1.4, 1.4)))))}
                    for key in FACTORS
                },
                now=round_.opened_at,
                submit=True,
            )
    return amg
