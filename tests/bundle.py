"""The inspection bundle for tests: its HTML and its PDF, straight from the AMG's id (the same
functions the worker calls, without an export)."""

from __future__ import annotations

import datetime

from composition.inspection.render import bundle, render_bundle_html, render_bundle_pdf


def render_inspection_html(amg_id: int, *, now: datetime.datetime | None = None) -> str:
    return render_bundle_html(bundle(amg_id, now=now))


def render_inspection_pdf(amg_id: int, *, now: datetime.datetime | None = None) -> bytes:
    return render_bundle_pdf(bundle(amg_id, now=now)).data


def inspection_document(amg_id: int, *, now: datetime.datetime | None = None):  # type: ignore[no-untyped-def]
    return bundle(amg_id, now=now)


def section_html(html: str, key: str) -> str:
    """One section of the bundle's HTML (from its <section id=…> to the next section)."""
    start = html.index(f'id="{key}"')
    end = html.find("<section", start)
    return html[start : end if end != -1 else len(html)]


def run_worker() -> None:
    """The real worker (`manage.py db_worker`), in this process: every queued job, then exit.

    Between jobs the worker closes connections that are not in autocommit mode, as a request
    does; inside a test's transaction that would close the test's own connection, so that one
    housekeeping step is skipped here (the subprocess test runs it unchanged)."""
    from unittest import mock

    from django.core.management import call_command

    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command(
            "db_worker",
            "--batch",
            "--no-reload",
            "--no-startup-delay",
            "--interval",
            "0",
            verbosity=0,
        )


def make_export(amg, user, *, state: str = "ready"):  # type: ignore[no-untyped-def]
    """An export in the archive without rendering a bundle: asked for, and then finished with
    a small stand-in file or failed, through the same writes the worker makes."""
    from django.utils import timezone

    from composition.inspection import archive, services
    from forkant.lib.pdf import RenderedPDF

    export = services.request_export(amg=amg, user=user)
    archive.start_rendering(export.pk)
    if state == "ready":
        archive.finish_export(
            export,
            pdf=RenderedPDF(data=b"%PDF-1.7\n% stand-in\n%%EOF\n", pages=1),
            exported_at=timezone.now(),
            filename="dokumentation-test.pdf",
            findings=[],
        )
    elif state == "failed":
        archive.fail_export(export, error="Traceback: boom")
    export.refresh_from_db()
    return export
