from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForkantConfig(AppConfig):
    name = "forkant"
    verbose_name = _("På forkant")

    def ready(self) -> None:
        from forkant import checks, signals  # noqa: F401  (registers checks and receivers)
        from forkant.extensions import register_nav_entry
        from forkant.obligations import checks as obligation_checks  # noqa: F401 (E002–E004)
        from forkant.obligations import register_check
        from forkant.obligations.members import amo_members

        # The AMG navigation (base.html): the core's own entries among the apps'.
        register_nav_entry(_("Vægskærme"), "screen_list", order=30)
        register_nav_entry(_("Klar til tilsyn?"), "readiness", order=35)
        register_nav_entry(_("Medlemmer"), "member_list", order=90)
        # The engine of obligations: the core's own rule (the AMO's members and roles).
        register_check("amo-members", amo_members)
