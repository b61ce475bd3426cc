"""The readiness page "Klar til tilsyn?": the thirteen points with their state in words, the
reasons, the links to the forms that fix them, in a number of queries that does not grow with
the records."""

from __future__ import annotations

import datetime
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apv.models import Incident
from forkant.lib.dates import today
from tests import builders
from tests.apv import builders as apv_builders


def _page(world, persona: str = "leder") -> str:  # type: ignore[no-untyped-def]
    response = world.client_for(persona).get(reverse("readiness", args=[world.amg.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_lists_the_thirteen_points_in_the_inspectors_order(world):
    html = _page(world)
    numbers = [int(n) for n in re.findall(r'id="punkt-(\d+)"', html)]
    assert numbers == list(range(1, 14))
    assert "Arbejdsulykker med fravær anmeldt i EASY" in html
    # Every point's state in words, not the colour alone.
    assert html.count('class="state-badge') == 13
    assert "Ikke klar endnu" in html


def test_a_red_point_says_why_and_links_to_the_form_that_fixes_it(world):
    first_day = today() - 20 * datetime.timedelta(days=1)
    incident = apv_builders.make_incident(
        world.amg, kind=Incident.Kind.ULYKKE, date=first_day, absence_from=first_day
    )
    html = _page(world)
    assert "er ikke anmeldt i EASY; fristen var" in html
    assert f'href="{reverse("incident_edit", args=[world.amg.pk, incident.pk])}"' in html
    # The law behind it, with its date.
    assert "BEK nr. 799 af 03/06/2022, § 1, stk. 1 og 2" in html
    assert "kontrolleret 6. december 2026" in html


def test_readers_see_the_reasons_but_no_links_to_forms_they_cannot_use(world):
    first_day = today() - 20 * datetime.timedelta(days=1)
    incident = apv_builders.make_incident(world.amg, absence_from=first_day)
    edit = reverse("incident_edit", args=[world.amg.pk, incident.pk])
    for persona in ("laeser", "org_admin"):
        html = _page(world, persona)
        assert "er ikke anmeldt i EASY" in html
        assert edit not in html and "Ret det" not in html
        assert "Du kan læse, men ikke rette" in html


def test_the_page_is_in_the_amgs_navigation_and_linked_from_the_documentation(world):
    url = reverse("readiness", args=[world.amg.pk])
    client = world.client_for("amr")
    board = client.get(reverse("board", args=[world.amg.pk])).content.decode()
    assert f'href="{url}"' in board
    assert f'<a href="{url}" aria-current="page">' in _page(world)
    documentation = client.get(reverse("inspection", args=[world.amg.pk])).content.decode()
    assert f'href="{url}"' in documentation


def _queries(world) -> int:  # type: ignore[no-untyped-def]
    client = world.client_for("leder")
    client.get(reverse("readiness", args=[world.amg.pk]))  # warm the session and caches
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("readiness", args=[world.amg.pk])).status_code == 200
    return len(captured)


def _add(world, n: int, start: int = 0) -> None:  # type: ignore[no-untyped-def]
    apv = world.amg.apvs.first() or apv_builders.make_apv(world.amg)
    day = datetime.timedelta(days=1)
    for i in range(start, start + n):
        area = apv_builders.make_area(world.amg, f"Område {i}", last_assessed=today() - 400 * day)
        apv.areas.add(area)
        problem = apv_builders.make_problem(apv, title=f"Problem {i}", cause="x", affected="y")
        action = builders.make_action(
            world.amg, world.theme, responsible=world.amr, follow_up_on=today() - day
        )
        problem.actions.add(action)
        apv_builders.make_incident(world.amg, absence_from=today() - 30 * day)


def test_the_number_of_queries_does_not_grow_with_the_records(world):
    _add(world, 1)
    one = _queries(world)
    _add(world, 20, start=1)
    assert _queries(world) == one
