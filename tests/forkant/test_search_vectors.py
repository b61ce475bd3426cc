"""PostgreSQL's half of the search: Danish inflection, and the stored vectors that the triggers
keep current (forkant/lib/fulltext.py) — for every column each kind registers, on every way a row
is written. Skipped on SQLite, which has no vectors (its search reads the columns)."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations.state import ProjectState

from forkant import search
from forkant.lib.fulltext import SearchVectorTrigger, vector_expression
from handleplan import services as board
from handleplan.models import Action
from tests import builders
from tests.searching import every_kind, found, postgresql_only

pytestmark = postgresql_only


def stored_and_expected(kind: search.Kind, pk: int) -> tuple[str, str]:
    return (
        kind.model._default_manager.filter(pk=pk)
        .annotate(expected=vector_expression(kind.title, kind.body))
        .values_list("search_vector", "expected")
        .get()
    )


def test_each_kinds_trigger_indexes_exactly_the_columns_its_registration_names(world):
    """The migration's trigger and the app's registration name the same columns, with title
    columns weighted A and body columns B: each column gets a word of its own (written with
    QuerySet.update, a bulk write no service wrote), and the stored vector is the one the
    registration describes."""
    records = every_kind(world.amg, world.leder, "fælles").by_kind()
    for kind in search.kinds():
        changes: dict[str, object] = {}
        words = {}
        for index, path in enumerate(kind.columns):
            word = f"zx{chr(97 + index)}{chr(97 + kind.order // 10)}"
            words[path] = word
            column, _sep, key = path.partition("__")
            if key:
                changes.setdefault(column, {})[key] = word  # type: ignore[index]
            else:
                changes[column] = word
        kind.model._default_manager.filter(pk=records[kind.key]).update(**changes)
        stored, expected = stored_and_expected(kind, records[kind.key])
        assert stored == expected, kind.key
        for path, word in words.items():
            weight = "A" if path in kind.title else "B"
            assert f"'{word}':" in stored and stored.split(f"'{word}':")[1].split()[0].endswith(
                weight
            ), (kind.key, path, stored)


def test_sygemeldinger_finds_sygemelding(world):
    card = builders.make_action(world.amg, world.theme, title="Samtale ved sygemelding")
    assert found(world.leder.user, "sygemeldinger") == {"kort": [card.pk]}


@pytest.mark.parametrize(
    ("written", "searched"),
    [
        ("Opfølgning på sygemelding", "sygemeldinger"),
        ("Kollegerne hjælper", "kollegernes"),
        ("Nyt på arbejdspladsen", "arbejdspladsens"),
        ("Færre møder", "møderne"),
        ("Ny risikovurdering", "risikovurderingerne"),
    ],
)
def test_inflected_forms_find_each_other(world, written, searched):
    card = builders.make_action(world.amg, world.theme, title=written)
    assert found(world.leder.user, searched) == {"kort": [card.pk]}


def test_moving_a_card_keeps_its_vector_without_recomputing_it(world):
    card = builders.make_action(world.amg, world.theme, title="Lydabsorbenter i kantinen")
    before = Action.objects.values_list("search_vector", flat=True).get(pk=card.pk)
    board.move_action(action=card, status="i_maal", index=0)  # renumbers the cell in bulk
    assert Action.objects.values_list("search_vector", flat=True).get(pk=card.pk) == before
    assert found(world.leder.user, "lydabsorbenter") == {"kort": [card.pk]}


def triggers_on(table: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal",
            [table],
        )
        return [row[0] for row in cursor.fetchall()]


def test_the_migration_operation_can_be_reversed_and_applied_again(world):
    operation = SearchVectorTrigger("action", title=("title",), body=("why",))
    state = ProjectState.from_apps(apps)
    card = builders.make_action(world.amg, world.theme, title="Varmepumpe")
    with connection.cursor() as cursor:  # the test's own rows' deferred checks, before DDL
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with connection.schema_editor(atomic=False) as editor:
        operation.database_backwards("handleplan", editor, state, state)
    assert "handleplan_action_search_vector" not in triggers_on("handleplan_action")
    with connection.schema_editor(atomic=False) as editor:
        operation.database_forwards("handleplan", editor, state, state)
    assert triggers_on("handleplan_action") == ["handleplan_action_search_vector"]
    # Applying it rebuilt every vector, now from title and why only.
    assert found(world.leder.user, "varmepumpe") == {"kort": [card.pk]}
