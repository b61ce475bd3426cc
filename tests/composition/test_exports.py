"""Every export is kept: asked for on the page, rendered by the worker off the request, then
downloadable again byte for byte with its SHA-256; nobody can change or delete it; a failed
render is shown as failed, can be retried, and loses nothing."""

from __future__ import annotations

import datetime
import hashlib
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

from composition.inspection import archive, services
from composition.models import InspectionExport
from tests import builders
from tests.bundle import make_export, run_worker

HTMX = {"HX-Request": "true"}


def create_url(world) -> str:  # type: ignore[no-untyped-def]
    return reverse("inspection_export_create", kwargs={"amg_id": world.amg.pk})


def export_url(world, export, name: str = "inspection_export") -> str:  # type: ignore[no-untyped-def]
    return reverse(name, kwargs={"amg_id": world.amg.pk, "pk": export.pk})


def test_asking_for_an_export_queues_a_job_and_renders_nothing_in_the_request(world):
    response = world.client_for("leder").post(create_url(world), headers=HTMX)
    assert response.status_code == 200
    export = InspectionExport.objects.get(amg=world.amg)
    assert export.state == "queued" and export.pdf is None
    assert export.document_id.startswith("FK-") and len(export.document_id) == 12
    job = DBTaskResult.objects.get(id=export.task_id)
    assert job.task_path == "composition.inspection.tasks.render_export"
    assert job.args_kwargs["args"] == [export.pk]
    html = response.content.decode()
    assert 'hx-trigger="every 2s"' in html and "<progress" in html
    assert "Venter på en ledig baggrundsproces" in html


def test_asking_twice_while_one_is_waiting_gives_the_same_export(world):
    client = world.client_for("leder")
    client.post(create_url(world))
    client.post(create_url(world))
    assert InspectionExport.objects.filter(amg=world.amg).count() == 1
    assert DBTaskResult.objects.count() == 1


def test_the_worker_renders_hashes_and_keeps_the_file_with_the_findings(world):
    builders.make_action(world.amg, world.theme, title="Kursus i konflikthåndtering")
    export = services.request_export(amg=world.amg, user=world.leder.user)
    run_worker()
    export.refresh_from_db()
    assert export.state == "ready" and export.stage == "done" and export.attempts == 1
    data = bytes(export.pdf)
    assert hashlib.sha256(data).hexdigest() == export.sha256
    assert export.size == len(data) and export.page_count == len(PdfReader(io.BytesIO(data)).pages)
    assert export.filename.endswith(f"-{export.document_id.lower()}.pdf")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    text = " ".join(text.replace("‐\n", "").replace("-\n", "").split())  # hyphenated lines
    assert export.document_id in text and "Kursus i konflikthåndtering" in text
    # The status page's findings, as data: one per finding, with its rule and state.
    assert export.findings and {"point", "rule", "reference", "state", "reason"} <= set(
        export.findings[0]
    )
    assert DBTaskResult.objects.get(id=export.task_id).status == "SUCCESSFUL"


def test_an_earlier_export_downloads_again_byte_for_byte_after_the_work_has_moved_on(world):
    export = services.request_export(amg=world.amg, user=world.leder.user)
    run_worker()
    export.refresh_from_db()
    client = world.client_for("amr")
    first = client.get(export_url(world, export, "inspection_export_download"))
    assert first.status_code == 200 and first["Content-Type"] == "application/pdf"
    assert first["Content-Disposition"] == f'attachment; filename="{export.filename}"'
    assert first["ETag"] == f'"{export.sha256}"'
    assert first["Repr-Digest"].startswith("sha-256=:")
    builders.make_action(world.amg, world.theme, title="En ny handling efter eksporten")
    later = services.request_export(amg=world.amg, user=world.leder.user)
    run_worker()
    again = client.get(export_url(world, export, "inspection_export_download"))
    assert again.content == first.content
    assert hashlib.sha256(again.content).hexdigest() == export.sha256
    later.refresh_from_db()
    assert later.sha256 != export.sha256 and later.document_id != export.document_id


def test_a_finished_export_is_never_written_again(world):
    export = make_export(world.amg, world.leder.user)
    with pytest.raises(RuntimeError):
        archive.finish_export(
            export,
            pdf=archive.RenderedPDF(data=b"%PDF-1.7 another", pages=1),
            exported_at=timezone.now(),
            filename="x.pdf",
            findings=[],
        )
    archive.fail_export(export, error="late failure")
    export.refresh_from_db()
    assert export.state == "ready" and bytes(export.pdf).startswith(b"%PDF-1.7\n% stand-in")
    # Running its job again (a worker retrying it) changes nothing either.
    from composition.inspection.tasks import render_export

    assert render_export.call(export.pk) == export.sha256
    export.refresh_from_db()
    assert export.attempts == 1


def test_members_have_no_way_to_change_or_delete_an_export(world):
    export = make_export(world.amg, world.leder.user)
    client = world.client_for("leder")
    for name in ("inspection_export", "inspection_export_download"):
        assert client.post(export_url(world, export, name)).status_code == 405
        assert client.delete(export_url(world, export, name)).status_code == 405
    for guess in ("inspection_export_delete", "inspection_export_edit"):
        with pytest.raises(NoReverseMatch):
            reverse(guess, kwargs={"amg_id": world.amg.pk, "pk": export.pk})
    export.refresh_from_db()
    assert export.is_ready


