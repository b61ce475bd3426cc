from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from forkant.demo import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Create (or bring up to date) the demo workplace “Demo Kommune”. Safe to run again."

    def handle(self, *args: Any, **options: Any) -> None:
        org = load_demo()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo workplace “{org.name}” is ready: log in as leder@demo.dk, amr@demo.dk, "
                f"laeser@demo.dk, amr2@demo.dk or admin@demo.dk with password {DEMO_PASSWORD}."
            )
        )
