from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MetoderConfig(AppConfig):
    name = "metoder"
    verbose_name = _("Metoder, årshjul og selvevalueringer")

    def ready(self) -> None:
        from apv.documentation import register_section
        from metoder.documentation import training_section

        training = "metoder/training/_inspection.html"
        register_section("training", order=30, template=training, build=training_section)
