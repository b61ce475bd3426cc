"""Backups of the database: pg_dump/pg_restore for PostgreSQL, the online backup API for SQLite.

Both take a database's settings dict (settings.DATABASES["default"] or another), so the same
code backs up production and, in the tests, round-trips the demo into a scratch database.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import psycopg

SQLITE = "django.db.backends.sqlite3"
POSTGRESQL = "django.db.backends.postgresql"
POSTGRESQL_ENGINES = {POSTGRESQL, "forkant.lib.postgresql"}


def engine(db: dict[str, Any]) -> str:
    if db["ENGINE"] in POSTGRESQL_ENGINES:
        return POSTGRESQL
    if db["ENGINE"] != SQLITE:
        raise ValueError(f"No backup for {db['ENGINE']}")
    return SQLITE


def suffix(db: dict[str, Any]) -> str:
    return ".sqlite3" if engine(db) == SQLITE else ".pgdump"


def _pg_args(db: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    args = ["--dbname", db["NAME"], "--no-password"]
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise FileNotFoundError(f"{name} is not installed (Debian: postgresql-client)")
    return path


def _sqlite(db: dict[str, Any]) -> sqlite3.Connection:
    name = str(db["NAME"])
    return sqlite3.connect(name, uri=name.startswith("file:"))


def backup(db: dict[str, Any], target: Path) -> Path:
    """A consistent copy of the running database in `target` (written atomically)."""
    partial = target.with_name(target.name + ".partial")
    if engine(db) == POSTGRESQL:
        args, env = _pg_args(db)
        # The custom format: compressed, and pg_restore can restore it into an existing database.
        subprocess.run(  # noqa: S603 (our own settings, no shell)
            [_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(partial), *args],
            env=env, check=True,
        )  # fmt: skip
    else:
        with closing(_sqlite(db)) as source, closing(sqlite3.connect(partial)) as copy:
            source.backup(copy)  # SQLite's online backup: consistent while the app writes
    partial.replace(target)
    return target


def restore(db: dict[str, Any], source: Path) -> None:
    """Replace the database's content with the backup's (tables the backup has are dropped and
    recreated; in one transaction on PostgreSQL)."""
    if not source.is_file():
        raise FileNotFoundError(source)
    if engine(db) == POSTGRESQL:
        args, env = _pg_args(db)
        subprocess.run(  # noqa: S603 (our own settings, no shell)
            [_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction",
             "--exit-on-error", *args, str(source)],
            env=env, check=True,
        )  # fmt: skip
    else:
        with closing(sqlite3.connect(source)) as backup_db, closing(_sqlite(db)) as live:
            backup_db.backup(live)


@contextmanager
def connect(db: dict[str, Any]) -> Iterator[Any]:
    """A plain DB-API connection (outside Django), to read a restored database."""
    if engine(db) == POSTGRESQL:
        conn = psycopg.connect(
            dbname=db["NAME"],
            host=db.get("HOST") or None,
            port=db.get("PORT") or None,
            user=db.get("USER") or None,
            password=db.get("PASSWORD") or None,
        )
    else:
        conn = _sqlite(db)
    try:
        yield conn
    finally:
        conn.close()


def table_contents(db: dict[str, Any], tables: list[str]) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, sorted, for comparing two databases."""
    quote = '"{}"'.format
    contents = {}
    with connect(db) as conn:
        for table in tables:
            cursor = conn.cursor()
            cursor.execute(f"SELECT * FROM {quote(table)}")  # noqa: S608 (table names from introspection)
            contents[table] = sorted(cursor.fetchall(), key=repr)
    return contents
