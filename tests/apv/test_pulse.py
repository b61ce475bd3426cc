"""The pulse (apv/pulse/): counters only, the small-group rule, the record in the kortlægning,
proposals moderated apart from the scores, and the trend."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from apv import catalogue, charts
from apv.models import APV, DialogSession
from apv.pulse import queries, services
from apv.pulse.models import ProposalStatus, Pulse, PulseCount, PulseProposal, PulseTally
from handleplan.models import Action, Idea, IdeaStatus, Status
from tests.apv import builders as apv_builders
from tests.apv.pulse_builders import answer, open_pulse, scores


def test_a_pulse_has_metode_1s_five_themes_and_up_to_three_own(world):
    pulse = open_pulse(world.amg, own_themes=["Samarbejdet med forældre", "", "Støj"])
    assert pulse.theme_codes == [*catalogue.DIALOG_THEME_CODES, "egen-1", "egen-2"]
    assert [str(t.text) for t in pulse.themes][-2:] == ["Samarbejdet med forældre", "Støj"]
    # Every counter exists from the start: 7 themes × 10 points, one unit ("").
    assert PulseCount.objects.filter(pulse=pulse).count() == 70
    with pytest.raises(ValidationError):
        open_pulse(world.other_amg, own_themes=["a", "b", "c", "d"])


def test_only_one_pulse_at_a_time_and_it_must_close_after_it_opens(world):
    now = timezone.now()
    open_pulse(world.amg)
    with pytest.raises(ValidationError):
        open_pulse(world.amg)
    with pytest.raises(ValidationError):
        open_pulse(world.other_amg, opens_at=now, closes_at=now - datetime.timedelta(hours=1))


def test_an_answer_only_raises_counters_and_stores_nothing_about_the_person(world):
    pulse = open_pulse(world.amg)
    answer(pulse, 3, samlet=9, proposal="Mødefri fredag")
    counts = services.counts_of(pulse)
    assert counts["arbejdsmaengden"] == [0, 0, 1, 0, 0, 0, 0, 0, 0, 0]
    assert counts["samlet"][8] == 1
    assert services.answers(pulse) == 1
    # No row per answer: the counters, the tally and the proposal are all there is.
    assert PulseCount.objects.filter(pulse=pulse).count() == 50
    assert {f.name for f in PulseCount._meta.fields} == {
        "id",
        "pulse",
        "theme",
        "unit",
        "point",
        "count",
    }
    assert {f.name for f in PulseTally._meta.fields} == {"id", "pulse", "unit", "answers"}
    proposal = PulseProposal.objects.get()
    # The proposal has no time, unit or link to the scores, only its text and moderation.
    assert {f.name for f in PulseProposal._meta.fields} == {
        "id",
        "pulse",
        "amg",
        "text",
        "status",
        "decline_reason",
        "idea",
        "handled_by",
    }
    assert proposal.status == ProposalStatus.NEW


@pytest.mark.parametrize(
    "bad",
    [
        {"samlet": 0},
        {"samlet": 11},
        {"samlet": -3},
    ],
)
def test_answers_outside_1_to_10_are_refused_and_nothing_is_counted(world, bad):
    pulse = open_pulse(world.amg)
    with pytest.raises(ValidationError):
        services.submit_answer(pulse=pulse, scores=scores(pulse, 5, **bad), now=timezone.now())
    assert services.answers(pulse) == 0
    assert sum(PulseCount.objects.filter(pulse=pulse).values_list("count", flat=True)) == 0


def test_unknown_themes_missing_themes_and_unknown_units_are_refused(world):
    pulse = open_pulse(world.amg, units=["Indskolingen"])
    now = timezone.now()
    with pytest.raises(ValidationError):
        services.submit_answer(pulse=pulse, scores={**scores(pulse), "egen-9": 4}, now=now)
    with pytest.raises(ValidationError):
        services.submit_answer(pulse=pulse, scores={"samlet": 4}, now=now)
    with pytest.raises(ValidationError):
        services.submit_answer(pulse=pulse, scores=scores(pulse), unit="Udskolingen", now=now)
    services.submit_answer(pulse=pulse, scores=scores(pulse), unit="Indskolingen", now=now)
    assert services.answers(pulse) == 1


def test_a_closed_pulse_takes_no_answers(world):
    pulse = open_pulse(world.amg)
    services.close_pulse(pulse=pulse, now=timezone.now())
    pulse.refresh_from_db()
    with pytest.raises(services.PulseClosed):
        answer(pulse)
    assert services.answers(pulse) == 0


def test_nothing_is_shown_below_five_answers(world):
    pulse = open_pulse(world.amg)
    for _ in range(4):
        answer(pulse)
    result = queries.results(pulse)
    assert not result.shown and result.themes == [] and result.units == []
    answer(pulse)
    result = queries.results(pulse)
    assert result.shown
    assert result.themes[0].counts[6] == 5
    assert result.themes[0].average == 7


def test_a_unit_is_shown_only_with_five_and_not_derivable_from_the_rest(world):
    pulse = open_pulse(world.amg, units=["Indskolingen", "Udskolingen"])
    for _ in range(6):
        answer(pulse, unit="Indskolingen")
    for _ in range(2):
        answer(pulse, unit="Udskolingen")
    result = queries.results(pulse)
    assert result.shown  # 8 in all
    shown = {u.unit: u.shown for u in result.units}
    # Udskolingen (2) is hidden, and so is Indskolingen: else 8 − 6 would give Udskolingen.
    assert shown == {"Indskolingen": False, "Udskolingen": False}
    for _ in range(5):
        answer(pulse, unit="Udskolingen")
    shown = {u.unit: u.shown for u in queries.results(pulse).units}
    assert shown == {"Indskolingen": True, "Udskolingen": True}


def test_closing_records_the_pulse_as_a_dialogisk_apv_in_the_current_kortlaegning(world):
    apv = apv_builders.make_apv(world.amg)
    pulse = open_pulse(world.amg, own_themes=["Støj"])
    for point in (2, 4, 6, 8, 8, 9):
        answer(pulse, point, proposal="Mødefri fredag" if point == 2 else "")
    proposal = PulseProposal.objects.get()
    services.approve_proposal(proposal=proposal, by=world.amr)
    record = services.close_pulse(pulse=pulse, now=timezone.now())
    assert record is not None and record.apv == apv and record.pulse == pulse
    assert record.participants == 6
    assert record.counts["samlet"] == [0, 1, 0, 1, 0, 1, 0, 2, 1, 0]
    assert record.counts["egen-1"][7] == 2
    assert record.proposal_lines == ["Mødefri fredag"]
    # The kortlægning draws it like any dialogisk APV, its own theme included.
    rows = charts.dialog_histograms(record)
    assert [str(theme.text) for theme, _svg in rows][-1] == "Støj"
    # Once only.
    assert services.close_pulse(pulse=pulse, now=timezone.now()) == record
    assert DialogSession.objects.count() == 1


def test_a_pulse_of_fewer_than_five_is_recorded_but_its_histograms_are_not_drawn(world):
    apv_builders.make_apv(world.amg)
    pulse = open_pulse(world.amg)
    answer(pulse)
    record = services.close_pulse(pulse=pulse, now=timezone.now())
    assert record.participants == 1
    assert charts.dialog_histograms(record) is None


def test_without_an_apv_under_way_the_pulse_waits_for_the_next_one(world):
    old = apv_builders.make_apv(world.amg)
    APV.objects.filter(pk=old.pk).update(status=APV.Status.AFSLUTTET)
    pulse = open_pulse(world.amg)
    assert services.close_pulse(pulse=pulse, now=timezone.now()) is None
    new_apv = apv_builders.make_apv(world.amg, title="APV 2027")
    record = services.record_pulse(pulse=Pulse.objects.get(pk=pulse.pk))
    assert record.apv == new_apv


def test_a_pulse_whose_time_ran_out_is_recorded_when_the_pages_are_read(world):
    apv_builders.make_apv(world.amg)
    pulse = open_pulse(world.amg)
    later = pulse.closes_at + datetime.timedelta(minutes=1)
    assert not pulse.is_open(later)
    records = services.record_due(amg=world.amg, now=later)
    assert [r.pulse_id for r in records] == [pulse.pk]
    assert services.record_due(amg=world.amg, now=later) == []


def test_a_proposal_becomes_an_idea_on_the_board_in_one_step(world):
    apv = apv_builders.make_apv(world.amg)
    pulse = open_pulse(world.amg)
    for _ in range(5):
        answer(pulse, proposal="Fælles kalender")
    first, second, *_rest = PulseProposal.objects.order_by("pk")
    action = services.proposal_to_idea(
        proposal=first, theme=world.theme, by=world.amr, now=timezone.now()
    )
    assert action.status == Status.PARKERET and action.theme == world.theme
    idea = Idea.objects.get(action=action)
    assert idea.status == IdeaStatus.PUBLISHED and idea.name == ""
    first.refresh_from_db()
    assert first.status == ProposalStatus.APPROVED and first.idea == idea
    with pytest.raises(ValidationError):  # handled already
        services.proposal_to_idea(
            proposal=first, theme=world.theme, by=world.amr, now=timezone.now()
        )
    with pytest.raises(ValidationError):  # a theme of another AMG
        services.proposal_to_idea(
            proposal=second, theme=world.other_theme, by=world.amr, now=timezone.now()
        )
    services.decline_proposal(proposal=second, by=world.amr, reason="Findes allerede")
    record = services.close_pulse(pulse=pulse, now=timezone.now())
    assert record.apv == apv and record.proposal_lines == ["Fælles kalender"]
    assert Action.objects.filter(amg=world.amg, status=Status.PARKERET).count() == 1


def test_the_trend_shows_each_themes_average_and_a_gap_below_five(world):
    now = timezone.now()
    averages = []
    for n, (point, answers) in enumerate([(4, 5), (9, 3), (8, 6)]):
        opens = now - datetime.timedelta(days=30 * (3 - n))
        pulse = open_pulse(
            world.amg, opens_at=opens, closes_at=opens + datetime.timedelta(days=2), now=opens
        )
        Pulse.objects.filter(pk=pulse.pk).update(closes_at=now + datetime.timedelta(days=1))
        pulse.refresh_from_db()
        for _ in range(answers):
            answer(pulse, point)
        services.close_pulse(pulse=pulse, now=opens + datetime.timedelta(days=1))
        averages.append(point if answers >= 5 else None)
    pulses, trends = queries.trend(world.amg, now=now)
    assert len(pulses) == 3
    samlet = next(t for t in trends if t.theme.code == "samlet")
    assert samlet.averages == [4.0, None, 8.0]
    assert averages == [4, None, 8]


needs_shared_database = pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="the SQLite test database lives in one process's memory; CI runs this on PostgreSQL",
)


@needs_shared_database
@pytest.mark.django_db(transaction=True)
def test_parallel_answers_are_each_counted_exactly_once():
    from tests import builders

    amg = builders.make_amg(builders.make_organisation("Parallelkommune"), "Skolen")
    pulse = open_pulse(amg, units=["A"])
    threads, errors = [], []
    per_thread, thread_count = 10, 8

    def submit(index: int) -> None:
        try:
            for i in range(per_thread):
                point = (index + i) % 10 + 1
                services.submit_answer(
                    pulse=pulse,
                    scores=scores(pulse, point),
                    unit="A" if i % 2 else "",
                    now=timezone.now(),
                )
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    for index in range(thread_count):
        threads.append(threading.Thread(target=submit, args=(index,)))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    total = per_thread * thread_count
    assert services.answers(pulse) == total
    counts = services.counts_of(pulse)
    for code in pulse.theme_codes:
        assert sum(counts[code]) == total
    expected = [0] * 10
    for index in range(thread_count):
        for i in range(per_thread):
            expected[(index + i) % 10] += 1
    assert counts["samlet"] == expected
    assert sum(services.counts_of(pulse, "A")["samlet"]) == total // 2


def test_a_pulse_records_proposals_are_not_parked_all_at_once(world):
    from apv import services as apv_services

    apv_builders.make_apv(world.amg)
    pulse = open_pulse(world.amg)
    answer(pulse, proposal="Fælles kalender")
    services.approve_proposal(proposal=PulseProposal.objects.get(), by=world.amr)
    record = services.close_pulse(pulse=pulse, now=timezone.now())
    with pytest.raises(ValidationError):
        apv_services.park_proposals(session=record, theme=world.theme)
    assert not Action.objects.filter(amg=world.amg, status=Status.PARKERET).exists()


def test_the_short_link_can_be_read_off_the_wall_and_typed_on_a_phone(world):
    # Lower case, and none of the letters and digits that look alike (0/o, 1/l/i).
    codes = {open_pulse(world.amg).code}
    for pulse in Pulse.objects.all():
        services.close_pulse(pulse=pulse, now=timezone.now())
    codes.add(open_pulse(world.amg).code)
    for code in codes:
        assert len(code) == 8
        assert set(code) <= set("abcdefghjkmnpqrstuvwxyz23456789")
