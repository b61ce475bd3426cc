"""An AMG's members: the list, inviting, changing a role, removing."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from forkant import queries, services
from forkant.access import AMGContext, amg_context
from forkant.extensions import member_columns, with_member_cells
from forkant.forms import InviteForm, MembershipForm
from forkant.mail import send_invitation
from forkant.models import Membership, Role
from forkant.views.helpers import invitation_link

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
            "members": with_member_cells(ctx, queries.members(ctx), today=timezone.localdate()),
            "member_columns": member_columns(),
            "invitations": queries.pending_invitations(ctx) if ctx.can_manage else [],
            "form": form,
            "roles": Role.choices,
            "now": timezone.now(),
        },
        status=status,
    )


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
    send_invitation(invitation, invitation_link(request, token))
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
        return redirect(settings.LOGIN_REDIRECT_URL)
    return redirect("member_list", amg_id=ctx.amg.pk)
