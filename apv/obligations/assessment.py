"""Points 2, 3, 4, 8 and 13: the APV's areas and changes, the problems' risk assessment and the
psychosocial risk factors, sickness absence, the "no problems found" statement, and the APV
available to the employees."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from apv import catalogue
from apv.models import APV, FactorAssessment
from apv.obligations.common import (
    _apvs,
    _day,
    _fix,
    _listed,
    _pending,
    _url,
    on_the_current_apv,
)
from apv.obligations.loaders import (
    absence_counts,
    areas_by_amg,
    factors_by_amg,
    problems_by_amg,
)
from forkant.models import AMG
from forkant.obligations import Finding, Rule, State, load, rule

# Point 2: the 3-year rule and changes ----------------------------------------------------------


def apv_revision(amg: AMG, today: datetime.date) -> Iterator[Finding]:
    the_rule = rule("apv-revision")
    areas = load(areas_by_amg, amg, today) or []
    if not areas:
        yield Finding(
            the_rule,
            State.MISSING,
            _("Der er ingen områder endnu: skriv de enheder, lokaler og teams, APV’en dækker."),
            _url("apv_areas", amg.pk),
            subject=_("Områder"),
            ref="no-areas",
        )
        return
    open_apvs = [a for a in _apvs(amg, today) if not a.is_closed]
    in_order = []
    for info in areas:
        area = info.area
        state = area.assessment_state(today)
        if state == "ok":
            in_order.append(area)
            continue
        covering = next((a for a in open_apvs if area.pk in a.area_ids), None)
        fix = _url("apv_detail", amg.pk, covering.pk) if covering else _url("apv_new", amg.pk)
        under_way = (" " + _("%(apv)s er i gang.") % {"apv": covering.title}) if covering else ""
        if state == "never":
            found, reason = State.MISSING, _("%(area)s er aldrig vurderet.") % {"area": area.name}
        elif state == "overdue":
            found = State.OVERDUE
            reason = _("%(area)s blev sidst vurderet %(last)s; fristen var %(due)s.") % {
                "area": area.name,
                "last": _day(area.last_assessed),  # type: ignore[arg-type]
                "due": _day(area.due),  # type: ignore[arg-type]
            }
        else:
            found = State.DUE_SOON
            reason = _("%(area)s skal vurderes igen senest %(due)s (sidst %(last)s).") % {
                "area": area.name,
                "last": _day(area.last_assessed),  # type: ignore[arg-type]
                "due": _day(area.due),  # type: ignore[arg-type]
            }
        yield Finding(
            the_rule, found, reason + under_way, fix, area.name, area.due, f"area:{area.pk}"
        )
    if in_order:
        nearest = min(in_order, key=lambda a: a.due)  # type: ignore[arg-type,return-value]
        yield Finding(
            the_rule,
            State.OK,
            ngettext(
                "%(n)s område er vurderet inden for %(years)s år; næste frist %(due)s (%(area)s).",
                "%(n)s områder er vurderet inden for %(years)s år; næste frist %(due)s (%(area)s).",
                len(in_order),
            )
            % {
                "n": len(in_order),
                "years": the_rule.parameters["years"],
                "due": _day(nearest.due),  # type: ignore[arg-type]
                "area": nearest.name,
            },
            _url("apv_areas", amg.pk),
            subject=_("Områder"),
            ref="areas",
        )


def apv_changes(amg: AMG, today: datetime.date) -> Iterator[Finding]:
    the_rule = rule("apv-changes")
    areas = load(areas_by_amg, amg, today) or []
    apvs = _apvs(amg, today)
    open_apvs = [a for a in apvs if not a.is_closed]
    flagged = [info for info in areas if info.change is not None]
    for info in flagged:
        change, area = info.change, info.area
        if change is None:
            continue
        covering = next((a for a in open_apvs if area.pk in a.area_ids), None)
        values = {"change": change.description, "date": _day(change.date), "area": area.name}
        if covering:
            values["apv"] = covering.title
            found = State.DUE_SOON
            reason = _(
                "Ændringen “%(change)s” (%(date)s) berører %(area)s; revisionen er i gang i "
                "%(apv)s."
            )
            fix = _url("apv_detail", amg.pk, covering.pk)
        else:
            found = State.MISSING
            reason = _(
                "Ændringen “%(change)s” (%(date)s) berører %(area)s, og ingen APV er i gang for "
                "området."
            )
            fix = _url("apv_new", amg.pk) + (f"?revision={apvs[0].pk}" if apvs else "")
        yield Finding(
            the_rule, found, reason % values, fix, area.name, None, f"change:{change.pk}:{area.pk}"
        )
    if not flagged:
        yield Finding(
            the_rule,
            State.OK,
            _("Ingen ændringer siden områdernes seneste vurdering."),
            _url("apv_areas", amg.pk),
            subject=_("Ændringer"),
            ref="changes",
        )


# Point 3: risk assessment and the psychosocial risk factors --------------------------------


@on_the_current_apv("risk-assessment")
def risk_assessment(
    amg: AMG, today: datetime.date, the_rule: Rule, current: APV
) -> Iterator[Finding]:
    problems = load(problems_by_amg, amg, today) or []
    if not problems:
        if current.no_problems_found:
            yield Finding(
                the_rule,
                State.OK,
                _("Kortlægningen i %(apv)s fandt ingen problemer (registreret %(date)s).")
                % {"apv": current.title, "date": _day(current.no_problems_on)},  # type: ignore[arg-type]
                _url("part_analyse", amg.pk, current.pk),
                subject=current.title,
                ref=f"apv:{current.pk}",
            )
        else:
            yield Finding(
                the_rule,
                _pending(current),
                _("Ingen problemer er analyseret i %(apv)s endnu.") % {"apv": current.title},
                _fix(current, "part_analyse", current.pk),
                subject=current.title,
                ref=f"apv:{current.pk}",
            )
        return
    complete = 0
    for problem in problems:
        missing = []
        if not problem.cause.strip():
            missing.append(_("årsag"))
        if not problem.affected.strip():
            missing.append(_("hvem det rammer"))
        if not missing:
            complete += 1
            continue
        yield Finding(
            the_rule,
            _pending(current),
            _("Problemet “%(title)s” mangler %(what)s.")
            % {"title": problem.title, "what": _(" og ").join(missing)},
            _fix(current, "problem_edit", problem.pk),
            subject=problem.title,
            ref=f"problem:{problem.pk}",
        )
    if complete:
        yield Finding(
            the_rule,
            State.OK,
            ngettext(
                "%(n)s problem i %(apv)s har sandsynlighed, konsekvens, årsag og hvem det rammer.",
                "%(n)s problemer i %(apv)s har sandsynlighed, konsekvens, årsag og hvem det "
                "rammer.",
                complete,
            )
            % {"n": complete, "apv": current.title},
            _url("part_analyse", amg.pk, current.pk),
            subject=current.title,
            ref=f"apv:{current.pk}",
        )


@on_the_current_apv("psychosocial-factors")
def psychosocial_factors(
    amg: AMG, today: datetime.date, the_rule: Rule, current: APV
) -> Iterator[Finding]:
    assessed = load(factors_by_amg, amg, today) or {}
    codes = list(the_rule.parameters["factors"])
    missing = [code for code in codes if code not in assessed]
    form = _fix(current, "part_analyse", current.pk, anchor="#risikofaktorer")
    if missing:
        yield Finding(
            the_rule,
            _pending(current),
            _("%(n)s af %(total)s risikofaktorer er ikke vurderet i %(apv)s: %(factors)s.")
            % {
                "n": len(missing),
                "total": len(codes),
                "apv": current.title,
                "factors": _listed([catalogue.label(catalogue.RISK_FACTORS, c) for c in missing]),
            },
            form,
            subject=current.title,
            ref=f"factors:{current.pk}",
        )
    in_problems = {code for p in load(problems_by_amg, amg, today) or [] for code in p.risk_factors}
    for code in codes:
        item = assessed.get(code)
        if item and item.verdict == FactorAssessment.Verdict.FOUND and code not in in_problems:
            yield Finding(
                the_rule,
                _pending(current),
                _(
                    "“%(factor)s” er vurderet som fundet, men intet problem i %(apv)s er knyttet "
                    "til den."
                )
                % {"factor": item.get_factor_display(), "apv": current.title},
                _fix(current, "problem_new", current.pk),
                subject=str(item.get_factor_display()),
                ref=f"factor:{current.pk}:{code}",
            )
    if not missing:
        verdicts = [assessed[c].verdict for c in codes]
        yield Finding(
            the_rule,
            State.OK,
            _(
                "Alle %(total)s er vurderet i %(apv)s: %(found)s fundet, %(not_found)s ikke "
                "fundet, %(not_relevant)s ikke relevant."
            )
            % {
                "total": len(codes),
                "apv": current.title,
                "found": verdicts.count(FactorAssessment.Verdict.FOUND),
                "not_found": verdicts.count(FactorAssessment.Verdict.NOT_FOUND),
                "not_relevant": verdicts.count(FactorAssessment.Verdict.NOT_RELEVANT),
            },
            _url("part_analyse", amg.pk, current.pk) + "#risikofaktorer",
            subject=current.title,
            ref=f"factors:{current.pk}",
        )


# Point 4: sickness absence -----------------------------------------------------------------


@on_the_current_apv("absence-included")
def absence_included(
    amg: AMG, today: datetime.date, the_rule: Rule, current: APV
) -> Iterator[Finding]:
    figures = load(absence_counts, amg, today) or 0
    missing = []
    if not figures:
        missing.append(_("ingen sygefraværstal"))
    if not current.absence_contributes:
        missing.append(_("gruppens vurdering af, om arbejdsforholdene bidrager, mangler"))
    if missing:
        yield Finding(
            the_rule,
            _pending(current),
            _("%(apv)s: %(what)s.") % {"apv": current.title, "what": "; ".join(missing)},
            _fix(current, "part_sygefravaer", current.pk),
            subject=current.title,
            ref=f"absence:{current.pk}",
        )
        return
    yield Finding(
        the_rule,
        State.OK,
        ngettext(
            "%(apv)s har %(n)s tal for enheder og perioder; bidrager arbejdsforholdene: "
            "%(verdict)s.",
            "%(apv)s har %(n)s tal for enheder og perioder; bidrager arbejdsforholdene: "
            "%(verdict)s.",
            figures,
        )
        % {
            "apv": current.title,
            "n": figures,
            "verdict": str(current.get_absence_contributes_display()).lower(),
        },
        _url("part_sygefravaer", amg.pk, current.pk),
        subject=current.title,
        ref=f"absence:{current.pk}",
    )


# Point 8: the "no problems found" statement ---------------------------------------------------


@on_the_current_apv("no-problems-statement")
def no_problems_statement(
    amg: AMG, today: datetime.date, the_rule: Rule, current: APV
) -> Iterator[Finding]:
    problems = load(problems_by_amg, amg, today) or []
    if problems:
        reason = ngettext(
            "Kortlægningen i %(apv)s fandt %(n)s problem; der skal ingen erklæring til.",
            "Kortlægningen i %(apv)s fandt %(n)s problemer; der skal ingen erklæring til.",
            len(problems),
        ) % {"apv": current.title, "n": len(problems)}
        found, fix = State.OK, _url("part_analyse", amg.pk, current.pk)
    elif current.no_problems_found:
        reason = _("Registreret: kortlægningen %(date)s med %(who)s fandt ingen problemer.") % {
            "date": _day(current.no_problems_on),
            "who": current.no_problems_with,
        }  # type: ignore[arg-type]
        found, fix = State.OK, _url("part_kortlaegning", amg.pk, current.pk)
    else:
        reason = _(
            "%(apv)s har hverken problemer eller en registrering af, at kortlægningen ikke "
            "fandt nogen."
        ) % {"apv": current.title}
        found = _pending(current)
        fix = _fix(current, "part_kortlaegning", current.pk, anchor="#ingen-problemer")
    yield Finding(the_rule, found, reason, fix, subject=current.title, ref=f"apv:{current.pk}")


# Point 13: the APV available to the employees -------------------------------------------------


@on_the_current_apv("apv-available")
def apv_available(
    amg: AMG, today: datetime.date, the_rule: Rule, current: APV
) -> Iterator[Finding]:
    fix = _url("apv_availability", amg.pk, current.pk)
    if current.is_available:
        yield Finding(
            the_rule,
            State.OK,
            _("%(apv)s er tilgængelig for de ansatte siden %(date)s: %(how)s")
            % {
                "apv": current.title,
                "date": _day(current.made_available_on),  # type: ignore[arg-type]
                "how": current.made_available_how,
            },
            fix,
            subject=current.title,
            ref=f"available:{current.pk}",
        )
        return
    yield Finding(
        the_rule,
        _pending(current),
        _("Der står ikke, hvor og siden hvornår de ansatte kan læse %(apv)s.")
        % {"apv": current.title},
        fix,
        subject=current.title,
        ref=f"available:{current.pk}",
    )
