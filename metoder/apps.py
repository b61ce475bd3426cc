from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MetoderConfig(AppConfig):
    name = "metoder"
    verbose_name = _("Metoder, årshjul og selvevalueringer")

    def ready(self) -> None:
        # metoder's sections of the inspection document (apv never imports metoder).
        from apv.documentation import register_section
        from forkant.extensions import (
            register_account_panel,
            register_member_column,
            register_nav_entry,
        )
        from metoder.documentation import training_section
        from metoder.instruments import register_with_app
        from metoder.queries import evaluation
        from metoder.queries.year import inspection_section as year_section
        from metoder.reminders_panel import reminders_panel
        from metoder.training_column import training_cells

        register_section(  # the year (issue 8)
            "year", order=10, template="metoder/year/inspection_section.html", build=year_section
        )
        register_section(  # the training record (issue 8)
            "training",
            order=30,
            template="metoder/training/_inspection.html",
            build=training_section,
        )
        register_with_app()  # the instruments' system check, board offer and profiles section
        evaluation.register_inspection_section()  # the annual evaluation's referat (issue 8)

        # What metoder adds to the core's pages (forkant never imports metoder).
        register_nav_entry(_("Årshjul"), "year_wheel", order=70, also=("/aarshjul/",))
        register_nav_entry(_("Selvevaluering"), "instrument_home", order=80, match="contains")
        register_member_column(  # the training record (issue 8)
            anchor="uddannelse", label=_("Uddannelse"), order=10, cells=training_cells
        )
        register_account_panel(key="reminders", order=10, render=reminders_panel)  # issue 8
