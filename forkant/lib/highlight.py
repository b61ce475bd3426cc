"""Search excerpts with the matching words marked, escaped safely.

Excerpts travel as plain text with two private-use characters around each match (PostgreSQL's
`ts_headline` is given them as its start and stop markers; on SQLite `mark` puts them in).
`to_html` escapes all of the text and only then turns the markers into `<mark>` elements, so
nothing a user wrote — a `<script>` in a card title, an `&` in a referat — can become markup.
A marker character a user typed themselves can at worst mark their own words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

START, STOP = "\ue000", "\ue001"
_MARKERS = re.compile(f"([{START}{STOP}])")
ELLIPSIS = "…"


def plain(text: str) -> str:
    """One line of text without our marker characters."""
    return " ".join(text.replace(START, " ").replace(STOP, " ").split())


def to_html(marked: str | None) -> SafeString:
    """The marked text as HTML: every character escaped, matches in balanced <mark> elements."""
    pieces: list[str] = []
    inside = False
    for piece in _MARKERS.split(" ".join((marked or "").split())):
        if piece == START:
            if not inside:
                pieces.append("<mark>")
                inside = True
        elif piece == STOP:
            if inside:
                pieces.append("</mark>")
                inside = False
        elif piece:
            pieces.append(escape(piece))
    if inside:
        pieces.append("</mark>")
    # Safe: every piece of text was escaped above; the only markup is our own <mark>.
    return mark_safe("".join(pieces))  # noqa: S308


def word_starts(terms: Sequence[str]) -> re.Pattern[str]:
    """Whole words that begin with one of the terms, in any case (Danish letters included)."""
    alternatives = "|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE)


def mark(text: str, terms: Sequence[str], *, limit: int) -> str:
    """A window of at most about `limit` characters around the first match, with every match
    in it marked; the text's beginning when nothing matches. (PostgreSQL's ts_headline does
    the same with stemming; this is the embedded database's simpler version.)"""
    text = plain(text)
    pattern = word_starts(terms) if terms else None
    start, end = 0, len(text)
    if len(text) > limit:
        first = pattern.search(text) if pattern else None
        if first is not None and first.start() > limit // 3:
            start = text.rfind(" ", 0, first.start() - limit // 4) + 1
        end = min(len(text), start + limit)
        if end < len(text):
            end = max(text.rfind(" ", start, end), start + limit // 2)
    window = text[start:end]
    if pattern is not None:
        window = pattern.sub(lambda match: f"{START}{match.group(0)}{STOP}", window)
    return f"{ELLIPSIS} " * (start > 0) + window + f" {ELLIPSIS}" * (end < len(text))
