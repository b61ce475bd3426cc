"""Point 10 in the engine of obligations (`forkant.obligations`): the mandatory
arbejdsmiljøuddannelse within 3 months of taking office, and the supplementary training offered
every service year. The rules themselves are `training_status` (one computation: the members
page, the dashboard, the overview and the reminders read the same). Registered in
`MetoderConfig.ready()`."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterator, Sequence

from django.urls import reverse
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from forkant.models import AMG, Membership
from forkant.obligations import Finding, State, load, rule
from metoder.training.models import TRAINING_ROLES, TrainingStatus
from metoder.training.queries import statuses


def _day(day: datetime.date) -> str:
    return date_format(day, "j. F Y")


def _days(value: object) -> str:
    return number_format(value, decimal_pos=1).removesuffix(",0").removesuffix(".0")


def obliged_by_amg(
    amg_ids: Sequence[int], today: datetime.date
) -> dict[int, list[tuple[Membership, TrainingStatus]]]:
    """Every leder and AMR with their training state: two queries."""
    members = list(
        Membership.objects.filter(amg_id__in=amg_ids, role__in=TRAINING_ROLES)
        .select_related("user")
        .order_by("role", "user__first_name", "pk")
    )
    found: dict[int, list[tuple[Membership, TrainingStatus]]] = defaultdict(list)
    states = statuses(members, today=today)
    for member in members:
        found[member.amg_id].append((member, states[member.pk]))
    return found


def _who(member: Membership) -> str:
    return f"{member.display_name} ({member.get_role_display().lower()})"


def mandatory_training(amg: AMG, today: datetime.date) -> Iterator[Finding]:
    the_rule = rule("mandatory-training")
    done = []
    for member, status in load(obliged_by_amg, amg, today) or []:
        fix = reverse("training_member", args=[amg.pk, member.pk])
        values = {"who": _who(member)}
        if status.mandatory_state == "done":
            done.append(member.display_name)
            continue
        if status.mandatory_state == "unknown":
            yield Finding(
                the_rule,
                State.MISSING,
                _("Tiltrædelsesdatoen for %(who)s mangler, så fristen kan ikke beregnes.") % values,
                fix,
                subject=member.display_name,
                ref=f"took-office:{member.pk}",
            )
            continue
        values["due"] = _day(status.mandatory_due)  # type: ignore[arg-type]
        if status.mandatory_state == "overdue":
            state = State.OVERDUE
            reason = _(
                "%(who)s skulle have haft den obligatoriske arbejdsmiljøuddannelse senest %(due)s."
            )
        else:
            state = State.DUE_SOON
            reason = _("%(who)s skal have den obligatoriske arbejdsmiljøuddannelse senest %(due)s.")
        planned = ""
        if status.mandatory_planned_on:
            planned = " " + _("Planlagt %(date)s.") % {"date": _day(status.mandatory_planned_on)}
        yield Finding(
            the_rule,
            state,
            reason % values + planned,
            fix,
            subject=member.display_name,
            due=status.mandatory_due,
            ref=f"mandatory:{member.pk}",
        )
    if done:
        yield Finding(
            the_rule,
            State.OK,
            _("Har den obligatoriske arbejdsmiljøuddannelse: %(names)s.")
            % {"names": ", ".join(done)},
            reverse("member_list", args=[amg.pk]) + "#uddannelse",
            subject=_("Obligatorisk uddannelse"),
            ref="mandatory",
        )
    elif not load(obliged_by_amg, amg, today):
        yield Finding(
            the_rule,
            State.OK,
            _("Gruppen har ingen leder eller arbejdsmiljørepræsentant, som reglerne gælder for."),
            reverse("member_list", args=[amg.pk]),
            subject=_("Obligatorisk uddannelse"),
            ref="mandatory",
        )


def supplementary_training(amg: AMG, today: datetime.date) -> Iterator[Finding]:
    the_rule = rule("supplementary-training")
    in_order = []
    for member, status in load(obliged_by_amg, amg, today) or []:
        fix = reverse("training_member", args=[amg.pk, member.pk])
        state = status.supplementary_state
        if state == "overdue" and status.previous_year:
            year = status.previous_year
            yield Finding(
                the_rule,
                State.OVERDUE,
                _(
                    "%(who)s fik tilbudt %(offered)s af %(required)s dages supplerende uddannelse "
                    "i funktionsåret, der sluttede %(end)s."
                )
                % {
                    "who": _who(member),
                    "offered": _days(year.offered),
                    "required": _days(year.required),
                    "end": _day(year.end),
                },
                fix,
                subject=member.display_name,
                due=year.end,
                ref=f"supplementary:{member.pk}:{year.end}",
            )
        elif state == "due" and status.year:
            year = status.year
            yield Finding(
                the_rule,
                State.DUE_SOON,
                _(
                    "%(who)s mangler at få tilbudt %(missing)s dages supplerende uddannelse inden "
                    "%(end)s."
                )
                % {"who": _who(member), "missing": _days(year.missing), "end": _day(year.end)},
                fix,
                subject=member.display_name,
                due=year.end,
                ref=f"supplementary:{member.pk}:{year.end}",
            )
        elif state == "ok":
            in_order.append(member.display_name)
        # "unknown" (no date of taking office) is the mandatory rule's finding already.
    if in_order or not load(obliged_by_amg, amg, today):
        yield Finding(
            the_rule,
            State.OK,
            _("Supplerende uddannelse tilbudt som krævet: %(names)s.")
            % {"names": ", ".join(in_order)}
            if in_order
            else _(
                "Gruppen har ingen leder eller arbejdsmiljørepræsentant, som reglerne gælder for."
            ),
            reverse("member_list", args=[amg.pk]) + "#uddannelse",
            subject=_("Supplerende uddannelse"),
            ref="supplementary",
        )
