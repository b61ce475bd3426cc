"""Points 5 and 6: the handlingsplan (every problem with actions that have a responsible, a
deadline and a follow-up date, deadlines kept), the permanent risks, and follow-ups on time."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from apv.models import APV
from apv.obligations.common import _day, _fix, _pending, _url, on_the_current_apv
from apv.obligations.loaders import (
    follow_ups_by_amg,
    previous_permanent_by_amg,
    problems_by_amg,
)
from forkant.models import AMG
from forkant.obligations import Finding, Rule, State, load, rule
from handleplan.models import Action, Status


@on_the_current_apv("action-plan")
def action_plan(amg: AMG, today: datetime.date, the_rule: Rule, current: APV) -> Iterator[Finding]:
    problems = load(problems_by_amg, amg, today) or []
    if not problems:
        yield Finding(
            the_rule,
            State.OK if current.no_problems_found else _pending(current),
            _("Kortlægningen fandt ingen problemer, så der er ingen handlingsplan at lægge.")
            if current.no_problems_found
            else _("Handlingsplanen for %(apv)s er tom: ingen problemer er analyseret endnu.")
            % {"apv": current.title},
            _url("part_handlingsplan", amg.pk, current.pk),
            subject=current.title,
            ref=f"plan:{current.pk}",
        )
        return
    actions: dict[int, Action] = {}
    for problem in problems:
        linked = list(problem.actions.all())
        if not linked and not problem.permanent:
            yield Finding(
                the_rule,
                _pending(current),
                _("Problemet “%(title)s” har ingen handling i handlingsplanen.")
                % {"title": problem.title},
                _fix(current, "problem_to_actions", problem.pk),
                subject=problem.title,
                ref=f"problem:{problem.pk}",
            )
        for action in linked:
            actions.setdefault(action.pk, action)
    complete = 0
    for action in actions.values():
        fix = _url("action_edit", amg.pk, action.pk)
        missing = []
        if action.responsible_id is None:
            missing.append(_("en ansvarlig"))
        if action.deadline is None:
            missing.append(_("en frist"))
        if action.follow_up_on is None:
            missing.append(_("en opfølgningsdato"))
        if missing:
            yield Finding(
                the_rule,
                State.MISSING,
                _("Handlingen “%(title)s” mangler %(what)s.")
                % {"title": action.title, "what": ", ".join(missing)},
                fix,
                subject=action.title,
                ref=f"action:{action.pk}",
            )
        overdue = (
            action.deadline is not None
            and action.deadline < today
            and action.status in Status.unfinished()
        )
        if overdue:
            yield Finding(
                the_rule,
                State.OVERDUE,
                _("Fristen for “%(title)s” var %(date)s, og handlingen står i “%(status)s”.")
                % {
                    "title": action.title,
                    "date": _day(action.deadline),  # type: ignore[arg-type]
                    "status": action.get_status_display(),
                },
                fix,
                subject=action.title,
                due=action.deadline,
                ref=f"deadline:{action.pk}",
            )
        if not missing and not overdue:
            complete += 1
    if complete:
        yield Finding(
            the_rule,
            State.OK,
            ngettext(
                "%(n)s handling i handlingsplanen har ansvarlig, frist og opfølgningsdato.",
                "%(n)s handlinger i handlingsplanen har ansvarlig, frist og opfølgningsdato.",
                complete,
            )
            % {"n": complete},
            _url("part_handlingsplan", amg.pk, current.pk),
            subject=current.title,
            ref=f"plan:{current.pk}",
        )


@on_the_current_apv("permanent-risks")
def permanent_risks(
    amg: AMG, today: datetime.date, the_rule: Rule, current: APV
) -> Iterator[Finding]:
    permanent = [p for p in load(problems_by_amg, amg, today) or [] if p.permanent]
    earlier = load(previous_permanent_by_amg, amg, today) or []
    kept = {p.title.casefold() for p in permanent}
    for old in earlier:
        if old.title.casefold() not in kept:
            yield Finding(
                the_rule,
                _pending(current),
                _("Den permanente risiko “%(title)s” fra %(old)s er ikke ført med i %(apv)s.")
                % {"title": old.title, "old": old.apv.title, "apv": current.title},
                _fix(current, "problem_new", current.pk),
                subject=old.title,
                ref=f"carried:{current.pk}:{old.pk}",
            )
    prevented = []
    for problem in permanent:
        if problem.actions.all():
            prevented.append(problem.title)
            continue
        yield Finding(
            the_rule,
            _pending(current),
            _("Den permanente risiko “%(title)s” har ingen fast forebyggelse i handlingsplanen.")
            % {"title": problem.title},
            _fix(current, "problem_to_actions", problem.pk),
            subject=problem.title,
            ref=f"problem:{problem.pk}",
        )
    if prevented:
        yield Finding(
            the_rule,
            State.OK,
            _("Permanente risici med forebyggelse i handlingsplanen: %(titles)s.")
            % {"titles": ", ".join(f"“{t}”" for t in prevented)},
            _url("part_analyse", amg.pk, current.pk) + "#permanent-title",
            subject=current.title,
            ref=f"permanent:{current.pk}",
        )
    elif not permanent and not earlier:
        yield Finding(
            the_rule,
            State.OK,
            _("Ingen permanente risici er registreret i %(apv)s.") % {"apv": current.title},
            _url("part_analyse", amg.pk, current.pk) + "#permanent-title",
            subject=current.title,
            ref=f"permanent:{current.pk}",
        )


def follow_up(amg: AMG, today: datetime.date) -> Iterator[Finding]:
    """An action's follow-up is done when the action is closed or has an evaluation dated on or
    after its follow-up date; until then it is due soon within the rule's days and overdue after
    the date."""
    the_rule = rule("follow-up")
    warn = datetime.timedelta(days=the_rule.parameters["warn_days"])
    in_order = 0
    for action in load(follow_ups_by_amg, amg, today) or []:
        day = action.follow_up_on
        evaluated = action.last_evaluated
        if (evaluated and evaluated >= day) or day > today + warn:
            in_order += 1
            continue
        values = {"title": action.title, "date": _day(day)}
        if day < today:
            state = State.OVERDUE
            reason = _("Opfølgningen på “%(title)s” skulle have været %(date)s.") % values
        else:
            state = State.DUE_SOON
            reason = _("Opfølgningen på “%(title)s” er %(date)s.") % values
        if action.follow_up_who:
            reason += " " + _("Hvem følger op: %(who)s.") % {"who": action.follow_up_who}
        yield Finding(
            the_rule,
            state,
            reason,
            _url("evaluation_new", amg.pk, action.pk),
            subject=action.title,
            due=day,
            ref=f"follow-up:{action.pk}:{day.isoformat()}",
        )
    if in_order or not load(follow_ups_by_amg, amg, today):
        yield Finding(
            the_rule,
            State.OK,
            ngettext(
                "%(n)s opfølgning er gjort eller ligger mere end %(days)s dage ude.",
                "%(n)s opfølgninger er gjort eller ligger mere end %(days)s dage ude.",
                in_order,
            )
            % {"n": in_order, "days": the_rule.parameters["warn_days"]}
            if in_order
            else _("Ingen opfølgninger venter."),
            _url("board", amg.pk),
            subject=_("Opfølgning"),
            ref="follow-ups",
        )
