from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApvConfig(AppConfig):
    name = "apv"
    verbose_name = _("APV og dokumentation")

    def ready(self) -> None:
        # The board shows which APV problem a card answers, without handleplan importing apv.
        from apv.queries import problem_marks
        from handleplan import annotations

        annotations.register(problem_marks)
