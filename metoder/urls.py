from django.urls import path

urlpatterns: list = []

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
