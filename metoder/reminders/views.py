"""A member's own choice of e-mail reminders, for each AMG they are a member of."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from metoder.reminders import services
from metoder.reminders.forms import PreferencesForm
from metoder.reminders.models import default_preferences


@login_required
@require_http_methods(["GET", "POST"])
def reminder_preferences(request: HttpRequest) -> HttpResponse:
    # The user's own memberships only (read-only members choose too: it is their own e-mail);
    # archived AMGs send nothing, so they are left out.
    memberships = (
        request.user.memberships.filter(amg__archived_at__isnull=True)
        .select_related("amg", "amg__organisation", "reminder_preference")
        .order_by("amg__organisation__name", "amg__name")
    )
    forms = []
    for membership in memberships:
        preference = getattr(membership, "reminder_preference", None)
        initial = preference.as_dict() if preference else default_preferences(membership)
        forms.append(
            PreferencesForm(
                request.POST if request.method == "POST" else None,
                membership=membership,
                initial=initial,
            )
        )
    if request.method == "POST":
        for form in forms:
            form.is_valid()  # checkboxes: always valid; anything else posted is ignored
            services.set_preferences(membership=form.membership, choices=form.cleaned_data)
        messages.success(request, _("Dine valg af påmindelser er gemt."))
        return redirect("reminder_preferences")
    return render(request, "metoder/reminders/preferences.html", {"forms": forms})
