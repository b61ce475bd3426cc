"""The training record's pages, the members page's column, the dashboard's count, the
organisation overview's query and the inspection document's section."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from forkant.models import Membership, Role
from metoder.training import services
from metoder.training.models import TrainingCourse
from metoder.training.queries import training_due_counts
from tests import builders
from tests.bundle import render_inspection_html, render_inspection_pdf, section_html

D = datetime.date


def add(member: Membership, **fields: object) -> TrainingCourse:
    values = {"kind": "supplerende", "title": "Kursus", "days": Decimal(1),
              "offered_on": timezone.localdate(), "taken_on": None} | fields  # fmt: skip
    return services.add_course(membership=member, **values)  # type: ignore[arg-type]


def page(world, persona: str, member: Membership):  # type: ignore[no-untyped-def]
    url = reverse("training_member", args=[world.amg.pk, member.pk])
    return world.client_for(persona).get(url)


def test_a_member_records_a_course_with_half_days(world):
    url = reverse("training_course_add", args=[world.amg.pk, world.amr.pk])
    response = world.client_for("leder").post(
        url, {"kind": "supplerende", "title": "  Konflikt\nhåndtering ", "days": "1,5",
              "offered_on": "2026-03-01", "taken_on": ""},
    )  # fmt: skip
    assert response.status_code == 302
    course = TrainingCourse.objects.get()
    assert (course.title, course.days, course.amg_id) == ("Konflikt håndtering", Decimal("1.5"),
                                                         world.amg.pk)  # fmt: skip
    assert course.offered_on == D(2026, 3, 1) and course.taken_on is None
    html = page(world, "leder", world.amr).content.decode()
    assert "Konflikt håndtering" in html and "1,5" in html


def test_the_page_shows_the_deadline_and_the_years_progress(world):
    services.set_took_office(membership=world.amr, took_office=D(2025, 1, 6))
    add(world.amr, kind="obligatorisk", days=Decimal(3), offered_on=None, taken_on=D(2025, 2, 1))
    add(world.amr, days=Decimal("0.5"), offered_on=timezone.localdate())
    html = page(world, "laeser", world.amr).content.decode()
    assert "Taget 1. februar 2025" in html
    assert "0,5 af 1,5 dage tilbudt" in html or "0,5 af 2 dage tilbudt" in html
    assert "Ret" not in html.split("Kurser</h2>")[1].split("</table>")[0]  # read-only: no edit


def test_setting_the_date_of_taking_office(world):
    url = reverse("training_member", args=[world.amg.pk, world.leder.pk])
    response = world.client_for("amr").post(url, {"took_office": "2024-08-12"})
    assert response.status_code == 302
    world.leder.refresh_from_db()
    assert world.leder.took_office == D(2024, 8, 12)
    world.client_for("amr").post(url, {"took_office": ""})
    world.leder.refresh_from_db()
    assert world.leder.took_office is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "supplerende", "title": "X", "days": "1,3", "offered_on": "2026-01-01"},
         "hele eller halve dage"),
        ({"kind": "supplerende", "title": "X", "days": "0", "offered_on": "2026-01-01"},
         "Mindst en halv dag"),
        ({"kind": "supplerende", "title": "X", "days": "99", "offered_on": "2026-01-01"},
         "Højst 30 dage"),
        ({"kind": "supplerende", "title": "X", "days": "abc", "offered_on": "2026-01-01"},
         "Skriv antal dage som et tal"),
        ({"kind": "supplerende", "title": "X", "days": "1"}, "Angiv hvornår kurset"),
        ({"kind": "supplerende", "title": "X", "days": "1", "offered_on": "31-02-2026"},
         "åååå-mm-dd"),
        ({"kind": "supplerende", "title": "X", "days": "1", "offered_on": "0001-01-01"},
         "mellem 1975 og 2100"),
        ({"kind": "hacker", "title": "X", "days": "1", "offered_on": "2026-01-01"},
         "gyldig valgmulighed"),
        ({"kind": "supplerende", "title": "   ", "days": "1", "offered_on": "2026-01-01"},
         "Dette felt er påkrævet"),
        ({"kind": "supplerende", "title": "x" * 201, "days": "1", "offered_on": "2026-01-01"},
         "200 tegn"),
    ],
)  # fmt: skip
def test_bad_course_input_answers_422_in_danish_and_saves_nothing(world, data, message):
    url = reverse("training_course_add", args=[world.amg.pk, world.amr.pk])
    response = world.client_for("leder").post(url, data)
    assert response.status_code == 422
    html = response.content.decode()
    assert message in html, html[html.find("form-errors") :][:800]
    assert "intet er gemt endnu" in html
    assert TrainingCourse.objects.count() == 0


def test_bad_date_of_taking_office_answers_422_and_keeps_the_old_one(world):
    services.set_took_office(membership=world.amr, took_office=D(2025, 1, 6))
    url = reverse("training_member", args=[world.amg.pk, world.amr.pk])
    response = world.client_for("leder").post(url, {"took_office": "i går"})
    assert response.status_code == 422
    assert "åååå-mm-dd" in response.content.decode()
    world.amr.refresh_from_db()
    assert world.amr.took_office == D(2025, 1, 6)


def test_editing_and_deleting_a_course(world):
    course = add(world.amr, title="Gammel titel")
    client = world.client_for("leder")
    edit = reverse("training_course_edit", args=[world.amg.pk, course.pk])
    assert "Gammel titel" in client.get(edit).content.decode()
    bad = client.post(edit, {"kind": "supplerende", "title": "Ny", "days": "x"})
    assert bad.status_code == 422
    course.refresh_from_db()
    assert course.title == "Gammel titel"
    response = client.post(edit, {"kind": "supplerende", "title": "Ny titel", "days": "2",
                                  "offered_on": "", "taken_on": "2026-02-02"})  # fmt: skip
    assert response.status_code == 302
    course.refresh_from_db()
    assert (course.title, course.days, course.offered_on, course.taken_on) == (
        "Ny titel", Decimal(2), None, D(2026, 2, 2))  # fmt: skip
    delete = reverse("training_course_delete", args=[world.amg.pk, course.pk])
    assert 'data-confirm="Slet kurset' in page(world, "leder", world.amr).content.decode()
    assert client.get(delete).status_code == 405
    assert client.post(delete).status_code == 302
    assert not TrainingCourse.objects.exists()


def test_another_amgs_member_or_course_answers_404_through_your_own_amg(world):
    theirs = add(world.outsider, title="Deres kursus")
    client = world.client_for("leder")
    for name, pk in [
        ("training_member", world.outsider.pk),
        ("training_course_add", world.outsider.pk),
        ("training_course_edit", theirs.pk),
        ("training_course_delete", theirs.pk),
    ]:
        url = reverse(name, args=[world.amg.pk, pk])
        assert client.get(url).status_code in {404, 405}, name
        assert client.post(url, {"title": "x", "kind": "supplerende", "days": "1",
                                 "offered_on": "2026-01-01"}).status_code == 404, name  # fmt: skip
    theirs.refresh_from_db()
    assert theirs.title == "Deres kursus"
    assert TrainingCourse.objects.count() == 1
    assert client.get(reverse("training_member", args=[world.amg.pk, "999999"])).status_code == 404


def test_a_removed_member_has_no_training_page(world):
    from forkant import services as core

    core.remove_member(membership=world.amr, now=timezone.now())
    assert page(world, "leder", world.amr).status_code == 404


# The members page, the dashboard and the organisation overview ----------------------------------


def test_the_members_page_shows_each_members_training(world):
    services.set_took_office(membership=world.amr, took_office=D(2024, 1, 1))
    html = world.client_for("laeser").get(reverse("member_list", args=[world.amg.pk])).content
    html = html.decode()
    assert "Overskredet" in html  # the AMR never took the mandatory course
    assert "Forfalder" in html  # the leder took office today
    assert "Ikke krævet" in html  # "andet medlem"
    assert reverse("training_member", args=[world.amg.pk, world.amr.pk]) in html


def count_queries(client, url: str) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_members_page_costs_the_same_queries_for_one_or_many_members(world):
    client = world.client_for("leder")
    url = reverse("member_list", args=[world.amg.pk])
    before = count_queries(client, url)
    for _ in range(15):
        member = builders.make_member(world.amg, role=Role.AMR)
        add(member)
        add(member, kind="obligatorisk", days=Decimal(3))
    assert count_queries(client, url) == before


def test_the_training_page_costs_the_same_queries_for_one_or_many_courses(world):
    client = world.client_for("leder")
    url = reverse("training_member", args=[world.amg.pk, world.amr.pk])
    add(world.amr)
    before = count_queries(client, url)
    for i in range(20):
        add(world.amr, title=f"Kursus {i}", kind="obligatorisk" if i % 2 else "supplerende")
    assert count_queries(client, url) == before


def test_the_dashboard_shows_training_due(world):
    html = world.client_for("amr").get(reverse("dashboard")).content.decode()
    assert "Uddannelse forfalder" in html
    assert f'{reverse("member_list", args=[world.amg.pk])}#uddannelse">2</a>' in html


def test_training_due_counts_per_amg_in_constant_queries(world, django_assert_num_queries):
    today = timezone.localdate()
    services.set_took_office(membership=world.outsider, took_office=None)
    add(world.leder, kind="obligatorisk", days=Decimal(3), offered_on=None, taken_on=today)
    ids = [world.amg.pk, world.other_amg.pk]
    with django_assert_num_queries(2):
        counts = training_due_counts(ids, today=today)
    assert counts == {world.amg.pk: 1, world.other_amg.pk: 1}  # the AMR; the outsider's date
    for i in range(10):
        amg = builders.make_amg(world.organisation, f"Gruppe {i}")
        ids.append(amg.pk)
        for role in (Role.LEDER, Role.AMR, Role.TR):
            add(builders.make_member(amg, role=role))
    with django_assert_num_queries(2):
        counts = training_due_counts(ids, today=today)
    assert counts[ids[-1]] == 2  # leder and AMR; not the TR
    assert training_due_counts([], today=today) == {}


def test_archived_groups_count_nothing(world):
    from forkant import services as core

    core.set_amg_archived(amg=world.amg, archived=True, now=timezone.now())
    assert training_due_counts([world.amg.pk], today=timezone.localdate()) == {world.amg.pk: 0}


# The inspection document -----------------------------------------------------------------------


def test_the_inspection_document_has_the_training_record(world):
    services.set_took_office(membership=world.amr, took_office=D(2024, 1, 1))
    add(world.leder, kind="obligatorisk", title="Arbejdsmiljøuddannelsen", days=Decimal(3),
        offered_on=None, taken_on=timezone.localdate())  # fmt: skip
    html = render_inspection_html(world.amg.pk)
    section = section_html(html, "uddannelse")
    assert "Arbejdsmiljøuddannelse" in section
    assert world.amr.display_name in section and "Overskredet" in section
    assert "Arbejdsmiljøuddannelsen (3 dage" in section
    assert world.laeser.display_name not in section  # rules do not apply, no courses
    pdf = render_inspection_pdf(world.amg.pk)
    from io import BytesIO

    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages)
    assert "Arbejdsmiljøuddannelse" in text


# The demo ----------------------------------------------------------------------------------------


def test_the_demo_has_training_records_with_one_member_overdue_and_is_idempotent(db):
    from composition.demo.workplace import SCHOOL, load_demo
    from metoder.reminders.models import ReminderPreference
    from metoder.training.queries import statuses

    load_demo()
    courses = TrainingCourse.objects.count()
    load_demo()
    assert TrainingCourse.objects.count() == courses > 0
    school = Membership.objects.filter(amg__name=SCHOOL).select_related("user")
    states = {m.user.email: s.state for m, s in zip(
        school, statuses(school, today=timezone.localdate()).values(), strict=True)}  # fmt: skip
    assert states["amr@demo.dk"] == "overdue"
    assert states["leder@demo.dk"] == "ok"
    assert [e for e, s in states.items() if s == "overdue"] == ["amr@demo.dk"]
    assert ReminderPreference.objects.filter(membership__in=school).count() == school.count()


def test_a_members_own_data_export_holds_their_courses(world):
    """The account page's JSON follows every key to the membership, so courses are in it."""
    from forkant import personal_data

    course = add(world.amr, title="Supplerende kursus om stress")
    records = personal_data.export(world.amr.user)["records"]
    rows = records["metoder.TrainingCourse.membership"]
    assert [(r["id"], r["title"]) for r in rows] == [(course.pk, "Supplerende kursus om stress")]
