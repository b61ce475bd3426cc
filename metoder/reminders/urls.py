"""The member's choice of e-mail reminders (on their account)."""

from django.urls import path

from metoder.reminders import views

urlpatterns = [
    path("konto/paamindelser/", views.reminder_preferences, name="reminder_preferences"),
]
