from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MetoderConfig(AppConfig):
    name = "metoder"
    verbose_name = _("Metoder, årshjul og selvevalueringer")

    def ready(self) -> None:
        """Every place metoder shows up in a lower layer, registered here and nowhere else:
        the inspection document's sections (apv never imports metoder), the board's offer on
        stalled cards (handleplan never imports metoder), the core's navigation, members page,
        account page and search (forkant never imports metoder), the instrument files' check, the
        checks of the engine of obligations for meetings, the annual discussion and training, and
        the reminders of other topics (the reminders import only training)."""
        from apv.documentation import register_section
        from forkant.extensions import (
            register_account_panel,
            register_member_column,
            register_nav_entry,
        )
        from forkant.obligations import register_check
        from handleplan import annotations
        from metoder.evaluation import search as evaluation_search
        from metoder.evaluation.inspection import inspection_section as evaluation_section
        from metoder.evaluation.obligations import annual_discussion
        from metoder.instruments import board as instruments_board
        from metoder.instruments import checks  # noqa: F401 (registers metoder.E001)
        from metoder.instruments import search as instruments_search
        from metoder.instruments.inspection import inspection_profiles
        from metoder.instruments.reminders import due_rounds
        from metoder.reminders.account_panel import reminders_panel
        from metoder.reminders.sources import register_source
        from metoder.training.inspection import training_section
        from metoder.training.members_column import training_cells
        from metoder.training.obligations import mandatory_training, supplementary_training
        from metoder.year.inspection import inspection_section as year_section
        from metoder.year.obligations import amo_meetings

        register_section(
            "year", order=10, template="metoder/year/inspection_section.html", build=year_section
        )
        register_section(
            "evaluation",
            order=20,
            template="metoder/evaluation/_inspection.html",
            build=evaluation_section,
        )
        register_section(
            "training",
            order=30,
            template="metoder/training/_inspection.html",
            build=training_section,
        )
        register_section(
            "instruments",
            order=50,
            template="metoder/instruments/inspection_section.html",
            build=inspection_profiles,
        )
        annotations.register_stalled_offer(instruments_board.stalled_offer)
        register_nav_entry(_("Årshjul"), "year_wheel", order=70, also=("/aarshjul/",))
        register_nav_entry(_("Selvevaluering"), "instrument_home", order=80, match="contains")
        register_member_column(
            anchor="uddannelse", label=_("Uddannelse"), order=10, cells=training_cells
        )
        register_account_panel(key="reminders", order=10, render=reminders_panel)
        register_check("amo-meetings", amo_meetings)
        register_check("annual-discussion", annual_discussion)
        register_check("mandatory-training", mandatory_training)
        register_check("supplementary-training", supplementary_training)
        evaluation_search.register()
        instruments_search.register()
        register_source("rounds", due_rounds)
