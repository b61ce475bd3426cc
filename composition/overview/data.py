"""The overview's data: one row per AMG (AMG-level aggregates only), the organisation's spread,
and the numbers and dates as the page and the charts show them."""

from __future__ import annotations

import datetime
import statistics
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.safestring import SafeString

from apv.models import APV
from forkant.models import AMG, Organisation
from metoder.instruments.queries import GroupProfile

PROFILE_INSTRUMENT = "kompetencemodel"
# A group's average of one answer sheet is that member's answers: not shown outside the AMG.
MIN_RESPONDENTS = 2
SCALE = (1, 5)  # the kompetencemodel's 1–5


@dataclass
class AreaStatus:
    """The 3-year rule over an AMG's areas."""

    total: int = 0
    next_due: datetime.date | None = None  # the earliest date an assessed area is due
    overdue: int = 0  # assessed more than three years ago
    soon: int = 0  # due within WARN_DAYS
    never: int = 0  # never assessed
    flagged: int = 0  # a change since the last assessment calls for a revision

    @property
    def attention(self) -> int:
        return self.overdue + self.never + self.flagged

    @property
    def sort_date(self) -> datetime.date | None:
        """For sorting: an area never assessed is due already."""
        return datetime.date.min if self.never else self.next_due


@dataclass(frozen=True)
class Readiness:
    """ "Klar til tilsyn?" at a glance (the engine of obligations' summary of the AMG)."""

    ready: bool
    breaches: int  # findings overdue or missing
    due_soon: int
    points_in_order: int  # of the thirteen

    @property
    def sort_key(self) -> tuple[int, int]:
        """Most breaches first, then most due soon (sorting descending)."""
        return (self.breaches, self.due_soon)


@dataclass
class LatestAPV:
    pk: int
    title: str
    status: str
    status_label: str
    start_date: datetime.date
    closed_on: datetime.date | None

    @property
    def is_closed(self) -> bool:
        return self.status == APV.Status.AFSLUTTET


@dataclass
class Row:
    amg: AMG
    apv: LatestAPV | None
    areas: AreaStatus
    overdue_actions: int
    overdue_follow_ups: int
    stalled: int
    stalled_weeks: int
    last_meeting: datetime.datetime | None
    next_meeting: datetime.datetime | None
    ideas_waiting: int
    training_due: int = 0  # members whose arbejdsmiljøuddannelse is due or overdue
    readiness: Readiness | None = None
    profile: GroupProfile | None = None  # only when enough members answered
    too_few_answers: bool = False  # a profile exists but is not shown
    chart: SafeString | None = None  # the AMG's profile against the organisation's spread
    text: dict[str, object] = field(default_factory=dict)  # dates and numbers as shown

    @property
    def level(self) -> float | None:
        """The profile's overall level: the average of its factors (for sorting)."""
        if self.profile is None:
            return None
        values = [m for m in self.profile.means if m is not None]
        return round(statistics.fmean(values), 2) if values else None


@dataclass(frozen=True)
class Spread:
    """The organisation's spread per factor over the shown profiles of active AMGs."""

    labels: list[str]
    low: list[float | None]
    high: list[float | None]
    median: list[float | None]
    count: int  # how many AMGs' profiles


@dataclass
class Overview:
    organisation: Organisation
    rows: list[Row]
    archived_hidden: int
    spread: Spread | None
    chart: SafeString | None = None  # every AMG's profile in one picture
    spread_text: dict[str, list[str]] = field(default_factory=dict)
    built_at: datetime.datetime | None = None
    today: datetime.date = field(default_factory=datetime.date.today)


# Numbers and dates as shown ---------------------------------------------------------------------


def _number(value: float | None, separator: str = ",") -> str:
    """One decimal, with the language's decimal separator (formats.number_format is too slow
    for the hundreds of numbers on the page)."""
    return "–" if value is None else f"{value:.1f}".replace(".", separator)


def _day(value: datetime.date | datetime.datetime | None) -> str:
    """j.n.Y, the short Danish date the tables use."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value)
    return f"{value.day}.{value.month}.{value.year}"
