"""Builders for the pulse's tests."""

from __future__ import annotations

import datetime

from django.utils import timezone

from apv.pulse import services
from apv.pulse.models import Pulse
from forkant.models import AMG


def open_pulse(amg: AMG, **fields: object) -> Pulse:
    now = timezone.now()
    defaults: dict[str, object] = {
        "opens_at": now - datetime.timedelta(minutes=5),
        "closes_at": now + datetime.timedelta(days=1),
        "now": now,
    }
    return services.open_pulse(amg=amg, **{**defaults, **fields})  # type: ignore[arg-type]


def scores(pulse: Pulse, point: int = 7, **overrides: int) -> dict[str, int]:
    return {code: overrides.get(code.replace("-", "_"), point) for code in pulse.theme_codes}


def answer(pulse: Pulse, point: int = 7, *, unit: str = "", proposal: str = "", **overrides: int):  # type: ignore[no-untyped-def]
    services.submit_answer(
        pulse=pulse,
        scores=scores(pulse, point, **overrides),
        unit=unit,
        proposal=proposal,
        now=timezone.now(),
    )


def form_data(pulse: Pulse, point: int = 7, **extra: str) -> dict[str, str]:
    data = {f"t-{code}": str(point) for code in pulse.theme_codes}
    return {**data, **extra}
