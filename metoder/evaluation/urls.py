"""The annual evaluation (årlig arbejdsmiljødrøftelse)."""

from django.urls import path

from metoder.evaluation import views

_E = "amg/<int:amg_id>/evaluering/"
urlpatterns = [
    path(_E, views.evaluation_list, name="evaluation_list"),
    path(f"{_E}start/", views.evaluation_start, name="evaluation_start"),
    path(f"{_E}<int:pk>/", views.evaluation_detail, name="evaluation_detail"),
    path(f"{_E}<int:pk>/input/", views.evaluation_input_add, name="evaluation_input_add"),
    path(
        f"{_E}<int:pk>/input/<int:item_pk>/slet/",
        views.evaluation_input_delete,
        name="evaluation_input_delete",
    ),
    path(f"{_E}<int:pk>/maal/", views.evaluation_goal_add, name="evaluation_goal_add"),
    path(
        f"{_E}<int:pk>/maal/<int:goal_pk>/slet/",
        views.evaluation_goal_delete,
        name="evaluation_goal_delete",
    ),
    path(
        f"{_E}<int:pk>/handlinger/",
        views.evaluation_goals_to_actions,
        name="evaluation_goals_to_actions",
    ),
    path(f"{_E}<int:pk>/afslut/", views.evaluation_conclude, name="evaluation_conclude"),
    path(f"{_E}<int:pk>/genaabn/", views.evaluation_reopen, name="evaluation_reopen"),
    path(f"{_E}<int:pk>/referat.pdf", views.evaluation_pdf, name="evaluation_pdf"),
    path(f"{_E}<int:pk>/historik/", views.evaluation_history, name="evaluation_history"),
]
