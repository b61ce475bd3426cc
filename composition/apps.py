from __future__ import annotations

from django.apps import AppConfig


class CompositionConfig(AppConfig):
    """The composition root: the one place that gathers from every app (the front page, the
    organisation overview, the demo workplace and the project's URLs)."""

    name = "composition"
