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
