"""`manage.py backup [--output FILE]`: a consistent copy of the database (see forkant.lib.backup).

PostgreSQL: pg_dump's custom format. SQLite: the online backup API (safe while the app runs).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from forkant.lib import backup


class Command(BaseCommand):
    help = "Back up the database to a file (default: backups/forkant-<time>.<pgdump|sqlite3>)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", type=Path, help="The backup file to write.")

    def handle(self, *args: Any, **options: Any) -> None:
        db = settings.DATABASES["default"]
        target = options["output"]
        if target is None:
            stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
            target = Path(settings.BACKUP_DIR) / f"forkant-{stamp}{backup.suffix(db)}"
        target.parent.mkdir(parents=True, exist_ok=True)
        backup.backup(db, target)
        self.stdout.write(f"Backed up to {target} ({target.stat().st_size} bytes).")
