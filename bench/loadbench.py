"""Serving speed with real processes (PRODUCT.md §4), measured in one run:

gunicorn with 2 workers on PostgreSQL, ApacheBench (`ab`) on loopback, requests per second of
- the login page (the trivial baseline: no database),
- an unchanged wall poll (304 with an ETag) — bar: at least 2.5× the login page (answered
  from the cache before sessions and the database: handleplan/polls.py),
- the demo board of a logged-in member — bar: at least 1/3 of the login page,
with persistent database connections (the default, CONN_MAX_AGE) and, for comparison, with a
new connection per request (CONN_MAX_AGE=0).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/forkant_bench make loadbench

The database is a scratch one: the demo is loaded into it. Prints a table; exits 1 when a bar
is not met with persistent connections (`--report` only prints).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import statistics
import subprocess
import sys
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import serving

SECONDS = 5  # each measurement runs this long (ab -t)
ROUNDS = 3
CONCURRENCY = 10
PORT = int(os.environ.get("LOADBENCH_PORT", "8011"))  # another when one is taken


def ab(url: str, *headers: str, seconds: int = SECONDS) -> tuple[float, int, int, int]:
    """Requests per second, failed requests, non-2xx responses, complete requests."""
    args = [shutil.which("ab") or "ab", "-q", "-t", str(seconds), "-n", "1000000",
            "-c", str(CONCURRENCY)]  # fmt: skip
    for header in headers:
        args += ["-H", header]
    result = subprocess.run([*args, url], capture_output=True, text=True, check=True)  # noqa: S603
    out = result.stdout
    rps = float(re.search(r"Requests per second:\s+([\d.]+)", out).group(1))
    failed = int(re.search(r"Failed requests:\s+(\d+)", out).group(1))
    non2xx = re.search(r"Non-2xx responses:\s+(\d+)", out)
    complete = int(re.search(r"Complete requests:\s+(\d+)", out).group(1))
    return rps, failed, int(non2xx.group(1)) if non2xx else 0, complete


def etag_of(url: str, cookie: str) -> str:
    request = urllib.request.Request(url, headers={"Cookie": cookie})  # noqa: S310
    with urllib.request.urlopen(request) as response:  # noqa: S310
        return response.headers["ETag"]


def measure(database_url: str, board_cookie: str, wall_cookie: str, amg_id: int, **env: str):  # type: ignore[no-untyped-def]
    """Medians over ROUNDS interleaved rounds: the machine's other load comes and goes, and
    interleaving exposes the three pages to it alike."""
    board_url = f"{base_url()}/amg/{amg_id}/tavle/"
    with serving.gunicorn(database_url, PORT, **env) as base:
        # Warm up every worker's connection and templates.
        ab(board_url, f"Cookie: {board_cookie}", seconds=2)
        rounds = []
        for _round in range(ROUNDS):
            # The ETag changes every quarter-hour too (the "next tavlemøde" line moves on).
            etag = etag_of(f"{base}/skaerm/tavle/", wall_cookie)
            login = ab(f"{base}/log-ind/")
            poll = ab(f"{base}/skaerm/tavle/", f"Cookie: {wall_cookie}", f"If-None-Match: {etag}")
            board = ab(board_url, f"Cookie: {board_cookie}")
            for name, (_rps, failed, non2xx, _n) in {"login": login, "board": board}.items():
                if failed or non2xx:
                    raise SystemExit(f"{name}: {failed} failed, {non2xx} non-2xx")
            # ab -t may count a request still in flight at the end as a non-2xx one.
            if poll[1] or poll[2] < poll[3]:
                raise SystemExit(f"poll: expected only 304s, got {poll}")
            rounds.append((login[0], poll[0], board[0]))
    return tuple(statistics.median(r[i] for r in rounds) for i in range(3))


def base_url() -> str:
    return f"http://127.0.0.1:{PORT}"


def main() -> int:
    database_url = serving.require_postgresql()
    serving.setup_django(database_url)
    from django.core.management import call_command

    from forkant.models import AMG

    call_command("migrate", verbosity=0)
    call_command("demo", stdout=io.StringIO())
    amg = AMG.objects.get(name="Solsikkeskolen")
    member = amg.memberships.filter(read_only=False).select_related("user").first()
    board_cookie = serving.session_cookie(member.user)
    wall_cookie = serving.paired_screen_cookie(amg, "Loadbench")
    from django.db import connections

    connections.close_all()

    print(
        f"gunicorn 2 workers, PostgreSQL, ab -c {CONCURRENCY} on loopback, "
        f"median of {ROUNDS} interleaved {SECONDS}-second runs"
    )
    print(f"{'connections':<24}{'login rps':>11}{'poll 304 rps':>14}{'board rps':>11}"
          f"{'poll/login':>12}{'board/login':>13}")  # fmt: skip
    results = {}
    for label, env in (("persistent (default)", {}), ("per request (0)", {"CONN_MAX_AGE": "0"})):
        login, poll, board = measure(database_url, board_cookie, wall_cookie, amg.pk, **env)
        results[label] = (login, poll, board)
        print(f"{label:<24}{login:>11.0f}{poll:>14.0f}{board:>11.0f}"
              f"{poll / login:>12.2f}{board / login:>13.2f}")  # fmt: skip
    login, poll, board = results["persistent (default)"]
    ok = poll >= 2.5 * login and board >= login / 3
    print(f"bars (persistent): poll ≥ 2.5× login, board ≥ 1/3 login: {'met' if ok else 'NOT met'}")
    return 0 if ok or "--report" in sys.argv else 1


if __name__ == "__main__":
    sys.exit(main())
