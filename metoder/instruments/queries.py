"""Reads of the self-assessment rounds that pages (and the organisation overview) share."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Avg, Count, Exists, Max, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from metoder.instruments import charts, engine
from metoder.instruments.models import Answer, Participant, Round


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
    return timezone.localtime(when) if timezone.is_aware(when) else when


# --- the comparison -------------------------------------------------------------------------

AGREE, PARTLY, DISAGREE = "agree", "partly", "disagree"


@dataclass
class Sheet:
    """One participant's answer sheet as the viewer may see it."""

    participant: Participant
    name: str
    index: int  # the colour and mark in the chart
    submitted: bool
    visible: bool
    answers: dict[str, Answer]

    @property
    def swatch(self) -> str:
        """The member's mark in the chart, beside their name."""
        return charts.member_swatch(self.index)


@dataclass
class Cell:
    sheet: Sheet
    answer: Answer | None
    display: str


@dataclass
class ItemRow:
    item: engine.Item
    cells: list[Cell]
    values: list[float]
    mean: float | None = None
    low: float | None = None
    high: float | None = None
    spread: float | None = None
    agreement: str = ""
    counts: list[tuple[str, int]] | None = None
    previous_mean: float | None = None
    texts: list[tuple[str, str]] | None = None

    @property
    def change(self) -> float | None:
        if self.mean is None or self.previous_mean is None:
            return None
        return round(self.mean - self.previous_mean, 2)


def spread_and_agreement(values: list[float], item: engine.Item) -> tuple[float | None, str]:
    """The spread is the distance between the lowest and the highest answer. The group agrees
    when it is at most a quarter of the scale (1–5: one step), disagrees from half the scale
    (1–5: two steps; 0–10: five) — with at least two answers."""
    if len(values) < 2:
        return None, ""
    spread = max(values) - min(values)
    span = item.maximum - item.minimum
    if spread <= span / 4:
        return spread, AGREE
    if spread >= span / 2:
        return spread, DISAGREE
    return spread, PARTLY


def choice_agreement(choices: list[str]) -> str:
    if len(choices) < 2:
        return ""
    distinct = len(set(choices))
    if distinct == 1:
        return AGREE
    top = max(choices.count(c) for c in set(choices))
    return PARTLY if top * 2 > len(choices) else DISAGREE


def mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


def _display(item: engine.Item, answer: Answer | None) -> str:
    if answer is None:
        return ""
    if item.numeric:
        if answer.number is None:
            return ""
        label = dict(item.steps).get(answer.number, "")
        return f"{answer.number} – {label}" if label else str(answer.number)
    if item.scale == "choice":
        return item.choice_label(answer.choice) if answer.choice else ""
    return answer.text


@dataclass(frozen=True)
class LegendEntry:
    name: str
    kind: str  # member | previous | average
    key: str  # the line and mark as drawn in the chart
    not_submitted: bool = False


