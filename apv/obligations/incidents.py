"""Points 11 and 12: incidents with absence reported in EASY within the deadline, and written
guidelines on violence and threats where the work involves them."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from apv.models import FactorAssessment, Incident
from apv.obligations.common import _apvs, _day, _url
from apv.obligations.loaders import factors_by_amg, incidents_by_amg, violence_by_amg
from forkant.models import AMG
from forkant.obligations import Finding, State, load, rule


def easy_report(amg: AMG, today: datetime.date) -> Iterator[Finding]:
    """Reported on time is in order; reported late is in order too (nothing left to do), and
    says so; not reported is due soon until the deadline and overdue the day after."""
    the_rule = rule("easy-report")
    with_absence = [i for i in load(incidents_by_amg, amg, today) or [] if i.absence_from]
    on_time = 0
    for incident in with_absence:
        deadline = incident.easy_deadline
        if deadline is None:
            continue
        values = {
            "what": incident.get_kind_display(),
            "date": _day(incident.date),
            "absence": _day(incident.absence_from),  # type: ignore[arg-type]
            "deadline": _day(deadline),
        }
        fix = _url("incident_edit", amg.pk, incident.pk)
        subject = f"{incident.get_kind_display()} {_day(incident.date)}"
        if incident.reported_easy:
            reported = incident.reported_on
            if reported and reported > deadline:
                values.update(reported=_day(reported), late=(reported - deadline).days)
                yield Finding(
                    the_rule,
                    State.OK,
                    ngettext(
                        "%(what)s %(date)s blev anmeldt i EASY %(reported)s, %(late)s dag "
                        "efter fristen %(deadline)s.",
                        "%(what)s %(date)s blev anmeldt i EASY %(reported)s, %(late)s dage "
                        "efter fristen %(deadline)s.",
                        values["late"],  # type: ignore[arg-type]
                    )
                    % values,
                    fix,
                    subject=subject,
                    due=deadline,
                    ref=f"incident:{incident.pk}",
                )
            else:
                on_time += 1
            continue
        if incident.easy_overdue(today):  # the incident list's own rule
            state = State.OVERDUE
            reason = _(
                "%(what)s %(date)s med fravær fra %(absence)s er ikke anmeldt i EASY; fristen "
                "var %(deadline)s."
            )
        else:
            state = State.DUE_SOON
            reason = _(
                "%(what)s %(date)s med fravær fra %(absence)s skal anmeldes i EASY senest "
                "%(deadline)s."
            )
        yield Finding(
            the_rule,
            state,
            reason % values,
            fix,
            subject=subject,
            due=deadline,
            ref=f"incident:{incident.pk}",
        )
    if on_time or not with_absence:
        yield Finding(
            the_rule,
            State.OK,
            ngettext(
                "%(n)s hændelse med fravær er anmeldt i EASY inden fristen.",
                "%(n)s hændelser med fravær er anmeldt i EASY inden fristen.",
                on_time,
            )
            % {"n": on_time}
            if on_time
            else _("Ingen hændelser med fravær er registreret."),
            _url("incident_list", amg.pk),
            subject=_("Hændelser"),
            ref="incidents",
        )


def violence_guideline(amg: AMG, today: datetime.date) -> Iterator[Finding]:
    """The work involves violence when the current APV found the factor, the register holds
    violence or threats, or there is a risk assessment of violence. Guidelines, once written,
    are reviewed every `review_months`, whatever the signs."""
    the_rule = rule("violence-guideline")
    signs = load(violence_by_amg, amg, today)
    guidelines = signs.guidelines if signs else []
    factor = (load(factors_by_amg, amg, today) or {}).get("vold") if _apvs(amg, today) else None
    violent = [
        i
        for i in load(incidents_by_amg, amg, today) or []
        if i.kind in (Incident.Kind.VOLD, Incident.Kind.TRUSLER)
    ]
    reasons = []
    if factor and factor.verdict == FactorAssessment.Verdict.FOUND:
        reasons.append(_("APV’en har fundet vold og trusler"))
    if violent:
        reasons.append(
            ngettext(
                "%(n)s hændelse med vold eller trusler",
                "%(n)s hændelser med vold eller trusler",
                len(violent),
            )
            % {"n": len(violent)}
        )
    if signs and signs.risk_assessments:
        reasons.append(_("en risikovurdering af vold og trusler"))
    if guidelines:
        guideline = guidelines[0]
        due = guideline.review_due
        values = {
            "title": guideline.title,
            "last": _day(guideline.last_reviewed),
            "due": _day(due),
            "by": guideline.agreed_by,
            "agreed": _day(guideline.agreed_on),
        }
        warn = datetime.timedelta(days=the_rule.parameters["warn_days"])
        if due < today:
            state = State.OVERDUE
            reason = _(
                "“%(title)s” blev sidst gennemgået %(last)s og skulle gennemgås igen senest "
                "%(due)s."
            )
        elif due <= today + warn:
            state = State.DUE_SOON
            reason = _("“%(title)s” skal gennemgås igen senest %(due)s (sidst %(last)s).")
        else:
            state = State.OK
            reason = _(
                "“%(title)s”, aftalt af %(by)s %(agreed)s, sidst gennemgået %(last)s; næste "
                "gennemgang senest %(due)s."
            )
        yield Finding(
            the_rule,
            state,
            reason % values,
            _url("guideline_edit", amg.pk, guideline.pk),
            subject=guideline.title,
            due=due,
            ref=f"guideline:{guideline.pk}:{due.isoformat()}",
        )
        return
    if reasons:
        yield Finding(
            the_rule,
            State.MISSING,
            _(
                "Arbejdet indebærer vold og trusler (%(signs)s), men der er ingen skriftlige "
                "retningslinjer."
            )
            % {"signs": "; ".join(reasons)},
            _url("guideline_new", amg.pk),
            subject=_("Retningslinjer"),
            ref="guideline",
        )
    elif factor:
        yield Finding(
            the_rule,
            State.OK,
            _(
                "Ikke relevant: APV’en vurderer, at arbejdet ikke indebærer vold og trusler "
                "(%(why)s)."
            )
            % {"why": factor.why},
            _url("guideline_list", amg.pk),
            subject=_("Retningslinjer"),
            ref="guideline",
        )
    else:
        yield Finding(
            the_rule,
            State.OK,
            _(
                "Ingen tegn på vold og trusler er registreret; risikofaktoren er ikke vurderet i "
                "APV’en endnu."
            ),
            _url("guideline_list", amg.pk),
            subject=_("Retningslinjer"),
            ref="guideline",
        )
