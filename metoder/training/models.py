"""The training record of the arbejdsmiljøorganisation's members.

The Danish rules (bekendtgørelse om samarbejde om sikkerhed og sundhed / arbejdsmiljøuddannelse):

- the **leder** and the **arbejdsmiljørepræsentant** in the arbejdsmiljøorganisation must take the
  mandatory *arbejdsmiljøuddannelse* (3 days) within **3 months** of taking office;
- the employer must **offer** them *supplerende uddannelse*: **2 days in the first year** and then
  **1½ days a year**.

So the record applies to the roles Leder and Arbejdsmiljørepræsentant (`TRAINING_ROLES`);
a tillidsrepræsentant or an "andet medlem" is not one of the arbejdsmiljøorganisation's members by
the rules: their courses can be recorded, but nothing is ever due for them.

The years are the member's *service years*, counted from the day they took office
(`Membership.took_office`): someone who took office on 15 September has their first year until
14 September the next year, whatever the calendar year. A course counts in the service year of
the day it was offered (or, if only the day it was taken is known, that day); half days are
allowed. The supplementary training is *due* when the current year ends within `WARN_DAYS` and
fewer days than required have been offered; it is *overdue* when the last completed year fell
short (until that year is one year behind). Everything here is a pure function of the rows and
`today`, so the rules are unit-tested without a database.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from forkant.lib.dates import add_months
from forkant.models import AMG, Membership, Role
from forkant.obligations import parameter

__all__ = [
    "TRAINING_ROLES",
    "CourseKind",
    "ServiceYear",
    "TrainingCourse",
    "TrainingStatus",
    "add_months",
    "training_status",
]

TRAINING_ROLES = frozenset({Role.LEDER, Role.AMR})
# The numbers are the rules' data (forkant/obligations/data.py), read once at start-up.
MANDATORY_MONTHS = int(parameter("mandatory-training", "months"))
MANDATORY_DAYS = Decimal(str(parameter("mandatory-training", "days")))
FIRST_YEAR_DAYS = Decimal(str(parameter("supplementary-training", "first_year_days")))
LATER_YEAR_DAYS = Decimal(str(parameter("supplementary-training", "later_year_days")))
# Warn this many days before a service year ends without its supplementary training offered.
WARN_DAYS = int(parameter("supplementary-training", "warn_days"))


class CourseKind(models.TextChoices):
    MANDATORY = "obligatorisk", _("Den obligatoriske arbejdsmiljøuddannelse")
    SUPPLEMENTARY = "supplerende", _("Supplerende uddannelse")


class TrainingCourse(models.Model):
    """One course a member was offered and/or took."""

    amg = models.ForeignKey(AMG, on_delete=models.CASCADE, related_name="training_courses")
    membership = models.ForeignKey(
        Membership,
        on_delete=models.CASCADE,
        related_name="training_courses",
        verbose_name=_("medlem"),
    )
    kind = models.CharField(_("slags"), max_length=12, choices=CourseKind.choices)
    title = models.CharField(_("kursus"), max_length=200)
    days = models.DecimalField(
        _("dage"),
        max_digits=3,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("30"))],
        help_text=_("Halve dage er tilladt, fx 1,5."),
    )
    offered_on = models.DateField(_("tilbudt den"), null=True, blank=True)
    taken_on = models.DateField(_("taget den"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kursus")
        verbose_name_plural = _("kurser")
        ordering = ["membership", "kind", "offered_on", "taken_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(offered_on__isnull=False) | models.Q(taken_on__isnull=False),
                name="training_course_has_a_date",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def counts_on(self) -> datetime.date:
        """The day the course counts on: when it was offered, else when it was taken."""
        return self.offered_on or self.taken_on  # type: ignore[return-value]


@dataclass(frozen=True)
class ServiceYear:
    number: int  # 1 = the first year after taking office
    start: datetime.date
    end: datetime.date  # the last day of the year (inclusive)
    required: Decimal
    offered: Decimal
    taken: Decimal

    @property
    def missing(self) -> Decimal:
        return max(Decimal(0), self.required - self.offered)

    @property
    def met(self) -> bool:
        return self.offered >= self.required


@dataclass(frozen=True)
class TrainingStatus:
    applies: bool
    took_office: datetime.date | None
    mandatory_taken_on: datetime.date | None
    mandatory_planned_on: datetime.date | None
    mandatory_due: datetime.date | None
    # "done", "due", "overdue", "unknown" (no date of taking office) or "none" (not required)
    mandatory_state: str
    year: ServiceYear | None
    previous_year: ServiceYear | None
    # "ok", "due", "overdue", "unknown" or "none"
    supplementary_state: str

    @property
    def state(self) -> str:
        """The worst of the two: "overdue", "due", "unknown", "ok" or "none"."""
        states = {self.mandatory_state, self.supplementary_state}
        for state in ("overdue", "due", "unknown"):
            if state in states:
                return state
        return "ok" if self.applies else "none"

    @property
    def needs_attention(self) -> bool:
        """Counted as "uddannelse forfalder/overskredet" (dashboard, overview, reminders)."""
        return self.state in {"overdue", "due", "unknown"}

    @property
    def supplementary_due(self) -> datetime.date | None:
        if self.supplementary_state == "due" and self.year:
            return self.year.end
        if self.supplementary_state == "overdue" and self.previous_year:
            return self.previous_year.end
        return None


def _sum_days(courses: Iterable[TrainingCourse]) -> Decimal:
    return sum((c.days for c in courses), Decimal(0))


def _service_year(
    took_office: datetime.date, number: int, courses: list[TrainingCourse], today: datetime.date
) -> ServiceYear:
    start = add_months(took_office, 12 * (number - 1))
    end = add_months(took_office, 12 * number) - datetime.timedelta(days=1)
    inside = [c for c in courses if start <= c.counts_on <= end]
    return ServiceYear(
        number=number,
        start=start,
        end=end,
        required=FIRST_YEAR_DAYS if number == 1 else LATER_YEAR_DAYS,
        offered=_sum_days(inside),
        taken=_sum_days(c for c in inside if c.taken_on and c.taken_on <= today),
    )


def training_status(
    membership: Membership, courses: Iterable[TrainingCourse], *, today: datetime.date
) -> TrainingStatus:
    """The member's training state on `today`; `courses` are the member's courses (any order)."""
    courses = list(courses)
    applies = membership.role in TRAINING_ROLES
    took_office = membership.took_office
    mandatory = [c for c in courses if c.kind == CourseKind.MANDATORY]
    taken = sorted(c.taken_on for c in mandatory if c.taken_on and c.taken_on <= today)
    planned = sorted(c.counts_on for c in mandatory if not (c.taken_on and c.taken_on <= today))
    taken_on = taken[0] if taken else None
    due = add_months(took_office, MANDATORY_MONTHS) if took_office else None
    if not applies:
        mandatory_state = "done" if taken_on else "none"
    elif taken_on:
        mandatory_state = "done"
    elif due is None:
        mandatory_state = "unknown"
    else:
        mandatory_state = "overdue" if today > due else "due"

    year = previous = None
    supplementary = [c for c in courses if c.kind == CourseKind.SUPPLEMENTARY]
    if took_office is not None and took_office <= today:
        number = 1
        while add_months(took_office, 12 * number) <= today:
            number += 1
        year = _service_year(took_office, number, supplementary, today)
        if number > 1:
            previous = _service_year(took_office, number - 1, supplementary, today)
    if not applies:
        supplementary_state = "none"
    elif took_office is None:
        supplementary_state = "unknown"
    elif year is None:  # takes office in the future
        supplementary_state = "ok"
    elif previous is not None and not previous.met:
        supplementary_state = "overdue"
    elif not year.met and (year.end - today).days < WARN_DAYS:
        supplementary_state = "due"
    else:
        supplementary_state = "ok"
    return TrainingStatus(
        applies=applies,
        took_office=took_office,
        mandatory_taken_on=taken_on,
        mandatory_planned_on=planned[0] if planned else None,
        mandatory_due=due,
        mandatory_state=mandatory_state,
        year=year,
        previous_year=previous,
        supplementary_state=supplementary_state,
    )
