from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apv import absence as absence_rules
from apv import catalogue, charts, queries, services, survey_csv
from apv.documentation import inspection_document, inspection_filename, render_inspection_pdf
from apv.forms import (
    AbsenceAssessmentForm,
    AbsenceForm,
    APVForm,
    AreaForm,
    ChangeForm,
    ChangeRowFormSet,
    DialogSessionForm,
    EvaluationForm,
    FollowUpForm,
    GennemgangForm,
    IncidentForm,
    InputForm,
    NoProblemsForm,
    ProblemForm,
    ProblemToActionsForm,
    RiskAssessmentForm,
    RiskToActionForm,
    SurveyUploadForm,
    TaskRowFormSet,
    ThemeChoiceForm,
    VoldAnswersForm,
)
from apv.models import (
    APV,
    Absence,
    Area,
    Change,
    DialogSession,
    Gennemgang,
    Incident,
    Problem,
    RiskAssessment,
    SurveyImport,
)
from apv.pdfs import render_risk_assessment_pdf
from forkant.access import AMGContext, amg_context
from handleplan.models import Action

SURVEY_SALT = "apv.survey-preview"


def _today() -> datetime.date:
    return timezone.localdate()


def _page(
    request: HttpRequest, ctx: AMGContext, template: str, context: dict[str, object]
) -> HttpResponse:
    forms = [v for v in context.values() if isinstance(v, BaseForm)]
    status = 422 if any(f.is_bound and f.errors for f in forms) else 200
    return render(request, template, {"ctx": ctx, "today": _today(), **context}, status=status)


def _form_page(
    request: HttpRequest,
    ctx: AMGContext,
    form: BaseForm,
    *,
    title: str,
    back: str,
    submit: str,
    apv: APV | None = None,
    aside: list[catalogue.Item] | None = None,
) -> HttpResponse:
    return _page(
        request,
        ctx,
        "apv/form.html",
        {"form": form, "title": title, "back": back, "submit": submit, "apv": apv, "aside": aside},
    )


def _refused(request: HttpRequest, error: ValidationError, back: str) -> HttpResponse:
    messages.error(request, " ".join(error.messages))
    return redirect(back)


# The APV, its areas and changes ---------------------------------------------------------------


