"""The reminders' panel on the user's own page, Min konto (registered in MetoderConfig.ready()
through `forkant.extensions`)."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string


def reminders_panel(request: HttpRequest) -> str:
    return render_to_string("metoder/reminders/_account_panel.html")
