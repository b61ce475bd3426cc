from django.urls import path

from handleplan.views import (
    actions,
    board,
    board_settings,
    history_and_bin,
    ideas,
    matrix,
    meetings,
    nudging,
    themes,
    wall,
)

urlpatterns = [
    path("amg/<int:amg_id>/tavle/", board.board, name="board"),
    path("amg/<int:amg_id>/tavle/nyt/", board.board_poll, name="board_poll"),
    path(
        "amg/<int:amg_id>/tavle/indstillinger/",
        board_settings.board_settings,
        name="board_settings",
    ),
    path("amg/<int:amg_id>/handlinger/ny/", actions.action_new, name="action_new"),
    path("amg/<int:amg_id>/handlinger/<int:pk>/", actions.action_detail, name="action_detail"),
    path("amg/<int:amg_id>/handlinger/<int:pk>/rediger/", actions.action_edit, name="action_edit"),
    path("amg/<int:amg_id>/handlinger/<int:pk>/flyt/", actions.action_move, name="action_move"),
    path("amg/<int:amg_id>/handlinger/<int:pk>/slet/", actions.action_delete, name="action_delete"),
    path(
        "amg/<int:amg_id>/handlinger/<int:pk>/historik/",
        history_and_bin.action_history,
        name="action_history",
    ),
    path(
        "amg/<int:amg_id>/handlinger/<int:pk>/historik/<int:history_id>/gendan/",
        history_and_bin.action_restore,
        name="action_restore",
    ),
    path("amg/<int:amg_id>/papirkurv/", history_and_bin.bin_list, name="bin"),
    path(
        "amg/<int:amg_id>/papirkurv/handling/<int:history_id>/gendan/",
        history_and_bin.bin_restore_action,
        name="bin_restore_action",
    ),
    path(
        "amg/<int:amg_id>/papirkurv/tema/<int:history_id>/gendan/",
        history_and_bin.bin_restore_theme,
        name="bin_restore_theme",
    ),
    path("amg/<int:amg_id>/handlinger/<int:pk>/nudging/", nudging.nudge_edit, name="nudge_edit"),
    path("amg/<int:amg_id>/temaer/nyt/", themes.theme_new, name="theme_new"),
    path("amg/<int:amg_id>/temaer/<int:pk>/rediger/", themes.theme_edit, name="theme_edit"),
    path("amg/<int:amg_id>/temaer/<int:pk>/flyt/", themes.theme_move, name="theme_move"),
    path("amg/<int:amg_id>/temaer/<int:pk>/slet/", themes.theme_delete, name="theme_delete"),
    path("amg/<int:amg_id>/tavlemoede/", meetings.meeting_edit, name="meeting_edit"),
    path("amg/<int:amg_id>/tavle/a3.pdf", board.board_poster, name="board_poster"),
    path("amg/<int:amg_id>/handleplan.csv", board.export_csv, name="handleplan_csv"),
    path("amg/<int:amg_id>/handleplan.xlsx", board.export_xlsx, name="handleplan_xlsx"),
    # Ideas from the workplace and their moderation
    path("amg/<int:amg_id>/ideer/", ideas.idea_queue, name="idea_queue"),
    path("amg/<int:amg_id>/ideer/nyt-link/", ideas.idea_code_renew, name="idea_code_renew"),
    path("amg/<int:amg_id>/ideer/<int:pk>/tavlen/", ideas.idea_publish, name="idea_publish"),
    path("amg/<int:amg_id>/ideer/<int:pk>/flet/", ideas.idea_merge, name="idea_merge"),
    path("amg/<int:amg_id>/ideer/<int:pk>/afvis/", ideas.idea_decline, name="idea_decline"),
    # The effect × reach matrix (Metode 6); kind is "ide" or "handling"
    path("amg/<int:amg_id>/prioritering/", matrix.matrix, name="matrix"),
    path(
        "amg/<int:amg_id>/prioritering/<str:kind>/<int:pk>/placer/",
        matrix.matrix_place,
        name="matrix_place",
    ),
    path(
        "amg/<int:amg_id>/prioritering/<str:kind>/<int:pk>/beslut/",
        matrix.matrix_decide,
        name="matrix_decide",
    ),
    # Meetings and their referat
    path("amg/<int:amg_id>/moeder/", meetings.meeting_list, name="meeting_list"),
    path("amg/<int:amg_id>/moeder/start/", meetings.meeting_start, name="meeting_start"),
    path("amg/<int:amg_id>/moeder/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("amg/<int:amg_id>/moeder/<int:pk>/afslut/", meetings.meeting_end, name="meeting_end"),
    path("amg/<int:amg_id>/moeder/<int:pk>/referat/", meetings.referat_edit, name="referat_edit"),
    path(
        "amg/<int:amg_id>/moeder/<int:pk>/referat/send/", meetings.referat_send, name="referat_send"
    ),
    path("amg/<int:amg_id>/moeder/<int:pk>/referat.pdf", meetings.referat_pdf, name="referat_pdf"),
    path(
        "amg/<int:amg_id>/moeder/<int:pk>/historik/",
        meetings.meeting_history,
        name="meeting_history",
    ),
    path(
        "amg/<int:amg_id>/moeder/<int:pk>/historik/<int:history_id>/gendan/",
        meetings.meeting_restore,
        name="meeting_restore",
    ),
    # The wall screen and the public idea form behind its QR code
    path("skaerm/", wall.wall, name="wall"),
    path("skaerm/tavle/", wall.wall_board, name="wall_board"),
    path("ide/<str:code>/", ideas.idea_form, name="idea_form"),
    path("ide/<str:code>/tak/", ideas.idea_thanks, name="idea_thanks"),
    path("min-ide/<str:token>/", ideas.idea_fate, name="idea_fate"),
]
