"""The training record's column on the core's members page (registered in MetoderConfig.ready()
through `forkant.extensions`)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.template.loader import get_template

from forkant.access import AMGContext
from forkant.models import Membership
from metoder.training.queries import statuses as training_statuses


def training_cells(
    ctx: AMGContext, members: Sequence[Membership], today: datetime.date
) -> dict[int, str]:
    """Each member's cell with their training state (`.training`): one query for all."""
    states = training_statuses(members, today=today)
    template = get_template("metoder/training/_member_cell.html")
    cells = {}
    for member in members:
        member.training = states[member.pk]
        cells[member.pk] = template.render({"ctx": ctx, "member": member})
    return cells
