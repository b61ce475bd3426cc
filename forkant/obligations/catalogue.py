"""The rules as data, read and validated: `laws()`, `rules()`, `rule(key)`, `points()`.

`validate()` turns the raw entries of `forkant.obligations.data` into `Law`, `Point` and `Rule`
values and lists every problem it finds (an unknown law, a point outside 1–13, a date that is not
a date, a deadline that is not a positive number, a text whose placeholders the parameters do not
fill …). The system check `forkant.E002` reports them, so a broken entry fails `manage.py check`;
the valid entries are still served, so one broken rule does not take the site down.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.utils import formats
from django.utils.functional import lazy

from forkant.obligations import data
from forkant.obligations.values import Law, Point, Rule

KEY = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
POINT_NUMBERS = range(1, 14)
LAW_FIELDS = {"key", "title", "citation", "url", "checked_on", "note"}
RULE_FIELDS = {
    "key",
    "point",
    "law",
    "paragraph",
    "title",
    "text",
    "parameters",
    "checked_on",
    "source_url",
}


@dataclass(frozen=True)
class DataError:
    where: str  # "rule 'easy-report'", "law 'psykisk'", "point 4"
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class Catalogue:
    laws: dict[str, Law] = field(default_factory=dict)
    points: dict[int, Point] = field(default_factory=dict)
    rules: dict[str, Rule] = field(default_factory=dict)


def _date(value: object) -> datetime.date | None:
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None


def _shown(value: Any) -> Any:
    """A parameter as a rule's text shows it: numbers in the language's format (1,5 in Danish)."""
    if isinstance(value, float):
        return formats.number_format(value, decimal_pos=1 if value % 1 else 0)
    return value


def _filled(text: object, parameters: Mapping[str, Any]) -> str:
    return str(text) % {k: _shown(v) for k, v in parameters.items()}


# The text is translated and filled in when shown, in the language of the moment.
_lazy_filled = lazy(_filled, str)


def _number_errors(name: str, value: object) -> str | None:
    if name.endswith(("days", "months", "years", "between")):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return f"parameter '{name}' must be a number, not {value!r}"
        if value < 0 or (value == 0 and not name.startswith("warn")):
            return f"parameter '{name}' must be positive, not {value!r}"
    return None


def _url_error(name: str, value: object) -> str | None:
    if not isinstance(value, str) or not value.startswith("https://"):
        return f"{name} must be an https:// address, not {value!r}"
    return None


def validate(
    laws: Iterable[Mapping[str, Any]],
    points: Iterable[tuple[int, object]],
    rules: Iterable[Mapping[str, Any]],
    *,
    today: datetime.date | None = None,
) -> tuple[Catalogue, list[DataError]]:
    """The valid laws, points and rules, and every problem found in the entries."""
    today = today or datetime.date.today()
    found = Catalogue()
    errors: list[DataError] = []

    for raw in laws:
        where = f"law {raw.get('key')!r}"
        problems = [f"unknown field '{name}'" for name in sorted(set(raw) - LAW_FIELDS)]
        key = raw.get("key")
        if not isinstance(key, str) or not KEY.fullmatch(key):
            problems.append("key must be lower-case letters, digits and hyphens")
        elif key in found.laws:
            problems.append("key is used twice")
        for name in ("title", "citation"):
            if not str(raw.get(name) or "").strip():
                problems.append(f"{name} is missing")
        if error := _url_error("url", raw.get("url")):
            problems.append(error)
        checked = _date(raw.get("checked_on"))
        if checked is None:
            problems.append(
                f"checked_on must be a date (YYYY-MM-DD), not {raw.get('checked_on')!r}"
            )
        elif checked > today:
            problems.append("checked_on lies in the future")
        if problems:
            errors.extend(DataError(where, p) for p in problems)
            continue
        found.laws[key] = Law(
            key=key,
            title=raw["title"],
            citation=raw["citation"],
            url=raw["url"],
            checked_on=checked,  # type: ignore[arg-type]
            note=raw.get("note", ""),
        )

    for number, title in points:
        if number not in POINT_NUMBERS:
            errors.append(DataError(f"point {number!r}", "points are numbered 1 to 13"))
        elif number in found.points:
            errors.append(DataError(f"point {number}", "is listed twice"))
        elif not str(title).strip():
            errors.append(DataError(f"point {number}", "title is missing"))
        else:
            found.points[number] = Point(number, title)  # type: ignore[arg-type]
    for number in POINT_NUMBERS:
        if number not in found.points:
            errors.append(DataError(f"point {number}", "is missing"))

    for raw in rules:
        where = f"rule {raw.get('key')!r}"
        problems = [f"unknown field '{name}'" for name in sorted(set(raw) - RULE_FIELDS)]
        key = raw.get("key")
        if not isinstance(key, str) or not KEY.fullmatch(key):
            problems.append("key must be lower-case letters, digits and hyphens")
        elif key in found.rules:
            problems.append("key is used twice")
        point = raw.get("point")
        if point not in found.points:
            problems.append(f"point must be one of 1–13, not {point!r}")
        law = found.laws.get(raw.get("law"))  # type: ignore[arg-type]
        if law is None:
            problems.append(f"law {raw.get('law')!r} is not among the laws")
        if not isinstance(raw.get("paragraph", ""), str):
            problems.append("paragraph must be text")
        parameters = raw.get("parameters", {})
        if not isinstance(parameters, dict) or not all(isinstance(k, str) for k in parameters):
            problems.append("parameters must be a table of names and values")
            parameters = {}
        problems.extend(
            e for name, value in parameters.items() if (e := _number_errors(name, value))
        )
        for name in ("title", "text"):
            text = raw.get(name)
            if not str(text or "").strip():
                problems.append(f"{name} is missing")
                continue
            try:
                _filled(text, parameters)
            except (KeyError, ValueError, TypeError) as error:
                problems.append(f"{name} has a placeholder the parameters do not fill ({error})")
        if error := _url_error("source_url", raw.get("source_url")):
            problems.append(error)
        checked = _date(raw.get("checked_on"))
        if checked is None:
            problems.append(
                f"checked_on must be a date (YYYY-MM-DD), not {raw.get('checked_on')!r}"
            )
        elif checked > today:
            problems.append("checked_on lies in the future")
        if problems:
            errors.extend(DataError(where, p) for p in problems)
            continue
        found.rules[key] = Rule(
            key=key,
            point=point,  # type: ignore[arg-type]
            title=_lazy_filled(raw["title"], parameters),
            law=law,  # type: ignore[arg-type]
            paragraph=raw.get("paragraph", ""),
            text=_lazy_filled(raw["text"], parameters),
            parameters=dict(parameters),
            checked_on=checked,  # type: ignore[arg-type]
            source_url=raw["source_url"],
        )

    for number in found.points:
        if not any(r.point == number for r in found.rules.values()):
            errors.append(DataError(f"point {number}", "has no rule"))
    return found, errors


@functools.cache
def _loaded() -> tuple[Catalogue, list[DataError]]:
    return validate(data.LAWS, data.POINTS, data.RULES)


def errors() -> list[DataError]:
    return list(_loaded()[1])


def laws() -> list[Law]:
    """Every law a rule cites, in the order of the data (for the legal basis appendix)."""
    catalogue = _loaded()[0]
    cited = {r.law.key for r in catalogue.rules.values()}
    return [law for law in catalogue.laws.values() if law.key in cited]


def rules() -> list[Rule]:
    """Every rule, by point and then in the order of the data."""
    return sorted(_loaded()[0].rules.values(), key=lambda r: r.point)


def points() -> list[Point]:
    return [p for _n, p in sorted(_loaded()[0].points.items())]


def rule(key: str) -> Rule:
    try:
        return _loaded()[0].rules[key]
    except KeyError:
        raise ImproperlyConfigured(
            f"The rule {key!r} is missing or broken in forkant/obligations/data.py "
            "(run manage.py check)."
        ) from None


def parameter(key: str, name: str) -> Any:
    """One deadline or threshold of a rule, e.g. parameter("easy-report", "days") -> 14.

    Read from the data as it stands, without translating anything, so modules may use it while
    Django starts (a model's constants); `manage.py check` validates the value."""
    for raw in data.RULES:
        if raw.get("key") == key:
            try:
                return raw["parameters"][name]
            except (KeyError, TypeError):
                break
    raise ImproperlyConfigured(
        f"The rule {key!r} has no parameter {name!r} in forkant/obligations/data.py."
    )
