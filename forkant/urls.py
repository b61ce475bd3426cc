"""The core's own pages. The project's URLs are composition/urls.py, which includes these."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.i18n import set_language

from forkant import views

auth_patterns = [
    path("log-ind/", views.LoginView.as_view(), name="login"),
    path("log-ind/kode/", views.login_code, name="login_code"),
    path("log-ud/", auth_views.LogoutView.as_view(), name="logout"),
    path("adgangskode/glemt/", views.PasswordResetView.as_view(), name="password_reset"),
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
    # Organisation administration (issue 10)
    path("organisation/<int:organisation_id>/", views.organisation_page, name="organisation"),
    path("organisation/<int:organisation_id>/amg/ny/", views.amg_create, name="amg_create"),
    path(
        "organisation/<int:organisation_id>/amg/<int:amg_id>/omdoeb/",
        views.amg_rename,
        name="amg_rename",
    ),
    path(
        "organisation/<int:organisation_id>/amg/<int:amg_id>/arkiver/",
        views.amg_archive,
        name="amg_archive",
    ),
    path(
        "organisation/<int:organisation_id>/totrinslogin/",
        views.organisation_two_factor,
        name="organisation_two_factor",
    ),
    path("amg/<int:amg_id>/medlemmer/", views.member_list, name="member_list"),
    path("amg/<int:amg_id>/medlemmer/inviter/", views.member_invite, name="member_invite"),
    path("amg/<int:amg_id>/medlemmer/<int:pk>/rolle/", views.member_change, name="member_change"),
    path("amg/<int:amg_id>/medlemmer/<int:pk>/fjern/", views.member_remove, name="member_remove"),
    path(
        "amg/<int:amg_id>/invitationer/<int:pk>/send-igen/",
        views.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "amg/<int:amg_id>/invitationer/<int:pk>/tilbagekald/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("invitation/<str:token>/", views.invitation_accept, name="invitation_accept"),
    # The user's own page, two-factor login, operation, public pages (issue 10)
    path("konto/", views.account, name="account"),
    path("konto/adgangskode/", views.password_change, name="password_change"),
    path("konto/log-ud-overalt/", views.logout_everywhere, name="logout_everywhere"),
    path("konto/mine-data.json", views.account_data, name="account_data"),
    path("konto/slet/", views.account_delete, name="account_delete"),
    path("konto/totrinslogin/", views.two_factor, name="two_factor"),
    path("konto/totrinslogin/slaa-fra/", views.two_factor_disable, name="two_factor_disable"),
    path("konto/totrinslogin/nye-koder/", views.recovery_codes_new, name="recovery_codes_new"),
    path("sundhed/", views.health, name="health"),
    path("tilgaengelighed/", views.accessibility, name="accessibility"),
    path("privatliv/", views.privacy, name="privacy"),
]
