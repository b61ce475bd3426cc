from django.urls import path

urlpatterns: list = []

# Training record and reminders (issue 8, topics `training` and `reminders`) ------------------
from metoder.views import reminders as reminder_views  # noqa: E402
from metoder.views import training as training_views  # noqa: E402

urlpatterns += [
    path(
        "amg/<int:amg_id>/uddannelse/<int:pk>/",
        training_views.training_member,
        name="training_member",
    ),
    path(
        "amg/<int:amg_id>/uddannelse/<int:pk>/kursus/ny/",
        training_views.training_course_add,
        name="training_course_add",
    ),
    path(
        "amg/<int:amg_id>/uddannelse/kursus/<int:pk>/",
        training_views.training_course_edit,
        name="training_course_edit",
    ),
    path(
        "amg/<int:amg_id>/uddannelse/kursus/<int:pk>/slet/",
        training_views.training_course_delete,
        name="training_course_delete",
    ),
    path("konto/paamindelser/", reminder_views.reminder_preferences, name="reminder_preferences"),
]

# The year (issue 8): årshjul, AMG-møde agendas, agenda templates, calendar feeds ---------------
from metoder.views import year as year_views  # noqa: E402

urlpatterns += [
    path("amg/<int:amg_id>/aarshjul/", year_views.year_wheel, name="year_wheel"),
    path("amg/<int:amg_id>/aarshjul/<int:year>/", year_views.year_wheel, name="year_detail"),
    path("amg/<int:amg_id>/aarshjul/<int:year>/pdf/", year_views.year_pdf, name="year_pdf"),
    path(
        "amg/<int:amg_id>/aarshjul/<int:year>/generer/",
        year_views.year_generate,
        name="year_generate",
    ),
    path(
        "amg/<int:amg_id>/aarshjul/<int:year>/punkt/nyt/",
        year_views.year_item_new,
        name="year_item_new",
    ),
    path(
        "amg/<int:amg_id>/aarshjul/punkt/<int:pk>/",
        year_views.year_item_edit,
        name="year_item_edit",
    ),
    path(
        "amg/<int:amg_id>/aarshjul/punkt/<int:pk>/slet/",
        year_views.year_item_delete,
        name="year_item_delete",
    ),
    path(
        "amg/<int:amg_id>/aarshjul/<int:year>/moede/nyt/",
        year_views.year_meeting_new,
        name="year_meeting_new",
    ),
    path(
        "amg/<int:amg_id>/aarshjul/moede/<int:pk>/",
        year_views.year_meeting_edit,
        name="year_meeting_edit",
    ),
    path(
        "amg/<int:amg_id>/aarshjul/moede/<int:pk>/slet/",
        year_views.year_meeting_delete,
        name="year_meeting_delete",
    ),
    path(
        "amg/<int:amg_id>/aarshjul/moede/<int:pk>/dagsorden/",
        year_views.meeting_agenda,
        name="meeting_agenda",
    ),
    path(
        "amg/<int:amg_id>/aarshjul/moede/<int:pk>/dagsorden/tjekliste/",
        year_views.agenda_checklist,
        name="agenda_checklist",
    ),
    path(
        "amg/<int:amg_id>/aarshjul/moede/<int:pk>/dagsorden/send/",
        year_views.agenda_send,
        name="agenda_send",
    ),
    path(
        "amg/<int:amg_id>/aarshjul/moede/<int:pk>/dagsorden/pdf/",
        year_views.agenda_pdf,
        name="agenda_pdf",
    ),
    path("amg/<int:amg_id>/aarshjul/skabeloner/", year_views.year_templates, name="year_templates"),
    path(
        "amg/<int:amg_id>/aarshjul/skabeloner/<int:quarter>/",
        year_views.year_template_edit,
        name="year_template_edit",
    ),
    path(
        "amg/<int:amg_id>/aarshjul/kalender/",
        year_views.calendar_feed_create,
        name="calendar_feed_create",
    ),
    path(
        "amg/<int:amg_id>/aarshjul/kalender/slet/",
        year_views.calendar_feed_revoke,
        name="calendar_feed_revoke",
    ),
    path("kalender/<str:token>/aarshjul.ics", year_views.calendar_feed, name="calendar_feed"),
]

# --- instruments: the self-assessment rounds (issue 9) ---
from metoder.views import instruments as iv  # noqa: E402

_R = "amg/<int:amg_id>/selvevaluering/"
urlpatterns += [
    path(_R, iv.instrument_home, name="instrument_home"),
    path(f"{_R}ny/", iv.instrument_round_new, name="instrument_round_new"),
    path(f"{_R}<int:pk>/", iv.instrument_round, name="instrument_round"),
    path(f"{_R}<int:pk>/svar/", iv.instrument_answer, name="instrument_answer"),
    path(f"{_R}<int:pk>/svar/ret/", iv.instrument_answer_reopen, name="instrument_answer_reopen"),
    path(f"{_R}<int:pk>/vis/", iv.instrument_reveal, name="instrument_reveal"),
    path(f"{_R}<int:pk>/afslut/", iv.instrument_close, name="instrument_close"),
    path(f"{_R}<int:pk>/genaabn/", iv.instrument_reopen, name="instrument_reopen"),
    path(f"{_R}<int:pk>/noter/", iv.instrument_notes, name="instrument_notes"),
    path(f"{_R}<int:pk>/beslutning/", iv.instrument_decide, name="instrument_decide"),
    path(
        f"{_R}<int:pk>/beslutning/<int:decision_pk>/slet/",
        iv.instrument_decision_delete,
        name="instrument_decision_delete",
    ),
    path(f"{_R}<int:pk>/slet/", iv.instrument_round_delete, name="instrument_round_delete"),
]

# The annual evaluation (årlig arbejdsmiljødrøftelse) ------------------------------------------
from metoder.views import evaluation as evaluation_views  # noqa: E402

_E = "amg/<int:amg_id>/evaluering/"
urlpatterns += [
    path(_E, evaluation_views.evaluation_list, name="evaluation_list"),
    path(f"{_E}start/", evaluation_views.evaluation_start, name="evaluation_start"),
    path(f"{_E}<int:pk>/", evaluation_views.evaluation_detail, name="evaluation_detail"),
    path(
        f"{_E}<int:pk>/input/", evaluation_views.evaluation_input_add, name="evaluation_input_add"
    ),
    path(
        f"{_E}<int:pk>/input/<int:item_pk>/slet/",
        evaluation_views.evaluation_input_delete,
        name="evaluation_input_delete",
    ),
    path(f"{_E}<int:pk>/maal/", evaluation_views.evaluation_goal_add, name="evaluation_goal_add"),
    path(
        f"{_E}<int:pk>/maal/<int:goal_pk>/slet/",
        evaluation_views.evaluation_goal_delete,
        name="evaluation_goal_delete",
    ),
    path(
        f"{_E}<int:pk>/handlinger/",
        evaluation_views.evaluation_goals_to_actions,
        name="evaluation_goals_to_actions",
    ),
    path(f"{_E}<int:pk>/afslut/", evaluation_views.evaluation_conclude, name="evaluation_conclude"),
    path(f"{_E}<int:pk>/genaabn/", evaluation_views.evaluation_reopen, name="evaluation_reopen"),
    path(f"{_E}<int:pk>/referat.pdf", evaluation_views.evaluation_pdf, name="evaluation_pdf"),
    path(f"{_E}<int:pk>/historik/", evaluation_views.evaluation_history, name="evaluation_history"),
]
