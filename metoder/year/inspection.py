"""The year's section of the inspection bundle (read by composition.inspection)."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from forkant.models import AMG
from metoder.year import wheel
from metoder.year.queries import year_data


def inspection_section(amg: AMG, now: datetime.datetime) -> dict[str, object] | None:
    """The year's wheel for the inspection bundle, or None without one."""
    year = timezone.localdate(now).year
    data = year_data(amg, year)
    if not data.entries:
        return None
    svg = wheel.wheel_svg(
        year,
        data.entries,
        today=timezone.localdate(now),
        title=_("Årshjul %(year)s for %(amg)s") % {"year": year, "amg": amg.name},
    )
    return {"year": year, "data": data, "svg": svg, "legend": wheel.legend()}
