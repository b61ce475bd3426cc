"""How large one AMG's board may grow, as data, and the checks the services make.

A board is read at a tavlemøde in 15 minutes, from a screen across the room: a few themes with a
handful of cards each. Without a limit one member with write access could grow it without bound
(a hostile run made 146 themes and 621 cards), and every member's board, the wall and the poster
would slow down for everyone. The limits are far above what a working group uses (the demo's
boards have 4-6 themes and up to about 15 cards a theme) and low enough that the whole board
stays a page the server renders quickly and a TV can lay out: 40 rows of up to 100 cards.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import ngettext

from forkant.models import AMG
from handleplan.locks import lock_board
from handleplan.models import Action, Theme

# Rows on one board.
THEMES_PER_BOARD = 40
# Cards in one row (every column of the theme, the Parkeringsplads included).
CARDS_PER_THEME = 100


def check_room_for_theme(amg: AMG) -> None:
    """Call inside the transaction that adds the theme: the AMG's row is locked, so two members
    adding the last theme at once cannot both get it."""
    lock_board(amg.pk)
    if Theme.objects.filter(amg=amg).count() >= THEMES_PER_BOARD:
        raise ValidationError(
            ngettext(
                "Tavlen har allerede %(limit)d tema, og flere kan den ikke rumme. Saml "
                "beslægtede temaer, eller slet et tomt tema, før du opretter et nyt.",
                "Tavlen har allerede %(limit)d temaer, og flere kan den ikke rumme. Saml "
                "beslægtede temaer, eller slet et tomt tema, før du opretter et nyt.",
                THEMES_PER_BOARD,
            )
            % {"limit": THEMES_PER_BOARD}
        )


def check_room_for_card(theme: Theme) -> None:
    """Call with the theme's row locked (handleplan.locks.lock_theme) inside the transaction
    that puts a card in it."""
    if Action.objects.filter(theme=theme).count() >= CARDS_PER_THEME:
        raise ValidationError(
            ngettext(
                "Temaet “%(name)s” har allerede %(limit)d handling, og flere kan det ikke "
                "rumme. Læg handlinger, der er afsluttet, i papirkurven, eller brug et andet tema.",
                "Temaet “%(name)s” har allerede %(limit)d handlinger, og flere kan det ikke "
                "rumme. Læg handlinger, der er afsluttet, i papirkurven, eller brug et andet tema.",
                CARDS_PER_THEME,
            )
            % {"name": theme.name, "limit": CARDS_PER_THEME}
        )
