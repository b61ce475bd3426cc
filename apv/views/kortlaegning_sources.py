"""Kortlægning's sources: dialogisk APV (and parking its proposals on the board), survey
import (upload, preview, save), arbejdsmiljøgennemgang, and input from MUS, GRUS, TUS."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apv import catalogue, charts, services, survey_csv, survey_results
from apv.forms import (
    DialogSessionForm,
    GennemgangForm,
    InputForm,
    SurveyScaleForm,
    SurveyUploadForm,
    ThemeChoiceForm,
)
from apv.models import APV, DialogSession, Gennemgang, SurveyImport
from apv.services import APVClosed
from apv.views.common import _apv, _form_page, _page, _refused
from forkant.access import AMGContext, amg_context
from forkant.lib.dates import today
from forkant.lib.pages import render_page
from forkant.lib.small_groups import MIN_GROUP

SURVEY_SALT = "apv.survey-preview"


@login_required
@require_http_methods(["GET", "POST"])
def dialog_new(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx, apv = _apv(request, amg_id, pk, write=True)
    form = DialogSessionForm(request.POST or None, initial={"date": today()})
    back = reverse("part_kortlaegning", args=[ctx.amg.pk, apv.pk])
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            session = services.add_dialog_session(
                apv=apv,
                date=data["date"],
                participants=data["participants"],
                counts=form.counts(),
                reflections=data["reflections"],
                proposals=data["proposals"],
            )
        except ValidationError as error:
            return _refused(request, error, back)
        messages.success(request, _("Den dialogiske APV er gemt."))
        return redirect("dialog_detail", amg_id=ctx.amg.pk, pk=session.pk)
    return _page(request, ctx, "apv/dialog_form.html", {"apv": apv, "form": form, "back": back})


@login_required
@require_GET
def dialog_detail(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    session = ctx.get(DialogSession, pk, DialogSession.objects.select_related("apv"))
    rows = charts.dialog_histograms(session)
    return _page(
        request,
        ctx,
        "apv/dialog_detail.html",
        {
            "session": session,
            "apv": session.apv,
            "rows": rows,
            "park_form": ThemeChoiceForm(amg=ctx.amg),
        },
    )


@login_required
@require_POST
def dialog_park(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    session = ctx.get(DialogSession, pk)
    back = reverse("dialog_detail", args=[ctx.amg.pk, session.pk])
    form = ThemeChoiceForm(request.POST, amg=ctx.amg)
    if not form.is_valid():
        return _form_page(
            request, ctx, form, title=_("Sæt forslagene på tavlen"), back=back, submit=_("Gem")
        )
    try:
        actions = services.park_proposals(session=session, theme=form.cleaned_data["theme"])
    except ValidationError as error:
        return _refused(request, error, back)
    messages.success(
        request,
        ngettext(
            "%(n)s forslag er sat på Parkeringspladsen.",
            "%(n)s forslag er sat på Parkeringspladsen.",
            len(actions),
        )
        % {"n": len(actions)},
    )
    return redirect(back)


@login_required
@require_http_methods(["GET", "POST"])
def survey_import(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    """Upload → preview, where the AMG confirms the scale (nothing saved) → save. The preview
    carries the rows it read in a signed field, so saving stores exactly what was shown, all or
    nothing."""
    ctx, apv = _apv(request, amg_id, pk, write=True)
    back = reverse("part_kortlaegning", args=[ctx.amg.pk, apv.pk])
    if request.method == "POST" and request.POST.get("payload"):
        return _survey_save(request, ctx, apv, back)
    form = SurveyUploadForm(request.POST or None, request.FILES or None)
    parsed = None
    payload = ""
    scale_form = None
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > survey_csv.MAX_BYTES:
                form.add_error("file", _("Filen er for stor (højst 2 MB). Er det den rigtige fil?"))
            else:
                try:
                    parsed = survey_csv.parse(upload.read())
                except survey_csv.SurveyFileError as error:
                    form.add_error("file", str(error))
                else:
                    if parsed.ok:
                        status = 200
                        payload = _survey_payload(
                            apv, form.cleaned_data["title"], upload.name, parsed.rows
                        )
                        guess = survey_results.guess_scale([r.value for r in parsed.rows])
                        scale_form = SurveyScaleForm(initial={"scale": guess})
    return render_page(
        request,
        "apv/survey_import.html",
        {
            "ctx": ctx,
            "apv": apv,
            "form": form,
            "parsed": parsed,
            "payload": payload,
            "scale_form": scale_form,
            "back": back,
        },
        status=status,
    )


def _survey_payload(apv: APV, title: str, filename: str, rows: list[survey_csv.Row]) -> str:
    return signing.dumps(
        {
            "apv": apv.pk,
            "title": title,
            "filename": filename,
            "rows": [[r.line, r.question, str(r.value), r.unit, r.respondents] for r in rows],
        },
        salt=SURVEY_SALT,
        compress=True,
    )


def _survey_save(request: HttpRequest, ctx: AMGContext, apv: APV, back: str) -> HttpResponse:
    try:
        data = signing.loads(request.POST["payload"], salt=SURVEY_SALT, max_age=3600)
        if data["apv"] != apv.pk:
            raise signing.BadSignature
        rows = [
            survey_csv.Row(int(line), q, Decimal(v), unit, n)
            for line, q, v, unit, n in data["rows"]
        ]
    except (signing.BadSignature, KeyError, ValueError, TypeError):
        messages.error(request, _("Forhåndsvisningen er udløbet eller ugyldig. Upload filen igen."))
        return redirect("survey_import", amg_id=ctx.amg.pk, pk=apv.pk)
    scale_form = SurveyScaleForm(request.POST)
    if scale_form.is_valid():
        try:
            survey = services.import_survey(
                apv=apv,
                title=data["title"],
                filename=data["filename"],
                rows=rows,
                **scale_form.scale_values(),
            )
        except APVClosed as error:
            return _refused(request, error, back)
        except ValidationError as error:
            scale_form.add_error(None, error)
        else:
            messages.success(
                request,
                ngettext("%(n)s resultat er gemt.", "%(n)s resultater er gemt.", len(rows))
                % {"n": len(rows)},
            )
            return redirect("survey_detail", amg_id=ctx.amg.pk, pk=survey.pk)
    preview = survey_csv.ParsedSurvey(rows=rows, has_unit=any(r.unit for r in rows))
    return render_page(
        request,
        "apv/survey_import.html",
        {
            "ctx": ctx,
            "apv": apv,
            "form": SurveyUploadForm(),
            "parsed": preview,
            "payload": request.POST["payload"],
            "scale_form": scale_form,
            "back": back,
        },
        status=422,
    )


@login_required
@require_GET
def survey_detail(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    survey = ctx.get(SurveyImport, pk, SurveyImport.objects.select_related("apv"))
    return _survey_page(request, ctx, survey, SurveyScaleForm(initial=_scale_initial(survey)))


def _scale_initial(survey: SurveyImport) -> dict[str, object]:
    for preset in catalogue.SURVEY_SCALES:
        if (
            survey.scale_low == preset.low
            and survey.scale_high == preset.high
            and survey.low_means == str(preset.low_means)
            and survey.high_means == str(preset.high_means)
        ):
            return {"scale": preset.code}
    if survey.has_scale:
        return {
            "scale": catalogue.OWN_SCALE,
            "low": survey.scale_low,
            "high": survey.scale_high,
            "low_means": survey.low_means,
            "high_means": survey.high_means,
        }
    values = list(survey.results.values_list("value", flat=True))
    return {"scale": survey_results.guess_scale(values)}


def _survey_page(
    request: HttpRequest, ctx: AMGContext, survey: SurveyImport, scale_form: SurveyScaleForm
) -> HttpResponse:
    results = list(survey.results.all())
    return render_page(
        request,
        "apv/survey_detail.html",
        {
            "ctx": ctx,
            "survey": survey,
            "apv": survey.apv,
            "groups": survey_results.grouped(survey, results),
            "result_count": len(results),
            "min_group": MIN_GROUP,
            "scale_form": scale_form,
        },
    )


@login_required
@require_POST
def survey_scale(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    survey = ctx.get(SurveyImport, pk, SurveyImport.objects.select_related("apv"))
    form = SurveyScaleForm(request.POST)
    if form.is_valid():
        try:
            services.set_survey_scale(survey=survey, **form.scale_values())
        except APVClosed as error:
            return _refused(request, error, reverse("survey_detail", args=[ctx.amg.pk, pk]))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Skalaen er gemt."))
            return redirect("survey_detail", amg_id=ctx.amg.pk, pk=survey.pk)
    return _survey_page(request, ctx, survey, form)


@login_required
@require_http_methods(["GET", "POST"])
def gennemgang_new(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx, apv = _apv(request, amg_id, pk, write=True)
    form = GennemgangForm(request.POST or None, initial={"date": today()})
    back = reverse("part_kortlaegning", args=[ctx.amg.pk, apv.pk])
    if request.method == "POST" and form.is_valid():
        try:
            services.add_gennemgang(apv=apv, **form.cleaned_data)
        except ValidationError as error:
            return _refused(request, error, back)
        messages.success(request, _("Gennemgangen er gemt."))
        return redirect(back)
    return _form_page(
        request,
        ctx,
        form,
        title=_("Arbejdsmiljøgennemgang"),
        back=back,
        submit=_("Gem gennemgangen"),
        apv=apv,
        aside=catalogue.GENNEMGANG_QUESTIONS,
    )


@login_required
@require_GET
def gennemgang_detail(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    gennemgang = ctx.get(Gennemgang, pk, Gennemgang.objects.select_related("apv"))
    return _page(
        request,
        ctx,
        "apv/gennemgang_detail.html",
        {"gennemgang": gennemgang, "apv": gennemgang.apv},
    )


@login_required
@require_http_methods(["GET", "POST"])
def input_new(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx, apv = _apv(request, amg_id, pk, write=True)
    form = InputForm(request.POST or None, initial={"date": today()})
    back = reverse("part_kortlaegning", args=[ctx.amg.pk, apv.pk])
    if request.method == "POST" and form.is_valid():
        try:
            services.add_input(apv=apv, **form.cleaned_data)
        except ValidationError as error:
            return _refused(request, error, back)
        messages.success(request, _("Input er gemt."))
        return redirect(back)
    return _form_page(
        request,
        ctx,
        form,
        title=_("Input fra MUS, GRUS, TUS og uformelle samtaler"),
        back=back,
        submit=_("Gem"),
        apv=apv,
    )