@dataclass
class Comparison:
    round: Round
    instrument: engine.Instrument
    items: list[engine.Item]
    sheets: list[Sheet]  # every participant; `visible` says whether their answers show
    rows: list[ItemRow]
    me: Participant | None
    individuals: bool  # whether the viewer may see members' own answers
    waiting_for_me: bool  # the viewer has not submitted yet, so others' answers stay hidden
    previous: Round | None
    previous_means: dict[str, float]

    @property
    def visible_sheets(self) -> list[Sheet]:
        return [s for s in self.sheets if s.visible]

    @property
    def numeric_rows(self) -> list[ItemRow]:
        return [r for r in self.rows if r.item.numeric]

    @property
    def submitted_count(self) -> int:
        return sum(1 for s in self.sheets if s.submitted)

    @property
    def agreed(self) -> list[ItemRow]:
        return [r for r in self.rows if r.agreement == AGREE]

    @property
    def disagreed(self) -> list[ItemRow]:
        return [r for r in self.rows if r.agreement == DISAGREE]

    def _series(self) -> list[charts.Series]:
        rows = self.numeric_rows
        series = []
        if self.individuals:
            for sheet in self.visible_sheets:
                series.append(
                    charts.Series(
                        sheet.name,
                        [
                            float(a.number)
                            if (a := sheet.answers.get(r.item.key)) and a.number is not None
                            else None
                            for r in rows
                        ],
                        index=sheet.index,
                    )
                )
        if self.previous_means:
            series.append(
                charts.Series(
                    str(_("Forrige runde")),
                    [self.previous_means.get(r.item.key) for r in rows],
                    kind="previous",
                )
            )
        series.append(
            charts.Series(str(_("Gruppens gennemsnit")), [r.mean for r in rows], kind="average")
        )
        return series

    def legend(self) -> list[LegendEntry]:
        """Each line of the chart with its key, drawn in the chart's own style: the members,
        the previous round, the group's average."""
        pending = {s.index for s in self.visible_sheets if not s.submitted}
        return [
            LegendEntry(
                series.name,
                series.kind,
                charts.legend_key(series),
                series.kind == "member" and series.index in pending,
            )
            for series in self._series()
        ]

    def chart(self) -> str:
        rows = self.numeric_rows
        if self.instrument.chart == "none" or not rows or not self.visible_sheets:
            return ""
        scales = {(r.item.minimum, r.item.maximum) for r in rows}
        minimum = min(s[0] for s in scales)
        maximum = max(s[1] for s in scales)
        series = self._series()
        return charts.chart(
            self.instrument.chart,
            [r.item.short for r in rows],
            series,
            minimum=minimum,
            maximum=maximum,
            title=str(_("Profil: %(title)s") % {"title": self.instrument.short_title}),
            tick_labels=rows[0].item.step_labels if len(scales) == 1 else (),
        )


def _name(participant: Participant) -> str:
    return participant.membership.display_name


def previous_round(round_: Round) -> Round | None:
    return (
        completed_rounds([round_.amg_id], round_.instrument_key)
        .filter(opened_at__lt=round_.opened_at)
        .order_by("-opened_at", "-pk")
        .first()
    )


def item_means(round_id: int) -> dict[str, float]:
    return {
        row["item_key"]: round(float(row["mean"]), 2)
        for row in Answer.objects.filter(
            participant__round_id=round_id,
            participant__submitted_at__isnull=False,
            number__isnull=False,
        )
        .values("item_key")
        .annotate(mean=Avg("number"))
    }


