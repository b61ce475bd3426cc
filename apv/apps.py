from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApvConfig(AppConfig):
    name = "apv"
    verbose_name = _("APV og dokumentation")
