"""The årshjul: generating a year (once), editing it, the wheel, the agenda and its e-mail."""

from __future__ import annotations

import datetime
import io

import pdfplumber
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from handleplan.models import Meeting, MeetingKind, Status
from metoder.year import inspection, queries, services, wheel
from metoder.year.demo import load_year
from metoder.year.models import AgendaTemplate, PlannedMeeting, WheelItem
from tests import builders
from tests.apv import builders as apv_builders

YEAR = 2026
NOW = timezone.make_aware(datetime.datetime(YEAR, 3, 1, 12, 0))


def generate(amg, year=YEAR, source=services.Source.TEMPLATE):  # type: ignore[no-untyped-def]
    return services.generate_year(amg=amg, year=year, source=source)


def counts(amg) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    return (
        Meeting.objects.filter(amg=amg).count(),
        PlannedMeeting.objects.filter(amg=amg).count(),
        WheelItem.objects.filter(amg=amg).count(),
    )


# Generation -----------------------------------------------------------------------------------


def test_the_template_year_has_four_amg_meetings_and_a_tavlemoede_each_month_not_on_holiday(world):
    made = generate(world.amg)
    meetings = Meeting.objects.filter(amg=world.amg)
    assert meetings.filter(kind=MeetingKind.AMG_MOEDE).count() == 4
    tavle_months = sorted(
        timezone.localtime(m.starts_at).month for m in meetings.filter(kind=MeetingKind.TAVLEMOEDE)
    )
    # July lies wholly in the suggested school summer holiday: no tavlemøde then.
    assert tavle_months == [1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12]
    assert made.meetings == 15
    quarters = sorted(
        p.quarter for p in PlannedMeeting.objects.filter(meeting__kind=MeetingKind.AMG_MOEDE)
    )
    assert quarters == [1, 2, 3, 4]
    q4 = PlannedMeeting.objects.get(source_key=f"{YEAR}:amg-q4")
    assert "Vurdering af kompetencebehov" in q4.agenda  # the booklet's example agenda
    kinds = set(WheelItem.objects.filter(amg=world.amg).values_list("kind", flat=True))
    assert {"evaluering", "gennemgang", "uddannelse", "eget"} <= kinds
    assert AgendaTemplate.objects.filter(amg=world.amg).count() == 4


def test_generating_twice_creates_nothing_twice(world):
    generate(world.amg)
    before = counts(world.amg)
    made = generate(world.amg)
    assert (made.meetings, made.items) == (0, 0)
    assert counts(world.amg) == before


def test_the_database_refuses_a_second_row_with_the_same_source_key(world):
    generate(world.amg)
    item = WheelItem.objects.filter(amg=world.amg).first()
    with pytest.raises(IntegrityError), transaction.atomic():
        WheelItem.objects.create(
            amg=world.amg,
            year=YEAR,
            kind="eget",
            title="x",
            date=item.date,
            source_key=item.source_key,
        )
    plan = PlannedMeeting.objects.filter(amg=world.amg).first()
    other = Meeting.objects.create(amg=world.amg, starts_at=NOW)
    with pytest.raises(IntegrityError), transaction.atomic():
        PlannedMeeting.objects.create(
            amg=world.amg, meeting=other, year=YEAR, quarter=1, source_key=plan.source_key
        )


def test_another_amg_may_use_the_same_keys(world):
    generate(world.amg)
    generate(world.other_amg)
    assert counts(world.amg) == counts(world.other_amg)


def test_a_meeting_planned_by_hand_on_the_same_day_joins_the_wheel(world):
    first_thursday = services.nth_weekday(YEAR, 2, 3, 1)
    hand = Meeting.objects.create(
        amg=world.amg,
        kind=MeetingKind.TAVLEMOEDE,
        starts_at=services.local_dt(first_thursday, datetime.time(9, 0)),
        moedeleder="Mette",
    )
    generate(world.amg)
    hand.refresh_from_db()
    assert hand.plan.source_key == f"{YEAR}:tavle-q1-2"
    assert Meeting.objects.filter(amg=world.amg, kind=MeetingKind.TAVLEMOEDE).count() == 11


