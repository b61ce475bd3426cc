"""Demo: last year's annual evaluation for the school, concluded, with goals that became actions.

Idempotent: nothing is made when the AMG already has last year's evaluation. The demo board's
history is made today, so last year's look back is written in as it was (an evaluation held
before the tool, typed in afterwards).
"""

from __future__ import annotations

import datetime
from types import SimpleNamespace

from django.utils import timezone
from simple_history.models import HistoricalRecords

from apv.models import Evaluation
from forkant.models import AMG, Membership, Role
from handleplan.models import MeetingKind, Status, Theme
from metoder.evaluation import services
from metoder.evaluation.models import AnnualEvaluation
from metoder.evaluation.queries import IdeaRow, LookingBack, MeetingCount, Verdict, YearRow


def _last_year(year: int) -> LookingBack:
    def day(month: int, dom: int) -> str:
        return datetime.date(year, month, dom).isoformat()

    virket = str(Evaluation.Verdict.VIRKET.label)
    delvist = str(Evaluation.Verdict.DELVIST.label)
    rows = [
        YearRow(
            action_id=0,
            title="Fælles mødekalender for teamene",
            why="Mange overlappende møder gav travlhed og stress i indskolingen.",
            theme="Forebyggelse af stress",
            status=Status.AFSLUTTET,
            status_label=str(Status.AFSLUTTET.label),
            started_on=day(2, 3),
            finished_on=day(5, 28),
            closed_on=day(10, 1),
            verdicts=[
                Verdict(day(9, 24), "virket", virket, "Jonas Madsen", "Færre dobbeltbookinger.")
            ],
            meeting_events=3,
        ),
        YearRow(
            action_id=0,
            title="Dørkarmsinterviews i alle teams",
            why="Vi manglede viden om, hvordan kollegerne oplever arbejdsmængden.",
            theme="Interviews, generel trivsel",
            status=Status.OPFOELGNING,
            status_label=str(Status.OPFOELGNING.label),
            started_on=day(3, 10),
            finished_on=day(11, 5),
            verdicts=[
                Verdict(
                    day(11, 20),
                    "delvist",
                    delvist,
                    "Hanne Bech",
                    "Godt i indskolingen, SFO'en er ikke nået endnu.",
                )
            ],
            meeting_events=2,
        ),
        YearRow(
            action_id=0,
            title="Retningslinje for vold og trusler opdateret",
            why="Hændelser i SFO'en viste, at retningslinjen var forældet.",
            theme="Vold og trusler",
            status=Status.GODT_I_GANG,
            status_label=str(Status.GODT_I_GANG.label),
            started_on=day(8, 15),
            follow_up_on=day(12, 15),
            follow_up_how="Gennemgang på personalemødet",
        ),
    ]
    return LookingBack(
        year=year,
        rows=rows,
        meetings=[
            MeetingCount(str(MeetingKind.TAVLEMOEDE.label), 11),
            MeetingCount(str(MeetingKind.AMG_MOEDE.label), 4),
        ],
        ideas=[
            IdeaRow(day(4, 2), "Flere pauser uden telefon i frikvartererne.", "Sat på tavlen"),
            IdeaRow(day(9, 12), "Bedre lys i personalerummet.", "Flettet"),
        ],
        last_goals=[],
    )


def load_evaluation(amg: AMG, now: datetime.datetime) -> AnnualEvaluation | None:
    year = timezone.localdate(now).year - 1
    if AnnualEvaluation.objects.filter(amg=amg, year=year).exists():
        return None
    members = list(Membership.objects.filter(amg=amg, read_only=False).select_related("user"))
    themes = {t.name: t for t in Theme.objects.filter(amg=amg)}
    stress = themes.get("Forebyggelse af stress") or next(iter(themes.values()), None)
    trivsel = themes.get("Interviews, generel trivsel") or stress
    amr = next((m for m in members if m.role == Role.AMR), None)
    HistoricalRecords.context.request = SimpleNamespace(user=amr.user if amr else None)
    try:
        evaluation = services.start_evaluation(amg=amg, year=year)
        services.save_draft(
            evaluation=evaluation,
            expected_version=None,
            answers={
                "nu": "Travlheden er mindre end sidste år, men SFO'en mærker stadig pres.",
                "apv": "Ja, men vold og trusler skal fylde mere i næste APV.",
                "forbedringer": "Overlevering mellem skole og SFO.",
            },
            looking_back="Mødekalenderen virkede. Interviewene gav meget, men vi nåede ikke "
            "SFO'en; det tager vi med ind i det nye år.",
            goals_met="Delvist: mødekalenderen er i mål, interviewene mangler i SFO'en.",
            focus="Trivsel i SFO'en og en opdateret voldsforebyggelse.",
            cooperation="Tavlemøde hver tredje uge, AMG-møde hvert kvartal, AMR og leder "
            "forbereder sammen. Referat på intranettet efter hvert møde.",
            training="Jonas tager 1,5 dags supplerende uddannelse om konflikthåndtering i foråret.",
            expertise_present="delvist",
            expertise="Vi mangler viden om voldsforebyggelse i SFO'en; BFA's materiale og en "
            "konsulent fra kommunen hjælper os.",
        )
        services.add_input(
            evaluation=evaluation,
            source="Dørkarmsinterview i indskolingen",
            text="Mødekalenderen har hjulpet. Overleveringen til SFO'en er stadig svær.",
        )
        services.add_input(
            evaluation=evaluation,
            source="Personalemøde i november",
            text="Ønske om en fast mødefri formiddag om ugen.",
        )
        goals = [
            services.add_goal(
                evaluation=evaluation,
                title="Dørkarmsinterviews i SFO'en",
                why="Vi nåede ikke SFO'en sidste år.",
            ),
            services.add_goal(
                evaluation=evaluation,
                title="Fast mødefri formiddag en gang om ugen",
                why="Ønsket kom fra personalemødet.",
            ),
        ]
        if stress is not None and trivsel is not None:
            services.goals_to_actions(
                evaluation=evaluation, goals=goals[:1], theme=trivsel, status=Status.STARTET
            )
            services.goals_to_actions(
                evaluation=evaluation, goals=goals[1:], theme=stress, status=Status.PARKERET
            )
        held = timezone.make_aware(datetime.datetime(year, 11, 26, 15, 0))
        services.conclude(
            evaluation=evaluation,
            held_on=held.date(),
            participants=members,
            other_participants="Formand for MED-udvalget",
            now=held,
            snapshot=_last_year(year),
        )
    finally:
        del HistoricalRecords.context.request
    return evaluation
