"""The engine of obligations: the rule data and its system check, the order of findings, the
thirteen points, many AMGs in a fixed number of queries, and the core's own check."""

from __future__ import annotations

import copy
import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.urls import reverse

from forkant import obligations
from forkant.models import Role
from forkant.obligations import catalogue, data, engine
from forkant.obligations.members import amo_members
from forkant.obligations.values import Finding, State
from tests import builders

TODAY = datetime.date(2026, 6, 15)


@pytest.fixture
def fresh_catalogue():  # type: ignore[no-untyped-def]
    catalogue._loaded.cache_clear()
    yield
    catalogue._loaded.cache_clear()


# The data -------------------------------------------------------------------------------


def test_the_rule_data_is_valid_and_covers_all_thirteen_points():
    assert catalogue.errors() == []
    numbers = {r.point for r in obligations.rules()}
    assert numbers == set(range(1, 14))
    assert [p.number for p in obligations.point_titles()] == list(range(1, 14))


def test_every_law_a_rule_cites_is_listed_with_its_citation_and_date():
    cited = {r.law.key for r in obligations.rules()}
    laws = obligations.laws()
    assert {law.key for law in laws} == cited
    citations = {law.citation for law in laws}
    assert "BEK nr. 1838 af 14/12/2023" in citations
    assert "BEK nr. 1406 af 26/09/2020" in citations
    assert "BEK nr. 799 af 03/06/2022" in citations
    assert all(law.url.startswith("https://") and law.checked_on for law in laws)


def test_a_rules_text_shows_its_parameters():
    easy = obligations.rule("easy-report")
    assert easy.parameters["days"] == 14
    assert "14 dage" in str(easy.title)
    assert easy.reference == "BEK nr. 799 af 03/06/2022, § 1, stk. 1 og 2"


def test_parameter_reads_a_deadline_and_refuses_an_unknown_one():
    assert obligations.parameter("apv-revision", "years") == 3
    with pytest.raises(ImproperlyConfigured):
        obligations.parameter("apv-revision", "weeks")
    with pytest.raises(ImproperlyConfigured):
        obligations.rule("no-such-rule")


def _rules_with(**changes: object) -> list[dict]:
    rules = copy.deepcopy(data.RULES)
    rules[0].update(changes)
    return rules


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"law": "grundloven"}, "law 'grundloven' is not among the laws"),
        ({"point": 14}, "point must be one of 1–13"),
        ({"checked_on": "6. december"}, "checked_on must be a date"),
        ({"checked_on": "2999-01-01"}, "checked_on lies in the future"),
        ({"parameters": {"days": -3}}, "parameter 'days' must be positive"),
        ({"parameters": {"days": "fjorten"}}, "parameter 'days' must be a number"),
        ({"text": "Inden %(days)s dage"}, "text has a placeholder the parameters do not fill"),
        ({"source_url": "http://at.dk"}, "source_url must be an https:// address"),
        ({"key": "Med Mellemrum"}, "key must be lower-case letters"),
        ({"paragraf": "§ 1"}, "unknown field 'paragraf'"),
    ],
)
def test_a_broken_rule_is_reported_by_its_key(changes, message):
    found, errors = catalogue.validate(data.LAWS, data.POINTS, _rules_with(**changes))
    assert any(message in str(e) for e in errors), errors
    assert data.RULES[0]["key"] not in found.rules or "key" in changes


def test_a_key_used_twice_and_a_point_without_rules_are_reported():
    rules = copy.deepcopy(data.RULES)
    rules.append(copy.deepcopy(rules[1]))
    rules = [r for r in rules if r["point"] != 13]
    _found, errors = catalogue.validate(data.LAWS, data.POINTS, rules)
    texts = [str(e) for e in errors]
    assert f"rule '{rules[1]['key']}': key is used twice" in texts
    assert "point 13: has no rule" in texts


def test_a_broken_law_is_reported_and_its_rules_with_it():
    laws = copy.deepcopy(data.LAWS)
    laws[0]["url"] = "www.retsinformation.dk"
    _found, errors = catalogue.validate(laws, data.POINTS, data.RULES)
    texts = [str(e) for e in errors]
    assert any(t.startswith("law 'arbejdsmiljoeloven': url must be") for t in texts)
    assert any("rule 'apv-revision': law 'arbejdsmiljoeloven' is not among" in t for t in texts)


