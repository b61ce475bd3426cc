"""The project's URLs (ROOT_URLCONF): the core's pages, every app's, the front page and the
organisation overview, in the order they have always been resolved."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from composition import views
from composition.inspection import views as inspection

handler404 = "forkant.views.public.not_found"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("", include("forkant.urls")),
    # The organisation overview
    path(
        "organisation/<int:organisation_id>/overblik/",
        views.organisation_overview,
        name="organisation_overview",
    ),
    path(
        "organisation/<int:organisation_id>/overblik.csv",
        views.organisation_overview_csv,
        name="organisation_overview_csv",
    ),
    # Dokumentation til Arbejdstilsynet: the page, and the archive of exported bundles
    path("amg/<int:amg_id>/dokumentation/", inspection.inspection, name="inspection"),
    path(
        "amg/<int:amg_id>/dokumentation/eksport/",
        inspection.export_create,
        name="inspection_export_create",
    ),
    path(
        "amg/<int:amg_id>/dokumentation/eksport/<int:pk>/",
        inspection.export_status,
        name="inspection_export",
    ),
    path(
        "amg/<int:amg_id>/dokumentation/eksport/<int:pk>/igen/",
        inspection.export_retry,
        name="inspection_export_retry",
    ),
    path(
        "amg/<int:amg_id>/dokumentation/eksport/<int:pk>/fil.pdf",
        inspection.export_download,
        name="inspection_export_download",
    ),
    path("", include("handleplan.urls")),
    path("", include("apv.urls")),
    path("", include("metoder.urls")),
    path("drift/admin/", admin.site.urls),
]
