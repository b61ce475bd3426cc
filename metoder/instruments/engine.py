"""The instrument engine: instruments are data files (`data/*.toml`, one per instrument).

Each file describes an instrument: its title, source, instructions, dialogue questions, and its
items with their scale (`1-5`, `0-10`, any `range`, `bipolar` between a positive and a negative
statement, `choice` among categories, or free `text`), guidance and source. Adding an instrument
is adding a file: no model, view or template changes. Files are validated on load; the system
check `metoder.E001` (`metoder/checks.py`) fails `manage.py check` naming the file and the item.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"

SCALE_KINDS = ("range", "bipolar", "choice", "text")
ABOUT_KINDS = ("none", "action", "focus_points")
CHARTS = ("radar", "bars", "none")
OUTCOMES = ("action", "role", "competence", "help", "note")
KEY_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789_")


class InstrumentError(ValueError):
    def __init__(self, path: Path | str, message: str, item: str = "") -> None:
        self.path = str(path)
        self.item = item
        where = f"{Path(self.path).name}" + (f", item '{item}'" if item else "")
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Choice:
    key: str
    label: str


@dataclass(frozen=True)
class Item:
    key: str
    label: str
    short: str
    scale: str  # one of SCALE_KINDS
    guidance: str = ""
    minimum: int = 1
    maximum: int = 5
    low: str = ""  # the range's low end, or the bipolar scale's negative statement
    high: str = ""  # the range's high end, or the bipolar scale's positive statement
    step_labels: tuple[str, ...] = ()
    choices: tuple[Choice, ...] = ()
    comment: str = ""  # if set, a free-text field under the scale with this label
    dialogue: tuple[str, ...] = ()
    source: str = ""
    required: bool = True

    @property
    def numeric(self) -> bool:
        return self.scale in ("range", "bipolar")

    @property
    def steps(self) -> list[tuple[int, str]]:
        """The values a numeric item takes, each with its label (empty if none)."""
        values = range(self.minimum, self.maximum + 1)
        labels = list(self.step_labels) + [""] * len(values)
        return [(value, labels[i]) for i, value in enumerate(values)]

    def choice_label(self, key: str) -> str:
        for choice in self.choices:
            if choice.key == key:
                return choice.label
        return key


@dataclass(frozen=True)
class Instrument:
    key: str
    title: str
    short_title: str
    intro: str
    source: str
    path: str
    how: tuple[str, ...] = ()
    dialogue: tuple[str, ...] = ()
    items: tuple[Item, ...] = ()
    chart: str = "radar"
    about: str = "none"
    about_label: str = ""
    max_custom_items: int = 0
    custom_item: Item | None = None  # the template of the group's own items
    outcomes: tuple[str, ...] = ("action", "note")
    order: int = 100
    extra: dict = field(default_factory=dict)

    def items_for(self, custom_items: list[str] | None = None) -> list[Item]:
        """The round's items: the file's items, then the group's own (focus points, units)."""
        items = list(self.items)
        if self.custom_item is not None:
            for index, label in enumerate((custom_items or [])[: self.max_custom_items], 1):
                items.append(
                    Item(
                        **{
                            **self.custom_item.__dict__,
                            "key": f"p{index}",
                            "label": label,
                            "short": shorten(label),
                        }
                    )
                )
        return items

    @property
    def takes_custom_items(self) -> bool:
        return self.custom_item is not None


def shorten(label: str, width: int = 48) -> str:
    """A label cut at a word boundary, for charts and table heads."""
    if len(label) <= width:
        return label
    return label[: width - 1].rsplit(" ", 1)[0].rstrip(" ,.;:") + "…"


def _text(data: dict, name: str, path: Path, item: str = "", *, required: bool = False) -> str:
    value = data.get(name, "")
    if not isinstance(value, str):
        raise InstrumentError(path, f"'{name}' must be text", item)
    if required and not value.strip():
        raise InstrumentError(path, f"'{name}' is missing", item)
    return value.strip()


def _texts(data: dict, name: str, path: Path, item: str = "") -> tuple[str, ...]:
    value = data.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise InstrumentError(path, f"'{name}' must be a list of texts", item)
    return tuple(v.strip() for v in value)


def _key(value: object, path: Path, item: str = "") -> str:
    if not isinstance(value, str) or not value or not set(value) <= KEY_CHARS or len(value) > 60:
        raise InstrumentError(
            path, "'key' must be 1–60 lower-case letters, digits or '_'", item or str(value)
        )
    return value


ITEM_FIELDS = {
    "key", "label", "short", "scale", "guidance", "min", "max", "low", "high", "step_labels",
    "choices", "comment", "dialogue", "source", "required", "positive", "negative",
}  # fmt: skip


