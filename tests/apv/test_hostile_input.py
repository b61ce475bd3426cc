"""Bad, oversized and hostile input to every APV write answers with a 4xx or a redirect with a
message – never a 500 – and saves nothing it should not."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.forkant.test_access import APV_ENDPOINTS

POSTS = [e for e in APV_ENDPOINTS if e.method == "post"]

JUNK = {
    "title": "x" * 5000,
    "name": "<script>alert(1)</script>" * 50,
    "date": "31-02-2026",
    "start_date": "igår",
    "on": "\x00",
    "kind": "ukendt",
    "method": "ukendt",
    "status": "afsluttet",
    "areas": ["abc", "999999"],
    "members": ["-1"],
    "area": "not-a-number",
    "period": "'; DROP TABLE apv_apv; --",
    "employees": "-5",
    "short_days": "1e400",
    "long_days": "NaN",
    "participants": "10000000000",
    "samlet_5": "-3",
    "probability": "9",
    "consequence": "0",
    "urgency": "",
    "risk_factors": ["ukendt"],
    "titles": "\n".join(["y" * 300] * 30),
    "theme": "999999",
    "responsible": "999999",
    "deadline": "2026-13-40",
    "follow_up_on": "soon",
    "verdict": "måske",
    "channel": "telepati",
    "summary": "",
    "what": "",
    "actions": ["999999"],
    "absence_contributes": "jo",
    "payload": "x" * 100,
    "form-TOTAL_FORMS": "100000",
    "form-INITIAL_FORMS": "0",
}


@pytest.mark.parametrize("endpoint", POSTS, ids=[e.name for e in POSTS])
def test_junk_posted_to_every_apv_write_never_gives_a_500(world, endpoint):
    client = world.client_for("leder")
    response = client.post(reverse(endpoint.name, kwargs=endpoint.kwargs(world)), JUNK)
    assert response.status_code in {302, 400, 404, 422}, response.status_code
    if response.status_code == 422:
        assert "Noget mangler eller er forkert" in response.content.decode() or (
            "kunne ikke" in response.content.decode()
        )
