from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompositionConfig(AppConfig):
    """The composition root: the one place that gathers from every app (the front page, the
    organisation overview, the demo workplace and the project's URLs)."""

    name = "composition"

    def ready(self) -> None:
        from forkant.extensions import register_nav_entry, register_organisation_link

        # The organisation page (the core's) links to the overview.
        register_organisation_link(_("Overblik over grupperne"), "organisation_overview", order=10)
        # The AMG navigation: the documentation for Arbejdstilsynet (composition.inspection).
        register_nav_entry(_("Dokumentation"), "inspection", order=40, match="contains")
