from django.urls import path

from apv import views

A = "amg/<int:amg_id>/apv/"

urlpatterns = [
    path("amg/<int:amg_id>/dokumentation/", views.inspection, name="inspection"),
    path("amg/<int:amg_id>/dokumentation.pdf", views.inspection_pdf, name="inspection_pdf"),
    # The APV, its areas and changes
    path(A, views.apv_home, name="apv_home"),
    path(f"{A}ny/", views.apv_new, name="apv_new"),
    path(f"{A}<int:pk>/", views.apv_detail, name="apv_detail"),
    path(f"{A}<int:pk>/rediger/", views.apv_edit, name="apv_edit"),
    path(f"{A}<int:pk>/afslut/", views.apv_close, name="apv_close"),
    path(f"{A}<int:pk>/ingen-problemer/", views.apv_no_problems, name="apv_no_problems"),
    path(f"{A}omraader/", views.areas, name="apv_areas"),
    path(f"{A}omraader/<int:pk>/", views.area_edit, name="area_edit"),
    path(f"{A}aendringer/ny/", views.change_new, name="change_new"),
    # The five parts
    path(f"{A}<int:pk>/kortlaegning/", views.part_kortlaegning, name="part_kortlaegning"),
    path(f"{A}<int:pk>/analyse/", views.part_analyse, name="part_analyse"),
    path(f"{A}<int:pk>/handlingsplan/", views.part_handlingsplan, name="part_handlingsplan"),
    path(f"{A}<int:pk>/opfoelgning/", views.part_opfoelgning, name="part_opfoelgning"),
    path(f"{A}<int:pk>/sygefravaer/", views.part_sygefravaer, name="part_sygefravaer"),
    path(
        f"{A}<int:pk>/sygefravaer/vurdering/", views.absence_assessment, name="absence_assessment"
    ),
    path(f"{A}sygefravaer/<int:pk>/slet/", views.absence_delete, name="absence_delete"),
    # Kortlægning sources
    path(f"{A}<int:pk>/dialogisk/ny/", views.dialog_new, name="dialog_new"),
    path(f"{A}dialogisk/<int:pk>/", views.dialog_detail, name="dialog_detail"),
    path(f"{A}dialogisk/<int:pk>/parker/", views.dialog_park, name="dialog_park"),
    path(f"{A}<int:pk>/maaling/", views.survey_import, name="survey_import"),
    path(f"{A}maaling/<int:pk>/", views.survey_detail, name="survey_detail"),
    path(f"{A}<int:pk>/gennemgang/ny/", views.gennemgang_new, name="gennemgang_new"),
    path(f"{A}gennemgang/<int:pk>/", views.gennemgang_detail, name="gennemgang_detail"),
    path(f"{A}<int:pk>/input/nyt/", views.input_new, name="input_new"),
    # Analyse
    path(f"{A}<int:pk>/problemer/nyt/", views.problem_new, name="problem_new"),
    path(f"{A}problemer/<int:pk>/", views.problem_detail, name="problem_detail"),
    path(f"{A}problemer/<int:pk>/rediger/", views.problem_edit, name="problem_edit"),
    path(f"{A}problemer/<int:pk>/handlinger/", views.problem_to_actions, name="problem_to_actions"),
    # Opfølgning (per action on the board)
    path(
        "amg/<int:amg_id>/handlinger/<int:pk>/opfoelgning/",
        views.follow_up_edit,
        name="follow_up_edit",
    ),
    path(
        "amg/<int:amg_id>/handlinger/<int:pk>/evaluering/",
        views.evaluation_new,
        name="evaluation_new",
    ),
    # Risikovurderinger
    path("amg/<int:amg_id>/risikovurderinger/", views.risk_list, name="risk_list"),
    path("amg/<int:amg_id>/risikovurderinger/ny/<str:kind>/", views.risk_new, name="risk_new"),
    path("amg/<int:amg_id>/risikovurderinger/<int:pk>/", views.risk_detail, name="risk_detail"),
    path("amg/<int:amg_id>/risikovurderinger/<int:pk>/rediger/", views.risk_edit, name="risk_edit"),
    path(
        "amg/<int:amg_id>/risikovurderinger/<int:pk>/indhold/",
        views.risk_content,
        name="risk_content",
    ),
    path(
        "amg/<int:amg_id>/risikovurderinger/<int:pk>/handling/",
        views.risk_to_action,
        name="risk_to_action",
    ),
    path("amg/<int:amg_id>/risikovurderinger/<int:pk>.pdf", views.risk_pdf, name="risk_pdf"),
    # Hændelser
    path("amg/<int:amg_id>/haendelser/", views.incident_list, name="incident_list"),
    path("amg/<int:amg_id>/haendelser/ny/", views.incident_new, name="incident_new"),
    path("amg/<int:amg_id>/haendelser/<int:pk>/", views.incident_edit, name="incident_edit"),
]
