from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from forkant import views

auth_patterns = [
    path(
        "log-ind/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("log-ud/", auth_views.LogoutView.as_view(), name="logout"),
    path("adgangskode/glemt/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "adgangskode/glemt/sendt/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "adgangskode/ny/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "adgangskode/ny/faerdig/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    *auth_patterns,
    path("sprog/", set_language, name="set_language"),
    path("amg/<int:amg_id>/skaerme/", views.screen_list, name="screen_list"),
    path("amg/<int:amg_id>/skaerme/ny/", views.screen_create, name="screen_create"),
    path("amg/<int:amg_id>/skaerme/<int:pk>/omdoeb/", views.screen_rename, name="screen_rename"),
    path(
        "amg/<int:amg_id>/skaerme/<int:pk>/nyt-link/",
        views.screen_renew_link,
        name="screen_renew_link",
    ),
    path(
        "amg/<int:amg_id>/skaerme/<int:pk>/tilbagekald/",
        views.screen_revoke,
        name="screen_revoke",
    ),
    path("skaerm/par/<str:token>/", views.wall_pair, name="wall_pair"),
    path("", include("handleplan.urls")),
    path("", include("apv.urls")),
    path("drift/admin/", admin.site.urls),
]