def test_a_year_from_last_years_wheel_keeps_the_edits_and_weekdays(world):
    generate(world.amg, YEAR - 1)
    q1 = PlannedMeeting.objects.get(source_key=f"{YEAR - 1}:amg-q1")
    services.update_meeting(
        meeting=q1.meeting,
        starts_at=q1.meeting.starts_at,
        moedeleder="Anne",
        focus="Vold og trusler",
        agenda="Siden sidst\nVoldspolitik",
        now=NOW,
    )
    services.add_item(
        amg=world.amg,
        year=YEAR - 1,
        kind="eget",
        title="Trivselsdag",
        date=datetime.date(YEAR - 1, 5, 1),
        now=NOW,
    )
    generate(world.amg, YEAR, services.Source.LAST_YEAR)
    new_q1 = PlannedMeeting.objects.get(source_key=f"{YEAR}:amg-q1")
    assert new_q1.agenda == "Siden sidst\nVoldspolitik"
    assert new_q1.meeting.moedeleder == "Anne"
    old_day = timezone.localtime(q1.meeting.starts_at)
    new_day = timezone.localtime(new_q1.meeting.starts_at)
    assert new_day.weekday() == old_day.weekday()
    assert new_day.year == YEAR
    assert WheelItem.objects.filter(amg=world.amg, year=YEAR, title="Trivselsdag").count() == 1
    before = counts(world.amg)
    generate(world.amg, YEAR, services.Source.LAST_YEAR)
    generate(world.amg, YEAR, services.Source.TEMPLATE)  # the template adds nothing already there
    assert counts(world.amg) == before


def test_building_on_a_year_that_does_not_exist_is_refused(world):
    with pytest.raises(ValidationError, match="intet årshjul for 2025"):
        generate(world.amg, YEAR, services.Source.LAST_YEAR)
    assert counts(world.amg) == (0, 0, 0)


def test_apv_areas_put_their_three_year_limit_on_the_wheel(world):
    area = apv_builders.make_area(
        world.amg, "Indskolingen", last_assessed=datetime.date(2023, 9, 1)
    )
    apv_builders.make_area(world.amg, "Aldrig vurderet")
    generate(world.amg)
    generate(world.amg)
    revision = WheelItem.objects.get(source_key=f"{YEAR}:apv-omraade-{area.pk}")
    assert revision.date == datetime.date(YEAR, 9, 1)
    assert revision.kind == "apv"
    assert "Indskolingen" in revision.title
    start = WheelItem.objects.get(source_key=f"{YEAR}:apv-start-{area.pk}")
    assert start.date == datetime.date(YEAR, 6, 3)
    assert WheelItem.objects.filter(amg=world.amg, kind="apv").count() == 2


# Editing ----------------------------------------------------------------------------------


def test_a_member_plans_a_year_and_edits_moves_and_deletes(world):
    client = world.client_for("amr")
    url = reverse("year_generate", kwargs={"amg_id": world.amg.pk, "year": YEAR})
    response = client.post(url, {"source": "skabelon"}, follow=True)
    assert "Årshjulet for 2026 er lagt" in response.content.decode()
    response = client.post(url, {"source": "skabelon"}, follow=True)
    assert "intet er lagt ind to gange" in response.content.decode()

    item = WheelItem.objects.get(source_key=f"{YEAR}:gennemgang")
    client.post(
        reverse("year_item_edit", kwargs={"amg_id": world.amg.pk, "pk": item.pk}),
        {"kind": "gennemgang", "title": "Gennemgang i SFO", "date": f"{YEAR}-10-01"},
    )
    item.refresh_from_db()
    assert (item.title, item.date, item.sequence) == (
        "Gennemgang i SFO",
        datetime.date(YEAR, 10, 1),
        1,
    )

    page = client.get(reverse("year_item_delete", kwargs={"amg_id": world.amg.pk, "pk": item.pk}))
    assert "Vil du slette “Gennemgang i SFO”" in page.content.decode()
    assert WheelItem.objects.filter(pk=item.pk).exists()  # asking deletes nothing
    client.post(reverse("year_item_delete", kwargs={"amg_id": world.amg.pk, "pk": item.pk}))
    assert not WheelItem.objects.filter(pk=item.pk).exists()

    plan = PlannedMeeting.objects.get(source_key=f"{YEAR}:amg-q2")
    client.post(
        reverse("year_meeting_edit", kwargs={"amg_id": world.amg.pk, "pk": plan.meeting_id}),
        {"starts_at": f"{YEAR}-06-02T13:00", "moedeleder": "Anne", "agenda": "A\n\n B \n"},
    )
    plan.refresh_from_db()
    assert timezone.localtime(plan.meeting.starts_at).strftime("%m-%d %H:%M") == "06-02 13:00"
    assert plan.agenda == "A\nB"
    assert plan.sequence == 1
    client.post(
        reverse("year_meeting_delete", kwargs={"amg_id": world.amg.pk, "pk": plan.meeting_id})
    )
    assert not Meeting.objects.filter(pk=plan.meeting_id).exists()


