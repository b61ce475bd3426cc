from django.urls import path

from handleplan import views

urlpatterns = [
    path("amg/<int:amg_id>/tavle/", views.board, name="board"),
    path("amg/<int:amg_id>/tavle/nyt/", views.board_poll, name="board_poll"),
    path("amg/<int:amg_id>/tavle/indstillinger/", views.board_settings, name="board_settings"),
    path("amg/<int:amg_id>/handlinger/ny/", views.action_new, name="action_new"),
    path("amg/<int:amg_id>/handlinger/<int:pk>/", views.action_detail, name="action_detail"),
    path("amg/<int:amg_id>/handlinger/<int:pk>/rediger/", views.action_edit, name="action_edit"),
    path("amg/<int:amg_id>/handlinger/<int:pk>/flyt/", views.action_move, name="action_move"),
    path("amg/<int:amg_id>/handlinger/<int:pk>/slet/", views.action_delete, name="action_delete"),
    path(
        "amg/<int:amg_id>/handlinger/<int:pk>/historik/",
        views.action_history,
        name="action_history",
    ),
    path(
        "amg/<int:amg_id>/handlinger/<int:pk>/historik/<int:history_id>/gendan/",
        views.action_restore,
        name="action_restore",
    ),
    path("amg/<int:amg_id>/papirkurv/", views.bin_list, name="bin"),
    path(
        "amg/<int:amg_id>/papirkurv/handling/<int:history_id>/gendan/",
        views.bin_restore_action,
        name="bin_restore_action",
    ),
    path(
        "amg/<int:amg_id>/papirkurv/tema/<int:history_id>/gendan/",
        views.bin_restore_theme,
        name="bin_restore_theme",
    ),
    path("amg/<int:amg_id>/handlinger/<int:pk>/nudging/", views.nudge_edit, name="nudge_edit"),
    path("amg/<int:amg_id>/temaer/nyt/", views.theme_new, name="theme_new"),
    path("amg/<int:amg_id>/temaer/<int:pk>/rediger/", views.theme_edit, name="theme_edit"),
    path("amg/<int:amg_id>/temaer/<int:pk>/flyt/", views.theme_move, name="theme_move"),
    path("amg/<int:amg_id>/temaer/<int:pk>/slet/", views.theme_delete, name="theme_delete"),
    path("amg/<int:amg_id>/tavlemoede/", views.meeting_edit, name="meeting_edit"),
    path("amg/<int:amg_id>/tavle/a3.pdf", views.board_poster, name="board_poster"),
    path("amg/<int:amg_id>/handleplan.csv", views.export_csv, name="handleplan_csv"),
    path("amg/<int:amg_id>/handleplan.xlsx", views.export_xlsx, name="handleplan_xlsx"),
    # Ideas from the workplace and their moderation
    path("amg/<int:amg_id>/ideer/", views.idea_queue, name="idea_queue"),
    path("amg/<int:amg_id>/ideer/nyt-link/", views.idea_code_renew, name="idea_code_renew"),
    path("amg/<int:amg_id>/ideer/<int:pk>/tavlen/", views.idea_publish, name="idea_publish"),
    path("amg/<int:amg_id>/ideer/<int:pk>/flet/", views.idea_merge, name="idea_merge"),
    path("amg/<int:amg_id>/ideer/<int:pk>/afvis/", views.idea_decline, name="idea_decline"),
    # The effect × reach matrix (Metode 6); kind is "ide" or "handling"
    path("amg/<int:amg_id>/prioritering/", views.matrix, name="matrix"),
    path(
        "amg/<int:amg_id>/prioritering/<str:kind>/<int:pk>/placer/",
        views.matrix_place,
        name="matrix_place",
    ),
    path(
        "amg/<int:amg_id>/prioritering/<str:kind>/<int:pk>/beslut/",
        views.matrix_decide,
        name="matrix_decide",
    ),
    # Meetings and their referat
    path("amg/<int:amg_id>/moeder/", views.meeting_list, name="meeting_list"),
    path("amg/<int:amg_id>/moeder/start/", views.meeting_start, name="meeting_start"),
    path("amg/<int:amg_id>/moeder/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("amg/<int:amg_id>/moeder/<int:pk>/afslut/", views.meeting_end, name="meeting_end"),
    path("amg/<int:amg_id>/moeder/<int:pk>/referat/", views.referat_edit, name="referat_edit"),
    path("amg/<int:amg_id>/moeder/<int:pk>/referat/send/", views.referat_send, name="referat_send"),
    path("amg/<int:amg_id>/moeder/<int:pk>/referat.pdf", views.referat_pdf, name="referat_pdf"),
    path(
        "amg/<int:amg_id>/moeder/<int:pk>/historik/", views.meeting_history, name="meeting_history"
    ),
    path(
        "amg/<int:amg_id>/moeder/<int:pk>/historik/<int:history_id>/gendan/",
        views.meeting_restore,
        name="meeting_restore",
    ),
    # The wall screen and the public idea form behind its QR code
    path("skaerm/", views.wall, name="wall"),
    path("skaerm/tavle/", views.wall_board, name="wall_board"),
    path("ide/<str:code>/", views.idea_form, name="idea_form"),
    path("ide/<str:code>/tak/", views.idea_thanks, name="idea_thanks"),
]
