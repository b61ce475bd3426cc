from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HandleplanConfig(AppConfig):
    name = "handleplan"
    verbose_name = _("Handleplan")