def test_a_held_meeting_is_neither_moved_nor_deleted(world):
    meeting = builders.make_held_meeting(world.amg)
    client = world.client_for("leder")
    url = reverse("year_meeting_delete", kwargs={"amg_id": world.amg.pk, "pk": meeting.pk})
    response = client.post(url)
    assert response.status_code == 409
    assert "Et holdt møde slettes ikke" in response.content.decode()
    assert Meeting.objects.filter(pk=meeting.pk).exists()
    response = client.post(
        reverse("year_meeting_edit", kwargs={"amg_id": world.amg.pk, "pk": meeting.pk}),
        {"starts_at": "2030-01-01T10:00"},
    )
    assert response.status_code == 422
    assert "tidspunktet kan ikke flyttes" in response.content.decode()


@pytest.mark.parametrize(
    ("name", "kwargs", "data", "message"),
    [
        (
            "year_item_new",
            {"year": YEAR},
            {"kind": "eget", "title": "x", "date": "2031-01-01"},
            "Datoen skal ligge i 2026",
        ),
        (
            "year_item_new",
            {"year": YEAR},
            {"kind": "eget", "title": "x" * 201, "date": f"{YEAR}-01-01"},
            "højst have 200 tegn",
        ),
        (
            "year_item_new",
            {"year": YEAR},
            {"kind": "bombe", "title": "x", "date": f"{YEAR}-01-01"},
            "gyldig valgmulighed",
        ),
        (
            "year_item_new",
            {"year": YEAR},
            {"kind": "eget", "title": "x", "date": "31-31-2026"},
            "gyldig dato",
        ),
        (
            "year_meeting_new",
            {"year": YEAR},
            {"kind": "amg_moede", "starts_at": "i morgen"},
            "gyldig dato/tid",
        ),
        ("year_generate", {"year": YEAR}, {"source": "alt"}, "skabelonen eller sidste år"),
        ("year_template_edit", {"quarter": 1}, {"q1-focus": "x", "q1-items": ""}, "påkrævet"),
        ("agenda_checklist", None, {"ticked": ["<script>"]}, "ukendt punkt"),
    ],
)
def test_hostile_input_answers_4xx_in_danish_and_changes_nothing(
    world, name, kwargs, data, message
):
    generate(world.amg)
    meeting = PlannedMeeting.objects.get(source_key=f"{YEAR}:amg-q1").meeting_id
    kwargs = {"amg_id": world.amg.pk, **(kwargs or {"pk": meeting})}
    before = (counts(world.amg), list(AgendaTemplate.objects.values_list("items", flat=True)))
    response = world.client_for("leder").post(reverse(name, kwargs=kwargs), data)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert (
        counts(world.amg),
        list(AgendaTemplate.objects.values_list("items", flat=True)),
    ) == before


def test_a_year_out_of_range_is_404(world):
    client = world.client_for("leder")
    assert (
        client.get(
            reverse("year_detail", kwargs={"amg_id": world.amg.pk, "year": 9999})
        ).status_code
        == 404
    )
    assert (
        client.get(reverse("year_pdf", kwargs={"amg_id": world.amg.pk, "year": 1})).status_code
        == 404
    )


def test_another_amgs_items_and_meetings_are_404_through_your_own_amg(world):
    generate(world.other_amg)
    item = WheelItem.objects.filter(amg=world.other_amg).first()
    meeting = PlannedMeeting.objects.filter(amg=world.other_amg).first().meeting_id
    client = world.client_for("leder")
    for name, pk in [
        ("year_item_edit", item.pk),
        ("year_item_delete", item.pk),
        ("year_meeting_edit", meeting),
        ("year_meeting_delete", meeting),
        ("meeting_agenda", meeting),
        ("agenda_pdf", meeting),
        ("agenda_send", meeting),
        ("agenda_checklist", meeting),
    ]:
        url = reverse(name, kwargs={"amg_id": world.amg.pk, "pk": pk})
        assert client.get(url).status_code in (404, 405)
        assert client.post(url, {"title": "x"}).status_code in (404, 405)
    assert WheelItem.objects.filter(pk=item.pk).exists()
    assert Meeting.objects.filter(pk=meeting).exists()
    assert mail.outbox == []


