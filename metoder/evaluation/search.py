"""What the annual evaluation registers in the search (forkant/search.py): each year's
evaluation, with the group's own text and its answers to the booklet's looking-ahead questions.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forkant.search import Kind, Values, day, register_kind
from metoder.booklet import AHEAD_CODES
from metoder.evaluation.models import AnnualEvaluation

# The same columns as the SearchVectorTrigger of metoder's migration 0003 (a question added to
# the booklet needs a migration too: tests/forkant/test_search_vectors.py says so).
TITLE = ("focus",)
BODY = (
    "looking_back",
    "goals_met",
    "cooperation",
    "training",
    "expertise",
    *(f"answers__{code}" for code in AHEAD_CODES),
)


def _link(row: Values) -> str:
    return reverse("evaluation_detail", args=[row["amg_id"], row["pk"]])


def _heading(row: Values) -> str:
    return _("Årlig evaluering %(year)s") % {"year": row["year"]}


def _meta(row: Values) -> str:
    if row["concluded_at"] is not None:
        return _("afsluttet %(day)s") % {"day": day(row["held_on"] or row["concluded_at"])}
    return _("kladde, ændret %(day)s") % {"day": day(row["updated_at"])}


def register() -> None:
    register_kind(
        Kind(
            key="evalueringer",
            label=gettext_lazy("Årlige evalueringer"),
            model=AnnualEvaluation,
            title=TITLE,
            body=BODY,
            newest="year",
            link=_link,
            heading=_heading,
            meta=_meta,
            values=("year", "concluded_at", "held_on", "updated_at"),
            order=70,
        )
    )
