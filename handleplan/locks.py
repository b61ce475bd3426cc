"""The board's locked re-reads (forkant.lib.locking): a theme or a meeting deleted by another
member while this one saves it is `Gone`, with a Danish message that says what happened."""

from __future__ import annotations

from django.utils.translation import gettext as _

from forkant.lib.locking import locked
from forkant.services import lock_amg
from handleplan.models import Action, Meeting, Theme


def card_gone(action: Action) -> str:
    return _(
        "“%(title)s” er slettet af et andet medlem, mens du arbejdede med det, og ligger i "
        "papirkurven, hvor det kan gendannes. Din ændring er ikke gemt."
    ) % {"title": action.title}


def lock_board(amg_id: int) -> None:
    """Lock the AMG's row: every board write takes it before a theme's row (and bumps the board
    revision in it at the end), so two writes never wait for each other the other way round."""
    lock_amg(amg_id)


def lock_theme(theme: Theme) -> Theme:
    lock_board(theme.amg_id)
    message = _(
        "Temaet “%(name)s” er slettet af et andet medlem imens og ligger i papirkurven, hvor "
        "det kan gendannes. Din ændring er ikke gemt."
    ) % {"name": theme.name}
    return locked(Theme, theme.pk, message=message)


def lock_meeting(meeting: Meeting) -> Meeting:
    return locked(Meeting, meeting.pk, message=_("Mødet er slettet af et andet medlem imens."))
