"""The instrument engine: every data file loads, a broken one fails `manage.py check` naming the
file and the item."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from metoder.instruments import engine

FILES = sorted(engine.DATA_DIR.glob("*.toml"))
GOOD_ITEM = """
[[items]]
key = "one"
label = "Et punkt"
scale = "1-5"
"""


def write(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / f"{name}.toml"
    path.write_text(body, encoding="utf-8")
    return path


def header(key: str = "demo") -> str:
    return f'key = "{key}"\ntitle = "Demo"\nsource = "På forkant, kapitel 2"\n'


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_every_instrument_file_loads_with_a_source_and_items(path: Path) -> None:
    instrument = engine.load_file(path)
    assert instrument.key == path.stem
    assert instrument.source and instrument.title
    items = instrument.items_for(["Første punkt", "Andet punkt", "Tredje punkt"])
    assert items and all(item.source for item in items)
    assert instrument.dialogue, "each instrument brings questions for the dialogue"


def test_every_instrument_of_the_issue_is_there() -> None:
    keys = set(engine.registry())
    assert keys >= {
        "vurderingsskema", "tjekliste", "kompetencemodel", "kompetencenet", "opgavepyramiden",
        "positioner", "orienteringer", "roller", "inddragelse", "foeling",
    }  # fmt: skip


def test_the_kompetencemodel_is_the_six_factors_scored_one_to_five() -> None:
    model = engine.get("kompetencemodel")
    numeric = [i for i in model.items if i.numeric]
    assert [i.label for i in numeric] == [
        "Åbenhed, tillid og psykologisk tryghed", "Innovation", "Motivation",
        "Tid og ressourcer", "Systematik", "Teknikker og viden",
    ]  # fmt: skip
    assert {(i.minimum, i.maximum) for i in numeric} == {(1, 5)}
    assert "Hvad skal vi gøre mere af?" in model.dialogue


def test_the_scales_of_the_seeds() -> None:
    skema = engine.get("vurderingsskema")
    assert [i.scale for i in skema.items if i.numeric] == ["bipolar"] * 4
    assert skema.items[0].high.startswith("Vi deltager begge aktivt")
    assert skema.items[0].low == "Vi er relativt usynlige på fællesmøder."
    tjek = engine.get("tjekliste")
    assert len([i for i in tjek.items if i.numeric]) == 11 and tjek.about == "action"
    net = engine.get("kompetencenet")
    assert net.max_custom_items == 8
    points = net.items_for([f"Punkt {n}" for n in range(1, 11)])
    assert len(points) == 8 and {(p.minimum, p.maximum) for p in points} == {(0, 10)}
    assert set(net.outcomes) >= {"role", "competence", "help"}
    roller = engine.get("roller")
    assert [i.key for i in roller.items] == [
        "seismograf", "kartograf", "politiker", "medskaber", "tovholder", "formidler",
    ]  # fmt: skip
    assert engine.get("positioner").items[0].scale == "choice"
    assert any(i.scale == "text" for i in engine.get("opgavepyramiden").items)


@pytest.mark.parametrize(
    ("body", "message", "item"),
    [
        (GOOD_ITEM.replace('"1-5"', '"1-7"'), "unknown scale", "one"),
        (GOOD_ITEM.replace('label = "Et punkt"\n', ""), "'label' is missing", "one"),
        (GOOD_ITEM + 'colour = "red"\n', "unknown field(s) colour", "one"),
        (GOOD_ITEM + GOOD_ITEM, "two items share this key", "one"),
        (GOOD_ITEM.replace('"1-5"', '"bipolar"'), "'positive' is missing", "one"),
        (GOOD_ITEM.replace('"1-5"', '"choice"'), "at least two 'choices'", "one"),
        (GOOD_ITEM.replace('"1-5"', '"range"\nmin = 5\nmax = 2'), "within 0–10", "one"),
        (GOOD_ITEM + 'step_labels = ["a", "b"]\n', "one label per step", "one"),
    ],
)
def test_a_broken_item_is_named_with_its_file(tmp_path, body, message, item) -> None:
    path = write(tmp_path, "demo", header() + body)
    with pytest.raises(engine.InstrumentError) as error:
        engine.load_file(path)
    assert message in str(error.value)
    assert str(error.value).startswith(f"demo.toml, item '{item}'")


@pytest.mark.parametrize(
    ("name", "body", "message"),
    [
        ("demo", "key = [", "cannot be read"),
        ("other", header() + GOOD_ITEM, "must match the file name"),
        ("demo", 'key = "demo"\nsource = "x"\n' + GOOD_ITEM, "'title' is missing"),
        ("demo", header(), "needs items"),
        ("demo", header() + 'chart = "pie"\n' + GOOD_ITEM, "'chart' must be one of"),
    ],
)
def test_a_broken_file_is_named(tmp_path, name, body, message) -> None:
    path = write(tmp_path, name, body)
    with pytest.raises(engine.InstrumentError) as error:
        engine.load_file(path)
    assert message in str(error.value) and f"{name}.toml" in str(error.value)


def test_manage_py_check_fails_on_a_broken_file_naming_file_and_item(tmp_path, monkeypatch) -> None:
    for path in FILES:
        write(tmp_path, path.stem, path.read_text(encoding="utf-8"))
    write(tmp_path, "kaputt", header("kaputt") + GOOD_ITEM.replace('"1-5"', '"1-7"'))
    monkeypatch.setattr(engine, "DATA_DIR", tmp_path)
    with pytest.raises(SystemCheckError) as error:
        call_command("check")
    assert "metoder.E001" in str(error.value)
    assert "kaputt.toml, item 'one': unknown scale '1-7'" in str(error.value)


def test_manage_py_check_passes_with_the_repository_files() -> None:
    call_command("check")


def test_adding_an_instrument_is_adding_a_file(tmp_path, monkeypatch) -> None:
    write(tmp_path, "nyt", header("nyt") + GOOD_ITEM)
    monkeypatch.setattr(engine, "DATA_DIR", tmp_path)
    engine.registry.cache_clear()
    try:
        assert [i.key for i in engine.all_instruments()] == ["nyt"]
    finally:
        monkeypatch.undo()
        engine.registry.cache_clear()
