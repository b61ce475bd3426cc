"""Reads of the self-assessment rounds that pages (and the organisation overview) share."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Avg, Count, Exists, Max, OuterRef, Q, Subquery

from metoder import instruments as engine
from metoder.models import Answer, Participant, Round


@dataclass(frozen=True)
class GroupProfile:
    """An AMG's group-level result of its latest round of one instrument: the average per
    numeric item. No member's own answers are in it."""

    round_id: int
    date: datetime.date
    labels: list[str]
    means: list[float | None]
    respondents: int


def completed_rounds(amg_ids: list[int], instrument_key: str):  # type: ignore[no-untyped-def]
    """Rounds of the instrument with at least one submitted answer sheet."""
    submitted = Participant.objects.filter(round=OuterRef("pk"), submitted_at__isnull=False)
    return Round.objects.filter(amg_id__in=amg_ids, instrument_key=instrument_key).filter(
        Exists(submitted)
    )


def latest_group_profiles(amg_ids: list[int], instrument_key: str) -> dict[int, GroupProfile]:
    """Each AMG's latest profile of the instrument (two queries whatever the number of AMGs)."""
    instrument = engine.get(instrument_key)
    if instrument is None or not amg_ids:
        return {}
    base = completed_rounds(amg_ids, instrument_key)
    latest = base.filter(amg_id=OuterRef("amg_id")).order_by("-opened_at", "-pk").values("pk")[:1]
    rounds = list(
        base.filter(pk=Subquery(latest))
        .annotate(
            respondents=Count("participants", filter=Q(participants__submitted_at__isnull=False)),
            last_submitted=Max("participants__submitted_at"),
        )
        .values("pk", "amg_id", "custom_items", "respondents", "last_submitted", "opened_at")
    )
    if not rounds:
        return {}
    means: dict[tuple[int, str], float] = {
        (row["participant__round_id"], row["item_key"]): row["mean"]
        for row in Answer.objects.filter(
            participant__round_id__in=[r["pk"] for r in rounds],
            participant__submitted_at__isnull=False,
            number__isnull=False,
        )
        .values("participant__round_id", "item_key")
        .annotate(mean=Avg("number"))
    }
    profiles: dict[int, GroupProfile] = {}
    for row in rounds:
        items = [item for item in instrument.items_for(row["custom_items"]) if item.numeric]
        when = row["last_submitted"] or row["opened_at"]
        profiles[row["amg_id"]] = GroupProfile(
            round_id=row["pk"],
            date=datetime.datetime.date(_local(when)),
            labels=[item.short for item in items],
            means=[
                round(float(m), 2) if (m := means.get((row["pk"], item.key))) is not None else None
                for item in items
            ],
            respondents=row["respondents"],
        )
    return profiles


def _local(when: datetime.datetime) -> datetime.datetime:
    from django.utils import timezone

    return timezone.localtime(when) if timezone.is_aware(when) else when
