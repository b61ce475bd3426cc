"""What the APV registers in the search (forkant/search.py): problems, risk assessments and
incidents.

Who was involved in an incident (`names`) and who did a risk assessment (`done_by`) are never
indexed: a search for a person's name must not list the incidents they were part of.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apv.models import Incident, Problem, RiskAssessment
from forkant.search import Kind, Values, day, joined, register_kind


def _problem_link(row: Values) -> str:
    return reverse("problem_detail", args=[row["amg_id"], row["pk"]])


def _problem_meta(row: Values) -> str:
    return joined(row["apv__title"], Problem.Urgency(row["urgency"]).label)


def _risk_link(row: Values) -> str:
    return reverse("risk_detail", args=[row["amg_id"], row["pk"]])


def _risk_meta(row: Values) -> str:
    return joined(RiskAssessment.Kind(row["kind"]).label, day(row["date"]))


def _incident_link(row: Values) -> str:
    # The register is the incident's page for everyone (the form is for members who write).
    return reverse("incident_list", args=[row["amg_id"]]) + f"#haendelse-{row['pk']}"


def _incident_heading(row: Values) -> str:
    return _("%(kind)s, %(where)s") % {
        "kind": Incident.Kind(row["kind"]).label,
        "where": row["where"],
    }


def _incident_meta(row: Values) -> str:
    return joined(
        day(row["date"]),
        _("anmeldt i EASY") if row["reported_easy"] else "",
    )


def register() -> None:
    register_kind(
        Kind(
            key="problemer",
            label=gettext_lazy("APV-problemer"),
            model=Problem,
            title=("title",),
            body=("description", "cause", "affected"),
            newest="created_at",
            link=_problem_link,
            meta=_problem_meta,
            values=("apv__title", "urgency"),
            order=20,
        )
    )
    register_kind(
        Kind(
            key="risikovurderinger",
            label=gettext_lazy("Risikovurderinger"),
            model=RiskAssessment,
            title=("title",),
            body=(
                "department",
                "description",
                "previous_incidents",
                "risks",
                "prevention",
                "guidelines",
                "training",
                "follow_up",
            ),
            newest="date",
            link=_risk_link,
            meta=_risk_meta,
            values=("kind", "date"),
            order=50,
        )
    )
    register_kind(
        Kind(
            key="haendelser",
            label=gettext_lazy("Hændelser"),
            model=Incident,
            title=("where",),
            # The type's code is a Danish word too (vold, trusler, ulykke): "vold" finds every
            # violent incident, whatever its text says.
            body=("what", "before", "handling", "kind"),
            newest="date",
            link=_incident_link,
            heading=_incident_heading,
            excerpt=("what", "before", "handling"),
            meta=_incident_meta,
            values=("kind", "where", "date", "reported_easy"),
            order=60,
        )
    )
