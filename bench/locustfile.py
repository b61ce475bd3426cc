"""The load of `make loadtest` (run by bench/loadtest.py, which prepares the data and gunicorn):
300 wall screens polling every 3 s as wall.js does (If-None-Match → 304 while unchanged), and
10 members who each move or edit their own card every 3–10 s with htmx requests (a brisk
meeting: about two changes a second in all).

Every edit puts a new version number into its card's title. Each screen notes when it first
received each version, so we know how long every edit took to reach every screen.

With exports (the second phase of `make loadtest`), members of the demo groups also ask for the
inspection bundle about every 20 s, follow its progress every 2 s as the page does, and download
it when the background worker has rendered it."""

from __future__ import annotations

import itertools
import json
import os
import re
import time
from collections import defaultdict

from locust import FastHttpUser, HttpUser, between, constant, events, task

CONFIG = json.loads(open(os.environ["LOADTEST_CONFIG"]).read())  # noqa: SIM115
MARKER = re.compile(r"Belastning m(\d+) v(\d+)")

_screens = itertools.count()
_members = itertools.count()
# edits[(member, version)] = time the edit's response arrived (the edit is committed by then)
edits: dict[tuple[int, int], float] = {}
# seen[screen][member] = [(time, version), …] each time a screen got a newer version
seen: dict[int, dict[int, list[tuple[float, int]]]] = defaultdict(lambda: defaultdict(list))
errors: list[str] = []
# exports: seconds from asking for a bundle to its file being ready
exports: list[float] = []
_exporters = itertools.count()
EXPORT_ID = re.compile(r'id="export-(\d+)"')


class WallScreen(FastHttpUser):
    """A screen's poll is the bulk of the load (1,000 screens: 333 requests a second), so the
    screens use Locust's lighter client (geventhttpclient): the load generator shares the
    machine's two cores with the servers, and every cycle it spends is one they lack."""

    fixed_count = int(CONFIG.get("screen_count", 300))
    wait_time = constant(3)

    def on_start(self) -> None:
        self.number = next(_screens)
        self.cookie = CONFIG["screens"][self.number % len(CONFIG["screens"])]
        self.etag = ""
        self.latest: dict[int, int] = {}

    @task
    def poll(self) -> None:
        headers = {"Cookie": self.cookie}
        if self.etag:
            headers["If-None-Match"] = self.etag
        with self.client.get(
            "/skaerm/tavle/", headers=headers, name="wall poll", catch_response=True
        ) as response:
            if response.status_code == 304:
                response.success()
                return
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
                errors.append(f"wall poll {response.status_code}")
                return
            now = time.time()
            self.etag = response.headers.get("ETag", "")
            # Long words in titles carry soft hyphens on the wall (forkant/lib/hyphenation.py).
            text = response.text.replace("\u00ad", "").replace("&shy;", "")
            for member, version in MARKER.findall(text):
                m, v = int(member), int(version)
                if v > self.latest.get(m, -1):
                    self.latest[m] = v
                    seen[self.number][m].append((now, v))


class Member(HttpUser):
    fixed_count = int(CONFIG.get("member_count", 10))
    wait_time = between(3, 10)

    def on_start(self) -> None:
        self.number = next(_members)
        me = CONFIG["members"][self.number]
        self.cookie = me["cookie"]
        self.card = me["card"]
        self.theme = me["theme"]
        self.status_index = 0
        response = self.client.get(
            CONFIG["board_url"], headers={"Cookie": self.cookie}, name="member board"
        )
        self.csrf = response.cookies.get("csrftoken") or self.client.cookies.get("csrftoken", "")
        # Go on from the version the card has (a second phase finds the first one's last): a
        # number the screens have seen already would count as seen before it was written.
        text = response.text.replace("\u00ad", "").replace("&shy;", "")
        mine = [int(v) for m, v in MARKER.findall(text) if int(m) == self.number]
        self.version = max(mine, default=0)

    def _post(self, url: str, data: dict[str, object], name: str) -> bool:
        headers = {
            "Cookie": f"{self.cookie}; csrftoken={self.csrf}",
            "X-CSRFToken": self.csrf,
            "HX-Request": "true",
        }
        with self.client.post(url, data=data, headers=headers, name=name, catch_response=True) as r:
            if r.status_code >= 400:
                r.failure(f"status {r.status_code}")
                errors.append(f"{name} {r.status_code}: {r.text[:200]}")
                return False
            r.success()
            return True

    @task(1)
    def move(self) -> None:
        self.status_index = 1 - self.status_index
        status = CONFIG["statuses"][self.status_index]
        self._post(
            f"{CONFIG['amg_url']}handlinger/{self.card}/flyt/",
            {"status": status, "theme": self.theme},
            "member move",
        )

    @task(1)
    def edit(self) -> None:
        self.version += 1
        version = self.version
        ok = self._post(
            f"{CONFIG['amg_url']}handlinger/{self.card}/rediger/",
            {
                "title": f"Belastning m{self.number} v{version}",
                "theme": self.theme,
                "status": CONFIG["statuses"][self.status_index],
                "why": "Belastningstest",
            },
            "member edit",
        )
        if ok:
            edits[(self.number, version)] = time.time()


