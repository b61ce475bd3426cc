"""Reads for the annual evaluation: the year looked back on, from the handleplan's history.

`looking_back(amg, year)` costs the same few queries whatever the number of actions: the
history rows of the actions touched that year (one query, with the row before the year for
each, so a move is told from where the card stood), the APV's evaluation log, the meetings and
their event counts, the ideas received, and the theme names.
"""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass, field

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from apv.models import Evaluation
from forkant.models import AMG
from handleplan.models import (
    Action,
    Idea,
    IdeaStatus,
    Meeting,
    MeetingEvent,
    MeetingKind,
    Status,
    Theme,
)
from metoder.booklet import AHEAD_QUESTIONS, REQUIRED_POINTS
from metoder.evaluation.models import AnnualEvaluation, EvaluationGoal, WorkplaceInput

STARTED = {Status.STARTET, Status.GODT_I_GANG, Status.I_MAAL, Status.OPFOELGNING, Status.AFSLUTTET}
FINISHED = {Status.I_MAAL, Status.OPFOELGNING, Status.AFSLUTTET}
COLUMN = {status.value: i for i, status in enumerate(Status)}


def year_bounds(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    """1 January 00:00 of the year and of the next, in the local time zone (Europe/Copenhagen)."""
    zone = timezone.get_current_timezone()
    start = datetime.datetime(year, 1, 1, tzinfo=zone)
    return start, datetime.datetime(year + 1, 1, 1, tzinfo=zone)


@dataclass
class Verdict:
    date: str  # ISO date
    verdict: str  # apv.Evaluation.Verdict value
    label: str
    who: str
    note: str

    @property
    def day(self) -> datetime.date:
        return datetime.date.fromisoformat(self.date)


@dataclass
class YearRow:
    """One action as the year saw it: what was planned, why, and did it work."""

    action_id: int
    title: str
    why: str
    theme: str
    status: str  # at the end of the year (or now, for the current year)
    status_label: str
    created_on: str = ""
    started_on: str = ""  # ISO dates, within the year
    finished_on: str = ""
    closed_on: str = ""
    deleted_on: str = ""
    follow_up_on: str = ""
    follow_up_how: str = ""
    meeting_events: int = 0
    verdicts: list[Verdict] = field(default_factory=list)
    binned: bool = False  # deleted by the end of the year (the bin): no column "stands now"

    @property
    def evaluated(self) -> bool:
        return bool(self.verdicts)

    def date(self, name: str) -> datetime.date | None:
        value = getattr(self, name)
        return datetime.date.fromisoformat(value) if value else None

    @property
    def created(self) -> datetime.date | None:
        return self.date("created_on")

    @property
    def follow_up(self) -> datetime.date | None:
        return self.date("follow_up_on")

    @property
    def started(self) -> datetime.date | None:
        return self.date("started_on")

    @property
    def finished(self) -> datetime.date | None:
        return self.date("finished_on")

    @property
    def closed(self) -> datetime.date | None:
        return self.date("closed_on")

    @property
    def deleted(self) -> datetime.date | None:
        return self.date("deleted_on")

    @property
    def latest_verdict(self) -> Verdict | None:
        return self.verdicts[0] if self.verdicts else None


@dataclass
class IdeaRow:
    date: str
    text: str  # the idea's text only: the sender's name is never shown here
    status_label: str


@dataclass
class MeetingCount:
    kind_label: str
    count: int


@dataclass
class GoalRow:
    """One of last year's goals, and where its action stands."""

    title: str
    action_title: str
    status_label: str
    reached: bool


@dataclass
class LookingBack:
    year: int
    rows: list[YearRow]
    meetings: list[MeetingCount]
    ideas: list[IdeaRow]
    last_goals: list[GoalRow]

    @property
    def started(self) -> list[YearRow]:
        return [r for r in self.rows if r.started_on]

    @property
    def finished(self) -> list[YearRow]:
        return [r for r in self.rows if r.finished_on]

    @property
    def evaluated(self) -> list[YearRow]:
        return [r for r in self.rows if r.verdicts]

    def to_json(self) -> dict[str, object]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> LookingBack:  # type: ignore[type-arg]
        rows = []
        for raw in data.get("rows", []):
            raw = dict(raw)
            raw["verdicts"] = [Verdict(**v) for v in raw.get("verdicts", [])]
            rows.append(YearRow(**raw))
        return cls(
            year=int(data.get("year", 0)),
            rows=rows,
            meetings=[MeetingCount(**m) for m in data.get("meetings", [])],
            ideas=[IdeaRow(**i) for i in data.get("ideas", [])],
            last_goals=[GoalRow(**g) for g in data.get("last_goals", [])],
        )


def _local_iso(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).date().isoformat()


def looking_back(amg: AMG, year: int) -> LookingBack:
    start, end = year_bounds(year)
    verdict_labels = dict(Evaluation.Verdict.choices)
    verdicts: dict[int, list[Verdict]] = {}
    for evaluation in Evaluation.objects.filter(
        amg=amg, date__gte=start.date(), date__lt=end.date()
    ).order_by("-date", "-pk"):
        verdicts.setdefault(evaluation.action_id, []).append(
            Verdict(
                date=evaluation.date.isoformat(),
                verdict=evaluation.verdict,
                label=str(verdict_labels.get(evaluation.verdict, evaluation.verdict)),
                who=evaluation.who,
                note=evaluation.note,
            )
        )

    history = Action.history.model
    touched = history.objects.filter(amg=amg, history_date__gte=start, history_date__lt=end)
    rows_by_id: dict[int, list] = {}  # type: ignore[type-arg]
    records = (
        history.objects.filter(
            Q(id__in=touched.values("id")) | Q(id__in=list(verdicts)),
            amg=amg,
            history_date__lt=end,
        )
        .order_by("id", "history_date", "history_id")
        .values(
            "id",
            "history_date",
            "history_type",
            "title",
            "why",
            "theme_id",
            "status",
            "follow_up_on",
            "follow_up_how",
        )
    )
    for record in records:
        rows_by_id.setdefault(record["id"], []).append(record)

    theme_names: dict[int, str] = {}
    for theme in Theme.history.filter(amg=amg).order_by("history_date").values("id", "name"):
        theme_names[theme["id"]] = theme["name"]

    events = dict(
        MeetingEvent.objects.filter(
            meeting__amg=amg, created_at__gte=start, created_at__lt=end, action__isnull=False
        )
        .values_list("action_id")
        .annotate(n=Count("pk"))
        .order_by()
    )

    status_labels = dict(Status.choices)
    rows: list[YearRow] = []
    for action_id, records_of in rows_by_id.items():
        rows.append(
            _year_row(action_id, records_of, start, theme_names, status_labels, verdicts, events)
        )
    rows.sort(key=lambda r: (r.theme.lower(), COLUMN.get(r.status, 0), r.title.lower()))

    meeting_counts = dict(
        Meeting.objects.filter(amg=amg, started_at__gte=start, started_at__lt=end)
        .values_list("kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    meetings = [
        MeetingCount(str(kind.label), meeting_counts.get(kind.value, 0)) for kind in MeetingKind
    ]
    idea_labels = dict(IdeaStatus.choices)
    ideas = [
        IdeaRow(_local_iso(idea.created_at), idea.short_text, str(idea_labels[idea.status]))
        for idea in Idea.objects.filter(amg=amg, created_at__gte=start, created_at__lt=end)
        .only("text", "status", "created_at")
        .order_by("created_at", "pk")
    ]
    return LookingBack(
        year=year, rows=rows, meetings=meetings, ideas=ideas, last_goals=last_goals(amg, year)
    )


def _year_row(
    action_id: int,
    records: list[dict],  # type: ignore[type-arg]
    start: datetime.datetime,
    theme_names: dict[int, str],
    status_labels: dict[str, str],
    verdicts: dict[int, list[Verdict]],
    events: dict[int, int],
) -> YearRow:
    """Walk one card's versions: the first move into a column within the year counts."""
    last = records[-1]
    shown = next((r for r in reversed(records) if r["history_type"] != "-"), last)
    row = YearRow(
        action_id=action_id,
        title=shown["title"],
        why=shown["why"],
        theme=theme_names.get(shown["theme_id"], _("(slettet tema)")),
        status=shown["status"],
        status_label=str(status_labels.get(shown["status"], shown["status"])),
        follow_up_on=shown["follow_up_on"].isoformat() if shown["follow_up_on"] else "",
        follow_up_how=shown["follow_up_how"],
        meeting_events=events.get(action_id, 0),
        verdicts=verdicts.get(action_id, []),
        binned=last["history_type"] == "-",
    )
    if row.binned:
        row.status_label = _("Slettet (i papirkurven)")
    previous_status: str | None = None
    for record in records:
        status = record["status"]
        in_year = record["history_date"] >= start
        if in_year and record["history_type"] == "+":
            row.created_on = _local_iso(record["history_date"])
        if in_year and record["history_type"] == "-":
            row.deleted_on = _local_iso(record["history_date"])
        elif in_year and status != previous_status:
            day = _local_iso(record["history_date"])
            before = previous_status
            if status in STARTED and (before is None or before not in STARTED):
                row.started_on = row.started_on or day
            if status in FINISHED and (before is None or before not in FINISHED):
                row.finished_on = row.finished_on or day
            if status == Status.AFSLUTTET and before != Status.AFSLUTTET:
                row.closed_on = row.closed_on or day
        previous_status = status
    return row


def last_goals(amg: AMG, year: int) -> list[GoalRow]:
    """The goals set at last year's evaluation, each with its action's status now (one query)."""
    status_labels = dict(Status.choices)
    result = []
    for goal in (
        EvaluationGoal.objects.filter(amg=amg, evaluation__year=year - 1)
        .select_related("action")
        .order_by("created_at", "pk")
    ):
        action = goal.action
        result.append(
            GoalRow(
                title=goal.title,
                action_title=action.title if action else "",
                status_label=str(status_labels[action.status]) if action else _("ikke på tavlen"),
                reached=bool(action and action.status in FINISHED),
            )
        )
    return result


def evaluations_of(amg: AMG) -> list[AnnualEvaluation]:
    return list(
        AnnualEvaluation.objects.filter(amg=amg).annotate(
            goal_count=Count("goals", distinct=True),
            input_count=Count("inputs", distinct=True),
            actions_made=Count("goals", filter=Q(goals__action__isnull=False), distinct=True),
        )
    )


@dataclass
class Answer:
    question: object  # metoder.booklet.Question
    text: str


@dataclass
class EvaluationPage:
    """What the guided page, the referat (PDF) and the inspection document show."""

    evaluation: AnnualEvaluation
    back: LookingBack
    inputs: list[WorkplaceInput]
    goals: list[EvaluationGoal]
    answers: list[Answer]
    missing: list[str]
    participants: list[dict[str, str]]

    @property
    def open_goals(self) -> list[EvaluationGoal]:
        return [g for g in self.goals if g.action_id is None]


def evaluation_page(evaluation: AnnualEvaluation) -> EvaluationPage:
    """A concluded evaluation shows its look back as frozen; a draft computes it now."""
    if evaluation.is_concluded and evaluation.looking_back_snapshot:
        back = LookingBack.from_json(evaluation.looking_back_snapshot)
    else:
        back = looking_back(evaluation.amg, evaluation.year)
    goals = list(evaluation.goals.select_related("action__theme").order_by("created_at", "pk"))
    answers_data = evaluation.answers if isinstance(evaluation.answers, dict) else {}
    missing = []
    for name, label in REQUIRED_POINTS:
        answered = bool(goals) if name == "goals" else bool(str(getattr(evaluation, name)).strip())
        if not answered:
            missing.append(str(label))
    return EvaluationPage(
        evaluation=evaluation,
        back=back,
        inputs=list(evaluation.inputs.order_by("created_at", "pk")),
        goals=goals,
        answers=[Answer(q, str(answers_data.get(q.code, ""))) for q in AHEAD_QUESTIONS],
        missing=missing,
        participants=list(evaluation.participants or []),
    )


def last_editor(evaluation: AnnualEvaluation) -> str:
    record = (
        AnnualEvaluation.history.filter(id=evaluation.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
        .first()
    )
    user = record.history_user if record else None
    return (user.get_full_name() or user.email) if user else _("En anden")


@dataclass
class Removed:
    kind: str
    text: str
    when: datetime.datetime
    who: str


def removed_parts(evaluation: AnnualEvaluation) -> list[Removed]:
    """Workplace input and goals deleted from the evaluation, from their history (two queries)."""
    result = []
    for model, kind in (
        (WorkplaceInput, _("Input fra arbejdspladsen")),
        (EvaluationGoal, _("Mål")),
    ):
        rows = (
            model.history.filter(evaluation_id=evaluation.pk, history_type="-")  # type: ignore[attr-defined]
            .select_related("history_user")
            .order_by("-history_date")
        )
        for row in rows:
            user = row.history_user
            text = f"{row.source}: {row.text}" if model is WorkplaceInput else row.title
            result.append(
                Removed(
                    kind=str(kind),
                    text=text,
                    when=row.history_date,
                    who=(user.get_full_name() or user.email) if user else "",
                )
            )
    result.sort(key=lambda r: r.when, reverse=True)
    return result


def dashboard_states(amg_ids: list[int], year: int) -> dict[int, AnnualEvaluation]:
    """This year's evaluation per AMG, for the dashboard's tiles (one query for every AMG)."""
    return {
        e.amg_id: e
        for e in AnnualEvaluation.objects.filter(amg_id__in=amg_ids, year=year).only(
            "amg_id", "year", "held_on", "concluded_at"
        )
    }
