from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from composition.demo.sample_organisation import load_sample_organisation
from composition.demo.workplace import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Create (or bring up to date) the demo workplace “Demo Kommune”. Safe to run again."

    def add_arguments(self, parser: Any) -> None:
        # The organisation overview: a generated organisation of many groups.
        parser.add_argument(
            "--eksempel",
            type=int,
            default=0,
            metavar="N",
            help="Also create “Eksempel Kommune” with N generated groups (admin overblik@demo.dk).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        org = load_demo()
        if options.get("eksempel"):
            sample = load_sample_organisation(amgs=options["eksempel"], password=DEMO_PASSWORD)
            self.stdout.write(f"“{sample.name}”: log in as overblik@demo.dk to see its overview.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo workplace “{org.name}” is ready: log in as leder@demo.dk, amr@demo.dk, "
                f"laeser@demo.dk, amr2@demo.dk or admin@demo.dk with password {DEMO_PASSWORD}."
            )
        )
