from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForkantConfig(AppConfig):
    name = "forkant"
    verbose_name = _("På forkant")

    def ready(self) -> None:
        from forkant import checks, signals  # noqa: F401  (registers checks and receivers)
        from forkant.extensions import register_nav_entry

        # The AMG navigation (base.html): the core's own entries among the apps'.
        register_nav_entry(_("Vægskærme"), "screen_list", order=30)
        register_nav_entry(_("Medlemmer"), "member_list", order=90)
