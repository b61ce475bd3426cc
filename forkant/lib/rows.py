"""Model instances from a hand-written SQL statement, for the few hot paths where compiling the
ORM's query costs more than running it (the access check every signed-in AMG page starts with).

`Columns(Model, "alias")` is a model's concrete columns for a SELECT list under a table alias
(`.sql`, read off the model's fields, so a new field is picked up by itself) and turns the
statement's values back into an instance (`.instance(row, start)`), through the same converters
the ORM applies (SQLite hands dates back as text; JSON and custom fields convert themselves).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cached_property
from typing import Any, Generic, TypeVar

from django.db import connection, models

M = TypeVar("M", bound=models.Model)


class Columns(Generic[M]):
    def __init__(self, model: type[M], alias: str) -> None:
        self.model = model
        self.alias = alias
        self.fields = list(model._meta.concrete_fields)

    def __len__(self) -> int:
        return len(self.fields)

    @property
    def sql(self) -> str:
        quote = connection.ops.quote_name
        return ", ".join(f"{self.alias}.{quote(field.column)}" for field in self.fields)

    @cached_property
    def _converters(self) -> list[tuple[int, list[Callable[..., Any]], Any]]:
        converters = []
        for index, field in enumerate(self.fields):
            column = field.get_col(self.alias)
            found = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
            if found:
                converters.append((index, found, column))
        return converters

    def instance(self, row: Sequence[Any], start: int = 0) -> M | None:
        """The instance whose columns begin at `row[start]`; None when its primary key is NULL
        (the outer side of a LEFT JOIN that found nothing)."""
        values = list(row[start : start + len(self.fields)])
        pk_index = self.fields.index(self.model._meta.pk)
        if values[pk_index] is None:
            return None
        for index, found, column in self._converters:
            for convert in found:
                values[index] = convert(values[index], column, connection)
        return self.model.from_db(
            connection.alias, [field.attname for field in self.fields], values
        )
