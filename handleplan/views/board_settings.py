"""The board's settings (when a card counts as stalled)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from forkant.access import amg_context
from handleplan import services
from handleplan.forms import BoardSettingsForm
from handleplan.views.common import _board_changed, _render_dialog


@login_required
@require_http_methods(["GET", "POST"])
def board_settings(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    current = services.board_settings_for(ctx.amg)
    form = BoardSettingsForm(request.POST or None, initial={"stalled_weeks": current.stalled_weeks})
    if request.method == "POST" and form.is_valid():
        services.set_stalled_weeks(amg=ctx.amg, weeks=form.cleaned_data["stalled_weeks"])
        return _board_changed(request, ctx, _("Indstillingerne er gemt."))
    return _render_dialog(request, ctx, "handleplan/board_settings.html", {"form": form})
