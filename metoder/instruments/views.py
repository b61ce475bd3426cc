"""The self-assessment pages: the instruments, opening a round, answering, the comparison and
the group's decisions. Thin: load through the access rule, validate, call a service, render."""

from __future__ import annotations

import contextlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from forkant.access import AMGContext, amg_context
from forkant.lib.numbers import ascii_int
from forkant.lib.pages import render_page
from handleplan.models import Action
from metoder.instruments import engine, queries, services
from metoder.instruments.forms import DecisionForm, NotesForm, OpenRoundForm
from metoder.instruments.models import Participant, Round


def _instrument(key: str) -> engine.Instrument:
    instrument = engine.get(key)
    if instrument is None:
        raise Http404
    return instrument


def _round(ctx: AMGContext, pk: int) -> Round:
    return ctx.get(Round, pk, queryset=ctx.filter(Round).select_related("amg", "action"))


@login_required
@require_GET
def instrument_home(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    rounds = list(queries.rounds_of(ctx.amg.pk))
    mine = queries.participations([r.pk for r in rounds], ctx.membership)
    for round_ in rounds:
        round_.instrument = engine.get(round_.instrument_key)
        round_.mine = mine.get(round_.pk)
    return render_page(
        request,
        "metoder/instruments/home.html",
        {
            "ctx": ctx,
            "instruments": engine.all_instruments(),
            "open_rounds": [r for r in rounds if r.closed_at is None],
            "closed_rounds": [r for r in rounds if r.closed_at is not None],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def instrument_round_new(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    key = request.POST.get("instrument") or request.GET.get("instrument", "")
    instrument = engine.get(key)
    if instrument is None:
        if request.method == "POST" or key:
            return render_page(
                request,
                "metoder/instruments/pick.html",
                {
                    "ctx": ctx,
                    "instruments": engine.all_instruments(),
                    "error": _("Vælg et instrument."),
                },
                status=422,
            )
        return render_page(
            request,
            "metoder/instruments/pick.html",
            {"ctx": ctx, "instruments": engine.all_instruments()},
        )
    initial: dict[str, object] = {
        "participants": [
            m.pk
            for m in OpenRoundForm(amg=ctx.amg, instrument=instrument)
            .fields["participants"]
            .queryset
        ]
    }
    action_id = ascii_int(request.GET.get("handling", ""))
    if instrument.about == "action" and action_id is not None:
        action = ctx.filter(Action).filter(pk=action_id).first()
        if action is not None:
            initial["action"] = action.pk
    form = OpenRoundForm(request.POST or None, amg=ctx.amg, instrument=instrument, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            round_ = services.open_round(
                amg=ctx.amg,
                instrument_key=instrument.key,
                by=ctx.membership,  # type: ignore[arg-type]
                participants=list(form.cleaned_data["participants"]),
                now=timezone.now(),
                about=form.cleaned_data.get("about", ""),
                action=form.cleaned_data.get("action"),
                custom_items=form.custom_items(),
                deadline=form.cleaned_data.get("deadline"),
            )
        except services.RoundError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Runden er åbnet. Hver især svarer nu for sig selv."))
            if round_.participants.filter(membership=ctx.membership).exists():
                return redirect("instrument_answer", amg_id=ctx.amg.pk, pk=round_.pk)
            return redirect("instrument_round", amg_id=ctx.amg.pk, pk=round_.pk)
    return render_page(
        request,
        "metoder/instruments/new.html",
        {"ctx": ctx, "form": form, "instrument": instrument},
    )


def _my_participant(ctx: AMGContext, round_: Round) -> Participant | None:
    if ctx.membership is None:
        return None
    return round_.participants.filter(membership=ctx.membership).first()


@login_required
@require_GET
def instrument_round(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    round_ = _round(ctx, pk)
    comparison = queries.comparison(round_, viewer=ctx.membership)
    instrument = comparison.instrument
    decisions = list(round_.decisions.select_related("action", "created_by__user"))
    labels = {i.key: i.short for i in comparison.items}
    for decision in decisions:
        decision.item_label = labels.get(decision.item_key, "")
    return render_page(
        request,
        "metoder/instruments/round.html",
        {
            "ctx": ctx,
            "round": round_,
            "instrument": instrument,
            "comparison": comparison,
            "chart": comparison.chart(),
            "decisions": decisions,
            "notes_form": NotesForm(initial={"notes": round_.notes}),
            "decision_form": DecisionForm(
                amg=ctx.amg, instrument=instrument, items=comparison.items
            ),
        },
    )


def _answers_from(post: dict, items: list[engine.Item]) -> dict[str, dict[str, str]]:
    answers = {}
    for item in items:
        value = post.get(f"v_{item.key}", "")
        text = post.get(f"t_{item.key}", "")
        if value or text or f"t_{item.key}" in post:
            answers[item.key] = {"value": value, "text": text}
    return answers


@login_required
@require_http_methods(["GET", "POST"])
def instrument_answer(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    round_ = _round(ctx, pk)
    participant = _my_participant(ctx, round_)
    if participant is None:
        raise Http404
    instrument = _instrument(round_.instrument_key)
    items = instrument.items_for(round_.custom_items)
    error = ""
    posted: dict[str, dict[str, str]] = {}
    if request.method == "POST":
        posted = _answers_from(request.POST, items)
        submit = "submit" in request.POST
        try:
            services.save_answers(
                participant=participant, answers=posted, now=timezone.now(), submit=submit
            )
        except services.RoundError as refused:
            error = str(refused)
            # keep what was valid: save the sheet without handing it in
            if submit and not isinstance(refused, services.RoundClosed):
                with contextlib.suppress(services.RoundError):
                    services.save_answers(
                        participant=participant, answers=posted, now=timezone.now()
                    )
        else:
            if submit:
                messages.success(request, _("Dine svar er afleveret."))
                return redirect("instrument_round", amg_id=ctx.amg.pk, pk=round_.pk)
            messages.success(
                request, _("Dine svar er gemt. Du kan komme tilbage og aflevere senere.")
            )
            return redirect("instrument_answer", amg_id=ctx.amg.pk, pk=round_.pk)
    saved = {a.item_key: a for a in participant.answers.all()}
    rows = []
    for item in items:
        answer = saved.get(item.key)
        if item.key in posted:
            value, text = posted[item.key]["value"], posted[item.key]["text"]
        else:
            value = (
                str(answer.number)
                if answer and answer.number is not None
                else (answer.choice if answer else "")
            )
            text = answer.text if answer else ""
        rows.append({"item": item, "value": value, "text": text})
    return render_page(
        request,
        "metoder/instruments/answer.html",
        {
            "ctx": ctx,
            "round": round_,
            "instrument": instrument,
            "rows": rows,
            "participant": participant,
            "error": error,
        },
        status=422 if error else 200,
    )


@login_required
@require_POST
def instrument_answer_reopen(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    round_ = _round(ctx, pk)
    participant = _my_participant(ctx, round_)
    if participant is None:
        raise Http404
    try:
        services.reopen_answers(participant=participant)
    except services.RoundError as error:
        messages.error(request, str(error))
        return redirect("instrument_round", amg_id=ctx.amg.pk, pk=round_.pk)
    return redirect("instrument_answer", amg_id=ctx.amg.pk, pk=round_.pk)


def _round_action(request: HttpRequest, amg_id: int, pk: int, service, done: str) -> HttpResponse:  # type: ignore[no-untyped-def]
    ctx = amg_context(request, amg_id, write=True)
    round_ = _round(ctx, pk)
    try:
        service(round_)
    except services.RoundError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)
    return redirect("instrument_round", amg_id=ctx.amg.pk, pk=round_.pk)


@login_required
@require_POST
def instrument_reveal(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    return _round_action(
        request, amg_id, pk,
        lambda r: services.reveal_round(round_=r, now=timezone.now()),
        _("Alle svar vises nu for gruppen."),
    )  # fmt: skip


@login_required
@require_POST
def instrument_close(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    return _round_action(
        request, amg_id, pk,
        lambda r: services.close_round(round_=r, now=timezone.now()),
        _("Runden er afsluttet."),
    )  # fmt: skip


@login_required
@require_POST
def instrument_reopen(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    return _round_action(
        request, amg_id, pk, lambda r: services.reopen_round(round_=r), _("Runden er åbnet igen.")
    )


@login_required
@require_POST
def instrument_notes(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    round_ = _round(ctx, pk)
    form = NotesForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Noterne er for lange (højst 8.000 tegn)."))
        return redirect("instrument_round", amg_id=ctx.amg.pk, pk=round_.pk)
    services.save_notes(round_=round_, notes=form.cleaned_data["notes"])
    messages.success(request, _("Noterne er gemt."))
    return redirect(f"{request.path.rsplit('noter/', 1)[0]}#noter")


@login_required
@require_POST
def instrument_decide(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    round_ = _round(ctx, pk)
    instrument = _instrument(round_.instrument_key)
    form = DecisionForm(
        request.POST,
        amg=ctx.amg,
        instrument=instrument,
        items=instrument.items_for(round_.custom_items),
    )
    if form.is_valid():
        try:
            decision = services.decide(
                round_=round_,
                by=ctx.membership,  # type: ignore[arg-type]
                now=timezone.now(),
                **form.cleaned_data,
            )
        except services.RoundError as error:
            messages.error(request, str(error))
        else:
            if decision.action_id:
                messages.success(request, _("Beslutningen er sat på tavlen som et parkeret kort."))
            else:
                messages.success(request, _("Beslutningen er gemt."))
            return redirect(f"{request.path.rsplit('beslutning/', 1)[0]}#beslutninger")
    else:
        messages.error(
            request,
            " ".join(str(e) for errors in form.errors.values() for e in errors)
            or _("Beslutningen kunne ikke gemmes."),
        )
    return redirect("instrument_round", amg_id=ctx.amg.pk, pk=round_.pk)


@login_required
@require_POST
def instrument_decision_delete(
    request: HttpRequest, amg_id: int, pk: int, decision_pk: int
) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    round_ = _round(ctx, pk)
    decision = round_.decisions.filter(pk=decision_pk).first()
    if decision is None:
        raise Http404
    services.delete_decision(decision=decision)
    messages.success(request, _("Beslutningen er fjernet. Et kort på tavlen bliver stående."))
    return redirect("instrument_round", amg_id=ctx.amg.pk, pk=round_.pk)


@login_required
@require_POST
def instrument_round_delete(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    round_ = _round(ctx, pk)
    services.delete_round(round_=round_)
    messages.success(request, _("Runden og dens svar er slettet."))
    return redirect("instrument_home", amg_id=ctx.amg.pk)