# The wheel --------------------------------------------------------------------------------


def test_the_wheel_is_an_accessible_svg_with_twelve_months_and_today(world):
    generate(world.amg)
    data = queries.year_data(world.amg, YEAR)
    svg = wheel.wheel_svg(YEAR, data.entries, today=datetime.date(YEAR, 3, 1), title="Årshjul")
    assert 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg
    assert "4 AMG-møder, 11 tavlemøder" in svg
    assert svg.count("<path") == 12 + 4  # months and quarters
    assert 'class="wheel-today"' in svg
    other_year = wheel.wheel_svg(YEAR, data.entries, today=datetime.date(YEAR + 1, 3, 1), title="x")
    assert 'class="wheel-today"' not in other_year
    numbered = [e.number for e in data.numbered]
    assert numbered == list(range(1, len(numbered) + 1))


def test_the_wheel_escapes_what_members_write(world):
    services.add_item(
        amg=world.amg,
        year=YEAR,
        kind="eget",
        title='<script>alert("x")</script>',
        date=datetime.date(YEAR, 4, 1),
        now=NOW,
    )
    page = world.client_for("leder").get(
        reverse("year_detail", kwargs={"amg_id": world.amg.pk, "year": YEAR})
    )
    html = page.content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html


def _wheel_queries(client, url) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_wheel_page_costs_the_same_queries_for_1_and_200_items(world):
    client = world.client_for("leder")
    url = reverse("year_detail", kwargs={"amg_id": world.amg.pk, "year": YEAR})
    services.add_item(
        amg=world.amg, year=YEAR, kind="eget", title="Én", date=datetime.date(YEAR, 1, 5), now=NOW
    )
    services.add_meeting(
        amg=world.amg,
        kind="amg_moede",
        starts_at=services.local_dt(datetime.date(YEAR, 2, 3), datetime.time(14)),
        moedeleder="",
    )
    _wheel_queries(client, url)  # warm the session
    one = _wheel_queries(client, url)
    day = datetime.date(YEAR, 1, 1)
    WheelItem.objects.bulk_create(
        WheelItem(
            amg=world.amg,
            year=YEAR,
            kind="eget",
            title=f"Punkt {i}",
            date=day + datetime.timedelta(days=i),
        )
        for i in range(200)
    )
    for i in range(100):
        services.add_meeting(
            amg=world.amg,
            kind="tavlemoede",
            starts_at=services.local_dt(day + datetime.timedelta(days=i * 3), datetime.time(8, 15)),
            moedeleder="",
        )
    many = _wheel_queries(client, url)
    assert many == one, (one, many)


def test_the_wheel_prints_on_one_a4_page(world):
    area = apv_builders.make_area(
        world.amg, "Indskolingen", last_assessed=datetime.date(2023, 9, 1)
    )
    assert area
    generate(world.amg)
    response = world.client_for("leder").get(
        reverse("year_pdf", kwargs={"amg_id": world.amg.pk, "year": YEAR})
    )
    assert response["Content-Type"] == "application/pdf"
    with pdfplumber.open(io.BytesIO(response.content)) as pdf:
        assert len(pdf.pages) == 1
        page = pdf.pages[0]
        assert round(page.width) == 595 and round(page.height) == 842  # A4 in points
        words = page.extract_words()
        assert all(w["x0"] >= 0 and w["x1"] <= page.width for w in words)
        text = page.extract_text()
    assert "Årshjul 2026" in text
    assert "APV-revision: Indskolingen" in text


def test_the_inspection_document_shows_this_years_wheel(world):
    from tests.bundle import inspection_document

    assert inspection.inspection_section(world.amg, timezone.now()) is None
    generate(world.amg, timezone.localdate().year)
    doc = inspection_document(world.amg.pk)
    assert doc.year is not None and doc.year["year"] == timezone.localdate().year
    page = world.client_for("leder").get(reverse("inspection", kwargs={"amg_id": world.amg.pk}))
    assert "wheel-doc" in page.content.decode()


# The agenda --------------------------------------------------------------------------------


