from __future__ import annotations

import datetime
from collections.abc import Callable
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.formats import date_format
from django.utils.http import parse_etags, quote_etag
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import (
    HttpResponseClientRedirect,
    reswap,
    retarget,
    trigger_client_event,
)

from forkant import ratelimit
from forkant.access import AMGContext, amg_context
from forkant.lib.release import wall_release
from forkant.models import Membership, WallScreen
from forkant.services import record_wall_screen_seen
from forkant.wallscreens import ScreenState, cached_fragment, screen_from_request
from handleplan import annotations, cards, export, history, poster, services
from handleplan.forms import (
    ActionForm,
    BoardSettingsForm,
    DecisionForm,
    DeclineIdeaForm,
    EndMeetingForm,
    IdeaForm,
    MergeIdeaForm,
    MoveForm,
    NudgePlanForm,
    PlacementForm,
    PublishIdeaForm,
    ReferatForm,
    StartMeetingForm,
    TavlemoedeForm,
    ThemeForm,
)
from handleplan.models import (
    Action,
    BoardSettings,
    Decision,
    Effect,
    Idea,
    Meeting,
    Radius,
    Reach,
    Status,
    Theme,
)
from handleplan.qr import qr_svg
from handleplan.queries import (
    Board,
    BoardExtras,
    board_extras,
    board_for,
    board_patch,
    handled_ideas,
    idea_box,
    matrix_for,
    meetings_of,
    next_tavlemoede,
    pending_ideas,
    stalled_actions,
    stalled_weeks_of,
)
from handleplan.referat import attendee_line, referat_blocks, render_referat_pdf

# The members' board -------------------------------------------------------------------------


