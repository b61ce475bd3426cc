"""`make loadtest`: 300 wall screens polling every 3 s and 10 members moving and editing cards,
for 2 minutes, against gunicorn (2 workers) on PostgreSQL, all on loopback (Locust, headless);
then the same again with 2 members asking for the inspection bundle about every 20 s, rendered
by the background worker (`manage.py db_worker`, its own process, as in production), to show
that bundle renders do not slow the wall polls.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/forkant_load make loadtest [DURATION=120]

The database is a scratch one: the demo is loaded into it, plus a group "Belastningstest" with
one theme and one card per member (so every card is always on the wall) and 300 paired screens.
Prints p50/p95/p99 per request type and how long edits took to reach every screen; exits 1 on
any error, an edit a screen never showed, or an edit→screen p99 over 5 s. Not part of CI.

`--municipality` (`make loadtest MUNICIPALITY=1`) is a municipality's load past one server: two
app servers (2 gunicorn workers each) behind HAProxy (bench/serving.py `balanced`), one Redis
(`CACHE_URL`, default redis://127.0.0.1:6379/13, keys under a prefix of their own) and the
worker; 1,000 wall screens, 30 members and 3 inspection bundles exported during the run, for
3 minutes (`--duration`); then the same again with one app server stopped half-way, which the
load balancer takes out. It also reports each gunicorn worker's memory at the start and the end.
`--screens`, `--members` and `--exports` scale it down for a short smoke run.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import serving

PORT = int(os.environ.get("LOADTEST_PORT", "8012"))  # another free port when one is taken
SCREENS = 300
MEMBERS = 10
VISIBLE_WITHIN = 5.0


def prepare(screens: int = SCREENS, member_count: int = MEMBERS) -> dict[str, object]:
    from django.core.management import call_command

    from forkant.models import AMG, Organisation, Role, User
    from handleplan import services as board
    from handleplan.models import Status
    from tests import builders

    call_command("migrate", verbosity=0)
    call_command("demo", stdout=io.StringIO())
    organisation = Organisation.objects.get(name="Demo Kommune")
    from django.utils import timezone

    amg = AMG.objects.create(
        organisation=organisation, name=f"Belastningstest {timezone.now():%Y-%m-%d %H.%M.%S}"
    )
    members = []
    for n in range(member_count):
        email = f"belastning{n}@demo.dk"
        user = User.objects.filter(email=email).first() or builders.make_user(
            email, first_name=f"Medlem{n}", last_name="Belastning"
        )
        membership = builders.make_member(amg, user, Role.AMR)
        theme = board.create_theme(amg=amg, name=f"Tema {n}")
        card = board.create_action(
            amg=amg, theme=theme, status=Status.STARTET, title=f"Belastning m{n} v0",
            responsible=membership,
        )  # fmt: skip
        members.append({"cookie": serving.session_cookie(user), "card": card.pk, "theme": theme.pk})
    # Every screen of the run is its own paired screen (its own device key and cache entry).
    screen_cookies = [serving.paired_screen_cookie(amg, f"Skærm {n}") for n in range(screens)]
    exporters = [
        {
            "cookie": serving.session_cookie(User.objects.get(email=email)),
            "amg_url": f"/amg/{AMG.objects.get(organisation=organisation, name=name).pk}/",
        }
        for email, name in (
            ("leder@demo.dk", "Solsikkeskolen"),
            ("amr2@demo.dk", "Børnehuset Mælkebøtten"),
        )
    ]
    return {
        "exporters": exporters,
        "members": members,
        "screens": screen_cookies,
        "screen_count": screens,
        "member_count": member_count,
        "amg_url": f"/amg/{amg.pk}/",
        "board_url": f"/amg/{amg.pk}/tavle/",
        "statuses": [Status.STARTET.value, Status.GODT_I_GANG.value],
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=None, help="seconds (120; 180 with "
                        "--municipality)")  # fmt: skip
    parser.add_argument("--municipality", action="store_true", help="two servers, HAProxy, Redis")
    parser.add_argument("--screens", type=int, default=None)
    parser.add_argument("--members", type=int, default=None)
    parser.add_argument("--exports", type=int, default=None)
    options = parser.parse_args()
    database_url = serving.require_postgresql()
    serving.setup_django(database_url)
    if options.municipality:
        return municipality(database_url, options)
    duration = options.duration or 120
    config = prepare(options.screens or SCREENS, options.members or MEMBERS)
    from django.db import connections

    connections.close_all()

    phases = [("without exports", ["WallScreen", "Member"]),
              ("with exports", ["WallScreen", "Member", "Exporter"])]  # fmt: skip
    outcomes = []
    with serving.worker(database_url):
        for title, classes in phases:
            results = run_phase(database_url, config, classes, duration)
            outcomes.append(report(title, results, duration, config))
    polls = [results["stats"].get("wall poll", {}) for results, _ok in outcomes]
    if all(polls):
        without, with_exports = (f"{p['p50']:.0f} / {p['p95']:.0f} / {p['p99']:.0f}" for p in polls)
        print(f"\nwall poll p50 / p95 / p99 ms: without exports {without}; "
              f"with exports {with_exports}")  # fmt: skip
    return 0 if all(ok for _results, ok in outcomes) else 1


def municipality(database_url: str, options: argparse.Namespace) -> int:
    """Two app servers behind HAProxy, one Redis, the worker: the whole run, then again with
    one server stopped half-way."""
    duration = options.duration or 180
    screens, members = options.screens or 1000, options.members or 30
    config = prepare(screens, members)
    config["exporter_count"] = options.exports if options.exports is not None else 3
    config["export_once"] = True
    from django.db import connections

    connections.close_all()
    cache = {
        "CACHE_URL": os.environ.get("CACHE_URL", "redis://127.0.0.1:6379/13"),
        "CACHE_KEY_PREFIX": f"forkant-loadtest-{uuid.uuid4().hex[:8]}",
    }
    classes = ["WallScreen", "Member", "Exporter"]
    outcomes = []
    with serving.worker(database_url):
        for title, stop_at in (("two servers", None), ("one server stopped", duration / 2)):
            with serving.balanced(database_url, PORT, [PORT + 1, PORT + 2], **cache) as lb:
                before = lb.worker_memory_kb()
                if stop_at is not None:
                    timer = threading.Timer(stop_at, lb.stop_server, args=[0])
                    timer.start()
                started = time.monotonic()
                with _sampling(lb.worker_memory_kb, every=MEMORY_EVERY) as samples:
                    results = run_phase(database_url, config, classes, duration, base=lb.base)
                after = lb.worker_memory_kb()
                print(f"\n{title}: HAProxy, 2 app servers × 2 gunicorn workers, one Redis, the "
                      f"worker; {time.monotonic() - started:.0f} s")  # fmt: skip
                outcomes.append(report(title, results, duration, config))
                print("gunicorn workers' memory (MB), start → end: " + ", ".join(
                    f"{before[pid] / 1024:.0f} → {after[pid] / 1024:.0f}"
                    for pid in sorted(before) if pid in after
                ) + (" (the stopped server's workers are gone)" if stop_at else ""))  # fmt: skip
                print_memory(samples)
    return 0 if all(ok for _results, ok in outcomes) else 1


def run_phase(
    database_url: str,
    config: dict[str, object],
    classes: list[str],
    duration: int,
    *,
    base: str | None = None,
) -> dict[str, object]:
    exporters = int(config.get("exporter_count", 2))  # type: ignore[call-overload]
    users = int(config["screen_count"]) + int(config["member_count"])  # type: ignore[call-overload]
    users += exporters if "Exporter" in classes else 0
    with tempfile.TemporaryDirectory() as folder:
        config_path, results_path = Path(folder) / "config.json", Path(folder) / "results.json"
        config_path.write_text(json.dumps(config))
        with serving.gunicorn(database_url, PORT) if base is None else _nothing(base) as base:
            subprocess.run(  # noqa: S603 (our own interpreter and arguments)
                [sys.executable, "-m", "locust", "-f", str(Path(__file__).parent / "locustfile.py"),
                 "--headless", "--users", str(users), "--spawn-rate", "100",
                 "--run-time", f"{duration}s", "--host", base, "--only-summary",
                 "--stop-timeout", "30", "--loglevel", "WARNING", *classes],
                env={**serving.environment(database_url), "LOADTEST_CONFIG": str(config_path),
                     "LOADTEST_RESULTS": str(results_path)},
                check=False,
            )  # fmt: skip
        return json.loads(results_path.read_text())


def report(
    title: str, results: dict[str, object], duration: int, config: dict[str, object]
) -> tuple[dict[str, object], bool]:
    print(f"\n{title}: {config['screen_count']} wall screens every 3 s + "
          f"{config['member_count']} members, {duration} s, PostgreSQL, loopback")  # fmt: skip
    print(f"{'request':<18}{'count':>8}{'errors':>8}{'rps':>8}{'p50 ms':>8}{'p95 ms':>8}"
          f"{'p99 ms':>8}{'max ms':>8}")  # fmt: skip
    for name, s in sorted(results["stats"].items()):
        print(f"{name:<18}{s['requests']:>8}{s['failures']:>8}{s['rps']:>8.1f}{s['p50']:>8.0f}"
              f"{s['p95']:>8.0f}{s['p99']:>8.0f}{s['max']:>8.0f}")  # fmt: skip
    vis_max = results["visibility_max"]
    p50, p99 = results["visibility_p50"] or 0, results["visibility_p99"] or 0
    print(f"edits: {results['edits']}; edit → screen checks: {results['visibility_checks']}, "
          f"p50 {p50:.2f} s, p99 {p99:.2f} s, max {vis_max or 0:.2f} s; "
          f"never seen: {results['visibility_missing']}")  # fmt: skip
    if results["exports"]:
        done = results["exports"]
        print(f"bundles: {len(done)} rendered, asked → ready p50 {done[len(done) // 2]:.1f} s, "
              f"max {done[-1]:.1f} s")  # fmt: skip
    errors = results["error_count"]
    if results["errors"]:
        print("errors:", *results["errors"], sep="\n  ")
    # The bar (issue "Past one server"): 0 errors, no edit lost, every edit on every screen
    # within 5 s at the 99th percentile; the slowest is reported beside it.
    ok = (
        errors == 0
        and results["visibility_missing"] == 0
        and results["visibility_p99"] is not None
        and p99 <= VISIBLE_WITHIN
    )
    print(f"0 errors, no edit lost and every edit on every screen within {VISIBLE_WITHIN:.0f} s "
          f"(p99): {'yes' if ok else 'NO'}")  # fmt: skip
    return results, ok


MEMORY_EVERY = 30  # seconds between samples of the workers' memory


@contextlib.contextmanager
def _sampling(
    read: Callable[[], dict[int, int]], *, every: float
) -> Iterator[list[tuple[float, dict[int, int]]]]:
    """`read()` every `every` seconds while the block runs: [(seconds since start, values)]."""
    samples: list[tuple[float, dict[int, int]]] = []
    stop = threading.Event()
    started = time.monotonic()

    def sample() -> None:
        while not stop.wait(every):
            samples.append((time.monotonic() - started, read()))

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        yield samples
    finally:
        stop.set()
        thread.join()


def print_memory(samples: list[tuple[float, dict[int, int]]]) -> None:
    """Each worker's memory over the run, and how much it grew in the run's second half (a
    worker that fills its caches and imports early and then holds steady grows by ~0 there)."""
    pids = sorted({pid for _at, memory in samples for pid in memory})
    if not samples or not pids:
        return
    print(f"gunicorn workers' memory (MB) every {MEMORY_EVERY} s:")
    half = samples[len(samples) // 2][0]
    for pid in pids:
        series = [(at, memory[pid] / 1024) for at, memory in samples if pid in memory]
        late = [mb for at, mb in series if at >= half]
        growth = f"{late[-1] - late[0]:+.1f} MB in the second half" if len(late) > 1 else ""
        print(f"  worker {pid}: " + " ".join(f"{mb:.0f}" for _at, mb in series) + f"  {growth}")


@contextlib.contextmanager
def _nothing(base: str) -> Iterator[str]:
    yield base


if __name__ == "__main__":
    sys.exit(main())