def test_manage_py_check_fails_on_a_broken_rule(monkeypatch, fresh_catalogue):
    monkeypatch.setattr(data, "RULES", _rules_with(point=99))
    with pytest.raises(SystemCheckError) as failure:
        call_command("check")
    assert "forkant.E002" in str(failure.value)
    assert "amo-members" in str(failure.value)


def test_manage_py_check_fails_on_a_check_for_an_unknown_rule(monkeypatch):
    monkeypatch.setitem(engine._checks, "rule-nobody-wrote", lambda amg, today: [])
    with pytest.raises(SystemCheckError) as failure:
        call_command("check")
    assert "forkant.E003" in str(failure.value)


def test_manage_py_check_passes_on_the_shipped_data():
    call_command("check")


# The engine -----------------------------------------------------------------------------


def _finding(
    key: str, state: State, due: datetime.date | None = None, subject: str = ""
) -> Finding:
    return Finding(obligations.rule(key), state, f"{key} {state}", "", subject=subject, due=due)


@pytest.fixture
def only(monkeypatch):  # type: ignore[no-untyped-def]
    """Run the engine with these checks only."""

    def use(checks: dict) -> None:  # type: ignore[type-arg]
        monkeypatch.setattr(engine, "_checks", dict(checks))

    return use


def test_findings_come_worst_first_then_nearest_deadline(db, only):
    amg = builders.make_amg()
    day = datetime.timedelta(days=1)
    only(
        {
            "apv-revision": lambda a, t: [
                _finding("apv-revision", State.OK, subject="a"),
                _finding("apv-revision", State.DUE_SOON, t + 30 * day, "far"),
                _finding("apv-revision", State.DUE_SOON, t + 2 * day, "near"),
            ],
            "easy-report": lambda a, t: [
                _finding("easy-report", State.OVERDUE, t - 40 * day, "long ago"),
                _finding("easy-report", State.OVERDUE, t - 1 * day, "yesterday"),
            ],
            "amo-members": lambda a, t: [_finding("amo-members", State.MISSING, None, "amr")],
        }
    )
    found = obligations.findings(amg, today=TODAY)
    assert [f.subject for f in found] == ["yesterday", "long ago", "amr", "near", "far", "a"]


def test_points_are_the_thirteen_with_their_worst_state(db, only):
    amg = builders.make_amg()
    only(
        {
            "apv-revision": lambda a, t: [_finding("apv-revision", State.OK)],
            "apv-changes": lambda a, t: [_finding("apv-changes", State.DUE_SOON)],
            "easy-report": lambda a, t: [_finding("easy-report", State.OK)],
        }
    )
    points = obligations.points(amg, today=TODAY)
    assert [p.number for p in points] == list(range(1, 14))
    by_number = {p.number: p for p in points}
    assert by_number[2].state == State.DUE_SOON
    assert [f.rule.key for f in by_number[2].findings] == ["apv-changes", "apv-revision"]
    assert by_number[2].attention == [by_number[2].findings[0]]
    assert by_number[11].state == State.OK
    # A point nobody answered is not "in order".
    assert by_number[4].state == State.MISSING and by_number[4].findings == []
    assert [r.key for r in by_number[10].rules] == ["mandatory-training", "supplementary-training"]


def test_a_summary_is_ready_when_nothing_is_overdue_or_missing(db, only):
    amgs = [builders.make_amg() for _ in range(2)]
    only(
        {
            "easy-report": lambda a, t: [
                _finding("easy-report", State.OVERDUE if a.pk == amgs[0].pk else State.DUE_SOON)
            ],
        }
    )
    found = obligations.summaries([a.pk for a in amgs], today=TODAY)
    assert not found[amgs[0].pk].ready and found[amgs[0].pk].breaches == 1
    assert found[amgs[1].pk].ready and found[amgs[1].pk].due_soon == 1
    assert found[amgs[1].pk].state == State.DUE_SOON


