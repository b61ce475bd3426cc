"""The annual evaluation's section of the inspection document: the latest concluded evaluation
(its referat) in full, earlier ones named (read by composition.inspection)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from forkant.models import AMG
from metoder.evaluation.models import AnnualEvaluation
from metoder.evaluation.queries import EvaluationPage, evaluation_page


@dataclass
class InspectionData:
    latest: EvaluationPage
    earlier: list[AnnualEvaluation]


def inspection_section(amg: AMG, now: datetime.datetime) -> InspectionData | None:
    """For the inspection document: the latest concluded evaluation in full, earlier ones named."""
    concluded = list(
        AnnualEvaluation.objects.filter(amg=amg, concluded_at__isnull=False).order_by("-year")
    )
    if not concluded:
        return None
    return InspectionData(latest=evaluation_page(concluded[0]), earlier=concluded[1:])
