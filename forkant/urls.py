"""The core's own pages. The project's URLs are composition/urls.py, which includes these."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.i18n import set_language

from forkant.views import (
    account,
    invitations,
    login,
    members,
    organisations,
    public,
    readiness,
    screens,
    search,
)

auth_patterns = [
    path("log-ind/", login.LoginView.as_view(), name="login"),
    path("log-ind/kode/", login.login_code, name="login_code"),
    path("log-ud/", auth_views.LogoutView.as_view(), name="logout"),
    path("adgangskode/glemt/", login.PasswordResetView.as_view(), name="password_reset"),
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
    path("amg/<int:amg_id>/skaerme/", screens.screen_list, name="screen_list"),
    path("amg/<int:amg_id>/skaerme/ny/", screens.screen_create, name="screen_create"),
    path("amg/<int:amg_id>/skaerme/<int:pk>/omdoeb/", screens.screen_rename, name="screen_rename"),
    path(
        "amg/<int:amg_id>/skaerme/<int:pk>/nyt-link/",
        screens.screen_renew_link,
        name="screen_renew_link",
    ),
    path(
        "amg/<int:amg_id>/skaerme/<int:pk>/tilbagekald/",
        screens.screen_revoke,
        name="screen_revoke",
    ),
    path("amg/<int:amg_id>/skaerme/forbind/", screens.screen_pair_code, name="screen_pair_code"),
    path("forbind-skaerm/", screens.screen_code_entry, name="screen_code_entry"),
    path("skaerm/par/<str:token>/", screens.wall_pair, name="wall_pair"),
    path("skaerm/kode/", screens.wall_code, name="wall_code"),
    # Organisation administration
    path(
        "organisation/<int:organisation_id>/", organisations.organisation_page, name="organisation"
    ),
    path("organisation/<int:organisation_id>/amg/ny/", organisations.amg_create, name="amg_create"),
    path(
        "organisation/<int:organisation_id>/amg/<int:amg_id>/omdoeb/",
        organisations.amg_rename,
        name="amg_rename",
    ),
    path(
        "organisation/<int:organisation_id>/amg/<int:amg_id>/arkiver/",
        organisations.amg_archive,
        name="amg_archive",
    ),
    path("amg/<int:amg_id>/klar-til-tilsyn/", readiness.readiness, name="readiness"),
    path(
        "organisation/<int:organisation_id>/oplysninger/",
        organisations.organisation_details,
        name="organisation_details",
    ),
    path(
        "organisation/<int:organisation_id>/totrinslogin/",
        organisations.organisation_two_factor,
        name="organisation_two_factor",
    ),
    path("amg/<int:amg_id>/medlemmer/", members.member_list, name="member_list"),
    path("amg/<int:amg_id>/medlemmer/inviter/", members.member_invite, name="member_invite"),
    path("amg/<int:amg_id>/medlemmer/<int:pk>/rolle/", members.member_change, name="member_change"),
    path("amg/<int:amg_id>/medlemmer/<int:pk>/fjern/", members.member_remove, name="member_remove"),
    path(
        "amg/<int:amg_id>/invitationer/<int:pk>/send-igen/",
        invitations.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "amg/<int:amg_id>/invitationer/<int:pk>/tilbagekald/",
        invitations.invitation_revoke,
        name="invitation_revoke",
    ),
    path("invitation/<str:token>/", invitations.invitation_accept, name="invitation_accept"),
    # Search: one AMG's work, or every AMG the user may read
    path("soeg/", search.search_all, name="search"),
    path("amg/<int:amg_id>/soeg/", search.search_amg, name="amg_search"),
    # The user's own page, two-factor login, operation, public pages
    path("konto/", account.account, name="account"),
    path("konto/adgangskode/", account.password_change, name="password_change"),
    path("konto/log-ud-overalt/", account.logout_everywhere, name="logout_everywhere"),
    path("konto/mine-data.json", account.account_data, name="account_data"),
    path("konto/slet/", account.account_delete, name="account_delete"),
    path("konto/totrinslogin/", account.two_factor, name="two_factor"),
    path("konto/totrinslogin/slaa-fra/", account.two_factor_disable, name="two_factor_disable"),
    path("konto/totrinslogin/nye-koder/", account.recovery_codes_new, name="recovery_codes_new"),
    path(
        "konto/totrinslogin/gendannelseskoder.txt",
        account.recovery_codes_download,
        name="recovery_codes_download",
    ),
    path("sundhed/", public.health, name="health"),
    path("tilgaengelighed/", public.accessibility, name="accessibility"),
    path("privatliv/", public.privacy, name="privacy"),
]
