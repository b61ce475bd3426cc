from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MetoderConfig(AppConfig):
    name = "metoder"
    verbose_name = _("Metoder, årshjul og selvevalueringer")

    def ready(self) -> None:
        from apv.documentation import register_section
        from metoder.queries.year import inspection_section

        register_section(  # the year (issue 8)
            "year",
            order=10,
            template="metoder/year/inspection_section.html",
            build=inspection_section,
        )