class Exporter(HttpUser):
    """A member who asks for the inspection bundle, follows it and downloads it."""

    fixed_count = int(CONFIG.get("exporter_count", 2))
    wait_time = between(15, 25)
    # `make loadtest MUNICIPALITY=1`: each exports one bundle during the run, then only waits.
    once = bool(CONFIG.get("export_once"))

    def on_start(self) -> None:
        self.done = False
        me = CONFIG["exporters"][next(_exporters) % len(CONFIG["exporters"])]
        self.cookie = me["cookie"]
        self.amg_url = me["amg_url"]
        self.client.get(f"{self.amg_url}dokumentation/", headers={"Cookie": self.cookie},
                        name="documentation page")  # fmt: skip
        self.csrf = self.client.cookies.get("csrftoken", "")

    @task
    def export(self) -> None:
        if self.done:
            return
        self.done = self.once
        headers = {
            "Cookie": f"{self.cookie}; csrftoken={self.csrf}",
            "X-CSRFToken": self.csrf,
            "HX-Request": "true",
        }
        started = time.time()
        response = self.client.post(
            f"{self.amg_url}dokumentation/eksport/", headers=headers, name="export ask"
        )
        match = EXPORT_ID.search(response.text)
        if response.status_code != 200 or match is None:
            errors.append(f"export ask {response.status_code}")
            return
        status_url = f"{self.amg_url}dokumentation/eksport/{match[1]}/"
        while time.time() - started < 300:
            time.sleep(2)
            poll = self.client.get(status_url, headers=headers, name="export poll")
            if "fil.pdf" in poll.text:
                exports.append(time.time() - started)
                self.client.get(f"{status_url}fil.pdf", headers=headers, name="export download")
                return
            if "Prøv igen" in poll.text:
                errors.append("export failed")
                return
        errors.append("export not ready within 300 s")


# When every screen and member had started (Locust starts 100 a second, so 1,000 screens take
# 10 s): an edit made before a screen existed is not one that screen was slow to show.
spawned: dict[str, float] = {}


@events.spawning_complete.add_listener
def _all_started(user_count: int, **_kwargs) -> None:  # type: ignore[no-untyped-def]
    spawned.setdefault("at", time.time())


@events.quitting.add_listener
def _write_results(environment, **_kwargs) -> None:  # type: ignore[no-untyped-def]
    end = time.time()
    latencies: list[float] = []
    missing = 0
    for (member, version), edited_at in edits.items():
        if end - edited_at < 6:
            continue  # too late to expect every screen to have polled since
        if edited_at < spawned.get("at", 0):
            continue  # made while screens were still starting
        for screen in range(CONFIG["screen_count"]):
            first = next((t for t, v in seen[screen][member] if v >= version), None)
            if first is None:
                missing += 1
            else:
                latencies.append(max(0.0, first - edited_at))
    stats = {}
    for entry in environment.stats.entries.values():
        stats[entry.name] = {
            "requests": entry.num_requests,
            "failures": entry.num_failures,
            "rps": entry.total_rps,
            "p50": entry.get_response_time_percentile(0.5),
            "p95": entry.get_response_time_percentile(0.95),
            "p99": entry.get_response_time_percentile(0.99),
            "max": entry.max_response_time,
        }
    latencies.sort()
    result = {
        "stats": stats,
        "edits": len(edits),
        "visibility_checks": len(latencies),
        "visibility_missing": missing,
        "visibility_p50": latencies[len(latencies) // 2] if latencies else None,
        "visibility_p99": latencies[int(len(latencies) * 0.99)] if latencies else None,
        "visibility_max": latencies[-1] if latencies else None,
        "exports": sorted(exports),
        "errors": errors[:20],
        "error_count": len(errors),
    }
    with open(os.environ["LOADTEST_RESULTS"], "w") as out:
        json.dump(result, out, indent=2)
