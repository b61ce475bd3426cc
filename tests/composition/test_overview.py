"""The organisation overview: every AMG of the organisation side by side."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from apv import services as apv_services
from apv.models import APV, Area
from composition.overview.data import AreaStatus, LatestAPV, Overview, Readiness, Row
from composition.overview.export import as_csv
from composition.overview.queries import CACHE_SECONDS, build, cached_build
from composition.overview.sorting import COLUMN_KEYS, parse_sort, sort_rows
from composition.overview.table import table_body
from forkant import services as core
from forkant.models import AMG, Role
from handleplan import services as board
from handleplan.models import Action, Idea, IdeaStatus, Status
from metoder.instruments import services as rounds
from metoder.instruments.queries import GroupProfile
from tests import builders

SIX = ["aabenhed", "innovation", "motivation", "tid_ressourcer", "systematik", "teknikker_viden"]


def answered(amg, *sheets: list[int], now=None):  # type: ignore[no-untyped-def]
    """A kompetencemodel round with one submitted sheet per list of six scores."""
    now = now or timezone.now()
    members = [builders.make_member(amg, role=Role.AMR) for _ in sheets]
    round_ = rounds.open_round(
        amg=amg, instrument_key="kompetencemodel", by=members[0], participants=members, now=now
    )
    for member, scores in zip(members, sheets, strict=True):
        rounds.save_answers(
            participant=round_.participants.get(membership=member),
            answers={key: {"value": str(v)} for key, v in zip(SIX, scores, strict=True)},
            now=now,
            submit=True,
        )
    return round_


def url(world, name="organisation_overview", **query: str) -> str:  # type: ignore[no-untyped-def]
    base = reverse(name, kwargs={"organisation_id": world.organisation.pk})
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def row_of(data: Overview, amg) -> Row:  # type: ignore[no-untyped-def]
    return next(r for r in data.rows if r.amg.pk == amg.pk)


# Who sees it ------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["organisation_overview", "organisation_overview_csv"])
def test_only_this_organisations_admin_sees_the_overview(world, name):
    assert world.client_for("org_admin").get(url(world, name)).status_code == 200
    for persona in ("leder", "amr", "laeser", "outsider"):
        assert world.client_for(persona).get(url(world, name)).status_code == 404, persona
    stranger = builders.make_org_admin(builders.make_organisation("Nabokommune")).user
    client = Client()
    client.force_login(stranger)
    assert client.get(url(world, name)).status_code == 404
    anonymous = world.client_for("anonymous").get(url(world, name))
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_only_the_organisations_own_amgs_are_on_it(world):
    foreign = builders.make_amg(builders.make_organisation("Nabokommune"), "Nabogruppen")
    builders.make_action(foreign, title="Naboens kort")
    page = world.client_for("org_admin").get(url(world)).content.decode()
    assert "Skolen" in page and "Børnehaven" in page
    assert "Nabogruppen" not in page


@pytest.mark.django_db
def test_linked_from_the_organisation_page_and_the_dashboard(world):
    client = world.client_for("org_admin")
    target = url(world)
    assert (
        target in client.get(reverse("organisation", args=[world.organisation.pk])).content.decode()
    )
    assert target in client.get(reverse("dashboard")).content.decode()


# The columns ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_overdue_actions_follow_ups_stalled_cards_and_ideas(world):
    now = timezone.now()
    today = timezone.localdate(now)
    past, future = today - datetime.timedelta(days=3), today + datetime.timedelta(days=3)
    amg, theme = world.amg, world.theme
    # Overdue: a passed deadline in Parkeret/Startet/Godt i gang; not once I mål.
    builders.make_action(amg, theme, status=Status.PARKERET, deadline=past)
    builders.make_action(amg, theme, status=Status.GODT_I_GANG, deadline=past)
    builders.make_action(amg, theme, status=Status.I_MAAL, deadline=past)
    builders.make_action(amg, theme, status=Status.STARTET, deadline=future)
    # Follow-ups: a passed follow-up date on anything not Afsluttet.
    builders.make_action(amg, theme, status=Status.OPFOELGNING, follow_up_on=past)
    builders.make_action(amg, theme, status=Status.AFSLUTTET, follow_up_on=past)
    # Stalled: in progress and not moved for the AMG's weeks (the board's rule).
    old = builders.make_action(amg, theme, status=Status.STARTET)
    parked = builders.make_action(amg, theme, status=Status.PARKERET)
    Action.objects.filter(pk__in=[old.pk, parked.pk]).update(
        moved_at=now - datetime.timedelta(weeks=7)
    )
    # The other AMG counts stalled after 10 weeks: its 7-week-old card is not stalled.
    board.set_stalled_weeks(amg=world.other_amg, weeks=10)
    Action.objects.filter(pk=world.other_action.pk).update(
        moved_at=now - datetime.timedelta(weeks=7)
    )
    # Ideas: only those waiting for moderation.
    builders.make_idea(amg)
    builders.make_idea(amg)
    Idea.objects.filter(pk=builders.make_idea(amg).pk).update(status=IdeaStatus.DECLINED)

    data = build(world.organisation, now=now)
    row, other = row_of(data, amg), row_of(data, world.other_amg)
    assert (row.overdue_actions, row.overdue_follow_ups, row.stalled) == (2, 1, 1)
    assert row.ideas_waiting == 2
    assert (other.overdue_actions, other.overdue_follow_ups, other.stalled) == (0, 0, 0)
    assert other.stalled_weeks == 10 and row.stalled_weeks == 6
    assert other.ideas_waiting == 0


@pytest.mark.django_db
def test_last_and_next_meeting(world):
    now = timezone.now()
    held = builders.end_meeting(
        builders.start_meeting(world.amg, now=now - datetime.timedelta(days=10)),
        now=now - datetime.timedelta(days=10, minutes=-30),
    )
    builders.make_meeting(world.amg, days=20)
    soon = builders.make_meeting(world.amg, days=5)
    data = build(world.organisation, now=now)
    row = row_of(data, world.amg)
    assert row.last_meeting == held.started_at
    assert row.next_meeting == soon.starts_at
    other = row_of(data, world.other_amg)
    assert other.last_meeting is None and other.next_meeting is None


@pytest.mark.django_db
def test_apv_status_and_the_three_year_dates(world):
    now = timezone.now()
    today = timezone.localdate(now)
    amg = world.amg
    old = apv_services.start_apv(
        amg=amg, title="APV 2022", method=APV.Method.DIALOGISK, start_date=today.replace(year=2022)
    )
    assert old
    APV.objects.filter(pk=old.pk).update(
        status=APV.Status.AFSLUTTET
    )  # only a closed one is revised
    apv_services.start_apv(
        amg=amg, title="APV 2026", method=APV.Method.DIALOGISK, start_date=today, previous=old
    )
    day = datetime.timedelta(days=1)
    apv_services.create_area(
        amg=amg, name="Gammel", kind=Area.Kind.ENHED, last_assessed=today - 3 * 366 * day
    )
    soon = apv_services.create_area(
        amg=amg, name="Snart", kind=Area.Kind.ENHED, last_assessed=today - (3 * 365 - 30) * day
    )
    apv_services.create_area(amg=amg, name="Aldrig", kind=Area.Kind.ENHED)
    fresh = apv_services.create_area(
        amg=amg, name="Ny", kind=Area.Kind.LOKALE, last_assessed=today - 100 * day
    )
    apv_services.register_change(
        amg=amg, date=today - day, kind="it", description="Nyt system", areas=[fresh, soon]
    )
    data = build(world.organisation, now=now)
    row = row_of(data, amg)
    assert row.apv is not None and row.apv.title == "APV 2026" and row.apv.status == "i_gang"
    areas = row.areas
    assert (areas.total, areas.overdue, areas.soon, areas.never) == (4, 1, 1, 1)
    assert areas.flagged == 2  # a change after their last assessment
    assert areas.next_due == Area.objects.get(name="Gammel").due
    other = row_of(data, world.other_amg)
    assert other.apv is None and other.areas.total == 0 and other.areas.next_due is None


@pytest.mark.django_db
def test_profiles_are_group_averages_and_a_lone_answer_is_not_shown(world):
    answered(world.amg, [4, 3, 2, 5, 1, 3], [2, 3, 4, 5, 3, 3])
    answered(world.other_amg, [5, 5, 5, 5, 5, 5])  # one member: that is their own answers
    data = build(world.organisation, now=timezone.now())
    row, other = row_of(data, world.amg), row_of(data, world.other_amg)
    assert row.profile is not None and row.profile.means == [3.0, 3.0, 3.0, 5.0, 2.0, 3.0]
    assert row.profile.respondents == 2
    assert other.profile is None and other.too_few_answers
    assert data.spread is not None and data.spread.count == 1
    assert data.spread.median == [3.0, 3.0, 3.0, 5.0, 2.0, 3.0]
    page = world.client_for("org_admin").get(url(world)).content.decode()
    assert "For få svar" in page
    assert "Børnehaven: Åbenhed" not in page  # no chart for the lone answer
    csv_text = world.client_for("org_admin").get(url(world, "organisation_overview_csv"))
    rows = list(csv.reader(io.StringIO(csv_text.content.decode("utf-8-sig")), delimiter=";"))
    daycare = dict(zip(rows[0], rows[1], strict=True))
    assert daycare["Gruppe"] == "Børnehaven"
    assert daycare["Kompetenceprofil svar"] == "" and daycare["Åbenhed og tillid"] == ""


@pytest.mark.django_db
def test_the_spread_is_lowest_median_and_highest_per_factor(world):
    third = builders.make_amg(world.organisation, "Plejecentret")
    answered(world.amg, [1, 2, 3, 4, 5, 1], [1, 2, 3, 4, 5, 1])
    answered(world.other_amg, [3, 3, 3, 3, 3, 3], [3, 3, 3, 3, 3, 3])
    answered(third, [5, 4, 3, 2, 1, 5], [5, 4, 3, 2, 1, 5])
    data = build(world.organisation, now=timezone.now())
    assert data.spread.low == [1.0, 2.0, 3.0, 2.0, 1.0, 1.0]
    assert data.spread.high == [5.0, 4.0, 3.0, 4.0, 5.0, 5.0]
    assert data.spread.median == [3.0, 3.0, 3.0, 3.0, 3.0, 3.0]
    page = world.client_for("org_admin").get(url(world)).content.decode()
    assert page.count('class="profile-spark"') == 3
    assert 'class="chart profile-comparison"' in page and 'role="img"' in page
    assert "Arbejdsmiljøkompetence i 3 grupper" in page  # the chart's text alternative
    assert "<tfoot>" in page and "Højeste" in page  # the table alternative


@pytest.mark.django_db
def test_archived_amgs_are_left_out_unless_asked_for_and_never_in_the_spread(world):
    answered(world.amg, [4] * 6, [4] * 6)
    answered(world.other_amg, [2] * 6, [2] * 6)
    core.set_amg_archived(amg=world.other_amg, archived=True, now=timezone.now())
    data = build(world.organisation, now=timezone.now())
    assert [r.amg.name for r in data.rows] == ["Skolen"]
    assert data.archived_hidden == 1
    shown = build(world.organisation, now=timezone.now(), include_archived=True)
    assert [r.amg.name for r in shown.rows] == ["Børnehaven", "Skolen"]
    assert shown.spread.count == 1 and shown.spread.low == [4.0] * 6
    client = world.client_for("org_admin")
    page = client.get(url(world)).content.decode()
    assert "1 arkiveret gruppe er ikke med" in page and "Børnehaven" not in page
    page = client.get(url(world, arkiverede="vis")).content.decode()
    assert "Børnehaven" in page and "Arkiveret" in page


# Sorting ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_sorting_by_a_column_server_side_with_aria_sort(world):
    third = builders.make_amg(world.organisation, "Ældreplejen")
    past = timezone.localdate() - datetime.timedelta(days=2)
    for _ in range(3):
        builders.make_action(third, status=Status.STARTET, deadline=past)
    builders.make_action(world.other_amg, status=Status.STARTET, deadline=past)
    client = world.client_for("org_admin")

    def order(page: str) -> list[str]:
        names = ["Skolen", "Børnehaven", "Ældreplejen"]
        body = page[page.index("<tbody>") :]
        return sorted(names, key=body.index)

    page = client.get(url(world)).content.decode()
    assert order(page) == ["Børnehaven", "Skolen", "Ældreplejen"]  # by name; Æ after Z
    assert 'aria-sort="ascending"' in page and page.count("aria-sort=") == 1
    page = client.get(url(world, sorter="handlinger")).content.decode()
    assert order(page) == ["Ældreplejen", "Børnehaven", "Skolen"]  # most first
    assert 'aria-sort="descending"' in page
    # The sorted column's link turns the order round; the page works without JavaScript.
    assert "sorter=handlinger&amp;retning=stigende" in page
    page = client.get(url(world, sorter="handlinger", retning="stigende")).content.decode()
    assert order(page) == ["Skolen", "Børnehaven", "Ældreplejen"]
    assert 'aria-sort="ascending"' in page


@pytest.mark.django_db
def test_empty_values_sort_last_whichever_the_direction(world):
    builders.make_meeting(world.amg, days=3)
    client = world.client_for("org_admin")
    for direction in ("stigende", "faldende"):
        page = client.get(url(world, sorter="naeste-moede", retning=direction)).content.decode()
        body = page[page.index("<tbody>") :]
        assert body.index("Skolen") < body.index("Børnehaven"), direction


@pytest.mark.django_db
@pytest.mark.parametrize("query", [{"sorter": "nonsense"}, {"sorter": "gruppe", "retning": "op"}])
def test_an_unknown_sort_answers_400_in_danish(world, query):
    response = world.client_for("org_admin").get(url(world, **query))
    assert response.status_code == 400
    assert "kan ikke sorteres" in response.content.decode()
    response = world.client_for("org_admin").get(url(world, "organisation_overview_csv", **query))
    assert response.status_code == 400


# CSV --------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_csv_for_danish_excel_with_formulas_neutralised(world):
    core.rename_amg(amg=world.other_amg, name='=HYPERLINK("http://x")')
    answered(world.amg, [4, 3, 2, 5, 1, 3], [3, 3, 4, 5, 3, 3])
    past = timezone.localdate() - datetime.timedelta(days=1)
    builders.make_action(world.amg, world.theme, status=Status.STARTET, deadline=past)
    response = world.client_for("org_admin").get(
        url(world, "organisation_overview_csv", sorter="handlinger")
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="overblik-')
    assert response.content.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    header = rows[0]
    assert header[:2] == ["Gruppe", "Arkiveret"] and "Åbenhed og tillid" in header
    assert [r[0] for r in rows[1:]] == ["Skolen", '\'=HYPERLINK("http://x")']  # sorted
    school = dict(zip(header, rows[1], strict=True))
    assert school["Handlinger over frist"] == "1"
    assert school["Kompetenceprofil svar"] == "2"
    assert school["Åbenhed og tillid"] == "3,50"  # a decimal comma
    other = dict(zip(header, rows[2], strict=True))
    assert other["Åbenhed og tillid"] == "" and other["APV"] == ""


# Queries stay constant as the organisation grows ------------------------------------------------


def grow(organisation, count: int, *, start: int = 0) -> None:  # type: ignore[no-untyped-def]
    """AMGs with something in every column."""
    now = timezone.now()
    today = timezone.localdate(now)
    for n in range(start, start + count):
        amg = builders.make_amg(organisation, f"Gruppe {n:02d}")
        action = builders.make_action(
            amg, deadline=today - datetime.timedelta(days=1), follow_up_on=today
        )
        Action.objects.filter(pk=action.pk).update(moved_at=now - datetime.timedelta(weeks=8))
        builders.make_idea(amg)
        builders.make_meeting(amg, days=n + 1)
        apv_services.create_area(
            amg=amg, name="Team", kind=Area.Kind.ENHED, last_assessed=today.replace(year=2024)
        )
        apv_services.start_apv(
            amg=amg, title=f"APV {n}", method=APV.Method.DIALOGISK, start_date=today
        )
        if n % 2:
            board.set_stalled_weeks(amg=amg, weeks=4 + n % 5)
        answered(amg, [3] * 6, [n % 5 + 1] * 6)


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["organisation_overview", "organisation_overview_csv"])
def test_query_count_is_the_same_for_2_and_50_amgs(name):
    organisation = builders.make_organisation("Vokseby Kommune")
    client = Client()
    client.force_login(builders.make_org_admin(organisation).user)
    target = reverse(name, kwargs={"organisation_id": organisation.pk})
    counts, hits = [], []
    for more in (2, 48):
        grow(organisation, more, start=len(counts) * 2)
        client.get(target)  # warm: the session, the instrument registry
        cache.clear()  # built afresh: every query of the overview
        with CaptureQueriesContext(connection) as queries:
            response = client.get(target + "?sorter=profil")
        assert response.status_code == 200
        counts.append(len(queries.captured_queries))
        with CaptureQueriesContext(connection) as queries:  # within CACHE_SECONDS
            assert client.get(target + "?sorter=ideer").status_code == 200
        hits.append(len(queries.captured_queries))
    assert organisation.amgs.count() == 50
    assert counts[0] == counts[1], counts
    assert counts[1] <= 36, counts  # 16 of the overview's own, the rest the engine's
    assert hits[0] == hits[1] < counts[0], hits


@pytest.mark.django_db
def test_kept_for_a_while_but_the_admins_own_changes_show_at_once(world):
    now = timezone.now()
    _first, key = cached_build(world.organisation, now=now)
    builders.make_idea(world.other_amg, "Ny idé")  # a group's work: shown within two minutes
    again, same_key = cached_build(world.organisation, now=now)
    assert same_key == key and row_of(again, world.other_amg).ideas_waiting == 0
    later, _key = cached_build(
        world.organisation, now=now + datetime.timedelta(seconds=CACHE_SECONDS)
    )
    assert row_of(later, world.other_amg).ideas_waiting == 1
    core.rename_amg(amg=world.other_amg, name="Vuggestuen")  # the admin's own work: at once
    renamed, _key = cached_build(world.organisation, now=now)
    assert "Vuggestuen" in [row.amg.name for row in renamed.rows]
    client = world.client_for("org_admin")
    assert "Vuggestuen" in client.get(url(world)).content.decode()
    core.set_amg_archived(amg=world.other_amg, archived=True, now=timezone.now())
    assert "Vuggestuen" not in client.get(url(world)).content.decode()


@pytest.mark.django_db
def test_sorting_by_the_three_year_date_puts_areas_never_assessed_first(world):
    today = timezone.localdate()
    third = builders.make_amg(world.organisation, "Ældreplejen")
    apv_services.create_area(
        amg=world.amg, name="Gammel", kind=Area.Kind.ENHED, last_assessed=today.replace(year=2024)
    )
    apv_services.create_area(
        amg=world.other_amg, name="Ny", kind=Area.Kind.ENHED, last_assessed=today
    )
    apv_services.create_area(amg=third, name="Aldrig", kind=Area.Kind.ENHED)
    data = build(world.organisation, now=timezone.now())
    column, descending = parse_sort("frist", None)
    ordered = sort_rows(data.rows, column, descending)
    assert [r.amg.name for r in ordered] == ["Ældreplejen", "Skolen", "Børnehaven"]


@pytest.mark.django_db
def test_no_apv_is_the_most_serious_gap_first_when_sorting_by_apv_and_looks_it(world):
    from tests.apv import builders as apv_builders

    third = builders.make_amg(world.organisation, "Ældreplejen")
    apv_builders.make_apv(world.amg, title="APV 2023", start_date=datetime.date(2023, 3, 1))
    apv_builders.make_apv(third, title="APV 2026", start_date=datetime.date(2026, 2, 1))
    data = build(world.organisation, now=timezone.now())
    column, descending = parse_sort("apv", None)
    ordered = sort_rows(data.rows, column, descending)
    assert [r.amg.name for r in ordered] == ["Børnehaven", "Skolen", "Ældreplejen"]
    page = world.client_for("org_admin").get(url(world)).content.decode()
    assert '<span class="pill pill-gap"><span aria-hidden="true">⚠ </span>Ingen APV</span>' in page


@pytest.mark.django_db
def test_training_due_per_group_on_the_page_and_in_the_csv(world):
    """The training record's count (metoder.training.queries) is a column of its own."""
    from metoder.training import services as training

    today = timezone.localdate()
    expected = build(world.organisation, now=timezone.now())
    before = row_of(expected, world.amg).training_due
    # A leder who took office four months ago without the mandatory course is overdue.
    newcomer = builders.make_member(world.amg, role=Role.LEDER)
    training.set_took_office(membership=newcomer, took_office=today - datetime.timedelta(days=120))
    data = build(world.organisation, now=timezone.now())
    assert row_of(data, world.amg).training_due == before + 1
    sorted_rows = sort_rows(data.rows, COLUMN_KEYS["uddannelse"], True)
    assert sorted_rows[0].amg == world.amg
    rows = list(csv.reader(io.StringIO(as_csv(data).decode("utf-8-sig")), delimiter=";"))
    column = rows[0].index("Uddannelse forfalder")
    line = next(r for r in rows[1:] if r[0] == world.amg.name)
    assert line[column] == str(before + 1)


