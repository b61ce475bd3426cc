"""The training record: one page per member (their status, the date they took office, their
courses). Everyone who can see the AMG reads it; members with write access record courses."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from forkant.access import AMGContext, amg_context
from forkant.lib.pages import render_page
from forkant.models import Membership
from metoder.training import services
from metoder.training.forms import CourseForm, TookOfficeForm
from metoder.training.models import (
    FIRST_YEAR_DAYS,
    LATER_YEAR_DAYS,
    MANDATORY_DAYS,
    CourseKind,
    TrainingCourse,
    training_status,
)


def _member(ctx: AMGContext, pk: int) -> Membership:
    return ctx.get(Membership, pk, queryset=ctx.filter(Membership).select_related("user"))


def _render(
    request: HttpRequest,
    ctx: AMGContext,
    member: Membership,
    *,
    office_form: TookOfficeForm | None = None,
    course_form: CourseForm | None = None,
) -> HttpResponse:
    today = timezone.localdate()
    courses = list(ctx.filter(TrainingCourse).filter(membership=member))
    office_form = office_form or TookOfficeForm(initial={"took_office": member.took_office})
    course_form = course_form or CourseForm(
        initial={
            "kind": CourseKind.SUPPLEMENTARY
            if any(c.kind == CourseKind.MANDATORY for c in courses)
            else CourseKind.MANDATORY,
            "offered_on": today,
        }
    )
    return render_page(
        request,
        "metoder/training/member.html",
        {
            "ctx": ctx,
            "member": member,
            "status": training_status(member, courses, today=today),
            "courses": courses,
            "office_form": office_form,
            "course_form": course_form,
            "today": today,
            "rules": {
                "mandatory_days": MANDATORY_DAYS,
                "first_year": FIRST_YEAR_DAYS,
                "later_years": LATER_YEAR_DAYS,
            },
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def training_member(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=request.method == "POST")
    member = _member(ctx, pk)
    if request.method == "POST":
        form = TookOfficeForm(request.POST)
        if not form.is_valid():
            return _render(request, ctx, member, office_form=form)
        services.set_took_office(membership=member, took_office=form.cleaned_data["took_office"])
        messages.success(request, _("Datoen er gemt."))
        return redirect("training_member", amg_id=ctx.amg.pk, pk=member.pk)
    return _render(request, ctx, member)


@login_required
@require_POST
def training_course_add(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    member = _member(ctx, pk)
    form = CourseForm(request.POST)
    if not form.is_valid():
        return _render(request, ctx, member, course_form=form)
    services.add_course(membership=member, **form.cleaned_data)
    messages.success(request, _("Kurset er registreret."))
    return redirect("training_member", amg_id=ctx.amg.pk, pk=member.pk)


@login_required
@require_http_methods(["GET", "POST"])
def training_course_edit(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    course = ctx.get(
        TrainingCourse, pk, queryset=ctx.filter(TrainingCourse).select_related("membership__user")
    )
    back = reverse("training_member", args=[ctx.amg.pk, course.membership_id])
    form = CourseForm(
        request.POST or None,
        initial={
            "kind": course.kind,
            "title": course.title,
            "days": course.days,
            "offered_on": course.offered_on,
            "taken_on": course.taken_on,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.update_course(course=course, **form.cleaned_data)
        messages.success(request, _("Kurset er gemt."))
        return redirect(back)
    return render_page(
        request,
        "metoder/training/course_form.html",
        {"ctx": ctx, "course": course, "form": form, "back": back},
    )


@login_required
@require_POST
def training_course_delete(request: HttpRequest, amg_id: int, pk: int) -> HttpResponse:
    ctx = amg_context(request, amg_id, write=True)
    course = ctx.get(TrainingCourse, pk)
    member_pk = course.membership_id
    services.delete_course(course=course)
    messages.success(request, _("Kurset er slettet."))
    return redirect("training_member", amg_id=ctx.amg.pk, pk=member_pk)