def test_the_admin_shows_the_archive_but_cannot_add_change_or_delete(world, client):
    export = make_export(world.amg, world.leder.user)
    get_user_model().objects.create_superuser("drift@example.dk", "x" * 12)
    client.force_login(get_user_model().objects.get(email="drift@example.dk"))
    base = "admin:composition_inspectionexport"
    assert client.get(reverse(f"{base}_changelist")).status_code == 200
    page = client.get(reverse(f"{base}_change", args=[export.pk]))
    assert page.status_code == 200 and b'name="_save"' not in page.content
    assert client.get(reverse(f"{base}_add")).status_code == 403
    assert (
        client.post(reverse(f"{base}_delete", args=[export.pk]), {"post": "yes"}).status_code == 403
    )
    assert InspectionExport.objects.filter(pk=export.pk).exists()


def test_a_failing_render_is_shown_as_failed_with_a_retry_and_loses_nothing(world, monkeypatch):
    from composition.inspection import tasks

    def broken(doc):  # type: ignore[no-untyped-def]
        raise OSError("the disk is full")

    monkeypatch.setattr(tasks, "render_bundle_pdf", broken)
    export = services.request_export(amg=world.amg, user=world.leder.user)
    document_id = export.document_id
    run_worker()
    export.refresh_from_db()
    assert export.state == "failed" and "the disk is full" in export.error
    assert DBTaskResult.objects.get(id=export.task_id).status == "FAILED"
    client = world.client_for("leder")
    page = client.get(export_url(world, export), headers=HTMX).content.decode()
    assert "PDF’en kunne ikke laves" in page and "Prøv igen" in page
    assert "every 2s" not in page  # no more polling
    listing = client.get(reverse("inspection", kwargs={"amg_id": world.amg.pk})).content.decode()
    assert "Mislykkedes" in listing

    monkeypatch.undo()
    response = client.post(export_url(world, export, "inspection_export_retry"), headers=HTMX)
    assert response.status_code == 200 and "every 2s" in response.content.decode()
    run_worker()
    export.refresh_from_db()
    assert export.state == "ready" and export.attempts == 2
    assert export.document_id == document_id  # the same request, not a new one
    assert "the disk is full" in export.error  # the earlier failure stays on record
    assert InspectionExport.objects.filter(amg=world.amg).count() == 1


def test_only_a_failed_export_can_be_retried(world):
    export = make_export(world.amg, world.leder.user)
    response = world.client_for("leder").post(
        export_url(world, export, "inspection_export_retry"), headers=HTMX
    )
    assert response.status_code == 409
    assert DBTaskResult.objects.count() == 1  # the original job only


def test_a_render_whose_worker_died_counts_as_failed_and_can_be_retried(world):
    export = services.request_export(amg=world.amg, user=world.leder.user)
    archive.start_rendering(export.pk)
    started = timezone.now() - datetime.timedelta(minutes=settings.EXPORT_STALE_MINUTES + 1)
    InspectionExport.objects.filter(pk=export.pk).update(started_at=started)
    client = world.client_for("leder")
    page = client.get(export_url(world, export), headers=HTMX).content.decode()
    assert "Prøv igen" in page
    # A new request is not blocked by the dead one.
    assert services.request_export(amg=world.amg, user=world.leder.user).pk != export.pk
    response = client.post(export_url(world, export, "inspection_export_retry"))
    assert response.status_code == 302
    export.refresh_from_db()
    assert export.state == "queued"


def test_the_progress_poll_stops_and_offers_the_file_when_it_is_ready(world):
    export = services.request_export(amg=world.amg, user=world.leder.user)
    client = world.client_for("laeser")  # a read-only member may follow and fetch it too
    waiting = client.get(export_url(world, export), headers=HTMX).content.decode()
    assert 'hx-trigger="every 2s"' in waiting and 'role="status"' in waiting
    run_worker()
    ready = client.get(export_url(world, export), headers=HTMX).content.decode()
    assert "every 2s" not in ready
    assert export_url(world, export, "inspection_export_download") in ready
    export.refresh_from_db()
    assert export.sha256 in ready
    # Without JavaScript the same URL is a page of its own.
    assert "<html" in client.get(export_url(world, export)).content.decode()


def test_a_file_that_is_not_ready_is_not_offered(world):
    export = services.request_export(amg=world.amg, user=world.leder.user)
    response = world.client_for("leder").get(
        export_url(world, export, "inspection_export_download")
    )
    assert response.status_code == 404
    assert "Filen findes ikke endnu" in response.content.decode()


def test_the_documentation_page_lists_earlier_exports_newest_first(world):
    first = make_export(world.amg, world.leder.user)
    second = make_export(world.amg, world.amr.user, state="failed")
    html = (
        world.client_for("leder")
        .get(reverse("inspection", kwargs={"amg_id": world.amg.pk}))
        .content.decode()
    )
    assert html.index(second.document_id) < html.index(first.document_id)
    assert first.sha256[:12] in html
    assert world.amr.user.get_full_name() in html


@pytest.mark.django_db(transaction=True)
def test_the_worker_command_renders_an_export_in_its_own_process(world):
    """`manage.py db_worker` as `make run` and the systemd unit start it: a separate process that
    finds the job in the database, renders it and exits (--batch)."""
    if connection.vendor != "postgresql":
        # An in-memory SQLite test database cannot be shared with another process; the
        # in-process worker above covers SQLite, CI runs this on PostgreSQL.
        pytest.skip("needs a database another process can open (PostgreSQL)")
    export = services.request_export(amg=world.amg, user=world.leder.user)
    db = settings.DATABASES["default"]
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "false", "SECURE": "false"}
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "-v", "1"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    export.refresh_from_db()
    assert export.state == "ready"
    assert hashlib.sha256(bytes(export.pdf)).hexdigest() == export.sha256