# The table's rows ---------------------------------------------------------------------------------


def test_the_rows_markup_has_no_whitespace_between_tags_and_escapes_names():
    """The rows' template (composition/overview_rows.html#rows) draws exactly this markup: one
    line per row, nothing between the cells, names escaped, the notes in the 3-year cell."""
    apv = LatestAPV(
        pk=3,
        title="APV 2026",
        status="i_gang",
        status_label="I gang",
        start_date=datetime.date(2026, 1, 5),
        closed_on=None,
    )
    nothing = {"apv_start": "", "next_due": "", "last_meeting": "", "next_meeting": ""}
    first = Row(
        amg=AMG(pk=7, name="Skolen & <co>", organisation_id=1),
        apv=apv,
        areas=AreaStatus(
            total=4, next_due=datetime.date(2026, 3, 1), overdue=1, soon=1, never=1, flagged=2
        ),
        overdue_actions=2,
        overdue_follow_ups=0,
        stalled=1,
        stalled_weeks=6,
        last_meeting=None,
        next_meeting=None,
        ideas_waiting=3,
        too_few_answers=True,
        readiness=Readiness(ready=False, breaches=2, due_soon=1, points_in_order=10),
    )
    first.text = {**nothing, "apv_start": "5.1.2026", "next_due": "1.3.2026"}
    archived = Row(
        amg=AMG(pk=8, name="Børnehaven", organisation_id=1, archived_at=timezone.now()),
        apv=None,
        areas=AreaStatus(total=1, next_due=datetime.date(2027, 3, 1)),
        overdue_actions=0,
        overdue_follow_ups=1,
        stalled=0,
        stalled_weeks=6,
        last_meeting=None,
        next_meeting=None,
        ideas_waiting=0,
        training_due=2,
        profile=GroupProfile(
            round_id=1, date=datetime.date(2026, 1, 1), labels=["x"], means=[3.5], respondents=2
        ),
        chart=mark_safe('<svg class="profile-spark"></svg>'),
    )
    archived.text = {
        **nothing,
        "next_due": "1.3.2027",
        "last_meeting": "2.2.2026",
        "next_meeting": "9.3.2026",
        "level": "3,5",
    }
    assert table_body([first, archived]) == (
        '<tr><th scope="row"><a href="/amg/7/tavle/">Skolen &amp; &lt;co&gt;</a></th>'
        '<td><a href="/amg/7/klar-til-tilsyn/"><span class="pill pill-warn">'
        '<span aria-hidden="true">✕</span> Ikke klar</span><span class="visually-hidden"> – '
        'Skolen &amp; &lt;co&gt;</span></a><ul class="cell-notes">'
        '<li class="num-warn">2 overskredet eller mangler</li><li class="num-wait">1 snart</li>'
        '<li class="muted">10 af 13 punkter i orden</li></ul></td>'
        '<td><a href="/amg/7/apv/3/">APV 2026</a><br><span class="pill pill-ok">I gang</span> '
        '<span class="muted small">5.1.2026</span></td>'
        '<td><span class="num-warn">1.3.2026</span><ul class="cell-notes">'
        '<li class="num-warn">1 område over 3 år</li><li class="num-wait">1 aldrig vurderet</li>'
        '<li class="num-wait">2 ændringer kræver revision</li></ul></td>'
        '<td class="num num-warn">2</td><td class="num">0</td><td class="num num-wait">1</td>'
        '<td><span class="muted">Intet endnu</span></td>'
        '<td><span class="muted">Intet planlagt</span></td>'
        '<td class="num num-wait">3</td><td class="num">0</td><td class="profile-cell">'
        '<span class="muted small">For få svar til at vise (mindst 2)</span></td></tr>\n'
        '<tr class="archived"><th scope="row"><a href="/amg/8/tavle/">Børnehaven</a> '
        '<span class="pill pill-muted">Arkiveret</span></th><td></td>'
        '<td><span class="pill pill-gap"><span aria-hidden="true">⚠ </span>Ingen APV</span></td>'
        '<td><span class="">1.3.2027</span><ul class="cell-notes">'
        '<li class="muted">1 område</li></ul></td>'
        '<td class="num">0</td><td class="num num-warn">1</td><td class="num">0</td>'
        '<td>2.2.2026</td><td>9.3.2026</td><td class="num">0</td><td class="num num-warn">2</td>'
        '<td class="profile-cell"><svg class="profile-spark"></svg>'
        '<span class="small muted">Gns. 3,5 · 2 svar</span></td></tr>'
    )


