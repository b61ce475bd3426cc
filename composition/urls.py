"""The project's URLs (ROOT_URLCONF): the core's pages, every app's, the front page and the
organisation overview, in the order they have always been resolved."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from composition import views

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
    path("", include("handleplan.urls")),
    path("", include("apv.urls")),
    path("", include("metoder.urls")),
    path("drift/admin/", admin.site.urls),
]
