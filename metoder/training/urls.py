"""The training record's pages."""

from django.urls import path

from metoder.training import views

urlpatterns = [
    path(
        "amg/<int:amg_id>/uddannelse/<int:pk>/",
        views.training_member,
        name="training_member",
    ),
    path(
        "amg/<int:amg_id>/uddannelse/<int:pk>/kursus/ny/",
        views.training_course_add,
        name="training_course_add",
    ),
    path(
        "amg/<int:amg_id>/uddannelse/kursus/<int:pk>/",
        views.training_course_edit,
        name="training_course_edit",
    ),
    path(
        "amg/<int:amg_id>/uddannelse/kursus/<int:pk>/slet/",
        views.training_course_delete,
        name="training_course_delete",
    ),
]