# Klar til tilsyn -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_ready_or_not_per_group_sortable_and_in_the_csv(world):
    from apv.models import Incident
    from tests.apv import builders as apv_builders

    before = {r.amg.name: r.readiness for r in build(world.organisation, now=timezone.now()).rows}
    first_day = timezone.localdate() - datetime.timedelta(days=20)
    apv_builders.make_incident(
        world.amg, kind=Incident.Kind.ULYKKE, date=first_day, absence_from=first_day
    )
    # The other group has no leder: one more breach than the school, until the accident.
    builders.make_member(world.other_amg, builders.make_user(), "leder")
    client = world.client_for("org_admin")
    html = client.get(url(world, "organisation_overview", sorter="tilsyn")).content.decode()
    assert f'href="{reverse("readiness", args=[world.amg.pk])}"' in html
    assert "Ikke klar" in html
    data = build(world.organisation, now=timezone.now())
    by_name = {row.amg.name: row for row in data.rows}
    school, other = by_name["Skolen"].readiness, by_name["Børnehaven"].readiness
    assert school is not None and other is not None
    assert school.breaches == before["Skolen"].breaches + 1  # the unreported accident
    assert school.breaches == other.breaches + 1
    # Most overdue or missing first.
    column, descending = parse_sort("tilsyn", None)
    assert descending
    assert [r.amg.name for r in sort_rows(data.rows, column, descending)] == [
        "Skolen",
        "Børnehaven",
    ]
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(url(world, "organisation_overview_csv")).content.decode("utf-8-sig")
            ),
            delimiter=";",
        )
    )
    school_row = next(dict(zip(rows[0], r, strict=True)) for r in rows[1:] if r[0] == "Skolen")
    assert school_row["Klar til tilsyn"] == "Nej"
    assert school_row["Tilsyn: overskredet eller mangler"] == str(school.breaches)
    assert school_row["Tilsyn: punkter i orden af 13"] == str(school.points_in_order)
