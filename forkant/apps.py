from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForkantConfig(AppConfig):
    name = "forkant"
    verbose_name = _("På forkant")

    def ready(self) -> None:
        from forkant import checks, signals  # noqa: F401  (registers checks and receivers)
