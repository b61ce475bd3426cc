"""Which ideas are likely the same idea: the words they share, simply counted and shown.

Each text becomes a set of its meaningful words: lower case, without the small words of Danish
(og, at, vi, …), each cut to its first six letters so that "formiddag" and "formiddagen", or
"møder" and "mødet", count as one word. Two ideas are likely duplicates when they share at least
two such words, or one that makes up at least a third of the shorter idea's words. The member
sees which words they share — the whole explanation — and chooses; nothing is preselected.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

STEM_LETTERS = 6
MIN_SHARED = 2

# The commonest small words of Danish, which say nothing about what an idea is about.
_STOPWORDS = """
af alle alt anden andet andre at bare bliver blev da de dem den denne der deres det dette
dig din dine du efter eller en end er et for fordi fra få får gang godt går gøre ham han
hans har have hele hende her hun hvad hvem hver hvis hvor hvordan hvorfor ikke ind jeg jer
jo kan kun kunne lidt lige man mange med meget men mere mig min mine mod måske ned noget
nogle nok nu når og også om op os over på rigtig sig sin sine skal skulle som så tage til
ud under var vi vil ville være vores
"""
STOPWORDS = frozenset(_STOPWORDS.split())

_WORD = re.compile(r"[^\W\d_]+")

T = TypeVar("T")


def words(text: str) -> dict[str, str]:
    """The meaningful words of a text: their stem, and the word as first written there."""
    found: dict[str, str] = {}
    for word in _WORD.findall(text.lower()):
        if len(word) < 3 or word in STOPWORDS:
            continue
        found.setdefault(word[:STEM_LETTERS], word)
    return found


@dataclass(frozen=True)
class Match(Generic[T]):
    item: T
    shared: list[str]  # the shared words, as this idea writes them

    @property
    def explanation(self) -> str:
        return ", ".join(self.shared)


def likely_duplicates(text: str, candidates: Iterable[tuple[T, str]]) -> list[Match[T]]:
    """The candidates (item, its text) that share enough words with `text`, most shared first."""
    mine = words(text)
    matches = []
    for item, other_text in candidates:
        theirs = words(other_text)
        shared = [mine[stem] for stem in mine if stem in theirs]
        smaller = min(len(mine), len(theirs)) or 1
        if len(shared) >= MIN_SHARED or (shared and len(shared) * 3 >= smaller):
            matches.append(Match(item, shared))
    return sorted(matches, key=lambda match: -len(match.shared))