@login_required
@require_GET
def apv_home(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    apvs = list(ctx.filter(APV).order_by("-start_date", "-pk"))
    rows = queries.area_rows(ctx.amg, _today())
    return _page(
        request,
        ctx,
        "apv/home.html",
        {
            "apvs": apvs,
            "current": apvs[0] if apvs else None,
            "attention": [row for row in rows if row.needs_attention],
            "area_count": len(rows),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def apv_new(request: HttpRequest, amg_id: int) -> HttpResponse:
    """A new APV – or, with ?revision=<pk>, a revision that starts from that APV."""
    ctx = amg_context(request, amg_id, write=True)
    previous = None
    revision_of = request.GET.get("revision", "")
    if revision_of:
        previous = ctx.get(APV, revision_of)
    initial: dict[str, object] = {"start_date": _today(), "method": APV.Method.KOMBINERET}
    # A new APV starts from the last one too (its scope, areas and people); a revision also
    # carries its problems over and links back to it.
    last = previous or queries.latest_apv(ctx.amg)
    if last is not None:
        initial.update(
            method=last.method,
            scope=last.scope,
            areas=list(last.areas.all()),
            members=list(last.members.all()),
            other_participants=last.other_participants,
        )
    if previous is not None:
        initial["title"] = _("Revision af %(title)s") % {"title": previous.title}
    form = APVForm(request.POST or None, amg=ctx.amg, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        apv = services.start_apv(
            amg=ctx.amg,
            title=data["title"],
            method=data["method"],
            start_date=data["start_date"],
            scope=data["scope"],
            areas=data["areas"],
            members=data["members"],
            other_participants=data["other_participants"],
            previous=previous,
        )
        messages.success(request, _("APV'en er startet."))
        return redirect("apv_detail", amg_id=ctx.amg.pk, pk=apv.pk)
    title = _("Start en revision") if previous else _("Start en APV")
    return _form_page(
        request, ctx, form, title=title, back=reverse("apv_home", args=[ctx.amg.pk]), submit=title
    )


@login_required
@require_GET
def apv_detail(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    apv = ctx.get(APV, pk, APV.objects.select_related("previous"))
    return _page(
        request,
        ctx,
        "apv/apv_detail.html",
        {
            "apv": apv,
            "overview": queries.overview(apv, _today()),
            "areas": list(apv.areas.all()),
            "members": list(apv.members.select_related("user")),
            "revisions": list(apv.revisions.all()),
            "no_problems_form": NoProblemsForm(initial={"on": _today()}),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def apv_edit(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    apv = ctx.get(APV, pk)
    back = reverse("apv_detail", args=[ctx.amg.pk, apv.pk])
    if apv.is_closed:
        return _refused(request, services.APVClosed(_("APV'en er afsluttet.")), back)
    form = APVForm(request.POST or None, amg=ctx.amg, instance=apv)
    if request.method == "POST" and form.is_valid():
        services.update_apv(apv=apv, **{k: form.cleaned_data[k] for k in APVForm.Meta.fields})
        messages.success(request, _("Ændringerne er gemt."))
        return redirect(back)
    return _form_page(
        request, ctx, form, title=_("Ret APV'en"), back=back, submit=_("Gem"), apv=apv
    )


@login_required
@require_POST
def apv_close(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    apv = ctx.get(APV, pk)
    back = reverse("apv_detail", args=[ctx.amg.pk, apv.pk])
    try:
        services.close_apv(apv=apv, today=_today())
    except ValidationError as error:
        return _refused(request, error, back)
    messages.success(request, _("APV'en er afsluttet og gemt, som den er."))
    return redirect(back)


@login_required
@require_POST
def apv_no_problems(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    apv = ctx.get(APV, pk)
    back = reverse("apv_detail", args=[ctx.amg.pk, apv.pk])
    form = NoProblemsForm(request.POST)
    if not form.is_valid():
        return _form_page(
            request,
            ctx,
            form,
            title=_("Ingen problemer fundet"),
            back=back,
            submit=_("Gem"),
            apv=apv,
        )
    try:
        services.record_no_problems(
            apv=apv, on=form.cleaned_data["on"], with_whom=form.cleaned_data["with_whom"]
        )
    except ValidationError as error:
        return _refused(request, error, back)
    messages.success(request, _("Det er registreret, at kortlægningen ikke fandt problemer."))
    return redirect(back)


@login_required
@require_http_methods(["GET", "POST"])
def areas(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=request.method == "POST")
    form = AreaForm(request.POST or None, amg=ctx.amg)
    if request.method == "POST" and form.is_valid():
        services.create_area(amg=ctx.amg, **form.cleaned_data)
        messages.success(request, _("Området er tilføjet."))
        return redirect("apv_areas", amg_id=ctx.amg.pk)
    changes = ctx.filter(Change).prefetch_related("areas")
    return _page(
        request,
        ctx,
        "apv/areas.html",
        {
            "rows": queries.area_rows(ctx.amg, _today()),
            "changes": changes,
            "form": form,
            "change_form": ChangeForm(amg=ctx.amg, initial={"date": _today()}),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def area_edit(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    area = ctx.get(Area, pk)
    form = AreaForm(request.POST or None, amg=ctx.amg, instance=area)
    back = reverse("apv_areas", args=[ctx.amg.pk])
    if request.method == "POST" and form.is_valid():
        services.update_area(area=area, **form.cleaned_data)
        messages.success(request, _("Området er gemt."))
        return redirect(back)
    return _form_page(request, ctx, form, title=_("Ret området"), back=back, submit=_("Gem"))


@login_required
@require_POST
def change_new(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    form = ChangeForm(request.POST, amg=ctx.amg)
    back = reverse("apv_areas", args=[ctx.amg.pk])
    if not form.is_valid():
        return _form_page(
            request, ctx, form, title=_("Registrér en ændring"), back=back, submit=_("Gem")
        )
    services.register_change(amg=ctx.amg, **form.cleaned_data)
    messages.success(request, _("Ændringen er registreret; de berørte områder skal revideres."))
    return redirect(back)


# The five parts -------------------------------------------------------------------------------


def _apv(request: HttpRequest, amg_id: int, pk: int, *, write: bool = False):  # type: ignore[no-untyped-def]
    ctx = amg_context(request, amg_id, write=write)
    return ctx, ctx.get(APV, pk)


def _part_status(apv: APV, code: str) -> queries.Part:
    """The part's progress and what is missing, shown at the top of its page."""
    return next(p for p in queries.overview(apv, _today()).parts if p.code == code)


@login_required
@require_GET
def part_kortlaegning(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx, apv = _apv(request, amg_id, pk)
    sessions = list(apv.dialog_sessions.all())
    for session in sessions:
        session.charts = [
            (
                theme,
                charts.histogram(session.counts.get(theme.code, [0] * 10), label=str(theme.text)),
            )
            for theme in catalogue.DIALOG_THEMES
        ]
    return _page(
        request,
        ctx,
        "apv/part_kortlaegning.html",
        {
            "apv": apv,
            "part": "kortlaegning",
            "status": _part_status(apv, "kortlaegning"),
            "sessions": sessions,
            "surveys": apv.surveys.all(),
            "gennemgange": apv.gennemgange.all(),
            "inputs": apv.inputs.all(),
            "no_problems_form": NoProblemsForm(initial={"on": _today()}),
        },
    )


@login_required
@require_GET
def part_analyse(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx, apv = _apv(request, amg_id, pk)
    problems = queries.problems_of(apv)
    return _page(
        request,
        ctx,
        "apv/part_analyse.html",
        {
            "apv": apv,
            "part": "analyse",
            "status": _part_status(apv, "analyse"),
            "problems": [p for p in problems if not p.permanent],
            "permanent": [p for p in problems if p.permanent],
            "matrix": charts.risk_matrix(
                queries.matrix_cells(problems),
                label=_("Risikomatrix: problemerne efter sandsynlighed og konsekvens"),
            ),
        },
    )


@login_required
@require_GET
def part_handlingsplan(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx, apv = _apv(request, amg_id, pk)
    return _page(
        request,
        ctx,
        "apv/part_handlingsplan.html",
        {
            "apv": apv,
            "part": "handlingsplan",
            "status": _part_status(apv, "handlingsplan"),
            "problems": queries.problems_of(apv),
        },
    )


@login_required
@require_GET
def part_opfoelgning(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx, apv = _apv(request, amg_id, pk)
    return _page(
        request,
        ctx,
        "apv/part_opfoelgning.html",
        {
            "apv": apv,
            "part": "opfoelgning",
            "status": _part_status(apv, "opfoelgning"),
            "actions": queries.followed_actions(apv),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def part_sygefravaer(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx, apv = _apv(request, amg_id, pk, write=request.method == "POST")
    form = AbsenceForm(request.POST or None, amg=ctx.amg)
    back = reverse("part_sygefravaer", args=[ctx.amg.pk, apv.pk])
    if request.method == "POST" and form.is_valid():
        try:
            services.save_absence(apv=apv, **form.cleaned_data)
        except ValidationError as error:
            return _refused(request, error, back)
        messages.success(request, _("Tallene er gemt."))
        return redirect(back)
    records = list(apv.absences.select_related("area").order_by("area__name", "period"))
    tables = absence_rules.absence_table(records)
    periods, series = absence_rules.trend_series(tables)
    return _page(
        request,
        ctx,
        "apv/part_sygefravaer.html",
        {
            "apv": apv,
            "part": "sygefravaer",
            "status": _part_status(apv, "sygefravaer"),
            "tables": tables,
            "chart": charts.trend(periods, series, label=_("Sygefraværsdage pr. ansat pr. enhed"))
            if series
            else None,
            "form": form,
            "assessment_form": AbsenceAssessmentForm(instance=apv),
            "records": records,
            "min_group": absence_rules.MIN_GROUP,
        },
    )


@login_required
@require_POST
def absence_assessment(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx, apv = _apv(request, amg_id, pk, write=True)
    back = reverse("part_sygefravaer", args=[ctx.amg.pk, apv.pk])
    form = AbsenceAssessmentForm(request.POST, instance=APV(amg=ctx.amg))
    if not form.is_valid():
        return _form_page(
            request,
            ctx,
            form,
            title=_("Gruppens vurdering af sygefraværet"),
            back=back,
            submit=_("Gem"),
            apv=apv,
        )
    try:
        services.set_absence_assessment(
            apv=apv,
            contributes=form.cleaned_data["absence_contributes"],
            assessment=form.cleaned_data["absence_assessment"],
        )
    except ValidationError as error:
        return _refused(request, error, back)
    messages.success(request, _("Vurderingen er gemt."))
    return redirect(back)


@login_required
@require_POST
def absence_delete(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    record = ctx.get(Absence, pk, Absence.objects.select_related("apv"))
    back = reverse("part_sygefravaer", args=[ctx.amg.pk, record.apv_id])
    try:
        services.delete_absence(absence=record)
    except ValidationError as error:
        return _refused(request, error, back)
    messages.success(request, _("Tallene er slettet."))
    return redirect(back)


# Kortlægning sources --------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def dialog_new(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx, apv = _apv(request, amg_id, pk, write=True)
    form = DialogSessionForm(request.POST or None, initial={"date": _today()})
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
    rows = [
        (theme, charts.histogram(session.counts.get(theme.code, [0] * 10), label=str(theme.text)))
        for theme in catalogue.DIALOG_THEMES
    ]
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
        _("%(n)s forslag er sat på Parkeringspladsen.") % {"n": len(actions)},
    )
    return redirect(back)


@login_required
@require_http_methods(["GET", "POST"])
def survey_import(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    """Upload → preview (nothing saved) → save. The preview carries the rows it read in a signed
    field, so saving stores exactly what was shown, all or nothing."""
    ctx, apv = _apv(request, amg_id, pk, write=True)
    back = reverse("part_kortlaegning", args=[ctx.amg.pk, apv.pk])
    if request.method == "POST" and request.POST.get("payload"):
        return _survey_save(request, ctx, apv, back)
    form = SurveyUploadForm(request.POST or None, request.FILES or None)
    parsed = None
    payload = ""
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
                        payload = signing.dumps(
                            {
                                "apv": apv.pk,
                                "title": form.cleaned_data["title"],
                                "filename": upload.name,
                                "rows": [
                                    [r.line, r.question, str(r.value), r.unit, r.respondents]
                                    for r in parsed.rows
                                ],
                            },
                            salt=SURVEY_SALT,
                            compress=True,
                        )
    response = render(
        request,
        "apv/survey_import.html",
        {"ctx": ctx, "apv": apv, "form": form, "parsed": parsed, "payload": payload, "back": back},
    )
    response.status_code = status
    return response


def _survey_save(request: HttpRequest, ctx: AMGContext, apv: APV, back: str) -> HttpResponse:
    from decimal import Decimal

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
    try:
        survey = services.import_survey(
            apv=apv, title=data["title"], filename=data["filename"], rows=rows
        )
    except ValidationError as error:
        return _refused(request, error, back)
    messages.success(request, _("%(n)s resultater er gemt.") % {"n": len(rows)})
    return redirect("survey_detail", amg_id=ctx.amg.pk, pk=survey.pk)


@login_required
@require_GET
def survey_detail(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    survey = ctx.get(SurveyImport, pk, SurveyImport.objects.select_related("apv"))
    return _page(
        request,
        ctx,
        "apv/survey_detail.html",
        {"survey": survey, "apv": survey.apv, "results": survey.results.all()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def gennemgang_new(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx, apv = _apv(request, amg_id, pk, write=True)
    form = GennemgangForm(request.POST or None, initial={"date": _today()})
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
    form = InputForm(request.POST or None, initial={"date": _today()})
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


# Analyse --------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def problem_new(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx, apv = _apv(request, amg_id, pk, write=True)
    form = ProblemForm(request.POST or None, amg=ctx.amg)
    back = reverse("part_analyse", args=[ctx.amg.pk, apv.pk])
    if request.method == "POST" and form.is_valid():
        try:
            problem = services.save_problem(apv=apv, **form.cleaned_data)
        except ValidationError as error:
            return _refused(request, error, back)
        messages.success(request, _("Problemet er gemt."))
        return redirect("problem_detail", amg_id=ctx.amg.pk, pk=problem.pk)
    return _form_page(
        request, ctx, form, title=_("Nyt problem"), back=back, submit=_("Gem problemet"), apv=apv
    )


@login_required
@require_GET
def problem_detail(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    problem = ctx.get(Problem, pk, Problem.objects.select_related("apv", "area"))
    actions = list(problem.actions.select_related("responsible__user", "theme").order_by("pk"))
    return _page(
        request,
        ctx,
        "apv/problem_detail.html",
        {
            "problem": problem,
            "apv": problem.apv,
            "actions": actions,
            "matrix": charts.risk_matrix(
                {(problem.probability, problem.consequence): 1}, label=problem.severity
            ),
            "to_actions_form": ProblemToActionsForm(amg=ctx.amg, initial={"titles": problem.title}),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def problem_edit(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    problem = ctx.get(Problem, pk, Problem.objects.select_related("apv"))
    back = reverse("problem_detail", args=[ctx.amg.pk, problem.pk])
    form = ProblemForm(request.POST or None, amg=ctx.amg, instance=problem)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_problem(apv=problem.apv, problem=problem, **form.cleaned_data)
        except ValidationError as error:
            return _refused(request, error, back)
        messages.success(request, _("Problemet er gemt."))
        return redirect(back)
    return _form_page(
        request, ctx, form, title=_("Ret problemet"), back=back, submit=_("Gem"), apv=problem.apv
    )


@login_required
@require_POST
def problem_to_actions(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    problem = ctx.get(Problem, pk, Problem.objects.select_related("apv"))
    back = reverse("problem_detail", args=[ctx.amg.pk, problem.pk])
    form = ProblemToActionsForm(request.POST, amg=ctx.amg)
    if not form.is_valid():
        return _form_page(
            request,
            ctx,
            form,
            title=_("Gør problemet til handlinger"),
            back=back,
            submit=_("Sæt på tavlen"),
            apv=problem.apv,
        )
    try:
        actions = services.problem_to_actions(
            problem=problem,
            titles=form.lines(),
            theme=form.cleaned_data["theme"],
            responsible=form.cleaned_data["responsible"],
            deadline=form.cleaned_data["deadline"],
        )
    except ValidationError as error:
        return _refused(request, error, back)
    messages.success(request, _("%(n)s handlinger er sat på tavlen.") % {"n": len(actions)})
    return redirect(back)


# Opfølgning -----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def follow_up_edit(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    action = ctx.get(Action, pk)
    back = request.GET.get("tilbage", "")
    if not back.startswith(f"/amg/{ctx.amg.pk}/"):
        back = reverse("board", args=[ctx.amg.pk])
    form = FollowUpForm(request.POST or None, instance=action)
    if request.method == "POST" and form.is_valid():
        services.set_follow_up(action=action, **form.cleaned_data)
        messages.success(request, _("Opfølgningen er gemt."))
        return redirect(back)
    return _form_page(
        request,
        ctx,
        form,
        title=_("Opfølgning på “%(title)s”") % {"title": action.title},
        back=back,
        submit=_("Gem"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_new(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    action = ctx.get(Action, pk)
    back = request.GET.get("tilbage", "")
    if not back.startswith(f"/amg/{ctx.amg.pk}/"):
        back = reverse("board", args=[ctx.amg.pk])
    who = ctx.membership.display_name if ctx.membership else ""
    form = EvaluationForm(request.POST or None, initial={"date": _today(), "who": who})
    if request.method == "POST" and form.is_valid():
        services.add_evaluation(action=action, **form.cleaned_data)
        messages.success(request, _("Evalueringen er gemt."))
        return redirect(back)
    return _form_page(
        request,
        ctx,
        form,
        title=_("Har “%(title)s” virket?") % {"title": action.title},
        back=back,
        submit=_("Gem evalueringen"),
    )


# Risikovurderinger ----------------------------------------------------------------------------


@login_required
@require_GET
def risk_list(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    return _page(
        request,
        ctx,
        "apv/risk_list.html",
        {"assessments": ctx.filter(RiskAssessment), "kinds": RiskAssessment.Kind.choices},
    )


@login_required
@require_http_methods(["GET", "POST"])
def risk_new(request: HttpRequest, amg_id: int, kind: str) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    if kind not in RiskAssessment.Kind.values:
        raise Http404
    latest = queries.latest_apv(ctx.amg)
    form = RiskAssessmentForm(
        request.POST or None,
        amg=ctx.amg,
        kind=kind,
        initial={"date": _today(), "apv": latest.pk if latest else None},
    )
    back = reverse("risk_list", args=[ctx.amg.pk])
    if request.method == "POST" and form.is_valid():
        assessment = services.save_risk_assessment(amg=ctx.amg, kind=kind, **form.cleaned_data)
        messages.success(request, _("Risikovurderingen er gemt."))
        return redirect("risk_detail", amg_id=ctx.amg.pk, pk=assessment.pk)
    return _form_page(
        request,
        ctx,
        form,
        title=str(RiskAssessment.Kind(kind).label),
        back=back,
        submit=_("Gem"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def risk_edit(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    assessment = ctx.get(RiskAssessment, pk)
    back = reverse("risk_detail", args=[ctx.amg.pk, assessment.pk])
    form = RiskAssessmentForm(
        request.POST or None, amg=ctx.amg, kind=assessment.kind, instance=assessment
    )
    if request.method == "POST" and form.is_valid():
        services.save_risk_assessment(amg=ctx.amg, assessment=assessment, **form.cleaned_data)
        messages.success(request, _("Risikovurderingen er gemt."))
        return redirect(back)
    return _form_page(request, ctx, form, title=assessment.title, back=back, submit=_("Gem"))


@login_required
@require_GET
def risk_detail(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    assessment = ctx.get(RiskAssessment, pk, RiskAssessment.objects.select_related("apv"))
    return _page(
        request,
        ctx,
        "apv/risk_detail.html",
        {
            "a": assessment,
            "rows": list(assessment.rows.all()),
            "tasks": list(assessment.tasks.all()),
            "answers": [(q, assessment.answers.get(q.code, "")) for q in catalogue.VOLD_QUESTIONS],
            "actions": list(assessment.actions.select_related("responsible__user")),
            "action_form": RiskToActionForm(amg=ctx.amg),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def risk_content(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    """The rows of a change assessment, the answers about violence, or the team's task balance."""
    ctx = amg_context(request, amg_id, write=True)
    assessment = ctx.get(RiskAssessment, pk)
    back = reverse("risk_detail", args=[ctx.amg.pk, assessment.pk])
    data = request.POST or None
    kind = assessment.kind
    if kind == RiskAssessment.Kind.FORANDRING:
        form = ChangeRowFormSet(
            data,
            initial=[
                {
                    f: getattr(r, f)
                    for f in ("theme", "attention", "prevention", "responsible", "status")
                }
                for r in assessment.rows.all()
            ],
        )
    elif kind == RiskAssessment.Kind.OPGAVER:
        form = TaskRowFormSet(
            data,
            initial=[
                {f: getattr(t, f) for f in ("initials", "red", "yellow", "green", "note")}
                for t in assessment.tasks.all()
            ],
        )
    elif kind == RiskAssessment.Kind.VOLD:
        form = VoldAnswersForm(data, initial=assessment.answers)
    else:
        return redirect("risk_edit", amg_id=ctx.amg.pk, pk=assessment.pk)
    if request.method == "POST" and form.is_valid():
        if kind == RiskAssessment.Kind.FORANDRING:
            services.save_change_rows(
                assessment=assessment,
                rows=[row for row in form.cleaned_data if row],
            )
        elif kind == RiskAssessment.Kind.OPGAVER:
            services.save_task_balance(
                assessment=assessment,
                rows=[
                    {**row, **{c: row.get(c) or 0 for c in ("red", "yellow", "green")}}
                    for row in form.cleaned_data
                    if row
                ],
            )
        else:
            services.save_vold_answers(assessment=assessment, answers=form.cleaned_data)
        messages.success(request, _("Risikovurderingen er gemt."))
        return redirect(back)
    response = render(
        request,
        "apv/risk_content.html",
        {"ctx": ctx, "a": assessment, "form": form, "back": back},
    )
    if request.method == "POST":
        response.status_code = 422
    return response


@login_required
@require_POST
def risk_to_action(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    assessment = ctx.get(RiskAssessment, pk)
    back = reverse("risk_detail", args=[ctx.amg.pk, assessment.pk])
    form = RiskToActionForm(request.POST, amg=ctx.amg)
    if not form.is_valid():
        return _form_page(
            request,
            ctx,
            form,
            title=_("Ny handling fra risikovurderingen"),
            back=back,
            submit=_("Sæt på tavlen"),
        )
    services.risk_to_action(assessment=assessment, **form.cleaned_data)
    messages.success(request, _("Handlingen er sat på tavlen."))
    return redirect(back)


@login_required
@require_GET
def risk_pdf(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    assessment = ctx.get(RiskAssessment, pk)
    response = HttpResponse(
        render_risk_assessment_pdf(assessment.pk), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="risikovurdering-{assessment.pk}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


# Hændelser ------------------------------------------------------------------------------------


@login_required
@require_GET
def incident_list(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    incidents = list(ctx.filter(Incident).prefetch_related("actions"))
    for incident in incidents:
        incident.overdue = incident.easy_overdue(_today())
    return _page(request, ctx, "apv/incident_list.html", {"incidents": incidents})


@login_required
@require_http_methods(["GET", "POST"])
def incident_new(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    return _incident_form(request, ctx, None)


@login_required
@require_http_methods(["GET", "POST"])
def incident_edit(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    return _incident_form(request, ctx, ctx.get(Incident, pk))


def _incident_form(
    request: HttpRequest, ctx: AMGContext, incident: Incident | None
) -> HttpResponse:
    form = IncidentForm(
        request.POST or None,
        amg=ctx.amg,
        instance=incident,
        initial=None if incident else {"date": _today()},
    )
    back = reverse("incident_list", args=[ctx.amg.pk])
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        actions = data.pop("actions")
        services.save_incident(amg=ctx.amg, incident=incident, actions=actions, **data)
        messages.success(request, _("Hændelsen er gemt."))
        return redirect(back)
    title = _("Ret hændelse") if incident else _("Registrér en hændelse")
    return _form_page(request, ctx, form, title=title, back=back, submit=_("Gem"))


# The documentation for Arbejdstilsynet --------------------------------------------------------


@login_required
@require_GET
def inspection(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    doc = inspection_document(ctx.amg.pk)
    return render(request, "apv/inspection.html", {"ctx": ctx, "doc": doc})


@login_required
@require_GET
def inspection_pdf(request: HttpRequest, amg_id: int) -> HttpResponse:
    ctx = amg_context(request, amg_id)
    now = timezone.now()
    response = HttpResponse(
        render_inspection_pdf(ctx.amg.pk, now=now), content_type="application/pdf"
    )
    filename = inspection_filename(ctx.amg, now)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
