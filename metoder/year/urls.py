"""The year: the årshjul, AMG-møde agendas, agenda templates and the calendar feed."""

from django.urls import path

from metoder.year import views

urlpatterns = [
    path("amg/<int:amg_id>/aarshjul/", views.year_wheel, name="year_wheel"),
    path("amg/<int:amg_id>/aarshjul/<int:year>/", views.year_wheel, name="year_detail"),
    path("amg/<int:amg_id>/aarshjul/<int:year>/pdf/", views.year_pdf, name="year_pdf"),
    path(
        "amg/<int:amg_id>/aarshjul/<int:year>/generer/",
        views.year_generate,
        name="year_generate",
    ),
    path(
        "amg/<int:amg_id>/aarshjul/<int:year>/punkt/nyt/",
        views.year_item_new,
        name="year_item_new",
    ),
    path(
        "amg/<int:amg_id>/aarshjul/punkt/<int:pk>/",
        views.year_item_edit,
        name="year_item_edit",
    ),
    path(
        "amg/<int:amg_id>/aarshjul/punkt/<int:pk>/slet/",
        views.year_item_delete,
        name="year_item_delete",
    ),
    path(
        "amg/<int:amg_id>/aarshjul/<int:year>/moede/nyt/",
        views.year_meeting_new,
        name="year_meeting_new",
    ),
    path(
        "amg/<int:amg_id>/aarshjul/moede/<int:pk>/",
        views.year_meeting_edit,
        name="year_meeting_edit",
    ),
    path(
        "amg/<int:amg_id>/aarshjul/moede/<int:pk>/slet/",
        views.year_meeting_delete,
        name="year_meeting_delete",
    ),
    path(
        "amg/<int:amg_id>/aarshjul/moede/<int:pk>/dagsorden/",
        views.meeting_agenda,
        name="meeting_agenda",
    ),
    path(
        "amg/<int:amg_id>/aarshjul/moede/<int:pk>/dagsorden/tjekliste/",
        views.agenda_checklist,
        name="agenda_checklist",
    ),
    path(
        "amg/<int:amg_id>/aarshjul/moede/<int:pk>/dagsorden/send/",
        views.agenda_send,
        name="agenda_send",
    ),
    path(
        "amg/<int:amg_id>/aarshjul/moede/<int:pk>/dagsorden/pdf/",
        views.agenda_pdf,
        name="agenda_pdf",
    ),
    path(
        "amg/<int:amg_id>/aarshjul/lukket/ny/",
        views.closed_period_new,
        name="closed_period_new",
    ),
    path(
        "amg/<int:amg_id>/aarshjul/lukket/<int:pk>/",
        views.closed_period_edit,
        name="closed_period_edit",
    ),
    path(
        "amg/<int:amg_id>/aarshjul/lukket/<int:pk>/slet/",
        views.closed_period_delete,
        name="closed_period_delete",
    ),
    path("amg/<int:amg_id>/aarshjul/skabeloner/", views.year_templates, name="year_templates"),
    path(
        "amg/<int:amg_id>/aarshjul/skabeloner/<int:quarter>/",
        views.year_template_edit,
        name="year_template_edit",
    ),
    path(
        "amg/<int:amg_id>/aarshjul/kalender/",
        views.calendar_feed_create,
        name="calendar_feed_create",
    ),
    path(
        "amg/<int:amg_id>/aarshjul/kalender/slet/",
        views.calendar_feed_revoke,
        name="calendar_feed_revoke",
    ),
    path("kalender/<str:token>/aarshjul.ics", views.calendar_feed, name="calendar_feed"),
]
