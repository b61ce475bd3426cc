from django.urls import path

from apv import views

urlpatterns = [
    path("amg/<int:amg_id>/dokumentation/", views.inspection, name="inspection"),
    path("amg/<int:amg_id>/dokumentation.pdf", views.inspection_pdf, name="inspection_pdf"),
]
