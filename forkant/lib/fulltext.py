"""Stored full-text search vectors on PostgreSQL, kept current by the database itself.

A searchable model has a `search_vector` column (`SearchVectorField`, present on every database;
on SQLite it stays empty, search there reads the text columns). On PostgreSQL a migration adds,
with the `SearchVectorTrigger` operation below:

- a `BEFORE INSERT OR UPDATE OF <the text columns>, search_vector` trigger that computes the
  vector from the row being written: each title column weighted A, each body column weighted B,
  with the `danish` text-search configuration (stemming and stop words);
- a GIN index on the vector;
- the vectors of the rows already there.

Why a trigger and not a helper the services call: every way a row is written keeps the vector
current without anyone remembering it — the services' saves, `QuerySet.update()`, bulk writes,
a card restored from its history or from the bin (django-simple-history saves `record.instance`),
the demo and the tests' builders. A deleted row takes its vector with it. Writes that touch no
text column (moving a card, renumbering positions) do not fire it, so they cost nothing more.

The operation is frozen into each app's migration with the columns it indexes; the app's search
registration (`forkant.search.register_kind`) names the same columns, and
`tests/forkant/test_search_vectors.py` fails when the two disagree. To change what a kind indexes,
change both and add a migration with the new columns (the function and trigger are replaced and
the vectors rebuilt).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.migrations.operations.base import Operation
from django.db.models.fields.json import KT

CONFIG = "danish"  # PostgreSQL's Danish snowball stemmer and stop words
VECTOR_FIELD = "search_vector"
TITLE_WEIGHT, BODY_WEIGHT = "A", "B"


def text_of(path: str) -> models.Expression:
    """A column, or a key of a JSON column (`answers__nu`), as text."""
    return KT(path) if "__" in path else models.F(path)


def vector_expression(title: Sequence[str], body: Sequence[str]) -> SearchVector:
    """The vector the trigger stores, as a Django expression (the tests compare the two)."""
    parts = [(path, TITLE_WEIGHT) for path in title] + [(path, BODY_WEIGHT) for path in body]
    vectors = [SearchVector(text_of(path), config=CONFIG, weight=weight) for path, weight in parts]
    combined = vectors[0]
    for vector in vectors[1:]:
        combined = combined + vector
    return combined


class SearchVectorTrigger(Operation):
    """Keep `search_vector` of `model_name` current on PostgreSQL (see the module docstring);
    nothing on other databases. Reversing it drops the trigger, its function and the index."""

    reversible = True

    def __init__(self, model_name: str, title: Sequence[str], body: Sequence[str]) -> None:
        self.model_name = model_name
        self.title = tuple(title)
        self.body = tuple(body)

    def deconstruct(self):  # type: ignore[no-untyped-def]
        kwargs = {"model_name": self.model_name, "title": self.title, "body": self.body}
        return self.__class__.__qualname__, [], kwargs

    def state_forwards(self, app_label, state):  # type: ignore[no-untyped-def]
        pass  # the column is an ordinary AddField; the trigger is not part of the model state

    def describe(self) -> str:
        return f"Keep the search vector of {self.model_name} current (PostgreSQL)"

    @property
    def migration_name_fragment(self) -> str:
        return f"{self.model_name.lower()}_search_vector_trigger"

    def database_forwards(self, app_label, schema_editor, from_state, to_state):  # type: ignore[no-untyped-def]
        if schema_editor.connection.vendor != "postgresql":
            return
        model = to_state.apps.get_model(app_label, self.model_name)
        for statement in self._create_sql(model, schema_editor):
            schema_editor.execute(statement)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):  # type: ignore[no-untyped-def]
        if schema_editor.connection.vendor != "postgresql":
            return
        model = from_state.apps.get_model(app_label, self.model_name)
        table, function, trigger, index = self._names(model, schema_editor)
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {function}()")
        schema_editor.execute(f"DROP INDEX IF EXISTS {index}")

    # SQL ----------------------------------------------------------------------------------

    def _names(self, model, schema_editor) -> tuple[str, str, str, str]:  # type: ignore[no-untyped-def]
        db_table = model._meta.db_table
        quote = schema_editor.quote_name
        return (
            quote(db_table),
            quote(f"{db_table}_search_vector"),
            quote(f"{db_table}_search_vector"),
            quote(f"{db_table}_search_gin"),
        )

    def _column_text(self, model, schema_editor, path: str) -> tuple[str, str]:  # type: ignore[no-untyped-def]
        """(the column, the SQL for its text in the new row) of a column or a JSON key."""
        name, _sep, key = path.partition("__")
        field = model._meta.get_field(name)
        column = schema_editor.quote_name(field.column)
        if not key:
            return column, f"NEW.{column}"
        if not isinstance(field, models.JSONField) or "__" in key:
            raise ValueError(f"{path}: only one key of a JSON column can be indexed")
        return column, f"(NEW.{column} ->> {schema_editor.quote_value(key)})"

    def _create_sql(self, model, schema_editor) -> list[str]:  # type: ignore[no-untyped-def]
        if not isinstance(model._meta.get_field(VECTOR_FIELD), SearchVectorField):
            raise ValueError(f"{self.model_name}.{VECTOR_FIELD} must be a SearchVectorField")
        table, function, trigger, index = self._names(model, schema_editor)
        vector = schema_editor.quote_name(model._meta.get_field(VECTOR_FIELD).column)
        config = schema_editor.quote_value(CONFIG)
        columns: list[str] = []
        parts: list[str] = []
        for paths, weight in ((self.title, TITLE_WEIGHT), (self.body, BODY_WEIGHT)):
            for path in paths:
                column, text = self._column_text(model, schema_editor, path)
                if column not in columns:
                    columns.append(column)
                parts.append(
                    f"setweight(to_tsvector({config}::regconfig, coalesce({text}::text, '')), "
                    f"'{weight}')"
                )
        if not parts:
            raise ValueError(f"{self.model_name}: no columns to index")
        expression = "\n      || ".join(parts)
        watched = ", ".join([*columns, vector])
        return [
            f"""CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.{vector} := {expression};
  RETURN NEW;
END
$$""",
            f"DROP TRIGGER IF EXISTS {trigger} ON {table}",
            f"CREATE TRIGGER {trigger} BEFORE INSERT OR UPDATE OF {watched} ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {function}()",
            f"CREATE INDEX IF NOT EXISTS {index} ON {table} USING gin ({vector})",
            # Setting the vector fires the trigger: every existing row gets its vector. (Only
            # quoted identifiers from the model are interpolated, no input.)
            f"UPDATE {table} SET {vector} = NULL",  # noqa: S608
        ]
