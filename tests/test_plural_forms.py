"""Counts take Danish plural forms: "1 måling", "2 målinger" – never "1 målinger" or
"problem(er)". Every text that puts a number before a noun with a plural form must be a plural
pair (ngettext, or {% blocktranslate count %}); this scans the code and the templates for one
that is not."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APPS = ["forkant", "handleplan", "apv", "metoder", "composition", "templates"]

# Nouns the app counts, in their plural form (nouns alike in both forms, "kort", "svar", "mål",
# "forslag", "tal", need no pair in Danish but do in English: they are listed too).
PLURALS = (
    "møder|tavlemøder|AMG-møder|målinger|gennemgange|handlinger|punkter|medlemmer|problemer|"
    "dage|uger|grupper|idéer|resultater|deltagere|ændringer|opfølgninger|besvarelser|"
    "påmindelser|kurser|områder|runder|minutter|timer|ansatte|kort|svar|mål|forslag|"
    "gange|personer|linjer|dialogiske|andre"
)
NUMBER_THEN_NOUN = re.compile(rf"(%\(\w+\)[sd]|\{{\{{ ?\w+(\|[^}}]+)? ?\}}\}}) ({PLURALS})\b")
OPTIONAL_PLURAL = re.compile(r"[a-zæøå]\((e|er|r)\)")
BLOCK = re.compile(
    r"\{% blocktranslate(?P<args>[^%]*)%\}(?P<body>.*?)\{% endblocktranslate %\}", re.S
)
GETTEXT = {"_", "gettext", "gettext_lazy", "pgettext", "pgettext_lazy"}


def _python_texts() -> list[tuple[str, str]]:
    texts = []
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            tree = ast.parse(path.read_text())
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Name)
                    and node.func.id in GETTEXT
                    and node.args
                    and isinstance(node.args[-1], ast.Constant)
                    and isinstance(node.args[-1].value, str)
                ):
                    texts.append((f"{path.relative_to(ROOT)}:{node.lineno}", node.args[-1].value))
    return texts


def _template_texts() -> list[tuple[str, str]]:
    texts = []
    for app in APPS:
        for path in (ROOT / app).rglob("*"):
            if path.suffix not in {".html", ".txt"} or "templates" not in path.parts:
                continue
            source = path.read_text()
            without_counted = source
            for block in BLOCK.finditer(source):
                if "count " in block.group("args"):
                    without_counted = without_counted.replace(block.group(0), "")
            texts.append((str(path.relative_to(ROOT)), without_counted))
    return texts


# The rules' fixed numbers of days – the training's (3 for the course, 2 the first year, 1½
# after) and the engine of obligations' parameters (forkant/obligations/data.py: 14 days for EASY,
# warnings 30 or 90 days ahead): the law's figures, never 1, so "dage" is always right for them.
FIXED_BY_LAW = re.compile(
    r"(\{\{ ?(mandatory|first|required|days) ?\}\}"
    r"|%\((warn_days|days|max_days_between|first_year_days)\)s) dage"
)


def problems_in(texts: list[tuple[str, str]]) -> list[str]:
    found = []
    for where, text in texts:
        for match in NUMBER_THEN_NOUN.finditer(text):
            if FIXED_BY_LAW.fullmatch(match.group(0)):
                continue
            found.append(f"{where}: “{match.group(0)}” needs a plural pair")
        for match in OPTIONAL_PLURAL.finditer(text):
            found.append(f"{where}: “{match.group(0)}” – say it once, in the right form")
    return found


def test_no_count_is_followed_by_a_fixed_plural_in_the_code():
    assert problems_in(_python_texts()) == []


def test_no_count_is_followed_by_a_fixed_plural_in_the_templates():
    assert problems_in(_template_texts()) == []


def test_the_scan_finds_what_it_looks_for():
    assert problems_in([("x", "%(n)s målinger")]) == ["x: “%(n)s målinger” needs a plural pair"]
    assert problems_in([("x", "{{ n }} gennemgange")])
    assert problems_in([("x", "{{ left|default:0 }} dage")])
    assert problems_in([("x", "3 problem(er)")])
    assert problems_in([("x", "Målinger: %(n)s")]) == []


# What people read ------------------------------------------------------------------------------


def _kortlaegning_summary(apv) -> str:  # type: ignore[no-untyped-def]
    from apv import queries

    return next(p.summary for p in queries.overview(apv, apv.start_date).parts)


def test_one_of_each_source_is_counted_in_the_singular_and_two_in_the_plural(world):
    from decimal import Decimal

    from apv import services
    from apv.survey_csv import Row
    from tests.apv import builders as apv_builders

    apv = apv_builders.make_apv(world.amg)
    assert _kortlaegning_summary(apv) == (
        "0 målinger · 0 dialogiske APV'er · 0 gennemgange · 0 input"
    )
    for _round in range(2):
        services.import_survey(apv=apv, title="T", filename="t.csv", rows=[Row(2, "Q", Decimal(3))])
        apv_builders.make_dialog(apv)
        services.add_input(apv=apv, channel="mus", date=apv.start_date, summary="Travlt")
        if _round == 0:
            assert _kortlaegning_summary(apv) == (
                "1 måling · 1 dialogisk APV · 0 gennemgange · 1 input"
            )
    assert _kortlaegning_summary(apv) == (
        "2 målinger · 2 dialogiske APV'er · 0 gennemgange · 2 input"
    )
