from django.urls import path

from apv.pulse import public as pulse_public
from apv.pulse import views as pulse
from apv.views import (
    apv_and_areas,
    follow_up,
    guidelines,
    incidents,
    kortlaegning_sources,
    parts,
    problems,
    risk_assessments,
)

A = "amg/<int:amg_id>/apv/"

urlpatterns = [
    # The APV, its areas and changes
    path(A, apv_and_areas.apv_home, name="apv_home"),
    path(f"{A}ny/", apv_and_areas.apv_new, name="apv_new"),
    path(f"{A}<int:pk>/", apv_and_areas.apv_detail, name="apv_detail"),
    path(f"{A}<int:pk>/rediger/", apv_and_areas.apv_edit, name="apv_edit"),
    path(f"{A}<int:pk>/afslut/", apv_and_areas.apv_close, name="apv_close"),
    path(f"{A}<int:pk>/ingen-problemer/", apv_and_areas.apv_no_problems, name="apv_no_problems"),
    path(f"{A}<int:pk>/tilgaengelig/", apv_and_areas.apv_availability, name="apv_availability"),
    path(f"{A}omraader/", apv_and_areas.areas, name="apv_areas"),
    path(f"{A}omraader/<int:pk>/", apv_and_areas.area_edit, name="area_edit"),
    path(f"{A}aendringer/ny/", apv_and_areas.change_new, name="change_new"),
    # The five parts
    path(f"{A}<int:pk>/kortlaegning/", parts.part_kortlaegning, name="part_kortlaegning"),
    path(f"{A}<int:pk>/analyse/", parts.part_analyse, name="part_analyse"),
    path(
        f"{A}<int:pk>/analyse/risikofaktorer/",
        parts.factor_assessments,
        name="factor_assessments",
    ),
    path(f"{A}<int:pk>/handlingsplan/", parts.part_handlingsplan, name="part_handlingsplan"),
    path(f"{A}<int:pk>/opfoelgning/", parts.part_opfoelgning, name="part_opfoelgning"),
    path(f"{A}<int:pk>/sygefravaer/", parts.part_sygefravaer, name="part_sygefravaer"),
    path(
        f"{A}<int:pk>/sygefravaer/vurdering/", parts.absence_assessment, name="absence_assessment"
    ),
    path(f"{A}sygefravaer/<int:pk>/slet/", parts.absence_delete, name="absence_delete"),
    # The pulse: taken on the staff's phones through the wall (apv/pulse/)
    path(f"{A}temperatur/", pulse.pulse_list, name="pulse_list"),
    path(f"{A}temperatur/ny/", pulse.pulse_open, name="pulse_open"),
    path(f"{A}temperatur/<int:pk>/", pulse.pulse_detail, name="pulse_detail"),
    path(f"{A}temperatur/<int:pk>/luk/", pulse.pulse_close, name="pulse_close"),
    path(
        f"{A}temperatur/forslag/<int:pk>/godkend/",
        pulse.proposal_approve,
        name="pulse_proposal_approve",
    ),
    path(
        f"{A}temperatur/forslag/<int:pk>/afvis/",
        pulse.proposal_decline,
        name="pulse_proposal_decline",
    ),
    path(f"{A}temperatur/forslag/<int:pk>/ide/", pulse.proposal_idea, name="pulse_proposal_idea"),
    path("puls/<str:code>/", pulse_public.answer, name="pulse_answer"),
    path("puls/<str:code>/tak/", pulse_public.thanks, name="pulse_thanks"),
    # Kortlægning sources
    path(f"{A}<int:pk>/dialogisk/ny/", kortlaegning_sources.dialog_new, name="dialog_new"),
    path(f"{A}dialogisk/<int:pk>/", kortlaegning_sources.dialog_detail, name="dialog_detail"),
    path(f"{A}dialogisk/<int:pk>/parker/", kortlaegning_sources.dialog_park, name="dialog_park"),
    path(f"{A}<int:pk>/maaling/", kortlaegning_sources.survey_import, name="survey_import"),
    path(f"{A}maaling/<int:pk>/", kortlaegning_sources.survey_detail, name="survey_detail"),
    path(f"{A}maaling/<int:pk>/skala/", kortlaegning_sources.survey_scale, name="survey_scale"),
    path(f"{A}<int:pk>/gennemgang/ny/", kortlaegning_sources.gennemgang_new, name="gennemgang_new"),
    path(
        f"{A}gennemgang/<int:pk>/", kortlaegning_sources.gennemgang_detail, name="gennemgang_detail"
    ),
    path(f"{A}<int:pk>/input/nyt/", kortlaegning_sources.input_new, name="input_new"),
    # Analyse
    path(f"{A}<int:pk>/problemer/nyt/", problems.problem_new, name="problem_new"),
    path(f"{A}problemer/<int:pk>/", problems.problem_detail, name="problem_detail"),
    path(f"{A}problemer/<int:pk>/rediger/", problems.problem_edit, name="problem_edit"),
    path(
        f"{A}problemer/<int:pk>/handlinger/", problems.problem_to_actions, name="problem_to_actions"
    ),
    # Opfølgning (per action on the board)
    path(
        "amg/<int:amg_id>/handlinger/<int:pk>/opfoelgning/",
        follow_up.follow_up_edit,
        name="follow_up_edit",
    ),
    path(
        "amg/<int:amg_id>/handlinger/<int:pk>/evaluering/",
        follow_up.evaluation_new,
        name="evaluation_new",
    ),
    # Risikovurderinger
    path("amg/<int:amg_id>/risikovurderinger/", risk_assessments.risk_list, name="risk_list"),
    path(
        "amg/<int:amg_id>/risikovurderinger/ny/<str:kind>/",
        risk_assessments.risk_new,
        name="risk_new",
    ),
    path(
        "amg/<int:amg_id>/risikovurderinger/<int:pk>/",
        risk_assessments.risk_detail,
        name="risk_detail",
    ),
    path(
        "amg/<int:amg_id>/risikovurderinger/<int:pk>/rediger/",
        risk_assessments.risk_edit,
        name="risk_edit",
    ),
    path(
        "amg/<int:amg_id>/risikovurderinger/<int:pk>/indhold/",
        risk_assessments.risk_content,
        name="risk_content",
    ),
    path(
        "amg/<int:amg_id>/risikovurderinger/<int:pk>/handling/",
        risk_assessments.risk_to_action,
        name="risk_to_action",
    ),
    path(
        "amg/<int:amg_id>/risikovurderinger/<int:pk>.pdf",
        risk_assessments.risk_pdf,
        name="risk_pdf",
    ),
    # Hændelser
    path("amg/<int:amg_id>/haendelser/", incidents.incident_list, name="incident_list"),
    path("amg/<int:amg_id>/haendelser/ny/", incidents.incident_new, name="incident_new"),
    path("amg/<int:amg_id>/haendelser/<int:pk>/", incidents.incident_edit, name="incident_edit"),
    # Retningslinjer om vold og trusler
    path("amg/<int:amg_id>/retningslinjer/", guidelines.guideline_list, name="guideline_list"),
    path("amg/<int:amg_id>/retningslinjer/ny/", guidelines.guideline_new, name="guideline_new"),
    path(
        "amg/<int:amg_id>/retningslinjer/<int:pk>/",
        guidelines.guideline_edit,
        name="guideline_edit",
    ),
    path(
        "amg/<int:amg_id>/retningslinjer/<int:pk>/gennemgaaet/",
        guidelines.guideline_reviewed,
        name="guideline_reviewed",
    ),
]
