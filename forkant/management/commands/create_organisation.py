"""`manage.py create_organisation "Navn" --admin e-mail`: the operator's first step.

Creates the organisation and invites its first admin by e-mail (the link is printed too, for
when mail is not set up yet). The admin then creates the AMGs and invites their members.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from forkant import services
from forkant.mail import invitation_url, send_invitation
from forkant.models import Organisation


class Command(BaseCommand):
    help = "Create an organisation and invite its first admin by e-mail."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", help='The organisation\'s name, e.g. "Demo Kommune".')
        parser.add_argument("--admin", required=True, help="E-mail address of the first admin.")
        parser.add_argument(
            "--require-two-factor",
            action="store_true",
            help="Every user of the organisation must log in with two-factor login.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        name = " ".join(options["name"].split())
        email = options["admin"].strip().lower()
        if not name:
            raise CommandError("The organisation needs a name.")
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"Not an e-mail address: {email!r}") from None
        if Organisation.objects.filter(name__iexact=name).exists():
            raise CommandError(f"An organisation called {name!r} exists already.")
        with transaction.atomic():
            organisation = services.create_organisation(name=name)
            if options["require_two_factor"]:
                services.set_two_factor_requirement(organisation=organisation, required=True)
            invitation, token = services.invite(
                organisation=organisation, amg=None, email=email, invited_by=None,
                now=timezone.now(),
            )  # fmt: skip
        url = invitation_url(token)
        send_invitation(invitation, url)
        self.stdout.write(f"Created {organisation.name} and invited {email} as its admin.")
        self.stdout.write(f"Invitation link (valid 7 days, works once): {url}")
