"""Deploy checks of our own, run by `manage.py check --deploy`."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, register


@register(deploy=True)
def secret_key_is_not_the_development_key(**kwargs: Any) -> list[Error]:
    if settings.SECRET_KEY == settings.INSECURE_DEV_SECRET_KEY:
        return [
            Error(
                "SECRET_KEY is the development key.",
                hint="Set SECRET_KEY in the environment to a long random value.",
                id="forkant.E001",
            )
        ]
    return []
