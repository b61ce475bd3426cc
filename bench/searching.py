"""The search bench (part of `make bench`): a generated AMG with 10,000 records of every
searchable kind, searched by one of its members, against the trivial view.

The records are written with bulk_create, not through the services: 10,000 cards made one by one
would take minutes. On PostgreSQL the triggers compute every vector as the rows go in, as they
do for any write; on SQLite there is nothing to compute.
"""

from __future__ import annotations

import datetime
import random
import statistics
from collections.abc import Callable

from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from apv.models import APV, Incident, Problem, RiskAssessment
from forkant import search
from forkant.models import AMG, Membership, Organisation, Role, User
from handleplan.models import Action, Idea, IdeaStatus, Meeting, MeetingKind, Status, Theme
from metoder.evaluation.models import AnnualEvaluation
from metoder.instruments.models import Round

RECORDS = 10_000
# How the 10,000 records divide among the kinds (a board-heavy AMG, like the real ones).
SHARE = {
    "cards": 4000,
    "ideas": 2000,
    "referater": 1000,
    "problems": 1200,
    "risks": 600,
    "incidents": 1000,
    "evaluations": 30,
    "rounds": 170,
}
if sum(SHARE.values()) != RECORDS:
    raise ValueError("SHARE must add up to RECORDS")

# The working environment's own words, the commonest first. Texts draw them with Zipf's law (the
# n-th word 1/n as often as the first), as real text does: the little words are everywhere,
# a topic such as "støj" is in a few hundred of the 10,000 records, after years of work.
WORDS = """
og i på til med for af om at der det en et som er vi har ikke skal kan
møde kollega leder opgave tid team elev borger arbejde skole aftale plan
arbejdsmiljø trivsel samarbejde ledelse kommunikation opfølgning dialog information
tavle handling forslag beslutning evaluering prioritering ressourcer overblik
stress arbejdsmængde travlhed tidspres sygefravær sygemelding fravær pause
konflikt vold trusler mobning grænser tryghed tillid åbenhed
støj akustik lys indeklima ventilation ergonomi udstyr lokale kantine garderobe
forandring omorganisering overgang flytning vikar nyansat oplæring instruktion uddannelse
kursus procedure retningslinje politik risiko sikkerhed alarm debriefing
forebyggelse fastholdelse inklusion inddragelse motivation læring kvalitet
dokumentation APV gennemgang dørkarm årshjul personalemøde SFO indskoling fællesrum
værksted rengøring weekend ferie frokost forældre efterklang høreværn pedel hverdag
""".split()  # noqa: SIM905 (a paragraph of words reads better than a list)
_WEIGHTS = [1 / (rank + 1) for rank in range(len(WORDS))]
QUERIES = ["støj", "sygemeldinger", "stress ledelse"]  # one word; an inflected one; two words


def _text(rng: random.Random, low: int, high: int) -> str:
    words = rng.choices(WORDS, weights=_WEIGHTS, k=rng.randint(low, high))
    return " ".join(words).capitalize() + "."


