"""The small-group rule is one rule (`forkant.lib.small_groups`): sickness absence, imported survey
results and a dialogisk APV's histograms all go through it, on their pages and in the bundle."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from apv import services
from apv.survey_csv import Row
from apv.surveys import survey_table
from forkant.lib.small_groups import MIN_GROUP, is_small, suppress
from tests.apv import builders as apv_builders


def test_the_limit_is_five_and_an_unknown_count_counts_as_too_few():
    assert MIN_GROUP == 5
    assert is_small(4) and is_small(None) and is_small(0)
    assert not is_small(5)


def test_parts_of_a_known_whole_hide_a_second_part_so_the_small_one_cannot_be_derived():
    rule = suppress([15, 13, 4], whole=32)
    assert rule.hidden == (False, True, True)
    assert rule.complementary == (False, True, False)
    assert not rule.whole_hidden


def test_a_whole_with_one_part_left_to_hide_behind_is_hidden_itself():
    rule = suppress([3, 1])
    assert rule.hidden == (True, True)
    assert rule.whole_hidden


def _survey(world, rows):
    apv = apv_builders.make_apv(world.amg)
    return services.import_survey(apv=apv, title="Trivsel", filename="t.csv", rows=rows)


def test_a_survey_unit_with_four_answers_is_not_shown_and_the_others_are(world):
    survey = _survey(
        world,
        [
            Row(2, "Tid nok", Decimal("2.7"), "Indskolingen", 15),
            Row(3, "Tid nok", Decimal("3.0"), "Administrationen", 4),
            Row(4, "Tid nok", Decimal("3.4"), "Mellemtrinnet", 13),
        ],
    )
    (question,) = survey_table(survey.results.all())
    shown = {r.unit: r for r in question.units if not r.suppressed}
    assert set(shown) == {"Indskolingen", "Mellemtrinnet"}
    # The small unit goes last, so the order does not give it away either.
    assert question.units[-1].unit == "Administrationen" and question.units[-1].suppressed


def test_beside_the_workplaces_own_result_a_second_unit_is_hidden_too(world):
    survey = _survey(
        world,
        [
            Row(2, "Tryg", Decimal("3.5"), "", 32),
            Row(3, "Tryg", Decimal("3.1"), "Indskolingen", 15),
            Row(4, "Tryg", Decimal("4.2"), "Mellemtrinnet", 13),
            Row(5, "Tryg", Decimal("4.5"), "Administrationen", 4),
        ],
    )
    (question,) = survey_table(survey.results.all())
    assert not question.whole[0].suppressed
    hidden = {r.unit: r.complementary for r in question.units if r.suppressed}
    assert hidden == {"Mellemtrinnet": True, "Administrationen": False}


def test_a_result_without_a_count_of_answers_is_not_shown(world):
    survey = _survey(world, [Row(2, "Tid nok", Decimal("2.7"), "Indskolingen", None)])
    (question,) = survey_table(survey.results.all())
    assert question.units[0].suppressed and question.units[0].unknown_count


def test_the_survey_page_never_shows_the_small_units_result(world):
    survey = _survey(
        world,
        [
            Row(2, "Tid nok", Decimal("2.71"), "Indskolingen", 15),
            Row(3, "Tid nok", Decimal("3.97"), "Administrationen", 4),
        ],
    )
    url = reverse("survey_detail", kwargs={"amg_id": world.amg.pk, "pk": survey.pk})
    html = world.client_for("leder").get(url).content.decode()
    assert "2,71" in html  # Danish decimals
    assert "3,97" not in html and "3.97" not in html and "Administrationen" not in html
    assert "Under 5 svar – vises ikke" in html


def test_a_dialogisk_apv_with_four_participants_shows_no_histogram(world):
    apv = apv_builders.make_apv(world.amg)
    session = apv_builders.make_dialog(apv)
    session.participants = 4  # as if entered so (the form allows any count of one or more)
    session.save(update_fields=["participants"])
    for name, kwargs in (
        ("dialog_detail", {"amg_id": world.amg.pk, "pk": session.pk}),
        ("part_kortlaegning", {"amg_id": world.amg.pk, "pk": apv.pk}),
    ):
        html = world.client_for("leder").get(reverse(name, kwargs=kwargs)).content.decode()
        assert "chart-histogram" not in html
        assert "Færre end 5 deltog" in html
