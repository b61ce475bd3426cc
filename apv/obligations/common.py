"""What the APV checks share: the current APV, dates as the reasons write them, the state of work
missing from an APV and the form that fixes it."""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Iterator, Sequence

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from apv.models import APV
from apv.obligations.loaders import apvs_by_amg
from forkant.models import AMG
from forkant.obligations import Finding, Rule, State, load, rule


def _day(day: datetime.date) -> str:
    return date_format(day, "j. F Y")


def _apvs(amg: AMG, today: datetime.date) -> list[APV]:
    return load(apvs_by_amg, amg, today) or []


def _url(name: str, *args: object) -> str:
    return reverse(name, args=list(args))


def _pending(apv: APV) -> State:
    """Work missing from an APV: due soon while it is under way, missing once it is closed."""
    return State.MISSING if apv.is_closed else State.DUE_SOON


def _fix(apv: APV, name: str, *args: object, anchor: str = "") -> str:
    """The form that fixes the APV's content, or, for a closed APV, starting its revision."""
    if apv.is_closed:
        return _url("apv_new", apv.amg_id) + f"?revision={apv.pk}"
    return _url(name, apv.amg_id, *args) + anchor


def _no_apv(rule_key: str, amg: AMG) -> Finding:
    return Finding(
        rule(rule_key),
        State.MISSING,
        _("Der er ingen APV endnu."),
        _url("apv_new", amg.pk),
        subject=_("APV"),
        ref="no-apv",
    )


def _listed(items: Sequence[str]) -> str:
    return ", ".join(items)


Check = Callable[[AMG, datetime.date], Iterator[Finding]]


def on_the_current_apv(
    rule_key: str,
) -> Callable[[Callable[[AMG, datetime.date, Rule, APV], Iterator[Finding]]], Check]:
    """A check of the newest APV, given its rule and that APV; with no APV yet, its one finding
    is that there is none."""

    def decorate(check: Callable[[AMG, datetime.date, Rule, APV], Iterator[Finding]]) -> Check:
        @functools.wraps(check)
        def run(amg: AMG, today: datetime.date) -> Iterator[Finding]:
            apvs = _apvs(amg, today)
            if not apvs:
                yield _no_apv(rule_key, amg)
                return
            yield from check(amg, today, rule(rule_key), apvs[0])

        return run

    return decorate
