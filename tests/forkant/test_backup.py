"""Backups: the demo workplace round-trips through backup and restore, every table the same."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from composition.demo.workplace import load_demo
from forkant.lib import backup
from forkant.models import AMG
from handleplan.models import Action


@pytest.fixture
def scratch_database(tmp_path: Path):  # type: ignore[no-untyped-def]
    """An empty database of the same kind as the test database, to restore into."""
    db = dict(connection.settings_dict)
    if connection.vendor == "postgresql":
        name = f"forkant_restore_{uuid.uuid4().hex[:8]}"
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        db["NAME"] = name
        yield db
        connection.close()
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        db["NAME"] = str(tmp_path / "restored.sqlite3")
        yield db


@pytest.mark.django_db(transaction=True)
def test_the_demo_round_trips_through_backup_and_restore(tmp_path, scratch_database):
    load_demo()
    source = connection.settings_dict
    tables = connection.introspection.table_names()
    assert "handleplan_action" in tables
    file = backup.backup(source, tmp_path / f"demo{backup.suffix(source)}")
    assert file.stat().st_size > 0

    backup.restore(scratch_database, file)

    original = backup.table_contents(source, tables)
    restored = backup.table_contents(scratch_database, tables)
    assert sum(len(rows) for rows in original.values()) > 100
    assert len(original["handleplan_action"]) == Action.objects.count() > 0
    for table in tables:
        assert restored[table] == original[table], table


@pytest.mark.django_db(transaction=True)
def test_restore_puts_back_what_was_there_at_backup_time(tmp_path):
    load_demo()
    before = Action.objects.count()
    file = tmp_path / f"before{backup.suffix(connection.settings_dict)}"
    call_command("backup", "--output", str(file), stdout=open("/dev/null", "w"))  # noqa: SIM115
    Action.objects.all().delete()
    AMG.objects.filter(name="Solsikkeskolen").update(name="Omdøbt")
    call_command("restore", str(file), "--no-input", stdout=open("/dev/null", "w"))  # noqa: SIM115
    connection.close()
    assert Action.objects.count() == before
    assert AMG.objects.filter(name="Solsikkeskolen").exists()