def test_the_agenda_brings_each_kind_of_open_work(world):
    today = timezone.localdate()
    now = timezone.now()
    builders.make_action(
        world.amg,
        world.theme,
        title="Over fristen",
        status=Status.STARTET,
        deadline=today - datetime.timedelta(days=3),
    )
    follow = builders.make_action(
        world.amg, world.theme, title="Opfølgning nu", status=Status.I_MAAL
    )
    follow.follow_up_on = today + datetime.timedelta(days=5)
    follow.save()
    stalled = builders.make_action(
        world.amg, world.theme, title="Står stille", status=Status.GODT_I_GANG
    )
    stalled.moved_at = now - datetime.timedelta(weeks=10)
    stalled.save()
    builders.make_idea(world.amg, "Cykelstativ ved indgangen")
    apv_builders.make_apv(world.amg, title="APV 2026")
    plan = services.add_meeting(
        amg=world.amg,
        kind="amg_moede",
        starts_at=now + datetime.timedelta(days=7),
        moedeleder="Mette",
    )
    agenda = queries.agenda_for(plan.meeting, now=now, base_url="https://forkant.example/")
    assert [a.title for a in agenda.work.overdue] == ["Over fristen"]
    assert "Opfølgning nu" in [a.title for a in agenda.work.follow_ups]
    assert [i.text for i in agenda.work.ideas] == ["Cykelstativ ved indgangen"]
    assert agenda.work.apv.title == "APV 2026" and agenda.work.apv_missing
    assert [a.title for a in agenda.work.stalled] == ["Står stille"]
    assert agenda.lines == plan.agenda_lines and agenda.lines  # from the quarter's template
    assert agenda.agenda_url.startswith("https://forkant.example/amg/")

    page = world.client_for("laeser").get(
        reverse("meeting_agenda", kwargs={"amg_id": world.amg.pk, "pk": plan.meeting_id})
    )
    html = page.content.decode()
    for text in (
        "Over fristen",
        "Opfølgning nu",
        "Cykelstativ ved indgangen",
        "APV 2026",
        "Står stille",
        "Før mødet",
        "Efter mødet",
    ):
        assert text in html


def test_an_agenda_without_open_work_says_so(world):
    world.action.delete()
    plan = services.add_meeting(
        amg=world.amg, kind="amg_moede", starts_at=timezone.now(), moedeleder=""
    )
    agenda = queries.agenda_for(plan.meeting, now=timezone.now(), base_url="http://x/")
    assert agenda.work.empty


def test_reading_an_agenda_of_a_meeting_planned_on_the_board_writes_nothing(world):
    meeting = builders.start_meeting(world.amg, kind="amg_moede")
    page = world.client_for("laeser").get(
        reverse("meeting_agenda", kwargs={"amg_id": world.amg.pk, "pk": meeting.pk})
    )
    assert page.status_code == 200
    assert not PlannedMeeting.objects.exists()


def test_the_checklist_is_ticked_per_meeting(world):
    generate(world.amg)
    q1 = PlannedMeeting.objects.get(source_key=f"{YEAR}:amg-q1")
    q2 = PlannedMeeting.objects.get(source_key=f"{YEAR}:amg-q2")
    world.client_for("amr").post(
        reverse("agenda_checklist", kwargs={"amg_id": world.amg.pk, "pk": q1.meeting_id}),
        {"ticked": ["foer-dagsorden", "efter-referat"]},
    )
    q1.refresh_from_db()
    q2.refresh_from_db()
    assert q1.checklist == ["efter-referat", "foer-dagsorden"]
    assert q2.checklist == []
    page = world.client_for("amr").get(
        reverse("meeting_agenda", kwargs={"amg_id": world.amg.pk, "pk": q1.meeting_id})
    )
    assert page.content.decode().count(" checked") == 2


def test_the_agenda_is_sent_to_every_member_in_danish_text_and_html(world):
    builders.make_idea(world.amg, "Mødefri formiddag")
    plan = services.add_meeting(
        amg=world.amg,
        kind="amg_moede",
        starts_at=timezone.now() + datetime.timedelta(days=3),
        moedeleder="Mette",
    )
    response = world.client_for("leder").post(
        reverse("agenda_send", kwargs={"amg_id": world.amg.pk, "pk": plan.meeting_id}), follow=True
    )
    assert "Dagsordenen er sendt til 3 medlemmer." in response.content.decode()
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted(
        [world.leder.user.email, world.amr.user.email, world.laeser.user.email]
    )
    assert world.outsider.user.email not in recipients
    message = mail.outbox[0]
    assert message.subject.startswith("Dagsorden: AMG-møde")
    assert "Mødefri formiddag" in message.body
    assert "http://testserver/amg/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "Mødefri formiddag" in html and "<ol" in html
    plan.refresh_from_db()
    assert plan.agenda_sent_at is not None


