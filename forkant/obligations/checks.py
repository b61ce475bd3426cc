"""`manage.py check` fails on broken rule data, on a check registered for a rule the data does not
know, and on a rule nobody checks."""

from __future__ import annotations

from django.core import checks

from forkant.obligations import catalogue, engine

HINT = "Ret forkant/obligations/data.py; se docs/ARCHITECTURE.md, “The engine of obligations”."


@checks.register()
def rule_data(app_configs, **kwargs):  # type: ignore[no-untyped-def]
    problems = [
        checks.Error(str(error), hint=HINT, obj="forkant.obligations.data", id="forkant.E002")
        for error in catalogue.errors()
    ]
    known = {r.key for r in catalogue.rules()}
    registered = engine.registered()
    problems += [
        checks.Error(
            f"A check is registered for the rule {key!r}, which the data does not have.",
            hint=HINT,
            obj="forkant.obligations.data",
            id="forkant.E003",
        )
        for key in sorted(set(registered) - known)
    ]
    problems += [
        checks.Error(
            f"No check is registered for the rule {key!r}.",
            hint="Register one with forkant.obligations.register_check() in the AppConfig.ready() "
            "of the app that owns the data.",
            obj="forkant.obligations.data",
            id="forkant.E004",
        )
        for key in sorted(known - set(registered))
    ]
    return problems
