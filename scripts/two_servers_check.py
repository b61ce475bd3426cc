"""The checks of scripts/two_servers.sh: the load balancer and two app servers, from outside.

    two_servers_check.py LB_URL ONE_URL TWO_URL     (ONE_PID: the first server's gunicorn)

Runs with the servers' environment (the same DATABASE_URL, SECRET_KEY and CACHE_URL), so it
can make a logged-in session and a wall screen's pairing link in the shared database, as a
member would through the pages. Prints one line per check; exits 1 on the first failure.
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forkant.settings")

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from forkant import services  # noqa: E402
from forkant.models import AMG, User  # noqa: E402
from handleplan.models import Action, Status  # noqa: E402
from handleplan.services import board_settings_for  # noqa: E402


class Browser:
    """One browser's cookies, whichever server answers."""

    def __init__(self, cookies: dict[str, str] | None = None) -> None:
        self.cookies = dict(cookies or {})

    def request(
        self, base: str, method: str, path: str, body: dict[str, str] | None = None, **headers: str
    ) -> tuple[int, dict[str, str], str]:
        where = urlsplit(base)
        conn = http.client.HTTPConnection(where.hostname, where.port, timeout=30)
        sent = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        sent.update({k.replace("_", "-"): v for k, v in headers.items()})
        data = None
        if method == "POST":
            data = urlencode(body or {})
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            sent["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        conn.request(method, path, body=data, headers=sent)
        response = conn.getresponse()
        for value in response.headers.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            jar.load(value)
            self.cookies.update({k: m.value for k, m in jar.items()})
        answer = (response.status, {k.lower(): v for k, v in response.getheaders()})
        text = response.read().decode(errors="replace")
        conn.close()
        return answer[0], answer[1], text


def check(name: str, ok: bool, detail: str = "") -> None:
    print(f"{'ok  ' if ok else 'FAIL'} {name}{f' ({detail})' if detail else ''}", flush=True)
    if not ok:
        sys.exit(1)


def main(lb: str, one: str, two: str) -> None:
    amg = AMG.objects.get(name="Solsikkeskolen")
    leder = User.objects.get(email="leder@demo.dk")
    logged_in = Client()
    logged_in.force_login(leder)
    member = Browser({"sessionid": logged_in.cookies["sessionid"].value})
    board, poll = f"/amg/{amg.pk}/tavle/", f"/amg/{amg.pk}/tavle/nyt/"

    servers = {member.request(lb, "GET", "/sundhed/")[1].get("x-forkant-server") for _ in range(6)}
    check("the load balancer uses both servers", servers == {"one", "two"}, ", ".join(servers))

    status, _h, _t = member.request(one, "GET", board)
    check("a session made on one server is logged in on both", status == 200
          and member.request(two, "GET", board)[0] == 200)  # fmt: skip

    # A wall screen paired through the load balancer polls each server with the same cookie.
    _screen, token = services.create_wall_screen(
        amg=amg, name="Rehearsal", created_by=leder, now=timezone.now()
    )
    tv = Browser()
    tv.request(one, "GET", f"/skaerm/par/{token}/")
    status, _h, _t = tv.request(two, "POST", f"/skaerm/par/{token}/")
    check("pairing: page from one server, POST (CSRF) to the other", status == 302)
    status, headers, _t = tv.request(one, "GET", "/skaerm/tavle/")
    wall_etag = headers.get("etag", "")
    check("the pairing cookie shows the board on server one", status == 200)
    status, _h, _t = tv.request(two, "GET", "/skaerm/tavle/", If_None_Match=wall_etag)
    check("... and server two agrees nothing changed (304)", status == 304)

    _s, headers, _t = member.request(one, "GET", poll)
    board_etag = headers.get("etag", "")
    card = Action.objects.filter(amg=amg, confidential=False).order_by("pk").first()
    target = Status.I_MAAL if card.status != Status.I_MAAL else Status.STARTET
    status, _h, _t = member.request(
        two, "POST", f"/amg/{amg.pk}/handlinger/{card.pk}/flyt/",
        {"status": target.value, "version": str(card.version)},
    )  # fmt: skip
    check("a move (CSRF token from server one) through server two", status == 302)
    status, _h, _t = tv.request(one, "GET", "/skaerm/tavle/", If_None_Match=wall_etag)
    check("the wall's next poll on server one shows it", status == 200)
    status, _h, _t = member.request(one, "GET", poll, If_None_Match=board_etag)
    check("a member's next poll on server one shows it", status == 200)
    _s, _h, page = member.request(one, "GET", board)
    moved = re.search(rf'id="cell-{card.theme_id}-{target.value}"[^>]*>.*?</td>', page, re.S)
    check("the board page on server one has the card in its new column",
          bool(moved) and f"action-{card.pk}-title" in moved.group(0))  # fmt: skip

    # The idea form's rate limit (5 per 10 minutes per address) counts across both servers.
    code = board_settings_for(amg).idea_code
    visitor = Browser()
    visitor.request(one, "GET", f"/ide/{code}/")
    answers = [
        visitor.request((one, two)[n % 2], "POST", f"/ide/{code}/",
                        {"text": f"En idé fra genhøringen nummer {n}", "name": ""})[0]
        for n in range(6)
    ]  # fmt: skip
    check("the idea form's rate limit holds across servers", answers[-1] == 429, str(answers))

    # Login throttling (5 failures per address and e-mail) counts across both servers.
    guest = Browser()
    guest.request(one, "GET", "/log-ind/")
    tries = [
        guest.request((one, two)[n % 2], "POST", "/log-ind/",
                      {"username": "amr@demo.dk", "password": f"forkert-{n}"})[0]
        for n in range(6)
    ]  # fmt: skip
    check("login throttling holds across servers", tries[-1] == 429, str(tries))

    # One server stops: the load balancer takes it out, the screens and members carry on.
    os.kill(int(os.environ["ONE_PID"]), signal.SIGTERM)
    failures, answered_by = [], set()
    deadline = time.monotonic() + 8
    while time.monotonic() < deadline:
        status, headers, _t = tv.request(lb, "GET", "/skaerm/tavle/")
        if status != 200:
            failures.append(status)
        answered_by.add(headers.get("x-forkant-server"))
        time.sleep(0.1)
    check("with server one stopped every poll through the load balancer answers",
          not failures, f"answered by {sorted(s for s in answered_by if s)}")  # fmt: skip
    card.refresh_from_db()
    back = Status.STARTET if card.status != Status.STARTET else Status.GODT_I_GANG
    status, _h, _t = member.request(
        lb, "POST", f"/amg/{amg.pk}/handlinger/{card.pk}/flyt/",
        {"status": back.value, "version": str(card.version)},
    )  # fmt: skip
    card.refresh_from_db()
    check("... and a move through it is saved", status == 302 and card.status == back)


if __name__ == "__main__":
    main(*sys.argv[1:4])
