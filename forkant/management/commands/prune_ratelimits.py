"""Delete rate-limit buckets nobody has touched for two days (run daily, e.g. from cron)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from forkant import ratelimit


class Command(BaseCommand):
    help = "Delete rate-limit buckets that have not been used for two days."

    def handle(self, *args: object, **options: object) -> None:
        deleted = ratelimit.prune()
        self.stdout.write(f"Deleted {deleted} rate-limit bucket(s).")
