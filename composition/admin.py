"""The archive in the operators' admin: read only. Nobody — not even a superuser through the
admin — adds, changes or deletes an export there; the file is not shown (it can be large)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from composition.models import InspectionExport


@admin.register(InspectionExport)
class InspectionExportAdmin(admin.ModelAdmin):
    list_display = ("document_id", "amg", "requested_by", "requested_at", "state", "sha256")
    list_filter = ("state",)
    search_fields = ("document_id", "sha256", "amg__name")
    exclude = ("pdf",)
    readonly_fields = (
        "document_id",
        "amg",
        "requested_by",
        "requested_at",
        "state",
        "stage",
        "attempts",
        "task_id",
        "started_at",
        "exported_at",
        "sha256",
        "size",
        "page_count",
        "filename",
        "findings",
        "error",
        "failed_at",
    )

    def get_queryset(self, request: HttpRequest):  # type: ignore[no-untyped-def]
        return super().get_queryset(request).defer("pdf")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
