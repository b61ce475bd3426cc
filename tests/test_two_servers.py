"""Two app servers (gunicorn) on one PostgreSQL database and one Redis: a change made through one
is what the other serves next — the wall's poll, a member's poll and the board page (whose
rendered HTML both keep in the shared cache).

Needs PostgreSQL (the test database, shared by the processes) and Redis with the `redis`
package; skipped without them. CI runs it (its tests run on PostgreSQL, with Redis beside it)."""

from __future__ import annotations

import http.client
import os
import re
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.utils import timezone

from forkant import services as core_services
from handleplan.models import Action, Status
from tests.forkant.test_shared_cache import REDIS_URL, redis_reachable

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs a database two processes share (CI: PG)"
    ),
    pytest.mark.skipif(not redis_reachable(), reason=f"needs Redis at {REDIS_URL} (CI has one)"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    port: int
    process: subprocess.Popen[bytes]

    def request(
        self,
        method: str,
        path: str,
        *,
        cookies: dict[str, str],
        headers: dict[str, str] | None = None,
    ) -> tuple[int, dict[str, str], str, SimpleCookie]:
        headers = headers or {}
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        sent = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()), **headers}
        body = None
        if method == "POST":
            body = headers.get("body", "")
            sent.pop("body", None)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=sent)
        response = conn.getresponse()
        set_cookies = SimpleCookie()
        for value in response.headers.get_all("Set-Cookie") or []:
            set_cookies.load(value)
        result = (
            response.status,
            {k.lower(): v for k, v in response.getheaders()},
            response.read().decode(),
            set_cookies,
        )
        conn.close()
        return result


@dataclass
class Browser:
    """One browser's cookies, whichever server answers."""

    cookies: dict[str, str] = field(default_factory=dict)

    def get(self, server: Server, path: str, etag: str | None = None):  # type: ignore[no-untyped-def]
        headers = {"If-None-Match": etag} if etag else {}
        status, headers_back, body, set_cookies = server.request(
            "GET", path, cookies=self.cookies, headers=headers
        )
        self.cookies.update({k: m.value for k, m in set_cookies.items()})
        return status, headers_back, body

    def post(self, server: Server, path: str, body: str):  # type: ignore[no-untyped-def]
        headers = {"body": body, "X-CSRFToken": self.cookies.get("csrftoken", "")}
        status, headers_back, text, set_cookies = server.request(
            "POST", path, cookies=self.cookies, headers=headers
        )
        self.cookies.update({k: m.value for k, m in set_cookies.items()})
        return status, headers_back, text


PREFIX = f"forkant-two-{uuid.uuid4().hex[:8]}"


def shared_keys() -> list[str]:
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    return [key.decode() for key in client.scan_iter(match=f"{PREFIX}:*")]


@pytest.fixture
def two_servers() -> Iterator[tuple[Server, Server]]:
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CACHE_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": PREFIX,
        "SECRET_KEY": settings.SECRET_KEY,
        "SECURE": "false",
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "TASKS_BACKEND": "immediate",
    }
    servers = []
    for _ in range(2):
        port = free_port()
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "forkant.wsgi", "--workers", "1",
             "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip
        servers.append(Server(port, process))
    try:
        for server in servers:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if server.request("GET", "/sundhed/", cookies={})[0] == 200:
                        break
                except OSError:
                    pass
                if time.monotonic() > deadline or server.process.poll() is not None:
                    raise RuntimeError(f"server on {server.port} did not start")
                time.sleep(0.2)
        yield servers[0], servers[1]
    finally:
        for server in servers:
            server.process.terminate()
            server.process.wait(timeout=30)
        import redis

        client = redis.Redis.from_url(REDIS_URL)
        for key in client.scan_iter(match=f"{PREFIX}:*"):
            client.delete(key)


def cell_has_card(html: str, theme_id: int, status: str) -> bool:
    found = re.search(rf'<td class="([^"]*)" id="cell-{theme_id}-{status}"', html)
    assert found, f"no cell {theme_id}-{status}"
    return "cell-empty" not in found.group(1)


@pytest.mark.django_db(transaction=True)
def test_a_move_through_one_server_is_seen_by_the_other_on_its_next_request(world, two_servers):
    one, other = two_servers
    amg, action = world.amg, world.action
    assert action.status != Status.I_MAAL

    # A wall screen paired through one server polls the other.
    _screen, token = core_services.create_wall_screen(
        amg=amg, name="TV", created_by=world.amr.user, now=timezone.now()
    )
    tv = Browser()
    assert tv.get(other, f"/skaerm/par/{token}/")[0] == 200  # the page, and its CSRF cookie
    status, _h, _b = tv.post(one, f"/skaerm/par/{token}/", "")
    assert status == 302
    assert "forkant_skaerm" in tv.cookies
    status, headers, _body = tv.get(other, "/skaerm/tavle/")
    assert status == 200
    wall_etag = headers["etag"]
    assert tv.get(one, "/skaerm/tavle/", wall_etag)[0] == 304
    assert tv.get(other, "/skaerm/tavle/", wall_etag)[0] == 304

    # A member's session works on both; the board page is rendered once into the shared cache.
    logged_in = Client()
    logged_in.force_login(world.amr.user)
    member = Browser({"sessionid": logged_in.cookies["sessionid"].value})
    board, poll = f"/amg/{amg.pk}/tavle/", f"/amg/{amg.pk}/tavle/nyt/"
    status, _h, page = member.get(other, board)
    assert status == 200
    assert not cell_has_card(page, world.theme.pk, Status.I_MAAL)
    status, headers, _b = member.get(one, poll)
    board_etag = headers["etag"]
    assert member.get(other, poll, board_etag)[0] == 304
    # What they answered from is in the one Redis: the revision, the screen, the rendered board.
    keys = shared_keys()
    assert any(key.endswith(f":state:revision:{amg.pk}") for key in keys)
    assert any(":state:screen:" in key for key in keys)
    assert any(":board:" in key for key in keys)

    # The move through one server (CSRF token from the other: the cookie holds on both).
    status, _h, _b = member.post(
        one, f"/amg/{amg.pk}/handlinger/{action.pk}/flyt/",
        f"status={Status.I_MAAL.value}&version={action.version}",
    )  # fmt: skip
    assert status == 302
    assert Action.objects.get(pk=action.pk).status == Status.I_MAAL

    # The other server's very next answers show it.
    status, headers, _body = tv.get(other, "/skaerm/tavle/", wall_etag)
    assert status == 200
    assert headers["etag"] != wall_etag
    assert member.get(other, poll, board_etag)[0] == 200
    status, _h, page = member.get(other, board)
    assert cell_has_card(page, world.theme.pk, Status.I_MAAL)
    # And both agree on what is current now.
    assert tv.get(one, "/skaerm/tavle/", headers["etag"])[0] == 304
    assert tv.get(other, "/skaerm/tavle/", headers["etag"])[0] == 304
