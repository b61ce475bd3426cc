from django.urls import path  # noqa: F401 (the topics' paths are added below)

urlpatterns: list = []
