"""The archive of inspection bundles: every export is kept, as it was handed out.

An export is asked for by a member (`services.request_export`), rendered by the background
worker (`inspection.tasks.render_export`) and then never changed again: its PDF, the SHA-256 of
those bytes and the status page's findings (as data) are written once, when it is finished.
Members have no way to change or delete one (no URL, a read-only admin); an AMG or a user that
has exports cannot be deleted either (PROTECT), since AMGs are archived and users anonymised.
The PDF is kept in the database, so it is in every backup and any app server can hand it out.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forkant.models import AMG


class InspectionExport(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", _("I kø")
        RENDERING = "rendering", _("Bliver lavet")
        READY = "ready", _("Klar")
        FAILED = "failed", _("Mislykkedes")

    class Stage(models.TextChoices):
        """How far the worker has come, for the progress bar (WeasyPrint reports no progress of
        its own, so these are the render's real steps)."""

        WAITING = "waiting", _("Venter på en ledig baggrundsproces")
        COLLECTING = "collecting", _("Samler oplysningerne")
        TYPESETTING = "typesetting", _("Sætter siderne op")
        CHECKING = "checking", _("Tjekker og gemmer filen")
        DONE = "done", _("Færdig")

    amg = models.ForeignKey(
        AMG, on_delete=models.PROTECT, related_name="inspection_exports", verbose_name=_("AMG")
    )
    # Shown on the cover and in every page's footer: the inspector can cite it.
    document_id = models.CharField(_("dokument-id"), max_length=20, unique=True, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("bestilt af"),
        editable=False,
    )
    requested_at = models.DateTimeField(_("bestilt"), default=timezone.now, editable=False)
    state = models.CharField(
        _("tilstand"), max_length=10, choices=State.choices, default=State.QUEUED, editable=False
    )
    stage = models.CharField(
        max_length=12, choices=Stage.choices, default=Stage.WAITING, editable=False
    )
    # How many times the worker has taken it up (a retry after a failure adds one).
    attempts = models.PositiveSmallIntegerField(default=0, editable=False)
    task_id = models.CharField(max_length=64, blank=True, editable=False)
    started_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The moment the document speaks of: its export date and the checks' state.
    exported_at = models.DateTimeField(_("eksporteret"), null=True, blank=True, editable=False)
    # Written once, when the export is ready; never changed afterwards.
    pdf = models.BinaryField(null=True, editable=False)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, editable=False)
    size = models.PositiveIntegerField(_("bytes"), null=True, blank=True, editable=False)
    page_count = models.PositiveIntegerField(_("sider"), null=True, blank=True, editable=False)
    filename = models.CharField(max_length=200, blank=True, editable=False)
    findings = models.JSONField(_("statussidens punkter"), default=list, editable=False)
    # The last failure, for the operator's log (the member is shown a Danish message).
    error = models.TextField(blank=True, editable=False)
    failed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("eksport til Arbejdstilsynet")
        verbose_name_plural = _("eksporter til Arbejdstilsynet")
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["amg", "-requested_at"], name="export_amg_newest")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(state="ready")
                | (models.Q(pdf__isnull=False) & ~models.Q(sha256="")),
                name="ready_export_has_file_and_hash",
            )
        ]

    def __str__(self) -> str:
        return self.document_id

    @property
    def is_ready(self) -> bool:
        return self.state == self.State.READY

    @property
    def is_pending(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.RENDERING)

    def is_stale(self, now: datetime.datetime) -> bool:
        """Still rendering long after it started: its worker has died with it."""
        limit = datetime.timedelta(minutes=settings.EXPORT_STALE_MINUTES)
        return (
            self.state == self.State.RENDERING
            and self.started_at is not None
            and now - self.started_at > limit
        )

    def shown_state(self, now: datetime.datetime) -> str:
        """The state as the page shows it: a stale render counts as failed."""
        return self.State.FAILED if self.is_stale(now) else self.state

    @property
    def percent(self) -> int:
        return {
            self.Stage.WAITING: 5,
            self.Stage.COLLECTING: 25,
            self.Stage.TYPESETTING: 55,
            self.Stage.CHECKING: 90,
            self.Stage.DONE: 100,
        }.get(self.stage, 0)