def generate(*, seed: int = 17) -> tuple[AMG, User]:
    """An AMG of its own (in an organisation of its own) with RECORDS records, and a member."""
    rng = random.Random(seed)  # noqa: S311 (bench data, not secrets)
    now = timezone.now()
    organisation = Organisation.objects.create(name="Søgebench Kommune")
    amg = AMG.objects.create(organisation=organisation, name="Søgebench")
    user = User.objects.create_user(email="soeg@bench.invalid", password=None, first_name="Søg")
    member = Membership.objects.create(amg=amg, user=user, role=Role.AMR)
    themes = [Theme.objects.create(amg=amg, name=f"Tema {n}", position=n) for n in range(8)]
    apv = APV.objects.create(
        amg=amg, title="APV", method=APV.Method.KOMBINERET, start_date=now.date()
    )

    def days_ago(n: int) -> datetime.datetime:
        return now - datetime.timedelta(days=n)

    batch = {"batch_size": 500}
    Action.objects.bulk_create(
        [
            Action(
                amg=amg,
                theme=themes[n % len(themes)],
                title=_text(rng, 3, 8),
                why=_text(rng, 8, 30),
                how=_text(rng, 5, 20),
                status=list(Status)[n % len(Status)],
                confidential=n % 25 == 0,
                position=n,
                moved_at=days_ago(n % 1500),
            )
            for n in range(SHARE["cards"])
        ],
        **batch,
    )
    Idea.objects.bulk_create(
        [
            Idea(
                amg=amg,
                text=_text(rng, 6, 30),
                status=IdeaStatus.NEW if n % 5 else IdeaStatus.DECLINED,
                decline_reason=_text(rng, 4, 10) if n % 5 == 0 else "",
                created_at=days_ago(n % 1500),
            )
            for n in range(SHARE["ideas"])
        ],
        **batch,
    )
    Meeting.objects.bulk_create(
        [
            Meeting(
                amg=amg,
                kind=MeetingKind.TAVLEMOEDE if n % 4 else MeetingKind.AMG_MOEDE,
                starts_at=days_ago(n),
                started_at=days_ago(n),
                ended_at=days_ago(n),
                decisions=_text(rng, 5, 20),
                referat=_text(rng, 60, 200),
            )
            for n in range(SHARE["referater"])
        ],
        **batch,
    )
    Problem.objects.bulk_create(
        [
            Problem(
                apv=apv,
                amg=amg,
                title=_text(rng, 3, 8),
                description=_text(rng, 10, 40),
                cause=_text(rng, 5, 20),
                probability=1 + n % 5,
                consequence=1 + n % 4,
                urgency=Problem.Urgency.LAENGERE,
            )
            for n in range(SHARE["problems"])
        ],
        **batch,
    )
    RiskAssessment.objects.bulk_create(
        [
            RiskAssessment(
                amg=amg,
                kind=RiskAssessment.Kind.SKEMA,
                title=_text(rng, 3, 8),
                date=days_ago(n).date(),
                description=_text(rng, 10, 40),
                risks=_text(rng, 10, 30),
                prevention=_text(rng, 10, 30),
            )
            for n in range(SHARE["risks"])
        ],
        **batch,
    )
    Incident.objects.bulk_create(
        [
            Incident(
                amg=amg,
                date=days_ago(n).date(),
                kind=list(Incident.Kind)[n % len(Incident.Kind)],
                where=_text(rng, 1, 3),
                what=_text(rng, 8, 30),
                handling=_text(rng, 5, 20),
            )
            for n in range(SHARE["incidents"])
        ],
        **batch,
    )
    AnnualEvaluation.objects.bulk_create(
        [
            AnnualEvaluation(
                amg=amg,
                year=2000 + n,
                focus=_text(rng, 5, 15),
                looking_back=_text(rng, 30, 80),
                answers={"nu": _text(rng, 10, 30)},
            )
            for n in range(SHARE["evaluations"])
        ]
    )
    Round.objects.bulk_create(
        [
            Round(
                amg=amg,
                instrument_key="kompetencemodel",
                opened_at=days_ago(n),
                about=_text(rng, 1, 4),
                notes=_text(rng, 10, 50),
            )
            for n in range(SHARE["rounds"])
        ],
        **batch,
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # as autovacuum does after a bulk load
            cursor.execute("ANALYZE")
    return amg, member.user


def measure(median_ms: Callable[..., float], trivial: Callable[[], object]) -> list[tuple]:
    """Rows for bench.py's table: the member's search of the generated AMG, each query against
    the trivial view in the same run (interleaved, so the machine's other load hits both), and
    for information against the same AMG's search page without a query (what any signed-in
    AMG page costs: session, user, the access check, the layout)."""
    amg, user = generate()
    client = Client()
    client.force_login(user)
    url = reverse("amg_search", args=[amg.pk])
    rows = []

    def page(query: str = "") -> Callable[[], None]:
        def get() -> None:
            response = client.get(url, {"q": query} if query else {})
            if response.status_code != 200:
                raise RuntimeError(f"search answered {response.status_code}")

        return get

    for index, query in enumerate(QUERIES):
        statements: list[str] = []
        with connection.execute_wrapper(_counting(statements)):
            page(query)()
        html = client.get(url, {"q": query}).content.decode()
        shown = html.count('class="search-hit"')
        found = sum(group.total for group in _groups(user, amg, query))
        times: dict[str, list[float]] = {"search": [], "trivial": [], "signed-in": []}
        for _ in range(15):
            times["search"].append(median_ms(page(query), repeat=1))
            times["trivial"].append(median_ms(trivial, repeat=1))
            times["signed-in"].append(median_ms(page(), repeat=1))
        search_ms, trivial_ms, signed_in_ms = (statistics.median(t) for t in times.values())
        ratio = search_ms / trivial_ms
        barred = index == 0 and connection.vendor == "postgresql"
        rows.append(
            (
                f"search {RECORDS:,} records: {query}" if index == 0 else f"  search: {query}",
                f"{search_ms:.1f} ms",
                f"{ratio:.1f}× trivial ({trivial_ms:.1f} ms); {search_ms / signed_in_ms:.1f}× "
                f"the AMG's page without a query ({signed_in_ms:.1f} ms); {len(statements)} "
                f"queries; {found} found, {shown} shown" + ("" if barred else " (information)"),
                ratio <= 3 if barred else True,
            )
        )
    return rows


def _counting(statements: list[str]) -> Callable[..., object]:
    def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        statements.append(sql)
        return execute(sql, params, many, context)

    return count


def _groups(user: User, amg: AMG, query: str) -> list:  # type: ignore[type-arg]
    scope = search.Scope({amg.pk: amg}, frozenset({amg.pk}))
    return search.search(scope, search.words_of(query)).groups
