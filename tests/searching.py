"""Helpers for the search's tests: what a person finds, and one record of every kind."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.db import connection
from django.utils import timezone

from apv.models import Incident, Problem, RiskAssessment
from forkant import search
from forkant.access import amg_context
from forkant.models import AMG, Membership, User
from handleplan.models import Action, Idea, Meeting
from metoder.evaluation import services as evaluation_services
from metoder.evaluation.models import AnnualEvaluation
from metoder.instruments import services as instrument_services
from metoder.instruments.models import Round
from tests import builders
from tests.apv import builders as apv

# Inflection (Danish stemming) is PostgreSQL's; the embedded SQLite finds words and prefixes.
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="Danish stemming is PostgreSQL's full-text search"
)


def found(user: User, text: str, *, amg: AMG | None = None) -> dict[str, list[int]]:
    """{kind key: [pk, …]} of everything `user` finds for `text` (in `amg`, or everywhere)."""
    if amg is None:
        scope = search.Scope.of_user(user)
    else:
        request = type("Request", (), {"user": user})()
        scope = search.Scope.of_context(amg_context(request, amg.pk))  # type: ignore[arg-type]
    results = search.search(scope, search.words_of(text))
    return {group.kind.key: [hit.pk for hit in group.hits] for group in results.groups}


def found_pks(user: User, text: str, **kwargs: object) -> set[int]:
    return {pk for pks in found(user, text, **kwargs).values() for pk in pks}  # type: ignore[arg-type]


@dataclass
class EveryKind:
    card: Action
    idea: Idea
    referat: Meeting
    problem: Problem
    risk: RiskAssessment
    incident: Incident
    evaluation: AnnualEvaluation
    round: Round

    def by_kind(self) -> dict[str, int]:
        return {
            "kort": self.card.pk,
            "ideer": self.idea.pk,
            "referater": self.referat.pk,
            "problemer": self.problem.pk,
            "risikovurderinger": self.risk.pk,
            "haendelser": self.incident.pk,
            "evalueringer": self.evaluation.pk,
            "selvevalueringer": self.round.pk,
        }


def every_kind(amg: AMG, member: Membership, word: str, *, year: int = 2025) -> EveryKind:
    """One record of each searchable kind in `amg`, each with `word` in its body text (and
    nowhere else), through the services like a member would."""
    theme = builders.make_theme(amg)
    card = builders.make_action(amg, theme, title="Et kort", why=f"Vi taler om {word} her.")
    idea = builders.make_idea(amg, f"En idé om {word} fra en kollega", name="Kirsten Kollega")
    meeting = builders.start_meeting(amg)
    referat = builders.end_meeting(meeting, notes=f"Noter om {word}.")
    the_apv = apv.make_apv(amg)
    problem = apv.make_problem(the_apv, title="Et problem", description=f"Det handler om {word}.")
    risk = apv.make_risk(amg, title="En risikovurdering", risks=f"Risiko for {word}.")
    incident = apv.make_incident(amg, what=f"Der skete noget med {word}.", kind="ulykke")
    evaluation = evaluation_services.start_evaluation(amg=amg, year=year)
    evaluation_services.save_draft(
        evaluation=evaluation,
        expected_version=None,
        answers={"nu": f"Lige nu fylder {word} meget."},
    )
    round_ = instrument_services.open_round(
        amg=amg,
        instrument_key="kompetencemodel",
        by=member,
        participants=[member],
        now=timezone.now() - datetime.timedelta(days=1),
    )
    instrument_services.save_notes(round_=round_, notes=f"Vi aftalte at se på {word}.")
    return EveryKind(card, idea, referat, problem, risk, incident, evaluation, round_)
