"""The organisation admin's pages: the organisation's AMGs (create, rename and describe,
archive), the organisation's CVR-nummer and address, and whether everyone must use two-factor
login."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from forkant import auth, queries, services
from forkant.access import admin_organisation, organisation_amg
from forkant.extensions import organisation_links
from forkant.forms import (
    AMGDetailsForm,
    AMGNameForm,
    OrganisationDetailsForm,
    TwoFactorRequirementForm,
)
from forkant.lib.pages import render_page
from forkant.middleware import TWO_FACTOR_SESSION_KEY
from forkant.models import Organisation

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
    details_form: OrganisationDetailsForm | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "forkant/organisation.html",
        {
            "organisation": organisation,
            "amgs": queries.organisation_amgs(organisation),
            "organisation_links": organisation_links(),
            "form": form,
            "two_factor_form": two_factor_form
            or TwoFactorRequirementForm(
                initial={"require_two_factor": organisation.require_two_factor}
            ),
            "details_form": details_form
            or OrganisationDetailsForm(
                initial={"cvr": organisation.cvr, "address": organisation.address}
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
    form = AMGDetailsForm(
        request.POST or None,
        organisation=organisation,
        amg=amg,
        initial={"name": amg.name, "address": amg.address, "p_number": amg.p_number},
    )
    if request.method == "POST" and form.is_valid():
        services.set_amg_details(amg=amg, **form.cleaned_data)
        messages.success(request, _("“%(name)s” er gemt.") % {"name": amg.name})
        return redirect("organisation", organisation_id=organisation.pk)
    return render_page(
        request,
        "forkant/amg_rename.html",
        {"organisation": organisation, "amg": amg, "form": form},
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
def organisation_details(request: HttpRequest, organisation_id: int) -> HttpResponse:
    """The organisation's CVR-nummer and address (for the inspection bundle's cover)."""
    organisation = admin_organisation(request, organisation_id)
    form = OrganisationDetailsForm(request.POST)
    if not form.is_valid():
        return _render_organisation(
            request,
            organisation,
            AMGNameForm(organisation=organisation),
            details_form=form,
            status=422,
        )
    services.set_organisation_details(organisation=organisation, **form.cleaned_data)
    messages.success(request, _("Organisationens oplysninger er gemt."))
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