@login_required
@require_GET
def board(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    return _render_board(request, ctx)


@login_required
@require_GET
def board_poll(request: HttpRequest, amg_id: int) -> HttpResponse:
    """A member's open board asks every few seconds: 304 when nothing changed, else the board."""
    ctx = amg_context(request, amg_id)
    etag = _board_etag(ctx)
    if etag in parse_etags(request.headers.get("If-None-Match", "")):
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(_board_html(request, ctx)[0])
    response["ETag"] = etag
    patch_cache_control(response, no_cache=True, private=True)
    return response


def _board_etag(ctx: AMGContext, *, revision: int | None = None) -> str:
    """Changes with every board write (which includes ideas arriving, meetings starting and
    ending), with what this member may do, the language and the day (deadlines turn overdue at
    midnight)."""
    revision = ctx.amg.board_revision if revision is None else revision
    return quote_etag(
        f"b{ctx.amg.pk}-{revision}-{int(ctx.can_write)}-"
        f"{get_language()}-{timezone.localdate():%Y%m%d}"
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_new(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    initial = {"status": Status.PARKERET}
    if request.GET.get("theme", "").isdigit():
        initial["theme"] = ctx.get(Theme, request.GET["theme"]).pk
    if request.GET.get("status") in Status.values:
        initial["status"] = request.GET["status"]
    form = ActionForm(request.POST or None, amg=ctx.amg, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        action = services.create_action(amg=ctx.amg, **fields)
        return _board_changed(
            request, ctx, _("“%(title)s” er sat på tavlen.") % {"title": action.title}
        )
    return _render_dialog(request, ctx, "handleplan/action_form.html", {"form": form})


@login_required
@require_GET
def action_detail(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    action = ctx.get(
        Action, pk, Action.objects.select_related("theme", "responsible__user", "nudge_plan")
    )
    action.marks = annotations.marks_for(ctx.amg, [action.pk]).get(action.pk, [])
    if action.status in Status.in_progress():  # a stalled card: what higher layers offer on it
        weeks = stalled_weeks_of(ctx.amg)
        action.stalled = action.moved_at < timezone.now() - datetime.timedelta(weeks=weeks)
        if action.stalled:
            action.marks = action.marks + annotations.stalled_marks(ctx.amg, action)
    return _render_dialog(request, ctx, "handleplan/action_detail.html", {"action": action})


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    action = ctx.get(Action, pk)
    initial = {**model_to_dict(action, services.EDITABLE_FIELDS), "version": action.version}
    form = ActionForm(request.POST or None, amg=ctx.amg, initial=initial)
    if request.method == "POST" and form.is_valid():
        changes = dict(form.cleaned_data)
        expected = changes.pop("version")
        old_cell = (action.theme_id, action.status)
        try:
            services.update_action(action=action, expected_version=expected, **changes)
        except services.StaleVersion as stale:
            return _render_conflict(request, ctx, stale.current, changes)
        cells = {old_cell, (action.theme_id, action.status)}
        return _board_patched(request, ctx, _("Ændringerne er gemt."), cells)
    return _render_dialog(
        request, ctx, "handleplan/action_form.html", {"form": form, "action": action}
    )


def _render_conflict(
    request: HttpRequest, ctx: AMGContext, current: Action, mine: dict[str, object]
) -> HttpResponse:
    """409: someone saved the card first. Both versions side by side; the member chooses."""
    conflict = history.Conflict.between(ctx.amg, current, mine)
    form = ActionForm(amg=ctx.amg, initial={**conflict.mine_initial, "version": current.version})
    template = "handleplan/action_conflict.html" + ("#dialog" if request.htmx else "")
    context = {"ctx": ctx, "action": current, "form": form, "conflict": conflict}
    return render(request, template, context, status=409)


@login_required
@require_POST
def action_move(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    action = ctx.get(Action, pk)
    form = MoveForm(request.POST, amg=ctx.amg)
    old_cell = (action.theme_id, action.status)
    if not form.is_valid():
        return _bad_request(
            request, ctx, _("Kortet kunne ikke flyttes: ukendt kolonne eller tema.")
        )
    try:
        services.move_action(
            action=action,
            status=form.cleaned_data["status"],
            theme=form.cleaned_data["theme"],
            index=form.cleaned_data["index"],
            expected_version=form.cleaned_data["version"],
        )
    except services.StaleVersion as stale:
        message = _(
            "“%(title)s” er lige blevet ændret af %(who)s, så kortet er ikke flyttet. "
            "Tavlen viser nu, hvordan det ser ud – flyt det igen, hvis det stadig skal."
        ) % {"title": stale.current.title, "who": history.last_editor(ctx.amg, stale.current.pk)}
        return _board_conflict(request, ctx, message)
    message = _("“%(title)s” er flyttet til %(column)s.") % {
        "title": action.title,
        "column": action.status_enum.label,
    }
    cells = {old_cell, (action.theme_id, action.status)}
    return _board_patched(request, ctx, message, cells, focus=request.POST.get("focus", ""))


@login_required
@require_http_methods(["GET", "POST"])
def action_delete(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    action = ctx.get(Action, pk)
    if request.method == "POST":
        services.delete_action(action=action)
        return _board_changed(
            request,
            ctx,
            _("“%(title)s” er lagt i papirkurven, hvor det kan gendannes.")
            % {"title": action.title},
        )
    return _render_dialog(request, ctx, "handleplan/action_delete.html", {"action": action})


@login_required
@require_GET
def action_history(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    action = ctx.get(Action, pk)
    versions = history.action_versions(ctx.amg, action.pk)
    return _render_dialog(
        request, ctx, "handleplan/action_history.html", {"action": action, "versions": versions}
    )


@login_required
@require_POST
def action_restore(request: HttpRequest, amg_id: int, pk: int, history_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    action = ctx.get(Action, pk)
    record = ctx.get(Action.history.model, history_id)
    try:
        services.restore_action_version(action=action, record=record)
    except ValidationError as error:
        return _bad_request(request, ctx, error.messages[0])
    return _board_changed(
        request,
        ctx,
        _("“%(title)s” er gendannet, som det var %(when)s.")
        % {
            "title": action.title,
            "when": date_format(timezone.localtime(record.history_date), "j. F H.i"),
        },
    )


@login_required
@require_GET
def bin_list(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    actions, themes = history.binned(ctx.amg)
    return render(
        request, "handleplan/bin.html", {"ctx": ctx, "actions": actions, "themes": themes}
    )


@login_required
@require_POST
def bin_restore_action(request: HttpRequest, amg_id: int, history_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    record = ctx.get(Action.history.model, history_id)
    if record.history_type != "-":
        raise Http404
    try:
        action = services.restore_deleted_action(
            amg=ctx.amg,
            record=record,
            theme_record=history.last_theme_record(ctx.amg, record.theme_id),
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("bin", amg_id=ctx.amg.pk)
    messages.success(request, _("“%(title)s” er tilbage på tavlen.") % {"title": action.title})
    return redirect("bin", amg_id=ctx.amg.pk)


@login_required
@require_POST
def bin_restore_theme(request: HttpRequest, amg_id: int, history_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    record = ctx.get(Theme.history.model, history_id)
    if record.history_type != "-":
        raise Http404
    try:
        theme = services.restore_deleted_theme(amg=ctx.amg, record=record)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("bin", amg_id=ctx.amg.pk)
    messages.success(request, _("Temaet “%(name)s” er tilbage på tavlen.") % {"name": theme.name})
    return redirect("bin", amg_id=ctx.amg.pk)


@login_required
@require_POST
def theme_new(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    form = ThemeForm(request.POST, amg=ctx.amg)
    if not form.is_valid():
        return _render_board(request, ctx, theme_form=form, status=422)
    theme = services.create_theme(amg=ctx.amg, name=form.cleaned_data["name"])
    return _board_changed(request, ctx, _("Temaet “%(name)s” er oprettet.") % {"name": theme.name})


@login_required
@require_http_methods(["GET", "POST"])
def theme_edit(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    theme = ctx.get(Theme, pk)
    form = ThemeForm(request.POST or None, amg=ctx.amg, theme=theme, initial={"name": theme.name})
    if request.method == "POST" and form.is_valid():
        services.rename_theme(theme=theme, name=form.cleaned_data["name"])
        return _board_changed(
            request, ctx, _("Temaet hedder nu “%(name)s”.") % {"name": theme.name}
        )
    return _render_dialog(
        request, ctx, "handleplan/theme_form.html", {"form": form, "theme": theme}
    )


@login_required
@require_POST
def theme_move(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    theme = ctx.get(Theme, pk)
    step = {"op": -1, "ned": 1}.get(request.POST.get("retning", ""))
    if step is None:
        return _bad_request(request, ctx, _("Vælg op eller ned."))
    services.move_theme(theme=theme, step=step)
    return _board_changed(
        request,
        ctx,
        _("Temaet “%(name)s” er flyttet.") % {"name": theme.name},
        focus=request.POST.get("focus", ""),
    )


@login_required
@require_POST
def theme_delete(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    theme = ctx.get(Theme, pk)
    try:
        services.delete_theme(theme=theme)
    except ValidationError as error:
        return _bad_request(request, ctx, error.messages[0])
    return _board_changed(request, ctx, _("Temaet “%(name)s” er slettet.") % {"name": theme.name})


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    now = timezone.now()
    meeting = next_tavlemoede(ctx.amg, now=now)
    initial = (
        {"starts_at": timezone.localtime(meeting.starts_at), "moedeleder": meeting.moedeleder}
        if meeting
        else {}
    )
    form = TavlemoedeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.set_next_tavlemoede(amg=ctx.amg, now=now, **form.cleaned_data)
        return _board_changed(request, ctx, _("Næste tavlemøde er gemt."))
    members = ctx.filter(Membership).select_related("user")
    return _render_dialog(
        request, ctx, "handleplan/meeting_form.html", {"form": form, "members": members}
    )


@login_required
@require_GET
def board_poster(request: HttpRequest, amg_id: int) -> HttpResponse:
    """The public board as an A3 landscape PDF, to print and hang up."""
    ctx = amg_context(request, amg_id)
    now = timezone.now()
    response = HttpResponse(poster.render_poster_pdf(ctx.amg.pk, now=now), "application/pdf")
    filename = poster.poster_filename(ctx.amg, now)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    patch_cache_control(response, private=True, no_store=True)
    return response


@login_required
@require_GET
def export_csv(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    return _download(export.as_csv(ctx.amg), "text/csv; charset=utf-8", ctx, "csv")


@login_required
@require_GET
def export_xlsx(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    return _download(export.as_xlsx(ctx.amg), export.XLSX_TYPE, ctx, "xlsx")


def _download(content: bytes, content_type: str, ctx: AMGContext, extension: str) -> HttpResponse:
    name = export.filename(ctx.amg, extension, today=timezone.localdate())
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    patch_cache_control(response, private=True, no_store=True)
    return response


def _render_board(
    request: HttpRequest,
    ctx: AMGContext,
    *,
    theme_form: ThemeForm | None = None,
    status: int = 200,
    after_write: bool = False,
) -> HttpResponse:
    if after_write:
        ctx.amg.refresh_from_db(fields=["board_revision"])  # the write bumped it
    html, extras = _board_html(request, ctx, theme_form=theme_form)
    etag = _board_etag(ctx)
    if request.htmx and not request.htmx.boosted:
        response = HttpResponse(html, status=status)
    else:
        context = {
            "ctx": ctx,
            "board_html": html,
            "etag": etag,
            "poll_url": reverse("board_poll", args=[ctx.amg.pk]),
            "poll_seconds": settings.BOARD_POLL_SECONDS,
            **extras,
        }
        response = render(request, "handleplan/board.html", context, status=status)
    # The member's own change: their board already shows it, so their next poll is a 304.
    response["X-Board-ETag"] = etag
    return response


def _board_html(
    request: HttpRequest, ctx: AMGContext, *, theme_form: ThemeForm | None = None
) -> tuple[SafeString, dict[str, object]]:
    """The board partial and what the page shows around it (the stalled-card rule, a running
    meeting, the ideas waiting), from the cache when nothing changed (handleplan/cards.py)."""

    def context() -> dict[str, object]:
        now = timezone.now()
        extras = board_extras(ctx.amg)
        weeks = extras.stalled_weeks
        board = board_for(ctx.amg, now=now, stalled_weeks=weeks)
        cards.attach_card_html(None, ctx, cards.board_actions(board), stalled_weeks=weeks)
        stalled = list(stalled_actions(ctx.amg, now=now, weeks=weeks)) if extras.running else []
        return {
            "ctx": ctx,
            "board": board,
            "theme_form": theme_form or ThemeForm(amg=ctx.amg),
            "stalled": stalled,
            **extras.as_context(),
        }

    if theme_form is not None and theme_form.is_bound:  # a form with errors is never cached
        full = context()
        html = render_to_string(
            "handleplan/board.html#board", {**full, "csrf_token": cards.CSRF_PLACEHOLDER}
        )
        extras = {key: full[key] for key in BoardExtras.FIELDS}
        return mark_safe(cards.with_token(request, html)), extras  # noqa: S308 - our template
    return cards.board_html(request, ctx, context, keep=BoardExtras.FIELDS)


def _board_changed(
    request: HttpRequest, ctx: AMGContext, message: str, *, focus: str = ""
) -> HttpResponse:
    """After a write: htmx gets the fresh board (and the dialog closes); others a redirect.

    A form opened as a page of its own (a link opened in a new tab) has no board to update:
    the browser goes to the board instead."""
    board_url = reverse("board", args=[ctx.amg.pk])
    if not _on_board(request, ctx):
        messages.success(request, message)
        if request.htmx:
            return HttpResponseClientRedirect(board_url)
        return redirect(board_url)
    response = _render_board(request, ctx, after_write=True)
    retarget(response, "#board")
    reswap(response, "outerHTML")
    return trigger_client_event(
        response, "board:changed", {"message": message, "focus": focus[:80]}, after="settle"
    )


def _board_patched(
    request: HttpRequest,
    ctx: AMGContext,
    message: str,
    cells: set[tuple[int, str]],
    *,
    focus: str = "",
) -> HttpResponse:
    """After a move or an edit: only the cells, row heads and counts that changed, swapped in
    out of band, so the answer costs the same on a 10-card and a 200-card board."""
    if not _on_board(request, ctx):
        return _board_changed(request, ctx, message, focus=focus)
    now = timezone.now()
    extras = board_extras(ctx.amg).as_context()
    weeks = extras["stalled_weeks"]
    patch = board_patch(ctx.amg, cells, now=now, stalled_weeks=weeks)
    actions = [a for cell in patch.cells for a in cell.actions]
    cards.attach_card_html(request, ctx, actions, stalled_weeks=weeks)
    ctx.amg.refresh_from_db(fields=["board_revision"])
    context = {"ctx": ctx, "patch": patch, **extras}
    if extras["running"]:  # the meeting's bar lists the stalled cards: it changes too
        context["stalled"] = list(stalled_actions(ctx.amg, now=now, weeks=weeks))
    response = render(request, "handleplan/board.html#patch", context)
    # The member's board is current if it was current just before this write.
    before = _board_etag(ctx, revision=ctx.amg.board_revision - 1)
    if request.headers.get("X-Board-ETag") == before:
        response["X-Board-ETag"] = _board_etag(ctx)
    reswap(response, "none")
    return trigger_client_event(
        response, "board:changed", {"message": message, "focus": focus[:80]}, after="settle"
    )


def _on_board(request: HttpRequest, ctx: AMGContext) -> bool:
    """An htmx request from the board page itself (not a form opened as a page of its own)."""
    if not request.htmx:
        return False
    current = request.htmx.current_url
    return not current or urlsplit(current).path == reverse("board", args=[ctx.amg.pk])


def _board_conflict(request: HttpRequest, ctx: AMGContext, message: str) -> HttpResponse:
    """409 for a change based on a stale board: the member gets the board as it is now."""
    if not request.htmx:
        messages.error(request, message)
        return redirect("board", amg_id=ctx.amg.pk)
    response = _render_board(request, ctx, status=409, after_write=True)
    retarget(response, "#board")
    reswap(response, "outerHTML")
    return trigger_client_event(response, "board:error", {"message": message}, after="settle")


def _bad_request(request: HttpRequest, ctx: AMGContext, message: str) -> HttpResponse:
    if not request.htmx:
        messages.error(request, message)
        return redirect("board", amg_id=ctx.amg.pk)
    response = HttpResponse(status=422)
    reswap(response, "none")
    return trigger_client_event(response, "board:error", {"message": message})


def _render_dialog(
    request: HttpRequest, ctx: AMGContext, template: str, context: dict[str, object]
) -> HttpResponse:
    """Forms and details open in a dialog over the board, or as a page of their own without JS."""
    form = context.get("form")
    status = 422 if form is not None and form.is_bound else 200  # type: ignore[attr-defined]
    if request.htmx:
        template += "#dialog"
    return render(request, template, {"ctx": ctx, **context}, status=status)


# Ideas from the workplace: the public form ------------------------------------------------------

IDEA_RATE = 5  # ideas per device/IP ...
IDEA_RATE_PER = datetime.timedelta(minutes=10)  # ... per ten minutes, across all app servers
IDEA_MAX_BODY = 32_000  # bytes; the form's fields together are far smaller


@require_http_methods(["GET", "POST"])
def idea_form(request: HttpRequest, code: str) -> HttpResponse:
    """The form staff reach through the wall's QR code: no account, shows only the AMG's name."""
    box = idea_box(code)
    if box is None:
        return render(request, "handleplan/idea_unknown.html", status=404)
    form = IdeaForm()
    if request.method == "POST":
        if not ratelimit.allow(
            "idea-form", ratelimit.client_ip(request), rate=IDEA_RATE, per=IDEA_RATE_PER
        ):
            return ratelimit.too_many_requests(
                request,
                _("Der er sendt mange idéer fra denne enhed. Vent et kvarter, og prøv igen."),
            )
        if int(request.META.get("CONTENT_LENGTH") or 0) > IDEA_MAX_BODY:
            too_long = _("Teksten er alt for lang. Skriv højst 2000 tegn.")
            return _render_idea_form(request, box, form, status=413, error=too_long)
        form = IdeaForm(request.POST)
        if form.is_valid():
            if not form.is_bot:  # a bot gets the same receipt, and nothing is saved
                services.submit_idea(
                    amg=box.amg,
                    text=form.cleaned_data["text"],
                    name=form.cleaned_data["name"],
                    now=timezone.now(),
                )
            return redirect("idea_thanks", code=box.idea_code)
        return _render_idea_form(request, box, form, status=422)
    return _render_idea_form(request, box, form)


@require_GET
def idea_thanks(request: HttpRequest, code: str) -> HttpResponse:
    box = idea_box(code)
    if box is None:
        return render(request, "handleplan/idea_unknown.html", status=404)
    return render(request, "handleplan/idea_thanks.html", {"box": box})


def _render_idea_form(
    request: HttpRequest, box: BoardSettings, form: IdeaForm, status: int = 200, error: str = ""
) -> HttpResponse:
    context = {"box": box, "form": form, "error": error}
    return render(request, "handleplan/idea_form.html", context, status=status)


# Ideas: the members' moderation queue ------------------------------------------------------------


@login_required
@require_GET
def idea_queue(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    box = services.board_settings_for(ctx.amg) if ctx.can_write else None
    link = request.build_absolute_uri(reverse("idea_form", args=[box.idea_code])) if box else ""
    context = {
        "ctx": ctx,
        "ideas": list(pending_ideas(ctx.amg)),
        "handled": handled_ideas(ctx.amg),
        "link": link,
        "qr": qr_svg(link) if link else "",
    }
    return render(request, "handleplan/idea_queue.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def idea_publish(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    idea = ctx.get(Idea, pk)
    form = PublishIdeaForm(
        request.POST or None, amg=ctx.amg, initial={"title": idea.short_text[:200]}
    )
    if request.method == "POST" and form.is_valid():
        return _handle_idea(
            request,
            ctx,
            lambda: services.publish_idea(
                idea=idea, by=ctx.membership, now=timezone.now(), **form.cleaned_data
            ),
            _("Idéen er sat på tavlen i Parkeringspladsen."),
        )
    return _render_idea_dialog(request, ctx, "handleplan/idea_publish.html", idea, form)


@login_required
@require_http_methods(["GET", "POST"])
def idea_merge(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    idea = ctx.get(Idea, pk)
    form = MergeIdeaForm(request.POST or None, idea=idea)
    if request.method == "POST" and form.is_valid():
        return _handle_idea(
            request,
            ctx,
            lambda: services.merge_idea(
                idea=idea, into=form.cleaned_data["into"], by=ctx.membership, now=timezone.now()
            ),
            _("Idéen er flettet med den anden."),
        )
    return _render_idea_dialog(request, ctx, "handleplan/idea_merge.html", idea, form)


@login_required
@require_http_methods(["GET", "POST"])
def idea_decline(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    idea = ctx.get(Idea, pk)
    form = DeclineIdeaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return _handle_idea(
            request,
            ctx,
            lambda: services.decline_idea(
                idea=idea, reason=form.cleaned_data["reason"], by=ctx.membership, now=timezone.now()
            ),
            _("Idéen er afvist."),
        )
    return _render_idea_dialog(request, ctx, "handleplan/idea_decline.html", idea, form)


@login_required
@require_POST
def idea_code_renew(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    services.renew_idea_code(amg=ctx.amg)
    messages.success(request, _("Idéformularen har fået et nyt link. Det gamle virker ikke mere."))
    return redirect("idea_queue", amg_id=ctx.amg.pk)


def _handle_idea(
    request: HttpRequest, ctx: AMGContext, write: Callable[[], object], message: str
) -> HttpResponse:
    try:
        write()
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, message)
    url = reverse("idea_queue", args=[ctx.amg.pk])
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def _render_idea_dialog(
    request: HttpRequest, ctx: AMGContext, template: str, idea: Idea, form: forms.Form
) -> HttpResponse:
    back = reverse("idea_queue", args=[ctx.amg.pk])
    return _render_dialog(request, ctx, template, {"idea": idea, "form": form, "back": back})


# Settings ---------------------------------------------------------------------------------------


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


# The effect × reach matrix (Metode 6) -----------------------------------------------------------

MATRIX_KINDS = {"handling": Action, "ide": Idea}


@login_required
@require_GET
def matrix(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    return _render_matrix(request, ctx)


@login_required
@require_POST
def matrix_place(request: HttpRequest, amg_id: int, kind: str, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    item = _matrix_item(ctx, kind, pk)
    form = PlacementForm(request.POST)
    if not form.is_valid():
        return _matrix_error(request, ctx, form.errors.get("__all__", [_("Ukendt placering.")])[0])
    try:
        services.place_on_matrix(item=item, **form.cleaned_data)
    except ValidationError as error:
        return _matrix_error(request, ctx, error.messages[0])
    title = item.title if isinstance(item, Action) else item.short_text
    if form.cleaned_data["effect"]:
        message = _("“%(title)s” er placeret: %(effect)s, %(reach)s.") % {
            "title": title,
            "effect": Effect(form.cleaned_data["effect"]).label.lower(),
            "reach": Reach(form.cleaned_data["reach"]).label.lower(),
        }
    else:
        message = _("“%(title)s” er taget af matricen.") % {"title": title}
    return _matrix_changed(request, ctx, message, focus=request.POST.get("focus", ""))


@login_required
@require_POST
def matrix_decide(request: HttpRequest, amg_id: int, kind: str, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    item = _matrix_item(ctx, kind, pk)
    form = DecisionForm(request.POST, amg=ctx.amg)
    if not form.is_valid():
        return _matrix_error(request, ctx, _("Ukendt beslutning."))
    decision = form.cleaned_data["decision"]
    try:
        if isinstance(item, Idea):
            theme = form.cleaned_data["theme"]
            if theme is None:
                return _matrix_error(request, ctx, _("Vælg et tema til kortet."))
            action = services.decide_idea(
                idea=item, decision=decision, theme=theme, by=ctx.membership, now=timezone.now()
            )
        else:
            action = services.decide_action(action=item, decision=decision)
    except ValidationError as error:
        return _matrix_error(request, ctx, error.messages[0])
    message = _("“%(title)s”: %(decision)s.") % {
        "title": action.title,
        "decision": Decision(decision).label,
    }
    return _matrix_changed(request, ctx, message)


def _matrix_item(ctx: AMGContext, kind: str, pk: int) -> Action | Idea:
    model = MATRIX_KINDS.get(kind)
    if model is None:
        raise Http404
    return ctx.get(model, pk)


def _render_matrix(request: HttpRequest, ctx: AMGContext, status: int = 200) -> HttpResponse:
    template = "handleplan/matrix.html"
    if request.htmx:
        template += "#matrix"
    context = {
        "ctx": ctx,
        "matrix": matrix_for(ctx.amg),
        "themes": list(ctx.filter(Theme).order_by("position", "pk")),
        "effects": Effect.choices,
        "reaches": Reach.choices,
        "radii": Radius.choices,
        "decisions": Decision.choices,
    }
    return render(request, template, context, status=status)


def _matrix_changed(
    request: HttpRequest, ctx: AMGContext, message: str, *, focus: str = ""
) -> HttpResponse:
    if not request.htmx:
        messages.success(request, message)
        return redirect("matrix", amg_id=ctx.amg.pk)
    response = _render_matrix(request, ctx)
    retarget(response, "#matrix")
    reswap(response, "outerHTML")
    return trigger_client_event(
        response, "board:changed", {"message": message, "focus": focus[:80]}, after="settle"
    )


def _matrix_error(request: HttpRequest, ctx: AMGContext, message: str) -> HttpResponse:
    if not request.htmx:
        messages.error(request, message)
        return redirect("matrix", amg_id=ctx.amg.pk)
    response = HttpResponse(status=422)
    reswap(response, "none")
    return trigger_client_event(response, "board:error", {"message": message})


# Nudging (Metode 3) ----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def nudge_edit(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    action = ctx.get(Action, pk, Action.objects.select_related("nudge_plan"))
    plan = getattr(action, "nudge_plan", None)
    initial = (
        {
            "goal": plan.goal,
            "barriers": plan.barriers,
            "solution": plan.solution,
            "types": plan.types,
        }
        if plan
        else {}
    )
    form = NudgePlanForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.save_nudge_plan(action=action, **form.cleaned_data)
        return _board_changed(
            request, ctx, _("Nudging-planen for “%(title)s” er gemt.") % {"title": action.title}
        )
    return _render_dialog(
        request, ctx, "handleplan/nudge_form.html", {"form": form, "action": action}
    )


# Meetings and referat ----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def meeting_start(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    planned = next_tavlemoede(ctx.amg, now=timezone.now() - datetime.timedelta(hours=12))
    initial = {
        "moedeleder": planned.moedeleder if planned else "",
        "attendees": [ctx.membership.pk] if ctx.membership else [],
        "other_attendees": 0,
    }
    form = StartMeetingForm(request.POST or None, amg=ctx.amg, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.start_meeting(
                amg=ctx.amg,
                now=timezone.now(),
                **{**data, "attendees": list(data["attendees"])},
            )
        except ValidationError as error:
            return _bad_request(request, ctx, error.messages[0])
        messages.success(
            request, _("Mødet er i gang. Alt, I ændrer på tavlen, kommer med i referatet.")
        )
        url = reverse("board", args=[ctx.amg.pk])
        return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    members = ctx.filter(Membership).select_related("user")
    return _render_dialog(
        request, ctx, "handleplan/meeting_start.html", {"form": form, "members": members}
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_end(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    meeting = ctx.get(Meeting, pk)
    if not meeting.is_running:
        messages.error(request, _("Mødet er allerede afsluttet."))
        return redirect("meeting_detail", amg_id=ctx.amg.pk, pk=meeting.pk)
    planned = next_tavlemoede(ctx.amg, now=timezone.now())
    initial = {
        "next_starts_at": timezone.localtime(planned.starts_at) if planned else None,
        "next_moedeleder": (planned.moedeleder if planned else "") or meeting.moedeleder,
    }
    data = request.POST if request.method == "POST" else None  # every field may be empty
    form = EndMeetingForm(data, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        now = timezone.now()
        meeting = services.end_meeting(
            meeting=meeting,
            decisions=data["decisions"],
            notes=data["notes"],
            next_starts_at=data["next_starts_at"],
            next_moedeleder=data["next_moedeleder"],
            now=now,
        )
        messages.success(request, _("Mødet er afsluttet, og referatet er skrevet."))
        if data["send"]:
            _send_referat(request, meeting)
        url = reverse("meeting_detail", args=[ctx.amg.pk, meeting.pk])
        return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    members = ctx.filter(Membership).select_related("user")
    return _render_dialog(
        request,
        ctx,
        "handleplan/meeting_end.html",
        {"form": form, "meeting": meeting, "members": members},
    )


@login_required
@require_GET
def meeting_list(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    return render(
        request, "handleplan/meeting_list.html", {"ctx": ctx, "meetings": meetings_of(ctx.amg)}
    )


@login_required
@require_GET
def meeting_detail(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    meeting = ctx.get(Meeting, pk)
    context = {
        "ctx": ctx,
        "meeting": meeting,
        "attendees": attendee_line(meeting),
        "blocks": referat_blocks(meeting.referat),
    }
    return render(request, "handleplan/meeting_detail.html", context)


@login_required
@require_GET
def meeting_history(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    meeting = ctx.get(Meeting, pk)
    versions = history.meeting_versions(ctx.amg, meeting.pk)
    return render(
        request,
        "handleplan/meeting_history.html",
        {"ctx": ctx, "meeting": meeting, "versions": versions},
    )


@login_required
@require_POST
def meeting_restore(request: HttpRequest, amg_id: int, pk: int, history_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    meeting = ctx.get(Meeting, pk)
    record = ctx.get(Meeting.history.model, history_id)
    try:
        services.restore_referat(meeting=meeting, record=record)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("meeting_history", amg_id=ctx.amg.pk, pk=meeting.pk)
    messages.success(
        request, _("Referatet er gendannet. Den version, det erstattede, er i historikken.")
    )
    return redirect("meeting_detail", amg_id=ctx.amg.pk, pk=meeting.pk)


@login_required
@require_http_methods(["GET", "POST"])
def referat_edit(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    meeting = ctx.get(Meeting, pk)
    if meeting.ended_at is None:
        messages.error(request, _("Referatet skrives, når mødet er afsluttet."))
        return redirect("meeting_detail", amg_id=ctx.amg.pk, pk=meeting.pk)
    form = ReferatForm(request.POST or None, initial={"referat": meeting.referat})
    if request.method == "POST" and form.is_valid():
        services.update_referat(meeting=meeting, referat=form.cleaned_data["referat"])
        messages.success(request, _("Referatet er gemt."))
        return redirect("meeting_detail", amg_id=ctx.amg.pk, pk=meeting.pk)
    status = 422 if form.is_bound else 200
    return render(
        request,
        "handleplan/referat_form.html",
        {"ctx": ctx, "meeting": meeting, "form": form},
        status=status,
    )


@login_required
@require_POST
def referat_send(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    meeting = ctx.get(Meeting, pk)
    if meeting.ended_at is None:
        messages.error(request, _("Referatet skrives, når mødet er afsluttet."))
    else:
        _send_referat(request, meeting)
    return redirect("meeting_detail", amg_id=ctx.amg.pk, pk=meeting.pk)


@login_required
@require_GET
def referat_pdf(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    meeting = ctx.get(Meeting, pk)
    if meeting.ended_at is None:
        raise Http404
    local = timezone.localtime(meeting.started_at)
    response = HttpResponse(render_referat_pdf(meeting.pk), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="referat-{local:%Y-%m-%d}.pdf"'
    return response


def _send_referat(request: HttpRequest, meeting: Meeting) -> None:
    """Send and say so; a mail server that is down loses nothing (the referat is saved)."""
    link = _referat_link(request, meeting)
    try:
        sent = services.send_referat(meeting=meeting, link=link, now=timezone.now())
    except OSError:  # smtplib's errors included
        messages.error(
            request,
            _("Referatet kunne ikke sendes lige nu. Det er gemt – prøv “Send igen” om lidt."),
        )
        return
    messages.success(request, _("Referatet er sendt til %(n)d medlemmer.") % {"n": sent})


def _referat_link(request: HttpRequest, meeting: Meeting) -> str:
    return request.build_absolute_uri(reverse("meeting_detail", args=[meeting.amg_id, meeting.pk]))


# The wall screen ----------------------------------------------------------------------------


@require_GET
def wall(request: HttpRequest) -> HttpResponse:
    lookup = screen_from_request(request)
    screen = lookup.screen
    if screen is None:
        revoked = lookup.state is ScreenState.REVOKED
        template = "wall_revoked.html" if revoked else "wall_not_paired.html"
        return render(request, f"handleplan/{template}", status=403)
    now = timezone.now()
    record_wall_screen_seen(screen=screen, now=now)
    response = render(
        request,
        "handleplan/wall.html",
        {
            "screen": screen,
            "board": _wall_board(screen, now=now),
            **_wall_idea_link(request, screen),
            "etag": _wall_etag(screen, now=now),
            "release": wall_release(),
            "poll_url": reverse("wall_board"),
            "poll_seconds": settings.WALLSCREEN_POLL_SECONDS,
            "page_seconds": settings.WALLSCREEN_PAGE_SECONDS,
        },
    )
    patch_cache_control(response, no_store=True)
    return response


@require_GET
def wall_board(request: HttpRequest) -> HttpResponse:
    """The wall screen's poll: 304 when nothing changed, else the board fragment.

    An unchanged board costs one query (the screen with its AMG) and, at most once a minute, a
    small UPDATE of the screen's last-seen time.
    """
    lookup = screen_from_request(request)
    screen = lookup.screen
    if screen is None:
        return HttpResponse(status=403, headers={"X-Forkant-Screen": lookup.state.value})
    now = timezone.now()
    record_wall_screen_seen(screen=screen, now=now)
    etag = _wall_etag(screen, now=now)
    headers = {"ETag": etag, "X-Forkant-Release": wall_release()}
    if etag in parse_etags(request.headers.get("If-None-Match", "")):
        response = HttpResponse(status=304)
    else:
        html = cached_fragment(
            etag,
            lambda: render_to_string(
                "handleplan/wall.html#wall-board",
                {
                    "screen": screen,
                    "board": _wall_board(screen, now=now),
                    **_wall_idea_link(request, screen),
                },
                request,
            ),
        )
        response = HttpResponse(html)
    for header, value in headers.items():
        response[header] = value
    patch_cache_control(response, no_cache=True, private=True)
    return response


def _wall_board(screen: WallScreen, *, now: datetime.datetime) -> Board:
    # Every public card: the wall's script compacts and pages the board to fit the screen.
    return board_for(screen.amg, now=now, public_only=True)


def _wall_idea_link(request: HttpRequest, screen: WallScreen) -> dict[str, str]:
    """The idea form's address for the wall: a QR code and a short link to type in."""
    box = services.board_settings_for(screen.amg)
    url = request.build_absolute_uri(reverse("idea_form", args=[box.idea_code]))
    short = url.split("://", 1)[-1].rstrip("/")
    return {"idea_url": url, "idea_short": short, "idea_qr": qr_svg(url)}


def _wall_etag(screen: WallScreen, *, now: datetime.datetime) -> str:
    """Changes with every edit (the board revision), every quarter-hour (so "next tavlemøde"
    moves on after a meeting) and with every deploy that changes the wall's page (the release)."""
    local = timezone.localtime(now)
    return quote_etag(
        f"{screen.amg.pk}-{screen.amg.board_revision}-"
        f"{local:%Y%m%d%H}{local.minute // 15}-{wall_release()}"
    )
