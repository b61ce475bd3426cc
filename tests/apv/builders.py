"""Builders for APV test data, through the services like a member would."""

from __future__ import annotations

import datetime

from django.utils import timezone

from apv import catalogue, services
from apv.models import APV, Area, DialogSession, Incident, Problem, RiskAssessment
from forkant.models import AMG


def make_area(amg: AMG, name: str = "Indskolingen", **fields: object) -> Area:
    return services.create_area(
        amg=amg,
        name=name,
        kind=fields.pop("kind", Area.Kind.ENHED),  # type: ignore[arg-type]
        last_assessed=fields.pop("last_assessed", None),  # type: ignore[arg-type]
    )


def make_apv(amg: AMG, title: str = "APV 2026", **fields: object) -> APV:
    return services.start_apv(
        amg=amg,
        title=title,
        method=fields.pop("method", APV.Method.KOMBINERET),  # type: ignore[arg-type]
        start_date=fields.pop("start_date", timezone.localdate()),  # type: ignore[arg-type]
        **fields,  # type: ignore[arg-type]
    )


def make_problem(apv: APV, title: str = "Tidspres i udskolingen", **fields: object) -> Problem:
    defaults: dict[str, object] = {
        "probability": 4,
        "consequence": 3,
        "urgency": Problem.Urgency.HURTIGT,
        "risk_factors": ["arbejdsmaengde"],
        "focus_points": ["arbejdsmaengde"],
        "sources": ["dialogisk"],
    }
    return services.save_problem(apv=apv, title=title, **{**defaults, **fields})


def make_dialog(apv: APV, *, proposals: str = "Mødefri fredag\nFælles kalender") -> DialogSession:
    counts = {code: [0, 0, 1, 2, 3, 4, 2, 1, 0, 0] for code in catalogue.DIALOG_THEME_CODES}
    return services.add_dialog_session(
        apv=apv,
        date=timezone.localdate(),
        participants=20,
        counts=counts,
        reflections="Travlt, men god stemning",
        proposals=proposals,
    )


def make_risk(amg: AMG, kind: str = RiskAssessment.Kind.SKEMA, **fields: object) -> RiskAssessment:
    return services.save_risk_assessment(
        amg=amg,
        kind=kind,
        title=fields.pop("title", "Forældremøder om aftenen"),
        date=fields.pop("date", timezone.localdate()),
        **fields,
    )


def make_incident(amg: AMG, **fields: object) -> Incident:
    defaults: dict[str, object] = {
        "date": timezone.localdate() - datetime.timedelta(days=3),
        "kind": Incident.Kind.TRUSLER,
        "where": "Skolegården",
        "what": "En elev truede en lærer i frikvarteret.",
    }
    return services.save_incident(amg=amg, **{**defaults, **fields})
