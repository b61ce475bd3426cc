from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApvConfig(AppConfig):
    name = "apv"
    verbose_name = _("APV")

    def ready(self) -> None:
        # The board shows which APV problem a card answers, without handleplan importing apv.
        from apv import obligations, search
        from apv.pulse import wall as pulse_wall
        from apv.queries import problem_marks
        from forkant.extensions import register_nav_entry, register_wall_panel
        from handleplan import annotations

        annotations.register(problem_marks)
        # The engine of obligations: the checks of the APV's rules (apv/obligations/).
        obligations.register()
        # The AMG navigation (base.html): the APV is current on its risk assessments,
        # incidents and guidelines too.
        register_nav_entry(
            _("APV"),
            "apv_home",
            order=20,
            match="contains",
            also=("/risikovurderinger/", "/haendelser/", "/retningslinjer/"),
        )
        # The search (forkant/search.py): problems, risk assessments, incidents.
        search.register()
        # The pulse on the wall screen (apv/pulse/wall.py): its QR code, then its histograms.
        register_wall_panel(key="pulse", slot="head", order=10, render=pulse_wall.head_panel)
        register_wall_panel(
            key="pulse-results", slot="band", order=10, render=pulse_wall.band_panel
        )