def test_a_mail_server_that_is_down_loses_nothing_and_says_so(world, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    plan = services.add_meeting(
        amg=world.amg, kind="amg_moede", starts_at=timezone.now(), moedeleder=""
    )
    response = world.client_for("leder").post(
        reverse("agenda_send", kwargs={"amg_id": world.amg.pk, "pk": plan.meeting_id}), follow=True
    )
    assert "Dagsordenen kunne ikke sendes lige nu" in response.content.decode()
    plan.refresh_from_db()
    assert plan.agenda_sent_at is None
    assert plan.agenda  # still there


def test_the_agenda_prints(world):
    plan = services.add_meeting(
        amg=world.amg, kind="amg_moede", starts_at=timezone.now(), moedeleder="Mette"
    )
    response = world.client_for("laeser").get(
        reverse("agenda_pdf", kwargs={"amg_id": world.amg.pk, "pk": plan.meeting_id})
    )
    with pdfplumber.open(io.BytesIO(response.content)) as pdf:
        text = "\n".join(p.extract_text() for p in pdf.pages)
        for page in pdf.pages:
            assert all(w["x1"] <= page.width - 40 for w in page.extract_words())
    assert "Dagsorden" in text and "Før mødet" in text


def test_editing_a_template_changes_new_meetings_not_planned_ones(world):
    generate(world.amg)
    planned = PlannedMeeting.objects.get(source_key=f"{YEAR}:amg-q3")
    world.client_for("leder").post(
        reverse("year_template_edit", kwargs={"amg_id": world.amg.pk, "quarter": 3}),
        {"q3-focus": "Trivsel", "q3-items": "Siden sidst\nTrivselsmåling"},
    )
    assert (
        AgendaTemplate.objects.get(amg=world.amg, quarter=3).items == "Siden sidst\nTrivselsmåling"
    )
    planned.refresh_from_db()
    assert "Trivselsmåling" not in planned.agenda
    new = services.add_meeting(
        amg=world.amg,
        kind="amg_moede",
        starts_at=services.local_dt(datetime.date(YEAR, 8, 20), datetime.time(14)),
        moedeleder="",
    )
    assert new.agenda == "Siden sidst\nTrivselsmåling"
    assert new.focus == "Trivsel"


# The demo ----------------------------------------------------------------------------------


def test_the_demo_year_is_idempotent_and_has_a_held_amg_meeting(world):
    now = timezone.now()
    load_year(world.amg, now)
    before = counts(world.amg)
    load_year(world.amg, now)
    assert counts(world.amg) == before
    held = PlannedMeeting.objects.filter(
        amg=world.amg, meeting__kind="amg_moede", meeting__ended_at__isnull=False
    ).select_related("meeting")
    assert held.count() == 1
    assert held[0].meeting.referat and held[0].checklist


def test_the_wheels_evaluation_training_and_apv_items_lead_to_their_pages(world):
    generate(world.amg)
    url = reverse("year_detail", args=[world.amg.pk, YEAR])
    html = world.client_for("amr").get(url).content.decode()
    assert f'href="{reverse("evaluation_list", args=[world.amg.pk])}"' in html
    assert f'href="{reverse("member_list", args=[world.amg.pk])}#uddannelse"' in html


def test_markers_on_the_wheel_never_cover_each_other_even_on_a_crowded_week():
    """Five items on one day and one a week later (the demo's November): every lane is taken, so
    the last ones move a little along the ring instead of landing on top of another marker."""
    day = datetime.date(2026, 11, 17)
    entries = [
        queries.Entry(kind="apv", kind_label="APV", title=f"APV {n}", date=day, number=n)
        for n in range(1, 6)
    ] + [
        queries.Entry(
            kind="evaluering",
            kind_label="Evaluering",
            title="Drøftelse",
            date=day + datetime.timedelta(days=7),
            number=6,
        )
    ]
    placed = [wheel._point(angle, radius) for _entry, angle, radius in wheel._place(entries)]
    for i, (x1, y1) in enumerate(placed):
        for x2, y2 in placed[i + 1 :]:
            # Markers are 2 × MARKER wide (circles a little more): their centres stay apart.
            assert ((x1 - x2) ** 2 + (y1 - y2) ** 2) ** 0.5 >= 2 * wheel.MARKER + 2
