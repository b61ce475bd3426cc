from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MetoderConfig(AppConfig):
    name = "metoder"
    verbose_name = _("Metoder, årshjul og selvevalueringer")

    def ready(self) -> None:
        """Every place metoder shows up in a lower layer, registered here and nowhere else:
        the board's offer on stalled cards (handleplan never imports metoder), the core's
        navigation, members page, account page and search (forkant never imports metoder), the
        instrument files' check, the checks of the engine of obligations for meetings, the
        annual discussion and training, and the reminders of other topics (the reminders import
        only training). (The inspection bundle, in the composition root, reads metoder's
        sections itself.)"""
        from forkant.extensions import (
            register_account_panel,
            register_member_column,
            register_nav_entry,
        )
        from forkant.obligations import register_check
        from handleplan import annotations
        from metoder.evaluation import search as evaluation_search
        from metoder.evaluation.obligations import annual_discussion
        from metoder.instruments import board as instruments_board
        from metoder.instruments import checks  # noqa: F401 (registers metoder.E001)
        from metoder.instruments import search as instruments_search
        from metoder.instruments.reminders import due_rounds
        from metoder.reminders.account_panel import reminders_panel
        from metoder.reminders.sources import register_source
        from metoder.training.members_column import training_cells
        from metoder.training.obligations import mandatory_training, supplementary_training
        from metoder.year.obligations import amo_meetings

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
