from __future__ import annotations

from django.utils import timezone

from handleplan.models import Status
from handleplan.queries import board_for
from tests import builders


def test_the_board_has_a_row_per_theme_and_a_cell_per_column(world):
    builders.make_theme(world.amg, "Flytning")
    board = board_for(world.amg, now=timezone.now())
    assert [row.theme.name for row in board.rows] == ["Forebyggelse af stress", "Flytning"]
    assert [cell.status for cell in board.rows[0].cells] == list(Status)
    startet = board.rows[0].cells[1]
    assert [a.title for a in startet.actions] == ["Fælles aftaler om mails"]


def test_the_public_board_leaves_out_confidential_cards(world):
    builders.make_action(world.amg, world.theme, title="Personsag", confidential=True)
    public = board_for(world.amg, now=timezone.now(), public_only=True)
    everything = board_for(world.amg, now=timezone.now())
    assert public.count == 1
    assert everything.count == 2


def test_the_board_of_one_amg_never_contains_another_amgs_cards(world):
    board = board_for(world.amg, now=timezone.now())
    titles = {a.title for row in board.rows for c in row.cells for a in c.actions}
    assert "Lydplader i garderoben" not in titles