def comparison(round_: Round, *, viewer: Membership | None) -> Comparison:  # noqa: F821
    """Everyone's answers side by side, as the viewer may see them: a member's answers show once
    they have submitted (or the round is revealed) — and only to a viewer who has submitted
    their own, so nobody anchors on the others. Non-members (organisation admins) see only the
    group's figures."""
    instrument = engine.get(round_.instrument_key)
    if instrument is None:
        raise LookupError(round_.instrument_key)
    items = instrument.items_for(round_.custom_items)
    participants = list(
        round_.participants.select_related("membership__user").order_by(
            "membership__user__first_name", "pk"
        )
    )
    answers: dict[int, dict[str, Answer]] = {p.pk: {} for p in participants}
    for answer in Answer.objects.filter(participant__round=round_):
        answers[answer.participant_id][answer.item_key] = answer
    me = next((p for p in participants if viewer and p.membership_id == viewer.pk), None)
    revealed = round_.revealed_at is not None
    waiting_for_me = me is not None and me.submitted_at is None and not revealed
    individuals = viewer is not None
    sheets = []
    for index, p in enumerate(participants):
        shown = p.submitted_at is not None or revealed
        visible = shown and not waiting_for_me
        if p is me:
            visible = True
        sheets.append(Sheet(p, _name(p), index, p.submitted_at is not None, visible, answers[p.pk]))
    previous = previous_round(round_)
    previous_means = item_means(previous.pk) if previous else {}
    # The group's figures come from the sheets everyone may count: submitted, or revealed.
    counted = [s for s in sheets if (s.submitted or revealed) and not waiting_for_me]
    rows = []
    for item in items:
        cells = [
            Cell(s, s.answers.get(item.key), _display(item, s.answers.get(item.key)))
            for s in sheets
        ]
        row = ItemRow(item=item, cells=cells, values=[], previous_mean=previous_means.get(item.key))
        if item.numeric:
            row.values = [
                float(a.number)
                for s in counted
                if (a := s.answers.get(item.key)) and a.number is not None
            ]
            row.mean = mean(row.values)
            row.low = min(row.values) if row.values else None
            row.high = max(row.values) if row.values else None
            row.spread, row.agreement = spread_and_agreement(row.values, item)
        elif item.scale == "choice":
            picked = [a.choice for s in counted if (a := s.answers.get(item.key)) and a.choice]
            row.counts = [(c.label, picked.count(c.key)) for c in item.choices]
            row.agreement = choice_agreement(picked)
        if individuals:
            row.texts = [
                (s.name, a.text)
                for s in sheets
                if s.visible and (a := s.answers.get(item.key)) and a.text
            ]
        rows.append(row)
    return Comparison(
        round=round_,
        instrument=instrument,
        items=items,
        sheets=sheets,
        rows=rows,
        me=me,
        individuals=individuals,
        waiting_for_me=waiting_for_me,
        previous=previous,
        previous_means=previous_means,
    )


def rounds_of(amg_id: int):  # type: ignore[no-untyped-def]
    """The AMG's rounds with their counts, newest first (one query)."""
    return (
        Round.objects.filter(amg_id=amg_id)
        .annotate(
            participant_count=Count("participants", distinct=True),
            submitted_count=Count(
                "participants", filter=Q(participants__submitted_at__isnull=False), distinct=True
            ),
        )
        .select_related("action")
        .order_by("-opened_at", "-pk")
    )


def participations(round_ids: list[int], membership) -> dict[int, Participant]:  # type: ignore[no-untyped-def]
    """The viewer's own answer sheets in these rounds, by round id (one query)."""
    if membership is None or not round_ids:
        return {}
    return {
        p.round_id: p
        for p in Participant.objects.filter(round_id__in=round_ids, membership=membership)
    }


@dataclass(frozen=True)
class Waiting:
    """A round waiting for one member's answer: for the front page and the reminders."""

    participant: Participant
    title: str  # the instrument's short title, and what the round is about

    @property
    def round(self) -> Round:
        return self.participant.round

    @property
    def path(self) -> str:
        return reverse("instrument_answer", args=[self.round.amg_id, self.round.pk])


def _waiting(participants: Iterable[Participant]) -> list[Waiting]:
    waiting = []
    for participant in participants:
        round_ = participant.round
        instrument = engine.get(round_.instrument_key)
        title = instrument.short_title if instrument else round_.instrument_key
        if round_.about:
            title = f"{title}: {round_.about}"
        waiting.append(Waiting(participant, title))
    return waiting


def waiting_for(user) -> list[Waiting]:  # type: ignore[no-untyped-def]
    """The open rounds in the user's live AMGs that wait for their answer (one query)."""
    return _waiting(
        Participant.objects.filter(
            membership__user=user,
            membership__removed_at__isnull=True,
            membership__amg__archived_at__isnull=True,
            submitted_at__isnull=True,
            round__closed_at__isnull=True,
        )
        .select_related("round__amg")
        .order_by("round__deadline", "round__opened_at", "pk")
    )


def waiting_for_members(membership_ids: list[int]) -> list[Waiting]:
    """The same for many members at once, for the reminders (one query)."""
    return _waiting(
        Participant.objects.filter(
            membership_id__in=membership_ids,
            submitted_at__isnull=True,
            round__closed_at__isnull=True,
        )
        .select_related("round")
        .order_by("round_id", "pk")
    )
