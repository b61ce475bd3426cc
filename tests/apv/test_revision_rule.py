"""A revision starts from a closed APV that has not been revised yet (APV.revision_refusal): a
second press of the button, or a revision of an open APV, copies no problems, and the pages say
why the button is not there."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from apv import services
from apv.models import APV, Problem
from tests.apv import builders as apv_builders


def revision_post(apv: APV, title: str = "APV 2027") -> dict[str, object]:
    return {
        "title": title,
        "method": "dialogisk",
        "status": "i_gang",
        "start_date": "2027-01-04",
        "areas": [a.pk for a in apv.areas.all()],
    }


@pytest.fixture
def closed(world) -> APV:  # type: ignore[no-untyped-def]
    area = apv_builders.make_area(world.amg, "Indskolingen")
    apv = apv_builders.make_apv(world.amg, areas=[area], members=[world.leder])
    for n in range(3):
        apv_builders.make_problem(apv, title=f"Problem {n}")
    services.close_apv(apv=apv, today=timezone.localdate())
    return apv


def test_repeated_revision_posts_make_one_revision_and_copy_the_problems_once(world, closed):
    client = world.client_for("leder")
    url = reverse("apv_new", args=[world.amg.pk]) + f"?revision={closed.pk}"
    assert client.post(url, revision_post(closed)).status_code == 302
    for n in range(5):
        response = client.post(url, revision_post(closed, f"Igen {n}"))
        assert response.status_code == 422
        assert "allerede revideret i “APV 2027”" in response.content.decode()
    assert APV.objects.filter(amg=world.amg).count() == 2
    assert Problem.objects.filter(amg=world.amg).count() == 6  # 3 and their 3 copies


def test_an_open_apv_is_not_revised(world, closed):
    revision = services.start_apv(
        amg=world.amg, title="APV 2027", method="dialogisk", start_date=timezone.localdate(),
        previous=closed,
    )  # fmt: skip
    with pytest.raises(ValidationError, match="afsluttet APV"):
        services.start_apv(
            amg=world.amg, title="APV 2028", method="dialogisk",
            start_date=timezone.localdate(), previous=revision,
        )  # fmt: skip
    client = world.client_for("leder")
    url = reverse("apv_new", args=[world.amg.pk]) + f"?revision={revision.pk}"
    response = client.post(url, revision_post(revision, "APV 2028"))
    assert response.status_code == 422
    assert "En revision starter fra en afsluttet APV" in response.content.decode()
    assert Problem.objects.filter(amg=world.amg).count() == 6
    # Once closed, the revision itself can be revised.
    services.close_apv(apv=revision, today=timezone.localdate())
    assert client.post(url, revision_post(revision, "APV 2028")).status_code == 302
    assert Problem.objects.filter(amg=world.amg).count() == 9


def test_the_pages_say_why_there_is_no_revision_button(world, closed):
    services.start_apv(
        amg=world.amg, title="APV 2027", method="dialogisk", start_date=timezone.localdate(),
        previous=closed,
    )  # fmt: skip
    client = world.client_for("leder")
    revise = f"?revision={closed.pk}"
    detail = client.get(reverse("apv_detail", args=[world.amg.pk, closed.pk])).content.decode()
    assert revise not in detail
    assert "disabled" in detail and "allerede revideret i “APV 2027”" in detail
    home = client.get(reverse("apv_home", args=[world.amg.pk])).content.decode()
    assert "?revision=" not in home  # the newest is open: worked on, not revised
    assert "En revision starter fra en afsluttet APV" in home
    # The form's address opened anyway goes back to the APV, with the reason.
    response = client.get(reverse("apv_new", args=[world.amg.pk]) + revise, follow=True)
    assert "allerede revideret" in response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("apv_detail", args=[world.amg.pk, closed.pk])
