"""Demo self-assessments: the school has taken the kompetencemodel twice and the vurderingsskema
once (all compared and closed, with decisions), and has an opgavepyramide round open that waits
for the AMR's and the TR's answers (their front page and reminders say so); the daycare has one
kompetencemodel profile, so the organisation overview compares two. Idempotent: an AMG that
already has a round of an instrument gets no new one."""

from __future__ import annotations

import datetime

from forkant.models import AMG, Membership, Role
from metoder.instruments import services
from metoder.instruments.models import DecisionKind, Round

SIX = ("aabenhed", "innovation", "motivation", "tid_ressourcer", "systematik", "teknikker_viden")

# per role: the six factors (1–5) and a comment
SCHOOL_EARLIER = {
    Role.LEDER: ((4, 2, 3, 2, 2, 3), ""),
    Role.AMR: ((3, 2, 3, 1, 2, 2), ""),
    Role.TR: ((3, 3, 2, 2, 1, 2), ""),
}
SCHOOL_LATEST = {
    Role.LEDER: ((4, 3, 4, 2, 3, 3), "Vi er blevet bedre til at følge op på tavlemøderne."),
    Role.AMR: ((4, 3, 3, 2, 4, 3), "Tiden er stadig det største problem – vi når det sjældent."),
    Role.TR: ((2, 3, 4, 1, 3, 2), "Jeg oplever ikke, at alle tør sige, hvad de mener, på møderne."),
}
SCHOOL_SKEMA = {
    Role.LEDER: ((4, 3, 3, 4), "Vi kunne være mere ude blandt kollegerne."),
    Role.AMR: ((3, 4, 2, 3), "Vi venter for ofte på at blive inviteret af teamene."),
    Role.TR: ((4, 2, 2, 3), ""),
}
DAYCARE_LATEST = {
    Role.LEDER: ((4, 4, 4, 3, 2, 3), ""),
    Role.AMR: ((5, 3, 4, 2, 2, 2), "Vi mangler faste aftaler."),
}


def _members(amg: AMG) -> dict[str, Membership]:
    return {
        m.role: m
        for m in Membership.objects.filter(amg=amg, read_only=False).select_related("user")
    }


def _round(
    amg: AMG,
    key: str,
    scores: dict[str, tuple[tuple[int, ...], str]],
    items: tuple[str, ...],
    comment_key: str,
    opened: datetime.datetime,
    about: str = "",
) -> Round | None:
    members = _members(amg)
    taking = [members[role] for role in scores if role in members]
    if not taking:
        return None
    round_ = services.open_round(
        amg=amg,
        instrument_key=key,
        by=taking[0],
        participants=taking,
        now=opened,
        about=about,
        deadline=(opened + datetime.timedelta(days=14)).date(),
    )
    for offset, (role, (values, comment)) in enumerate(scores.items()):
        member = members.get(role)
        if member is None:
            continue
        answers = {k: {"value": str(v)} for k, v in zip(items, values, strict=True)}
        if comment:
            answers[comment_key] = {"text": comment}
        services.save_answers(
            participant=round_.participants.get(membership=member),
            answers=answers,
            now=opened + datetime.timedelta(days=1 + offset),
            submit=True,
        )
    return round_


def load_instruments(amg: AMG, now: datetime.datetime, *, daycare: AMG | None = None) -> None:
    if not Round.objects.filter(amg=amg, instrument_key="kompetencemodel").exists():
        earlier = _round(
            amg, "kompetencemodel", SCHOOL_EARLIER, SIX, "kommentar",
            now - datetime.timedelta(days=190), about="Workshop om arbejdsmiljøkompetence",
        )  # fmt: skip
        if earlier is not None:
            services.close_round(round_=earlier, now=now - datetime.timedelta(days=170))
        latest = _round(
            amg, "kompetencemodel", SCHOOL_LATEST, SIX, "kommentar",
            now - datetime.timedelta(days=21), about="Opfølgning efter et halvt år",
        )  # fmt: skip
        if latest is not None:
            by = latest.participants.select_related("membership").first().membership  # type: ignore[union-attr]
            services.save_notes(
                round_=latest,
                notes="Systematikken er løftet siden sidst (faste tavlemøder). Tid og ressourcer "
                "er stadig lavest – og vi er uenige om åbenheden. Lederen tager det op i MED.",
            )
            services.decide(
                round_=latest,
                kind=DecisionKind.ACTION,
                text="Fast halv time til arbejdsmiljø på hvert teammøde",
                item_key="tid_ressourcer",
                by=by,
                now=now - datetime.timedelta(days=14),
            )
            services.decide(
                round_=latest,
                kind=DecisionKind.COMPETENCE,
                text="AMR og TR tager temadagen om psykologisk tryghed",
                item_key="aabenhed",
                by=by,
                now=now - datetime.timedelta(days=14),
            )
            services.close_round(round_=latest, now=now - datetime.timedelta(days=14))
    if not Round.objects.filter(amg=amg, instrument_key="vurderingsskema").exists():
        skema = _round(
            amg, "vurderingsskema", SCHOOL_SKEMA,
            ("synlige", "opsoegende", "brobyggende", "effektive"), "overvejelser",
            now - datetime.timedelta(days=45),
        )  # fmt: skip
        if skema is not None:
            services.close_round(round_=skema, now=now - datetime.timedelta(days=38))
    if not Round.objects.filter(amg=amg, instrument_key="opgavepyramiden").exists():
        _waiting_round(amg, now)
    if (
        daycare is not None
        and not Round.objects.filter(amg=daycare, instrument_key="kompetencemodel").exists()
    ):
        profile = _round(
            daycare, "kompetencemodel", DAYCARE_LATEST, SIX, "kommentar",
            now - datetime.timedelta(days=60),
        )  # fmt: skip
        if profile is not None:
            services.close_round(round_=profile, now=now - datetime.timedelta(days=55))


def _waiting_round(amg: AMG, now: datetime.datetime) -> None:
    """The opgavepyramide, opened by the leder two days ago with a week to go: the leder has
    answered, the AMR and the TR have not."""
    members = _members(amg)
    leder = members.get(Role.LEDER)
    taking = [members[role] for role in (Role.LEDER, Role.AMR, Role.TR) if role in members]
    if leder is None or len(taking) < 2:
        return
    opened = now - datetime.timedelta(days=2)
    round_ = services.open_round(
        amg=amg,
        instrument_key="opgavepyramiden",
        by=leder,
        participants=taking,
        now=opened,
        deadline=(now + datetime.timedelta(days=5)).date(),
    )
    services.save_answers(
        participant=round_.participants.get(membership=leder),
        answers={
            "basale": {"value": "4", "text": "Faste møder, referat og handleplan."},
            "relationelle": {"value": "3"},
            "strategiske": {"value": "2"},
        },
        now=opened + datetime.timedelta(hours=2),
        submit=True,
    )
