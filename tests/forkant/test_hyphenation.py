"""Danish hyphenation with soft hyphens: where the da_DK dictionary breaks long words, never in
names, and nothing else about the text changes."""

from __future__ import annotations

import pytest
from django.template import Context, Template

from forkant.lib.hyphenation import MIN_LETTERS, SOFT_HYPHEN, hyphenate, hyphenate_word


def shown(text: str) -> str:
    return text.replace(SOFT_HYPHEN, "-")


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Forberedelsespladser", "For-be-re-del-ses-plad-ser"),
        ("Risikovurdering", "Risi-ko-vur-de-ring"),
        ("sammenlægningen", "sam-men-læg-nin-gen"),
        # The dictionary's "kon-flik-t-hånd-…" would leave a one-letter piece.
        ("konflikthåndtering", "kon-flikt-hånd-te-ring"),
    ],
)
def test_long_words_break_where_danish_breaks_them(word, expected):
    assert shown(hyphenate_word(word)) == expected


def test_short_words_are_left_as_they_are():
    word = "mødefri"
    assert len(word) < MIN_LETTERS
    assert hyphenate(f"Fast {word} formiddag") == f"Fast {word} formiddag"


def test_no_piece_is_shorter_than_three_letters_at_either_end():
    for word in ("Arbejdsmiljøkompetence", "teamkoordinatorer", "Trivselsambassadør"):
        pieces = hyphenate_word(word).split(SOFT_HYPHEN)
        assert len(pieces) > 1
        assert len(pieces[0]) >= 3 and len(pieces[-1]) >= 3
        assert all(len(piece) >= 2 for piece in pieces)


def test_names_in_a_title_are_never_hyphenated():
    text = "Samtale med Vestergaard-Christiansen om arbejdsmængden"
    result = hyphenate(text)
    assert "Vestergaard-Christiansen" in result  # capitalised inside a sentence: a name
    assert SOFT_HYPHEN in result.split()[-1]  # while "arbejdsmængden" breaks


def test_a_capitalised_word_that_begins_a_sentence_is_hyphenated():
    result = hyphenate("Indskolingen. Forberedelsespladser til lærerne")
    assert SOFT_HYPHEN in result.split()[0]
    assert SOFT_HYPHEN in result.split()[1]


def test_acronyms_and_numbers_are_left_alone():
    assert hyphenate("ARBEJDSMILJØREPRÆSENTANT 2025") == "ARBEJDSMILJØREPRÆSENTANT 2025"


def test_taking_the_soft_hyphens_out_gives_back_the_text_as_written():
    text = "“Risikovurdering” af sammenlægningen – SFO'ens konflikthåndtering!"
    assert hyphenate(text).replace(SOFT_HYPHEN, "") == text


def test_the_template_filter_escapes_what_it_hyphenates():
    html = Template("{% load forkant %}{{ t|hyphenate }}").render(
        Context({"t": "<script>alert('forberedelsespladser')</script>"})
    )
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert SOFT_HYPHEN in html
