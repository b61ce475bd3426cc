"""The locked re-read every service does before it changes a row someone else may delete.

Two members at a meeting: one deletes a card (a meeting, a round) while the other saves it. The
service that saves re-reads the row with `select_for_update()`; if the row is gone by then, the
plain `.get()` raised `DoesNotExist` (a 500), and a write that skipped the re-read failed on a
foreign key at commit (another 500). `locked()` answers `Gone` instead: nothing is written, and
the view says what happened (the board answers 409 with the board as it is now; any other view
that does not catch it answers 404, because `Gone` is an `Http404`).

Locking the row first also makes a delete wait for a save under way (and the other way round),
so a delete that comes second removes the saved version, and the bin keeps that member's work.
"""

from __future__ import annotations

from typing import TypeVar

from django.db import models
from django.http import Http404
from django.utils.translation import gettext as _

M = TypeVar("M", bound=models.Model)


class Gone(Http404):
    """The row was deleted (by someone else) before this change could be written."""

    def __init__(self, message: str = "") -> None:
        self.message = message or _(
            "Det findes ikke længere: et andet medlem har slettet det, mens du arbejdede. "
            "Intet er gemt."
        )
        super().__init__(self.message)


def locked(source: type[M] | models.QuerySet[M], pk: object, *, message: str = "") -> M:
    """The row `pk`, read again and locked until the transaction ends; `Gone` if deleted."""
    queryset = source if isinstance(source, models.QuerySet) else source._default_manager.all()
    try:
        return queryset.select_for_update().get(pk=pk)
    except queryset.model.DoesNotExist:
        raise Gone(message) from None