def _item(data: object, path: Path, *, key: str | None = None) -> Item:
    if not isinstance(data, dict):
        raise InstrumentError(path, "an item must be a table")
    key = key or _key(data.get("key"), path, str(data.get("key", "?")))
    unknown = set(data) - ITEM_FIELDS
    if unknown:
        raise InstrumentError(path, f"unknown field(s) {', '.join(sorted(unknown))}", key)
    label = _text(data, "label", path, key, required=key != "custom")
    scale = data.get("scale")
    minimum, maximum, low, high = (
        1,
        5,
        _text(data, "low", path, key),
        _text(data, "high", path, key),
    )
    choices: tuple[Choice, ...] = ()
    if scale in ("1-5", "0-10", "range"):
        if scale == "range":
            minimum, maximum = data.get("min"), data.get("max")
            if not (isinstance(minimum, int) and isinstance(maximum, int)) or not (
                0 <= minimum < maximum <= 10
            ):
                raise InstrumentError(path, "a range needs whole 'min' < 'max' within 0–10", key)
        else:
            minimum, maximum = (1, 5) if scale == "1-5" else (0, 10)
        scale = "range"
    elif scale == "bipolar":
        high = _text(data, "positive", path, key, required=True)
        low = _text(data, "negative", path, key, required=True)
    elif scale == "choice":
        raw = data.get("choices")
        if not isinstance(raw, list) or len(raw) < 2:
            raise InstrumentError(path, "a choice needs at least two 'choices'", key)
        parsed = []
        for entry in raw:
            if not isinstance(entry, dict):
                raise InstrumentError(path, "each choice needs a 'key' and a 'label'", key)
            parsed.append(
                Choice(
                    _key(entry.get("key"), path, key),
                    _text(entry, "label", path, key, required=True),
                )
            )
        if len({c.key for c in parsed}) != len(parsed):
            raise InstrumentError(path, "two choices share a key", key)
        choices = tuple(parsed)
    elif scale != "text":
        raise InstrumentError(
            path, f"unknown scale {scale!r} (1-5, 0-10, range, bipolar, choice, text)", key
        )
    step_labels = _texts(data, "step_labels", path, key)
    if step_labels and len(step_labels) != maximum - minimum + 1:
        raise InstrumentError(path, "'step_labels' must have one label per step", key)
    required = data.get("required", scale != "text")
    if not isinstance(required, bool):
        raise InstrumentError(path, "'required' must be true or false", key)
    return Item(
        key=key,
        label=label,
        short=_text(data, "short", path, key) or shorten(label),
        scale=scale,
        guidance=_text(data, "guidance", path, key),
        minimum=minimum,
        maximum=maximum,
        low=low,
        high=high,
        step_labels=step_labels,
        choices=choices,
        comment=_text(data, "comment", path, key),
        dialogue=_texts(data, "dialogue", path, key),
        source=_text(data, "source", path, key),
        required=required,
    )


TOP_FIELDS = {
    "key", "title", "short_title", "intro", "source", "how", "dialogue", "items", "chart",
    "about", "about_label", "max_custom_items", "custom_item", "outcomes", "order", "extra",
}  # fmt: skip


def load_file(path: Path) -> Instrument:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise InstrumentError(path, f"cannot be read: {error}") from error
    unknown = set(data) - TOP_FIELDS
    if unknown:
        raise InstrumentError(path, f"unknown field(s) {', '.join(sorted(unknown))}")
    key = _key(data.get("key"), path)
    if key != path.stem:
        raise InstrumentError(path, f"'key' {key!r} must match the file name")
    raw_items = data.get("items", [])
    if not isinstance(raw_items, list):
        raise InstrumentError(path, "'items' must be a list of tables ([[items]])")
    items = tuple(_item(raw, path) for raw in raw_items)
    seen: set[str] = set()
    for item in items:
        if item.key in seen:
            raise InstrumentError(path, "two items share this key", item.key)
        seen.add(item.key)
    about = data.get("about", "none")
    if about not in ABOUT_KINDS:
        raise InstrumentError(path, f"'about' must be one of {', '.join(ABOUT_KINDS)}")
    custom_item = None
    max_custom = data.get("max_custom_items", 0)
    if "custom_item" in data:
        custom_item = _item({"label": "", **data["custom_item"]}, path, key="custom")
        if not isinstance(max_custom, int) or not 1 <= max_custom <= 20:
            raise InstrumentError(path, "'max_custom_items' must be 1–20 with a 'custom_item'")
    if not items and custom_item is None:
        raise InstrumentError(path, "an instrument needs items or a 'custom_item'")
    chart = data.get("chart", "radar")
    if chart not in CHARTS:
        raise InstrumentError(path, f"'chart' must be one of {', '.join(CHARTS)}")
    outcomes = _texts(data, "outcomes", path) or ("action", "note")
    if set(outcomes) - set(OUTCOMES):
        raise InstrumentError(path, f"'outcomes' may only name {', '.join(OUTCOMES)}")
    order = data.get("order", 100)
    if not isinstance(order, int):
        raise InstrumentError(path, "'order' must be a whole number")
    return Instrument(
        key=key,
        title=_text(data, "title", path, required=True),
        short_title=_text(data, "short_title", path) or _text(data, "title", path),
        intro=_text(data, "intro", path),
        source=_text(data, "source", path, required=True),
        path=str(path),
        how=_texts(data, "how", path),
        dialogue=_texts(data, "dialogue", path),
        items=items,
        chart=chart,
        about=about,
        about_label=_text(data, "about_label", path),
        max_custom_items=max_custom if custom_item else 0,
        custom_item=custom_item,
        outcomes=outcomes,
        order=order,
        extra=data.get("extra", {}),
    )


def load_dir(directory: Path | None = None) -> tuple[dict[str, Instrument], list[InstrumentError]]:
    directory = directory or DATA_DIR
    instruments: dict[str, Instrument] = {}
    errors: list[InstrumentError] = []
    for path in sorted(directory.glob("*.toml")):
        try:
            instrument = load_file(path)
        except InstrumentError as error:
            errors.append(error)
        else:
            instruments[instrument.key] = instrument
    return instruments, errors


@functools.cache
def registry() -> dict[str, Instrument]:
    instruments, errors = load_dir()
    if errors:
        raise errors[0]
    return dict(sorted(instruments.items(), key=lambda kv: (kv[1].order, kv[1].title)))


def get(key: str) -> Instrument | None:
    return registry().get(key)


def all_instruments() -> list[Instrument]:
    return list(registry().values())