def _counting_loader(calls: list):  # type: ignore[no-untyped-def]
    def loader(amg_ids, today):  # type: ignore[no-untyped-def]
        calls.append(list(amg_ids))
        from forkant.models import AMG

        return {a.pk: a.name for a in AMG.objects.filter(pk__in=amg_ids)}

    return loader


def test_a_loader_reads_every_amg_of_a_run_at_once(db, only, django_assert_num_queries):
    calls: list = []
    loader = _counting_loader(calls)

    def check(amg, today):  # type: ignore[no-untyped-def]
        name = obligations.load(loader, amg, today)
        yield _finding("amo-members", State.OK, subject=name)

    only({"amo-members": check})
    few = [builders.make_amg().pk for _ in range(2)]
    many = few + [builders.make_amg().pk for _ in range(10)]
    # One query for the AMGs, one for the loader: the same for 2 and for 12 AMGs.
    with django_assert_num_queries(2):
        obligations.summaries(few, today=TODAY)
    with django_assert_num_queries(2):
        result = obligations.summaries(many, today=TODAY)
    assert len(result) == 12 and sorted(calls[-1]) == sorted(many)
    # Outside a run, a check reads its own AMG only.
    amg = builders.make_amg()
    assert [f.subject for f in check(amg, TODAY)] == [amg.name]
    assert calls[-1] == [amg.pk]


def test_summaries_leave_out_ids_that_are_no_amg(db):
    assert obligations.summaries([], today=TODAY) == {}
    assert obligations.summaries([999999], today=TODAY) == {}


# The core's check: the AMO's members and roles ---------------------------------------------


def test_an_amg_without_an_amr_is_missing_one(db):
    amg = builders.make_amg()
    builders.make_member(amg, builders.make_user(first_name="Hanne", last_name="Bech"), Role.LEDER)
    found = list(amo_members(amg, TODAY))
    assert [f.state for f in found] == [State.MISSING]
    assert "arbejdsmiljørepræsentant" in found[0].reason
    assert found[0].url == reverse("member_list", args=[amg.pk]) + "#invite-title"


def test_an_amg_with_leder_and_amr_is_in_order_and_names_them(db):
    amg = builders.make_amg()
    builders.make_member(amg, builders.make_user(first_name="Hanne", last_name="Bech"), Role.LEDER)
    amr = builders.make_member(
        amg, builders.make_user(first_name="Jonas", last_name="Madsen"), Role.AMR
    )
    found = list(amo_members(amg, TODAY))
    assert [f.state for f in found] == [State.OK]
    assert "Leder: Hanne Bech" in found[0].reason
    assert "Arbejdsmiljørepræsentant: Jonas Madsen" in found[0].reason
    # A removed member no longer counts.
    from django.utils import timezone

    from forkant import services

    services.remove_member(membership=amr, now=timezone.now())
    assert [f.state for f in amo_members(amg, TODAY)] == [State.MISSING]


# The registry as the apps fill it ----------------------------------------------------------


def test_every_rule_has_a_check_registered_by_the_app_that_owns_its_data():
    registered = obligations.registered()
    assert set(registered) == {r.key for r in obligations.rules()}
    owner = {key: check.__module__.split(".")[0] for key, check in registered.items()}
    assert owner["amo-members"] == "forkant"
    assert {owner[k] for k in ("apv-revision", "easy-report", "violence-guideline")} == {"apv"}
    assert {owner[k] for k in ("amo-meetings", "annual-discussion", "mandatory-training")} == {
        "metoder"
    }


def test_manage_py_check_fails_on_a_rule_nobody_checks(monkeypatch):
    monkeypatch.delitem(engine._checks, "easy-report")
    with pytest.raises(SystemCheckError) as failure:
        call_command("check")
    assert "forkant.E004" in str(failure.value) and "easy-report" in str(failure.value)


def test_every_point_has_an_answer_even_for_a_new_empty_amg(db):
    amg = builders.make_amg()
    points = obligations.points(amg, today=TODAY)
    assert all(p.findings for p in points), [p.number for p in points if not p.findings]
    assert all(f.reason and f.url for p in points for f in p.findings)
