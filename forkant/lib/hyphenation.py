"""Danish hyphenation for text shown in narrow columns: the board's cards and themes, meeting
mode and the wall screen.

Long words get soft hyphens (U+00AD) where pyphen's da_DK dictionary (the one WeasyPrint brings)
says Danish breaks them. A browser breaks a line only there, with a visible hyphen, and shows
nothing otherwise: it works the same in every browser, a TV's included, where CSS `hyphens: auto`
does not (Chromium on Linux has no hyphenation dictionaries).

People's names are never hyphenated: the filter is used on titles and theme names only (never on
who moves a card, mødeleder or a sender's name), and within a text it leaves alone every
capitalised word that does not begin a sentence. Danish capitalises names, places and
institutions, not nouns, so those are the proper names; all-capital words (APV, SFO) too.

Copy and paste, search: the character is invisible. Only the rendered board and wall carry it
(forms, the detail dialog, exports, the referat, PDFs and the database hold the text as written);
app.js takes it out of what is copied from a page, and a browser's find-in-page ignores it.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

import pyphen

SOFT_HYPHEN = "\u00ad"
# Shorter words fit a card's line anyway; hyphenating them would only add broken words.
MIN_LETTERS = 10
# At least three letters on either side of a break (pyphen's default is two).
EDGE = 3
# Changes in what this module writes change the cache keys of rendered cards (handleplan/cards.py).
VERSION = f"da_DK-{MIN_LETTERS}-{EDGE}-{pyphen.__version__}"

_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE_END = re.compile(r"[.!?:]\W*$")


@cache
def _dictionary() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="da_DK", left=EDGE, right=EDGE)


@lru_cache(maxsize=8192)
def hyphenate_word(word: str) -> str:
    """The word with soft hyphens at its Danish break points, leaving no one-letter piece (the
    dictionary's "konflik-t-hånd" becomes "konflikt-hånd")."""
    if len(word) < MIN_LETTERS:
        return word
    positions = _dictionary().positions(word)
    kept: list[int] = []
    for position in positions:
        if kept and position - kept[-1] < 2:
            kept[-1] = position  # a one-letter piece joins the piece before it
        else:
            kept.append(position)
    pieces, start = [], 0
    for position in kept:
        pieces.append(word[start:position])
        start = position
    pieces.append(word[start:])
    return SOFT_HYPHEN.join(pieces)


def _is_proper_name(text: str, match: re.Match[str]) -> bool:
    word = match.group()
    if word.isupper():
        return True
    if not word[0].isupper():
        return False
    before = text[: match.start()].rstrip()
    starts_sentence = not before.strip("\"'“”«»‘’([-–— ") or bool(_SENTENCE_END.search(before))
    return not starts_sentence


def hyphenate(text: str) -> str:
    """`text` with soft hyphens in its long words (never in proper names); plain text in,
    plain text out (escape it as usual)."""
    if not text:
        return text
    return _WORD.sub(
        lambda m: m.group() if _is_proper_name(text, m) else hyphenate_word(m.group()), text
    )
