from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from composition.demo.sample_organisation import load_sample_organisation
from composition.demo.workplace import ACCOUNTS, DEMO_PASSWORD, load_demo


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
        accounts = [
            (person.email, f"{person.first_name} {person.last_name}, {who}")
            for person, who in ACCOUNTS
        ]
        if options.get("eksempel"):
            sample = load_sample_organisation(amgs=options["eksempel"], password=DEMO_PASSWORD)
            accounts.append(
                ("overblik@demo.dk", f"Lene Overgaard, organisation admin, {sample.name}")
            )
        lines = [f"Demo workplace “{org.name}” is ready. Log in with password {DEMO_PASSWORD} as:"]
        width = max(len(email) for email, _who in accounts)
        lines += [f"  {email:<{width}}  {who}" for email, who in accounts]
        self.stdout.write(self.style.SUCCESS("\n".join(lines)))
