"""`manage.py check` fails on a broken instrument file, naming the file and the item."""

from __future__ import annotations

from django.core import checks

from metoder.instruments import engine


@checks.register()
def instrument_files(app_configs, **kwargs):  # type: ignore[no-untyped-def]
    _instruments, errors = engine.load_dir(engine.DATA_DIR)
    return [
        checks.Error(
            str(error),
            hint="Ret instrumentfilen; se metoder/instruments/__init__.py for formatet.",
            obj=error.path,
            id="metoder.E001",
        )
        for error in errors
    ]
