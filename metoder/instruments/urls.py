"""The self-assessment rounds."""

from django.urls import path

from metoder.instruments import views

_R = "amg/<int:amg_id>/selvevaluering/"
urlpatterns = [
    path(_R, views.instrument_home, name="instrument_home"),
    path(f"{_R}ny/", views.instrument_round_new, name="instrument_round_new"),
    path(f"{_R}<int:pk>/", views.instrument_round, name="instrument_round"),
    path(f"{_R}<int:pk>/svar/", views.instrument_answer, name="instrument_answer"),
    path(
        f"{_R}<int:pk>/svar/ret/", views.instrument_answer_reopen, name="instrument_answer_reopen"
    ),
    path(f"{_R}<int:pk>/vis/", views.instrument_reveal, name="instrument_reveal"),
    path(f"{_R}<int:pk>/afslut/", views.instrument_close, name="instrument_close"),
    path(f"{_R}<int:pk>/genaabn/", views.instrument_reopen, name="instrument_reopen"),
    path(f"{_R}<int:pk>/noter/", views.instrument_notes, name="instrument_notes"),
    path(f"{_R}<int:pk>/beslutning/", views.instrument_decide, name="instrument_decide"),
    path(
        f"{_R}<int:pk>/beslutning/<int:decision_pk>/slet/",
        views.instrument_decision_delete,
        name="instrument_decision_delete",
    ),
    path(f"{_R}<int:pk>/slet/", views.instrument_round_delete, name="instrument_round_delete"),
]
