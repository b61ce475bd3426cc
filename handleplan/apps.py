from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HandleplanConfig(AppConfig):
    name = "handleplan"
    verbose_name = _("Handleplan")

    def ready(self) -> None:
        from forkant.extensions import register_nav_entry
        from handleplan import search

        # The AMG navigation (base.html)
        register_nav_entry(_("Handleplan"), "board", order=10)
        register_nav_entry(_("Idéer"), "idea_queue", order=50)
        register_nav_entry(_("Møder"), "meeting_list", order=60)
        # The search (forkant/search.py): cards, ideas, referater.
        search.register()
