"""Every write of the self-assessment rounds (keyword-only, each in a transaction)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from forkant.lib.numbers import ascii_int
from forkant.models import AMG, Membership
from handleplan import services as board
from handleplan.models import Action, Theme
from metoder.instruments import engine
from metoder.instruments.models import Answer, Decision, DecisionKind, Participant, Round

MAX_ABOUT = 200
MAX_ITEM_LABEL = 80


class RoundError(ValueError):
    """Refused input, with a Danish message for the member."""


class RoundClosed(RoundError):
    pass


def _instrument(key: str) -> engine.Instrument:
    instrument = engine.get(key)
    if instrument is None:
        raise RoundError(_("Ukendt instrument."))
    return instrument


@transaction.atomic
def open_round(
    *,
    amg: AMG,
    instrument_key: str,
    by: Membership,
    participants: list[Membership],
    now: datetime.datetime,
    about: str = "",
    action: Action | None = None,
    custom_items: list[str] | None = None,
    deadline: datetime.date | None = None,
) -> Round:
    instrument = _instrument(instrument_key)
    if by.amg_id != amg.pk:
        raise RoundError(_("Kun gruppens egne medlemmer kan åbne en runde."))
    if action is not None and action.amg_id != amg.pk:
        raise RoundError(_("Handlingen hører ikke til gruppen."))
    if instrument.about != "action":
        action = None
    members = {m.pk: m for m in participants if m.amg_id == amg.pk and m.removed_at is None}
    if len(members) != len({m.pk for m in participants}) or not members:
        raise RoundError(_("Vælg mindst ét af gruppens medlemmer til at svare."))
    items = [" ".join(str(i).split())[:MAX_ITEM_LABEL] for i in (custom_items or [])]
    items = [i for i in items if i]
    if instrument.takes_custom_items:
        if not items:
            raise RoundError(_("Skriv mindst ét punkt, gruppen vil vurdere."))
        if len(items) > instrument.max_custom_items:
            raise RoundError(
                ngettext("Højst %(n)d punkt.", "Højst %(n)d punkter.", instrument.max_custom_items)
                % {"n": instrument.max_custom_items}
            )
    else:
        items = []
    if instrument.about == "action" and action is None and not about.strip():
        raise RoundError(_("Vælg den indsats, runden handler om."))
    if deadline is not None and deadline < now.date() - datetime.timedelta(days=1):
        raise RoundError(_("Fristen ligger før i dag."))
    round_ = Round.objects.create(
        amg=amg,
        instrument_key=instrument.key,
        about=(about.strip() or (action.title if action else ""))[:MAX_ABOUT],
        action=action,
        custom_items=items,
        deadline=deadline,
        opened_by=by,
        opened_at=now,
    )
    Participant.objects.bulk_create(
        [Participant(round=round_, membership=m) for m in members.values()]
    )
    return round_


def _lock_round(round_: Round) -> Round:
    locked = Round.objects.select_for_update().get(pk=round_.pk)
    if locked.closed_at is not None:
        raise RoundClosed(_("Runden er afsluttet."))
    return locked


def clean_answers(
    instrument: engine.Instrument, round_: Round, raw: dict[str, dict[str, str]]
) -> dict[str, dict[str, object]]:
    """Check each item's answer against its scale; unknown items are refused."""
    items = {item.key: item for item in instrument.items_for(round_.custom_items)}
    cleaned: dict[str, dict[str, object]] = {}
    for key, value in raw.items():
        item = items.get(key)
        if item is None:
            raise RoundError(_("Ukendt punkt i besvarelsen."))
        number, choice = None, ""
        text = str(value.get("text", ""))[:4000].strip()
        given = str(value.get("value", "")).strip()
        if given:
            if item.numeric:
                number = ascii_int(given.removeprefix("-"))
                if number is None:
                    raise RoundError(_("Ugyldigt svar på »%(item)s«.") % {"item": item.label})
                if given.startswith("-"):
                    number = -number
                if not item.minimum <= number <= item.maximum:
                    raise RoundError(_("Ugyldigt svar på »%(item)s«.") % {"item": item.label})
            elif item.scale == "choice":
                if given not in {c.key for c in item.choices}:
                    raise RoundError(_("Ugyldigt svar på »%(item)s«.") % {"item": item.label})
                choice = given
            elif item.scale == "text":
                text = text or given[:4000]
        cleaned[key] = {"number": number, "choice": choice, "text": text}
    return cleaned


