"""Every write of the pulse: opening and closing it, counting an answer, its record in the
kortlægning, and moderating its proposals. Views call these; each runs in a transaction.

An answer is added to counters with UPDATE … SET count = count + 1 (F expressions), never read
and written back, so parallel answers on several app servers are all counted, exactly once.
"""

from __future__ import annotations

import datetime
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from apv.models import APV, DialogSession
from apv.pulse.models import (
    MAX_OWN_THEMES,
    MAX_UNITS,
    ProposalStatus,
    Pulse,
    PulseCount,
    PulseProposal,
    PulseTally,
)
from forkant.lib import small_groups
from forkant.models import AMG, Membership
from forkant.services import bump_board_revision, lock_amg
from handleplan import services as board
from handleplan.models import Action, Theme

POINTS = range(1, 11)
PROPOSAL_MAX = 1000


class PulseClosed(ValidationError):
    """The pulse is not open for answers (not yet, or no longer)."""


# The short link is read off the wall and typed on a phone: the idea form's alphabet (lower case,
# no 0/o, 1/l/i), one letter longer, as a pulse's link is new every month.
CODE_LENGTH = board.CODE_LENGTH + 1


def _new_code() -> str:
    while True:
        code = "".join(secrets.choice(board.CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if not Pulse.objects.filter(code=code).exists():
            return code


@transaction.atomic
def open_pulse(
    *,
    amg: AMG,
    opens_at: datetime.datetime,
    closes_at: datetime.datetime,
    own_themes: list[str] | tuple[str, ...] = (),
    units: list[str] | tuple[str, ...] = (),
    by: Membership | None = None,
    now: datetime.datetime,
) -> Pulse:
    """A new pulse, with every counter it will need created at zero (so an answer only ever
    adds to existing rows). Only one pulse of an AMG is open at a time."""
    own = [text.strip()[:120] for text in own_themes if text.strip()]
    unit_list = list(dict.fromkeys(unit.strip()[:120] for unit in units if unit.strip()))
    if len(own) > MAX_OWN_THEMES:
        raise ValidationError(_("Højst tre egne temaer ud over de fem fra Metode 1."))
    if len(unit_list) > MAX_UNITS:
        raise ValidationError(_("Højst %(n)s enheder.") % {"n": MAX_UNITS})
    if closes_at <= opens_at:
        raise ValidationError(_("Målingen skal lukke efter, at den åbner."))
    if closes_at <= now:
        raise ValidationError(_("Målingen skal lukke et stykke ude i fremtiden."))
    lock_amg(amg.pk)  # one opening at a time
    overlapping = Pulse.objects.filter(
        amg=amg, closed_at__isnull=True, closes_at__gt=opens_at, opens_at__lt=closes_at
    )
    if overlapping.exists():
        raise ValidationError(
            _("Der er allerede en temperaturmåling i den periode. Luk den først.")
        )
    pulse = Pulse.objects.create(
        amg=amg,
        code=_new_code(),
        own_themes=own,
        units=unit_list,
        opens_at=opens_at,
        closes_at=closes_at,
        created_by=by,
    )
    PulseCount.objects.bulk_create(
        PulseCount(pulse=pulse, theme=code, unit=unit, point=point)
        for code in pulse.theme_codes
        for unit in pulse.unit_keys
        for point in POINTS
    )
    PulseTally.objects.bulk_create(PulseTally(pulse=pulse, unit=unit) for unit in pulse.unit_keys)
    bump_board_revision(amg)  # the wall shows the panel
    return pulse


def check_answer(pulse: Pulse, scores: dict[str, int], unit: str) -> None:
    """Refuse an answer that does not fit the pulse: every theme once, each 1–10, a known unit."""
    codes = set(pulse.theme_codes)
    unknown = set(scores) - codes
    if unknown:
        raise ValidationError(_("Ukendt tema i svaret."))
    if set(scores) != codes:
        raise ValidationError(_("Vælg et tal fra 1 til 10 for hvert tema."))
    if any(
        not isinstance(v, int) or isinstance(v, bool) or v not in POINTS for v in scores.values()
    ):
        raise ValidationError(_("Vælg et tal fra 1 til 10 for hvert tema."))
    if unit and unit not in pulse.units:
        raise ValidationError(_("Ukendt enhed i svaret."))


@transaction.atomic
def submit_answer(
    *,
    pulse: Pulse,
    scores: dict[str, int],
    unit: str = "",
    proposal: str = "",
    now: datetime.datetime,
) -> None:
    """Add one answer to the counters (and its proposal, if any, to the proposals waiting).

    Nothing is stored of who answered, nor when: only counts go up."""
    check_answer(pulse, scores, unit)
    proposal = proposal.strip()
    if len(proposal) > PROPOSAL_MAX:
        raise ValidationError(_("Forslaget er for langt. Skriv højst 1000 tegn."))
    if not pulse.is_open(now):
        raise PulseClosed(_("Temperaturmålingen er lukket. Tak for interessen."))
    # One statement for every theme's counter: each (theme, point) names one row, so exactly
    # one row per theme goes up, or the answer is refused and nothing is kept.
    chosen = Q()
    for code in pulse.theme_codes:
        chosen |= Q(theme=code, point=scores[code])
    updated = (
        PulseCount.objects.filter(pulse=pulse, unit=unit)
        .filter(chosen)
        .update(count=F("count") + 1)
    )
    if updated != len(pulse.theme_codes):
        raise ValidationError(_("Ukendt tema i svaret."))
    PulseTally.objects.filter(pulse=pulse, unit=unit).update(answers=F("answers") + 1)
    if proposal:
        PulseProposal.objects.create(pulse=pulse, amg_id=pulse.amg_id, text=proposal)
    # The wall shows nothing of fewer than five; from the fifth answer on, each answer changes
    # its histograms, so its ETag must change.
    if not small_groups.is_small(answers(pulse)):
        bump_board_revision(pulse.amg)


def answers(pulse: Pulse) -> int:
    return PulseTally.objects.filter(pulse=pulse).aggregate(n=Sum("answers"))["n"] or 0


def counts_of(pulse: Pulse, unit: str | None = None) -> dict[str, list[int]]:
    """{theme code: [count at 1, …, count at 10]}, of all units (or of one)."""
    result = {code: [0] * 10 for code in pulse.theme_codes}
    rows = PulseCount.objects.filter(pulse=pulse)
    if unit is not None:
        rows = rows.filter(unit=unit)
    for theme, point, count in rows.values_list("theme", "point").annotate(n=Sum("count")):
        if theme in result:
            result[theme][point - 1] = count
    return result


def current_apv(amg: AMG) -> APV | None:
    """The APV the pulse's record belongs to: the newest one still under way."""
    return (
        APV.objects.filter(amg=amg)
        .exclude(status=APV.Status.AFSLUTTET)
        .order_by("-start_date", "-pk")
        .first()
    )


@transaction.atomic
def close_pulse(*, pulse: Pulse, now: datetime.datetime) -> DialogSession | None:
    """Close it (if still open) and record it in the current APV's kortlægning."""
    pulse = Pulse.objects.select_for_update().get(pk=pulse.pk)
    if pulse.closed_at is None:
        pulse.closed_at = min(now, pulse.closes_at)
        pulse.save(update_fields=["closed_at"])
        bump_board_revision(pulse.amg)  # the wall's panel goes
    return record_pulse(pulse=pulse)


@transaction.atomic
def record_pulse(*, pulse: Pulse) -> DialogSession | None:
    """The closed pulse as a dialogisk APV of the current APV's kortlægning, with its counts and
    approved proposals; None while no APV is under way (it is recorded when one is). Once."""
    existing = DialogSession.objects.filter(pulse=pulse).first()
    if existing is not None:
        return existing
    apv = current_apv(pulse.amg)
    if apv is None:
        return None
    return DialogSession.objects.create(
        apv=apv,
        amg=pulse.amg,
        pulse=pulse,
        date=timezone.localdate(pulse.ended_at),
        participants=answers(pulse),
        counts=counts_of(pulse),
        proposals=_approved_lines(pulse),
    )


def record_due(*, amg: AMG, now: datetime.datetime) -> list[DialogSession]:
    """Record every pulse of the AMG whose time ran out (called when its pages are read)."""
    due = Pulse.objects.filter(amg=amg, closes_at__lte=now, record__isnull=True)
    return [r for pulse in due if (r := close_pulse(pulse=pulse, now=now)) is not None]


def _approved_lines(pulse: Pulse) -> str:
    texts = pulse.proposals.filter(status=ProposalStatus.APPROVED).values_list("text", flat=True)
    return "\n".join(" ".join(text.split()) for text in texts)


def _sync_record(pulse: Pulse) -> None:
    DialogSession.objects.filter(pulse=pulse).update(proposals=_approved_lines(pulse))


def _lock_new(proposal: PulseProposal) -> PulseProposal:
    locked = PulseProposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.status != ProposalStatus.NEW:
        raise ValidationError(_("Forslaget er allerede behandlet af et andet medlem."))
    return locked


@transaction.atomic
def approve_proposal(*, proposal: PulseProposal, by: Membership) -> PulseProposal:
    """Keep it with the pulse (its record in the kortlægning shows it)."""
    proposal = _lock_new(proposal)
    proposal.status = ProposalStatus.APPROVED
    proposal.handled_by = by
    proposal.save(update_fields=["status", "handled_by"])
    _sync_record(proposal.pulse)
    return proposal


@transaction.atomic
def decline_proposal(*, proposal: PulseProposal, by: Membership, reason: str) -> PulseProposal:
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Skriv en begrundelse, så gruppen kan se, hvorfor."))
    proposal = _lock_new(proposal)
    proposal.status = ProposalStatus.DECLINED
    proposal.decline_reason = reason[:500]
    proposal.handled_by = by
    proposal.save(update_fields=["status", "decline_reason", "handled_by"])
    return proposal


@transaction.atomic
def proposal_to_idea(
    *, proposal: PulseProposal, theme: Theme, by: Membership, now: datetime.datetime
) -> Action:
    """One step: the proposal is approved and becomes an idea on the board (a card in the
    Parkeringsplads under `theme`, the idea behind it in the idea log)."""
    if theme.amg_id != proposal.amg_id or by.amg_id != proposal.amg_id:
        raise ValidationError(_("Det hører til en anden arbejdsmiljøgruppe."))
    proposal = _lock_new(proposal)
    idea = board.submit_idea(amg=proposal.amg, text=proposal.text, now=now)
    action = board.publish_idea(idea=idea, theme=theme, title=idea.title_suggestion, by=by, now=now)
    proposal.status = ProposalStatus.APPROVED
    proposal.idea = idea
    proposal.handled_by = by
    proposal.save(update_fields=["status", "idea", "handled_by"])
    _sync_record(proposal.pulse)
    return action
