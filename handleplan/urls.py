from django.urls import path

from handleplan import views

urlpatterns = [
    path("amg/<int:amg_id>/tavle/", views.board, name="board"),
    path("amg/<int:amg_id>/tavle/nyt/", views.board_poll, name="board_poll"),
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
    path("amg/<int:amg_id>/temaer/nyt/", views.theme_new, name="theme_new"),
    path("amg/<int:amg_id>/temaer/<int:pk>/rediger/", views.theme_edit, name="theme_edit"),
    path("amg/<int:amg_id>/temaer/<int:pk>/flyt/", views.theme_move, name="theme_move"),
    path("amg/<int:amg_id>/temaer/<int:pk>/slet/", views.theme_delete, name="theme_delete"),
    path("amg/<int:amg_id>/tavlemoede/", views.meeting_edit, name="meeting_edit"),
    path("amg/<int:amg_id>/tavle/a3.pdf", views.board_poster, name="board_poster"),
    path("amg/<int:amg_id>/handleplan.csv", views.export_csv, name="handleplan_csv"),
    path("amg/<int:amg_id>/handleplan.xlsx", views.export_xlsx, name="handleplan_xlsx"),
    path("skaerm/", views.wall, name="wall"),
    path("skaerm/tavle/", views.wall_board, name="wall_board"),
]
