"""The demo school's pulses: two closed ones in the kortlægning (the trend has two points), and
one open now, so the wall shows its panel and its histograms."""

from __future__ import annotations

import datetime
import random

from apv.pulse import services
from forkant.models import AMG

OWN_THEME = "Samarbejdet efter sammenlægningen"

# Per pulse: how many stood at each point 1–10, per theme (the same number of people in each).
CLOSED = [
    (
        75,
        [],
        {
            "arbejdsmaengden": (1, 3, 5, 6, 3, 2, 1, 1, 0, 0),
            "kravene": (0, 2, 4, 5, 5, 3, 2, 1, 0, 0),
            "konflikter": (2, 2, 4, 5, 4, 3, 1, 1, 0, 0),
            "arbejdsglaeden": (0, 0, 1, 2, 3, 5, 6, 3, 2, 0),
            "samlet": (0, 1, 2, 4, 6, 5, 3, 1, 0, 0),
        },
        ["Faste mødefri eftermiddage i indskolingen", "En plan for de nye lokaler"],
    ),
    (
        30,
        [OWN_THEME],
        {
            "arbejdsmaengden": (0, 2, 4, 6, 5, 4, 3, 1, 1, 0),
            "kravene": (0, 1, 3, 5, 6, 5, 3, 2, 1, 0),
            "konflikter": (1, 2, 3, 5, 6, 4, 3, 2, 0, 0),
            "arbejdsglaeden": (0, 0, 1, 2, 3, 5, 7, 4, 3, 1),
            "samlet": (0, 0, 2, 3, 6, 7, 5, 2, 1, 0),
            "egen-1": (1, 2, 4, 5, 5, 4, 3, 1, 1, 0),
        },
        ["Fælles kalender for SFO og indskolingen"],
    ),
]
OPEN = {
    "arbejdsmaengden": (0, 0, 1, 2, 2, 1, 1, 0, 0, 0),
    "kravene": (0, 0, 0, 1, 2, 2, 1, 1, 0, 0),
    "konflikter": (0, 0, 1, 1, 2, 2, 1, 0, 0, 0),
    "arbejdsglaeden": (0, 0, 0, 0, 1, 2, 3, 1, 0, 0),
    "samlet": (0, 0, 0, 1, 2, 3, 1, 0, 0, 0),
}
OPEN_PROPOSALS = ["Stillerum til pauser i udskolingen", "Kortere møder om onsdagen"]


def _answers(lines: dict[str, tuple[int, ...]], seed: int) -> list[dict[str, int]]:
    """The lines as one answer per person (shuffled, so no person stands lowest everywhere)."""
    columns = {}
    for code, line in lines.items():
        points = [point for point, n in enumerate(line, start=1) for _ in range(n)]
        random.Random(f"{seed}-{code}").shuffle(points)  # noqa: S311 - demo data, not secrets
        columns[code] = points
    people = len(next(iter(columns.values())))
    return [{code: columns[code][i] for code in columns} for i in range(people)]


def load_school_pulses(amg: AMG, now: datetime.datetime) -> None:
    if amg.pulses.exists():  # type: ignore[attr-defined]
        return
    member = amg.memberships.filter(read_only=False).order_by("pk").first()  # type: ignore[attr-defined]
    for seed, (days_ago, own, lines, proposals) in enumerate(CLOSED):
        opens = now - datetime.timedelta(days=days_ago)
        closes = opens + datetime.timedelta(days=2)
        pulse = services.open_pulse(
            amg=amg, opens_at=opens, closes_at=closes, own_themes=own, by=member, now=opens
        )
        during = opens + datetime.timedelta(hours=1)
        for i, scores in enumerate(_answers(lines, seed)):
            text = proposals[i] if i < len(proposals) else ""
            services.submit_answer(pulse=pulse, scores=scores, proposal=text, now=during)
        for proposal in pulse.proposals.all():
            services.approve_proposal(proposal=proposal, by=member)
        services.close_pulse(pulse=pulse, now=closes)
    opens = now - datetime.timedelta(hours=1)
    pulse = services.open_pulse(
        amg=amg, opens_at=opens, closes_at=now + datetime.timedelta(days=7), now=now
    )
    for i, scores in enumerate(_answers(OPEN, 99)):
        text = OPEN_PROPOSALS[i] if i < len(OPEN_PROPOSALS) else ""
        services.submit_answer(pulse=pulse, scores=scores, proposal=text, now=now)
