"""Invitations: resending and revoking them (from the members page), and the invitee's side."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from forkant import auth, ratelimit, services, sessions
from forkant.access import account_exists, amg_context
from forkant.extensions import amg_home
from forkant.forms import NewAccountForm
from forkant.lib.pages import render_page
from forkant.mail import send_invitation
from forkant.middleware import TWO_FACTOR_SESSION_KEY
from forkant.models import Invitation
from forkant.views.helpers import invitation_link

# Invitations: managed from the members page ----------------------------------------------


@login_required
@require_POST
def invitation_resend(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, manage=True)
    invitation = ctx.get(Invitation, pk)
    if not invitation.is_pending:
        raise Http404
    token = services.resend_invitation(invitation=invitation, now=timezone.now())
    send_invitation(invitation, invitation_link(request, token))
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
        auth_login(request, new_user, backend=sessions.BACKEND)
        return _welcome(request, invitation)
    context["form"] = form
    return render_page(
        request,
        "registration/invitation_new_account.html",
        context,
    )


def _welcome(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    # The new organisation may require two-factor login.
    request.session[TWO_FACTOR_SESSION_KEY] = auth.two_factor_required(request.user)
    if invitation.amg is None:
        messages.success(request, _("Velkommen. Du er nu organisationsadministrator."))
        return redirect("organisation", organisation_id=invitation.organisation_id)
    messages.success(request, _("Velkommen i %(name)s.") % {"name": invitation.amg.name})
    return redirect(amg_home(invitation.amg_id))
