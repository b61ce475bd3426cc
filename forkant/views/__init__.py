from __future__ import annotations

from base64 import b32encode
from datetime import timedelta
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect
from django_otp import login as otp_login
from django_otp.models import Device
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from forkant import auth, personal_data, queries, ratelimit, services
from forkant.access import (
    AMGContext,
    account_exists,
    admin_organisation,
    administered_organisations,
    amg_context,
    organisation_amg,
)
from forkant.forms import (
    AMGNameForm,
    CodeForm,
    ConfirmPasswordForm,
    InviteForm,
    MembershipForm,
    NewAccountForm,
    ProfileForm,
    TwoFactorRequirementForm,
    WallScreenForm,
)
from forkant.mail import invitation_url, send_invitation
from forkant.middleware import TWO_FACTOR_SESSION_KEY
from forkant.models import Invitation, Membership, Organisation, Role, User, WallScreen
from forkant.operation import health_problem, operator_contact
from forkant.wallscreens import set_pairing_cookie
from metoder.queries.training import statuses as training_statuses

# Wall screens: managed by the AMG's members ------------------------------------------------


@login_required
def screen_list(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    return _render_screens(request, ctx, WallScreenForm())


@login_required
@require_POST
def screen_create(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    form = WallScreenForm(request.POST)
    if not form.is_valid():
        return _render_screens(request, ctx, form, status=422)
    screen, token = services.create_wall_screen(
        amg=ctx.amg, name=form.cleaned_data["name"], created_by=request.user, now=timezone.now()
    )
    return _render_screens(request, ctx, WallScreenForm(), new_link=(screen, token))


@login_required
@require_POST
def screen_renew_link(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    screen = ctx.get(WallScreen, pk)
    if screen.is_revoked:
        messages.error(request, _("En tilbagekaldt skærm kan ikke forbindes igen. Opret en ny."))
        return redirect("screen_list", amg_id=ctx.amg.pk)
    token = services.renew_pairing_link(screen=screen, now=timezone.now())
    return _render_screens(request, ctx, WallScreenForm(), new_link=(screen, token))


@login_required
@require_http_methods(["GET", "POST"])
def screen_rename(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    screen = ctx.get(WallScreen, pk)
    form = WallScreenForm(request.POST or None, initial={"name": screen.name})
    if request.method == "POST" and form.is_valid():
        services.rename_wall_screen(screen=screen, name=form.cleaned_data["name"])
        messages.success(request, _("Skærmen hedder nu “%(name)s”.") % {"name": screen.name})
        return redirect("screen_list", amg_id=ctx.amg.pk)
    return render(
        request,
        "forkant/screen_rename.html",
        {"ctx": ctx, "screen": screen, "form": form},
        status=422 if form.is_bound else 200,
    )


@login_required
@require_POST
def screen_revoke(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    screen = ctx.get(WallScreen, pk)
    services.revoke_wall_screen(screen=screen, now=timezone.now())
    messages.success(
        request,
        _("“%(name)s” er ikke længere forbundet. Den viser ikke tavlen mere.")
        % {"name": screen.name},
    )
    url = reverse("screen_list", kwargs={"amg_id": ctx.amg.pk})
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def _render_screens(
    request: HttpRequest,
    ctx: AMGContext,
    form: WallScreenForm,
    *,
    new_link: tuple[WallScreen, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    screens = ctx.filter(WallScreen).select_related("created_by")
    pairing_url = None
    if new_link is not None:
        pairing_url = request.build_absolute_uri(
            reverse("wall_pair", kwargs={"token": new_link[1]})
        )
    return render(
        request,
        "forkant/screens.html",
        {
            "ctx": ctx,
            "screens": screens,
            "form": form,
            "new_screen": new_link[0] if new_link else None,
            "pairing_url": pairing_url,
            "now": timezone.now(),
        },
        status=status,
    )


# Wall screens: the TV's side ----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def wall_pair(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a page that pairs itself (a script submits the form); POST uses the token.

    Pairing only on POST keeps link previews and mail scanners from using up the one-time link.
    """
    if request.method == "GET":
        return render(request, "forkant/wall_pair.html", {"token": token})
    screen = services.pair_wall_screen(token=token, now=timezone.now())
    if screen is None:
        return render(request, "forkant/wall_pair_invalid.html", status=410)
    response = redirect("wall")
    set_pairing_cookie(response, screen)
    return response


# Organisation administration: the organisation's AMGs ---------------------------------------


@login_required
def organisation_page(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = admin_organisation(request, organisation_id)
    return _render_organisation(request, organisation, AMGNameForm(organisation=organisation))


def _render_organisation(
    request: HttpRequest,
    organisation: Organisation,
    form: AMGNameForm,
    *,
    two_factor_form: TwoFactorRequirementForm | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "forkant/organisation.html",
        {
            "organisation": organisation,
            "amgs": queries.organisation_amgs(organisation),
            "form": form,
            "two_factor_form": two_factor_form
            or TwoFactorRequirementForm(
                initial={"require_two_factor": organisation.require_two_factor}
            ),
        },
        status=status,
    )


@login_required
@require_POST
def amg_create(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = admin_organisation(request, organisation_id)
    form = AMGNameForm(request.POST, organisation=organisation)
    if not form.is_valid():
        return _render_organisation(request, organisation, form, status=422)
    amg = services.create_amg(organisation=organisation, name=form.cleaned_data["name"])
    messages.success(
        request, _("“%(name)s” er oprettet. Invitér gruppens medlemmer.") % {"name": amg.name}
    )
    return redirect("member_list", amg_id=amg.pk)


@login_required
@require_http_methods(["GET", "POST"])
def amg_rename(request: HttpRequest, organisation_id: int, amg_id: int) -> HttpResponse:
    organisation = admin_organisation(request, organisation_id)
    amg = organisation_amg(organisation, amg_id)
    form = AMGNameForm(
        request.POST or None, organisation=organisation, amg=amg, initial={"name": amg.name}
    )
    if request.method == "POST" and form.is_valid():
        services.rename_amg(amg=amg, name=form.cleaned_data["name"])
        messages.success(request, _("Gruppen hedder nu “%(name)s”.") % {"name": amg.name})
        return redirect("organisation", organisation_id=organisation.pk)
    return render(
        request,
        "forkant/amg_rename.html",
        {"organisation": organisation, "amg": amg, "form": form},
        status=422 if form.is_bound else 200,
    )


@login_required
@require_POST
def amg_archive(request: HttpRequest, organisation_id: int, amg_id: int) -> HttpResponse:
    organisation = admin_organisation(request, organisation_id)
    amg = organisation_amg(organisation, amg_id)
    archived = request.POST.get("arkiveret") != "nej"
    services.set_amg_archived(amg=amg, archived=archived, now=timezone.now())
    if archived:
        text = _("“%(name)s” er arkiveret: kun til læsning og ikke længere på forsiden.")
    else:
        text = _("“%(name)s” er taget frem igen.")
    messages.success(request, text % {"name": amg.name})
    return redirect("organisation", organisation_id=organisation.pk)


@login_required
@require_POST
def organisation_two_factor(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = admin_organisation(request, organisation_id)
    form = TwoFactorRequirementForm(request.POST)
    form.is_valid()  # a checkbox: absent means off
    required = bool(form.cleaned_data.get("require_two_factor"))
    services.set_two_factor_requirement(organisation=organisation, required=required)
    # The admin's own session follows at once (others' at their next login).
    request.session[TWO_FACTOR_SESSION_KEY] = auth.two_factor_required(request.user)
    if required:
        messages.success(request, _("Alle organisationens brugere skal nu bruge totrinslogin."))
    else:
        messages.success(request, _("Totrinslogin er ikke længere et krav."))
    return redirect("organisation", organisation_id=organisation.pk)


# Organisation administration: an AMG's members ----------------------------------------------


@login_required
def member_list(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    return _render_members(request, ctx, InviteForm())


def _render_members(
    request: HttpRequest,
    ctx: AMGContext,
    form: InviteForm,
    *,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "forkant/members.html",
        {
            "ctx": ctx,
            "members": _with_training(queries.members(ctx)),
            "invitations": queries.pending_invitations(ctx) if ctx.can_manage else [],
            "form": form,
            "roles": Role.choices,
            "now": timezone.now(),
        },
        status=status,
    )


def _with_training(members: QuerySet[Membership]) -> list[Membership]:
    """Issue 8: each member with their training state (`.training`), one query for all."""
    members = list(members)
    states = training_statuses(members, today=timezone.localdate())
    for member in members:
        member.training = states[member.pk]
    return members


@login_required
@require_POST
def member_invite(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, manage=True)
    form = InviteForm(request.POST)
    if not form.is_valid():
        return _render_members(request, ctx, form, status=422)
    try:
        invitation, token = services.invite(
            organisation=ctx.amg.organisation,
            amg=ctx.amg,
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            read_only=form.cleaned_data["read_only"],
            invited_by=request.user,
            now=timezone.now(),
        )
    except services.AlreadyMemberError:
        form.add_error("email", _("Personen er allerede medlem af gruppen."))
        return _render_members(request, ctx, form, status=422)
    send_invitation(invitation, _invitation_link(request, token))
    messages.success(
        request, _("Invitationen er sendt til %(email)s.") % {"email": invitation.email}
    )
    return redirect("member_list", amg_id=ctx.amg.pk)


@login_required
@require_POST
def member_change(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, manage=True)
    membership = ctx.get(Membership, pk)
    form = MembershipForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Vælg en af rollerne på listen."))
        return _render_members(request, ctx, InviteForm(), status=422)
    services.change_membership(
        membership=membership,
        role=form.cleaned_data["role"],
        read_only=form.cleaned_data["read_only"],
    )
    messages.success(request, _("%(name)s har fået ny rolle.") % {"name": membership.display_name})
    return redirect("member_list", amg_id=ctx.amg.pk)


@login_required
@require_POST
def member_remove(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, manage=True)
    membership = ctx.get(Membership, pk)
    services.remove_member(membership=membership, now=timezone.now())
    messages.success(
        request,
        _("%(name)s er ikke længere med i gruppen. Navnet står stadig på det, de har gjort.")
        % {"name": membership.display_name},
    )
    if membership.user_id == request.user.pk:
        return redirect("dashboard")
    return redirect("member_list", amg_id=ctx.amg.pk)


@login_required
@require_POST
def invitation_resend(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, manage=True)
    invitation = ctx.get(Invitation, pk)
    if not invitation.is_pending:
        raise Http404
    token = services.resend_invitation(invitation=invitation, now=timezone.now())
    send_invitation(invitation, _invitation_link(request, token))
    messages.success(
        request, _("Invitationen er sendt igen til %(email)s.") % {"email": invitation.email}
    )
    return redirect("member_list", amg_id=ctx.amg.pk)


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, manage=True)
    invitation = ctx.get(Invitation, pk)
    if invitation.is_pending:
        services.revoke_invitation(invitation=invitation, now=timezone.now())
    messages.success(
        request, _("Invitationen til %(email)s er trukket tilbage.") % {"email": invitation.email}
    )
    return redirect("member_list", amg_id=ctx.amg.pk)


def _invitation_link(request: HttpRequest, token: str) -> str:
    return invitation_url(token, base_url=request.build_absolute_uri("/"))


# Invitations: the invitee's side ------------------------------------------------------------

INVITATION_RATE = 20  # requests an hour from one address: plenty for a person, little for a bot


@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """One link for everyone invited: a new account (name and password) or, for someone who
    already has one, a button. A used, revoked, expired or unknown link gets the same page."""
    if not ratelimit.allow(
        "invitation", ratelimit.client_ip(request), rate=INVITATION_RATE, per=timedelta(hours=1)
    ):
        return ratelimit.too_many_requests(request)
    now = timezone.now()
    invitation = services.find_invitation(token=token, now=now)
    if invitation is None:
        return render(request, "registration/invitation_invalid.html", status=410)
    user = request.user
    context: dict[str, object] = {"invitation": invitation, "token": token}
    if user.is_authenticated:
        if user.email.lower() != invitation.email.lower():
            return render(request, "registration/invitation_other_account.html", context)
        if request.method == "POST":
            services.accept_invitation(token=token, user=user, now=now)
            return _welcome(request, invitation)
        return render(request, "registration/invitation_accept.html", context)
    if account_exists(invitation.email):
        # Only the holder of the e-mailed link learns this, and it is their own address.
        context["login_url"] = f"{reverse('login')}?{urlencode({'next': request.path})}"
        return render(request, "registration/invitation_log_in.html", context)
    form = NewAccountForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        new_user = services.create_account_from_invitation(
            token=token,
            first_name=form.cleaned_data["first_name"],
            last_name=form.cleaned_data["last_name"],
            password=form.cleaned_data["password1"],
            now=now,
        )
        if new_user is None:
            return render(request, "registration/invitation_invalid.html", status=410)
        auth_login(request, new_user, backend="django.contrib.auth.backends.ModelBackend")
        return _welcome(request, invitation)
    context["form"] = form
    return render(
        request,
        "registration/invitation_new_account.html",
        context,
        status=422 if form.is_bound else 200,
    )


def _welcome(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    # The new organisation may require two-factor login.
    request.session[TWO_FACTOR_SESSION_KEY] = auth.two_factor_required(request.user)
    if invitation.amg is None:
        messages.success(request, _("Velkommen. Du er nu organisationsadministrator."))
        return redirect("organisation", organisation_id=invitation.organisation_id)
    messages.success(request, _("Velkommen i %(name)s.") % {"name": invitation.amg.name})
    return redirect("board", amg_id=invitation.amg_id)


# Login: password, then (where turned on) the code from the app ------------------------------


class LoginView(auth_views.LoginView):
    """Django's login (authenticate(request=…), so django-axes counts failures), with a second
    step for people who have turned on two-factor login."""

    redirect_authenticated_user = True

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        user = form.get_user()
        if not auth.has_two_factor(user):
            return super().form_valid(form)
        auth.start_pending(self.request, user, backend=user.backend)
        url = reverse("login_code")
        next_url = self.get_redirect_url()
        if next_url:
            url += "?" + urlencode({"next": next_url})
        return redirect(url)


CODE_RATE = 5  # second-factor attempts per person per 5 minutes


@require_http_methods(["GET", "POST"])
def login_code(request: HttpRequest) -> HttpResponse:
    pending = auth.pending_user(request)
    if pending is None:
        messages.error(request, _("Log ind igen: der gik for lang tid, før koden blev skrevet."))
        return redirect("login")
    user, backend = pending
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        if not ratelimit.allow(
            "login-code", str(user.pk), rate=CODE_RATE, per=timedelta(minutes=5)
        ):
            return ratelimit.too_many_requests(
                request, _("For mange forkerte koder. Vent fem minutter, og prøv igen.")
            )
        if form.is_valid():
            device = _verified_device(user, form.cleaned_data["code"])
            if device is not None:
                auth.clear_pending(request)
                auth_login(request, user, backend=backend)
                otp_login(request, device)
                next_url = request.POST.get("next", "")
                if not url_has_allowed_host_and_scheme(
                    next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
                ):
                    next_url = resolve_url(settings.LOGIN_REDIRECT_URL)
                return redirect(next_url)
            form.add_error("code", _("Koden er forkert eller allerede brugt. Prøv igen."))
    return render(
        request,
        "registration/login_code.html",
        {"form": form, "next": request.GET.get("next", request.POST.get("next", ""))},
        status=422 if form.is_bound else 200,
    )


def _verified_device(user: User, code: str) -> Device | None:
    """The app's code (django-otp refuses a code used before and slows down guessing), or one
    of the recovery codes (each works once)."""
    totp = auth.totp_device(user)
    if (
        totp is not None
        and code.isdigit()
        and totp.verify_is_allowed()[0]
        and totp.verify_token(code)
    ):
        return totp
    recovery = auth.recovery_device(user)
    if recovery is not None and recovery.verify_token(code):
        return recovery
    return None


PASSWORD_RESET_RATE = 5  # e-mails an hour, per address asked for and per caller


@method_decorator(sensitive_post_parameters(), name="dispatch")
class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset (the same answer whether or not the address has an account), limited per
    caller and per address asked for, so nobody can flood someone's inbox."""

    def post(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        email = request.POST.get("email", "").strip().lower()[:254]
        per = timedelta(hours=1)
        if not (
            ratelimit.allow("password-reset-ip", ratelimit.client_ip(request), rate=20, per=per)
            and ratelimit.allow("password-reset", email, rate=PASSWORD_RESET_RATE, per=per)
        ):
            return ratelimit.too_many_requests(request)
        return super().post(request, *args, **kwargs)


# The user's own page --------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def account(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = ProfileForm(
        request.POST or None,
        user=user,
        initial={"first_name": user.first_name, "last_name": user.last_name, "email": user.email},
    )
    if request.method == "POST" and form.is_valid():
        services.update_profile(user=user, **form.cleaned_data)
        messages.success(request, _("Dine oplysninger er gemt."))
        return redirect("account")
    return _render_account(request, profile_form=form, status=422 if form.is_bound else 200)


def _render_account(
    request: HttpRequest,
    *,
    profile_form: ProfileForm | None = None,
    password_form: PasswordChangeForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    return render(
        request,
        "forkant/account.html",
        {
            "profile_form": profile_form
            or ProfileForm(
                user=user,
                initial={
                    "first_name": user.first_name,
                    "last_name": user.last_name,
                    "email": user.email,
                },
            ),
            "password_form": password_form or PasswordChangeForm(user),
            "two_factor_on": auth.has_two_factor(user),
            "organisations": administered_organisations(user),
        },
        status=status,
    )


@login_required
@require_POST
@sensitive_post_parameters()
def password_change(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.user, request.POST)
    if not form.is_valid():
        return _render_account(request, password_form=form, status=422)
    user = form.save()
    # The new password changes the session hash: every other session ends; this one goes on.
    update_session_auth_hash(request, user)
    messages.success(request, _("Din adgangskode er skiftet. Du er logget ud alle andre steder."))
    return redirect("account")


@login_required
@require_POST
def logout_everywhere(request: HttpRequest) -> HttpResponse:
    services.end_all_sessions(user=request.user)
    auth_logout(request)
    messages.success(request, _("Du er logget ud på alle enheder."))
    return redirect("login")


@login_required
def account_data(request: HttpRequest) -> HttpResponse:
    response = JsonResponse(
        personal_data.export(request.user), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    response["Content-Disposition"] = 'attachment; filename="mine-data-paa-forkant.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request: HttpRequest) -> HttpResponse:
    form = ConfirmPasswordForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.anonymise_user(user=request.user, now=timezone.now())
        auth_logout(request)
        messages.success(
            request, _("Din konto er slettet. Gruppernes materiale er bevaret uden dit navn.")
        )
        return redirect("login")
    return render(
        request, "forkant/account_delete.html", {"form": form}, status=422 if form.is_bound else 200
    )


# Two-factor login: turning it on and off -----------------------------------------------------

PENDING_KEY_SESSION = "forkant_totp_key"


@login_required
@require_http_methods(["GET", "POST"])
def two_factor(request: HttpRequest) -> HttpResponse:
    """Turn it on: a new secret waits in the session until a code from the app confirms it."""
    user = request.user
    if auth.has_two_factor(user):
        return render(
            request,
            "forkant/two_factor.html",
            {
                "enabled": True,
                "required": auth.two_factor_required(user),
                "recovery_left": auth.recovery_codes_left(user),
                "form": ConfirmPasswordForm(user=user),
            },
        )
    key = request.session.get(PENDING_KEY_SESSION) or random_hex(20)
    request.session[PENDING_KEY_SESSION] = key
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        last_t = auth.check_new_totp(key, form.cleaned_data["code"])
        if last_t is not None:
            device, codes = services.enable_two_factor(user=user, key=key, last_t=last_t)
            del request.session[PENDING_KEY_SESSION]
            otp_login(request, device)
            return render(request, "forkant/recovery_codes.html", {"codes": codes, "new": True})
        form.add_error("code", _("Koden passer ikke. Tjek uret på telefonen, og prøv igen."))
    device = TOTPDevice(user=user, key=key, name="Authenticator")
    return render(
        request,
        "forkant/two_factor.html",
        {
            "enabled": False,
            "required": auth.two_factor_required(user),
            "qr_svg": mark_safe(  # noqa: S308  (segno's own SVG of our URI, no user input)
                segno.make(device.config_url, micro=False).svg_inline(
                    scale=5, dark="#1d2a2a", light="#ffffff"
                )
            ),
            "secret": auth.grouped(b32encode(bytes.fromhex(key)).decode()),
            "form": form,
        },
        status=422 if form.is_bound else 200,
    )


@login_required
@require_POST
def two_factor_disable(request: HttpRequest) -> HttpResponse:
    user = request.user
    if auth.two_factor_required(user):
        messages.error(request, _("Din organisation kræver totrinslogin. Det kan ikke slås fra."))
        return redirect("two_factor")
    form = ConfirmPasswordForm(request.POST, user=user)
    if not form.is_valid():
        messages.error(request, _("Adgangskoden er forkert. Totrinslogin er stadig slået til."))
        return redirect("two_factor")
    services.disable_two_factor(user=user)
    messages.success(request, _("Totrinslogin er slået fra."))
    return redirect("account")


@login_required
@require_POST
def recovery_codes_new(request: HttpRequest) -> HttpResponse:
    if not auth.has_two_factor(request.user):
        return redirect("two_factor")
    codes = services.new_recovery_codes(user=request.user)
    return render(request, "forkant/recovery_codes.html", {"codes": codes, "new": False})


# Operation and the public pages ---------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "HEAD"])
def health(request: HttpRequest) -> HttpResponse:
    """For load balancers: 200 when the database answers and every migration is applied."""
    problem = health_problem()
    if problem:
        return JsonResponse({"status": "error", "problem": problem}, status=503)
    return JsonResponse({"status": "ok"})


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "forkant/accessibility.html", {"operator": operator_contact()})


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "forkant/privacy.html", {"operator": operator_contact()})
