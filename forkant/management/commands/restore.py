"""`manage.py restore FILE`: replace the database's content with a backup made by `backup`.

Stop the app servers first (or take them out of the load balancer); run `migrate` afterwards
when the backup is older than the code.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

from forkant.lib import backup


class Command(BaseCommand):
    help = "Restore the database from a backup file made by `manage.py backup`."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--no-input", action="store_false", dest="interactive", help="Do not ask first."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source: Path = options["file"]
        if not source.is_file():
            raise CommandError(f"No such backup: {source}")
        db = settings.DATABASES["default"]
        if options["interactive"]:
            answer = input(f"Replace everything in {db['NAME']} with {source}? Type 'yes': ")
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        connections.close_all()
        backup.restore(db, source)
        self.stdout.write(f"Restored {db['NAME']} from {source}.")
