from django.urls import path

urlpatterns: list = []

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
