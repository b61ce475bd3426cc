"""The instruments' section of the inspection document: the group's latest profiles, group
averages only (registered in `MetoderConfig.ready()`)."""

from __future__ import annotations

from dataclasses import dataclass

from metoder.instruments import charts, engine
from metoder.instruments.queries import GroupProfile, latest_group_profiles

INSPECTION_INSTRUMENTS = ("kompetencemodel", "vurderingsskema")


@dataclass(frozen=True)
class InspectionProfile:
    title: str
    source: str
    profile: GroupProfile
    chart: str
    rows: list[tuple[str, float | None]]


def inspection_profiles(amg, now):  # type: ignore[no-untyped-def]
    """The group's latest profiles (competence and the vurderingsskema): group averages only."""
    result = []
    for key in INSPECTION_INSTRUMENTS:
        instrument = engine.get(key)
        profile = latest_group_profiles([amg.pk], key).get(amg.pk)
        if instrument is None or profile is None:
            continue
        numeric = [i for i in instrument.items if i.numeric]
        result.append(
            InspectionProfile(
                title=instrument.title,
                source=instrument.source,
                profile=profile,
                chart=charts.chart(
                    instrument.chart,
                    profile.labels,
                    [charts.Series("Gennemsnit", profile.means, kind="average")],
                    minimum=min(i.minimum for i in numeric),
                    maximum=max(i.maximum for i in numeric),
                    title=instrument.short_title,
                ),
                rows=list(zip(profile.labels, profile.means, strict=True)),
            )
        )
    return result or None
