"""`manage.py send_reminders`: the e-mail reminders. Run it every 15 minutes (cron or
the systemd timer in docs/DEPLOY.md); a second run sends nothing that was sent before.
Exit code 1 when any e-mail could not be sent (those reminders are tried again next run)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from metoder.reminders.sending import send_reminders


class Command(BaseCommand):
    help = "Send the e-mail reminders that are due (each one once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Count what would be sent without sending or logging anything.",
        )

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        result = send_reminders(dry_run=dry_run)
        verb = "would send" if dry_run else "sent"
        self.stdout.write(f"{verb} {result.sent} e-mail(s) with {result.reminders} reminder(s)")
        if result.failed:
            for failure in result.failed:
                self.stderr.write(f"failed: {failure}")
            raise CommandError(
                f"{len(result.failed)} e-mail(s) could not be sent; they are retried next run"
            )
