"""The inspection bundle's cover facts: the organisation's CVR-nummer and address, each AMG's
workplace address and P-nummer, edited by the organisation's admin. ASCII digits only."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from forkant import services
from forkant.models import AMG, Organisation


def _details(world, data):  # type: ignore[no-untyped-def]
    url = reverse("organisation_details", args=[world.organisation.pk])
    return world.client_for("org_admin").post(url, data)


def test_the_admin_saves_the_cvr_and_address_spaces_removed(world):
    response = _details(
        world, {"cvr": "29 18 98 46", "address": "  Rådhuspladsen 1,  8000 Aarhus C "}
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get(pk=world.organisation.pk)
    assert organisation.cvr == "29189846"
    assert organisation.address == "Rådhuspladsen 1, 8000 Aarhus C"
    page = world.client_for("org_admin").get(reverse("organisation", args=[organisation.pk]))
    assert 'value="29189846"' in page.content.decode()


@pytest.mark.parametrize(
    "cvr",
    ["1234567", "123456789", "2918984x", "٢٩١٨٩٨٤٦", "２９１８９８４６", "29189846<script>"],
)
def test_a_cvr_that_is_not_8_ascii_digits_answers_422_and_nothing_is_saved(world, cvr):
    response = _details(world, {"cvr": cvr, "address": "Ny adresse"})
    assert response.status_code == 422
    assert "Et CVR-nummer er 8 cifre" in response.content.decode()
    organisation = Organisation.objects.get(pk=world.organisation.pk)
    assert (organisation.cvr, organisation.address) == ("", "")


def test_the_admin_saves_the_workplace_address_and_p_number(world):
    url = reverse("amg_rename", args=[world.organisation.pk, world.amg.pk])
    client = world.client_for("org_admin")
    response = client.post(
        url,
        {"name": "Skolen", "address": "Solsikkevej 12, 8000 Aarhus C", "p_number": "1003388394"},
    )
    assert response.status_code == 302
    amg = AMG.objects.get(pk=world.amg.pk)
    assert (amg.address, amg.p_number) == ("Solsikkevej 12, 8000 Aarhus C", "1003388394")
    page = client.get(reverse("organisation", args=[world.organisation.pk])).content.decode()
    assert "P-nr. 1003388394" in page


@pytest.mark.parametrize(
    "p_number", ["100338839", "10033883945", "１００３３８８３９４", "p-nummer"]
)
def test_a_p_number_that_is_not_10_ascii_digits_answers_422(world, p_number):
    url = reverse("amg_rename", args=[world.organisation.pk, world.amg.pk])
    response = world.client_for("org_admin").post(
        url, {"name": "Nyt navn", "address": "", "p_number": p_number}
    )
    assert response.status_code == 422
    assert "Et P-nummer er 10 cifre" in response.content.decode()
    assert AMG.objects.get(pk=world.amg.pk).name == "Skolen"


def test_the_services_refuse_bad_numbers_too(world):
    with pytest.raises(ValidationError):
        services.set_organisation_details(organisation=world.organisation, cvr="1234", address="")
    with pytest.raises(ValidationError):
        services.set_amg_details(amg=world.amg, name="Skolen", address="", p_number="12345")


def test_members_cannot_change_the_numbers(world):
    url = reverse("amg_rename", args=[world.organisation.pk, world.amg.pk])
    for persona in ("leder", "amr"):
        response = world.client_for(persona).post(
            url, {"name": "Skolen", "address": "x", "p_number": "1003388394"}
        )
        assert response.status_code == 404
    assert AMG.objects.get(pk=world.amg.pk).p_number == ""