@transaction.atomic
def save_answers(
    *,
    participant: Participant,
    answers: dict[str, dict[str, str]],
    now: datetime.datetime,
    submit: bool = False,
) -> Participant:
    """Save (and optionally hand in) one member's answers. A submitted sheet can still be
    corrected until the round is closed."""
    round_ = _lock_round(participant.round)
    instrument = _instrument(round_.instrument_key)
    cleaned = clean_answers(instrument, round_, answers)
    existing = {a.item_key: a for a in Answer.objects.filter(participant=participant)}
    for key, value in cleaned.items():
        answer = existing.get(key) or Answer(participant=participant, item_key=key)
        answer.number, answer.choice, answer.text = value["number"], value["choice"], value["text"]
        answer.save()
        existing[key] = answer
    if submit:
        missing = [
            item.label
            for item in instrument.items_for(round_.custom_items)
            if item.required
            and not (
                (a := existing.get(item.key))
                and (a.number is not None or a.choice or (item.scale == "text" and a.text))
            )
        ]
        if missing:
            raise RoundError(
                _("Svar på alle punkter før du afleverer: %(items)s")
                % {"items": ", ".join(missing)}
            )
        participant.submitted_at = participant.submitted_at or now
    participant.saved_at = now
    participant.save(update_fields=["saved_at", "submitted_at"])
    return participant


@transaction.atomic
def reopen_answers(*, participant: Participant) -> Participant:
    _lock_round(participant.round)
    participant.submitted_at = None
    participant.save(update_fields=["submitted_at"])
    return participant


@transaction.atomic
def reveal_round(*, round_: Round, now: datetime.datetime) -> Round:
    locked = _lock_round(round_)
    locked.revealed_at = locked.revealed_at or now
    locked.save(update_fields=["revealed_at"])
    return locked


@transaction.atomic
def close_round(*, round_: Round, now: datetime.datetime) -> Round:
    locked = _lock_round(round_)
    locked.closed_at = now
    locked.revealed_at = locked.revealed_at or now
    locked.save(update_fields=["closed_at", "revealed_at"])
    return locked


@transaction.atomic
def reopen_round(*, round_: Round) -> Round:
    locked = Round.objects.select_for_update().get(pk=round_.pk)
    locked.closed_at = None
    locked.save(update_fields=["closed_at"])
    return locked


@transaction.atomic
def save_notes(*, round_: Round, notes: str) -> Round:
    locked = Round.objects.select_for_update().get(pk=round_.pk)
    locked.notes = notes.strip()[:8000]
    locked.save(update_fields=["notes"])
    return locked


@transaction.atomic
def decide(
    *,
    round_: Round,
    kind: str,
    text: str,
    by: Membership,
    now: datetime.datetime,
    item_key: str = "",
    theme: Theme | None = None,
    responsible: Membership | None = None,
    deadline: datetime.date | None = None,
) -> Decision:
    """Record a decision; an `action` decision becomes a parked card on the board in the same
    step (in the chosen theme, or a theme named after the instrument)."""
    instrument = _instrument(round_.instrument_key)
    if kind not in instrument.outcomes or kind not in DecisionKind.values:
        raise RoundError(_("Den slags beslutning passer ikke til instrumentet."))
    text = " ".join(text.split())[:200]
    if not text:
        raise RoundError(_("Skriv beslutningen."))
    if item_key and item_key not in {i.key for i in instrument.items_for(round_.custom_items)}:
        raise RoundError(_("Ukendt punkt."))
    action = None
    if kind == DecisionKind.ACTION:
        amg = round_.amg
        if theme is None:
            theme = Theme.objects.filter(amg=amg, name=instrument.short_title).first() or (
                board.create_theme(amg=amg, name=instrument.short_title[:100])
            )
        item = next(
            (i for i in instrument.items_for(round_.custom_items) if i.key == item_key), None
        )
        why = _("Besluttet efter selvevalueringen »%(title)s« (%(date)s).") % {
            "title": instrument.title,
            "date": date_format(timezone.localdate(round_.opened_at), "j. F Y"),
        }
        if item is not None:
            why += " " + _("Punkt: %(item)s.") % {"item": item.label}
        action = board.create_action(
            amg=amg, theme=theme, title=text, why=why, responsible=responsible, deadline=deadline
        )
    return Decision.objects.create(
        round=round_,
        kind=kind,
        item_key=item_key,
        text=text,
        action=action,
        created_by=by,
        created_at=now,
    )


@transaction.atomic
def delete_decision(*, decision: Decision) -> None:
    """Remove the decision from the round; a card it made stays on the board."""
    decision.delete()


@transaction.atomic
def delete_round(*, round_: Round) -> None:
    round_.delete()
