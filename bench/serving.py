"""Shared by `make loadbench` and `make loadtest`: a scratch PostgreSQL database with the demo,
sessions and paired wall screens made in-process, and gunicorn (2 workers) serving it.

Everything listens on 127.0.0.1 only.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SECRET_KEY = "bench-only-secret-key-never-used-in-production-0123456789"  # noqa: S105


def environment(database_url: str, **extra: str) -> dict[str, str]:
    """What both this process and gunicorn run with (the same key signs the cookies)."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": SECRET_KEY,
        "DEBUG": "false",
        "SECURE": "false",  # plain HTTP on loopback
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "WHITENOISE_USE_FINDERS": "true",
        "LOG_LEVEL": "ERROR",
        **extra,
    }


def require_postgresql() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit(
            "Set DATABASE_URL to a scratch PostgreSQL database, e.g. "
            "DATABASE_URL=postgres://postgres@127.0.0.1:5432/forkant_bench make loadbench"
        )
    return url


def setup_django(database_url: str) -> None:
    os.environ.update(environment(database_url))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forkant.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def session_cookie(user: object) -> str:
    """A logged-in session stored in the shared database, as `sessionid=…`."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def paired_screen_cookie(amg: object, name: str) -> str:
    """A paired wall screen's signed cookie, as `forkant_skaerm=…`."""
    from django.conf import settings
    from django.core.signing import get_cookie_signer
    from django.utils import timezone

    from forkant import services
    from forkant.wallscreens import COOKIE_SALT

    now = timezone.now()
    _screen, token = services.create_wall_screen(amg=amg, name=name, created_by=None, now=now)  # type: ignore[arg-type]
    screen = services.pair_wall_screen(token=token, now=now)
    if screen is None:
        raise RuntimeError("pairing failed")
    signer = get_cookie_signer(salt=settings.WALLSCREEN_COOKIE_NAME + COOKIE_SALT)
    value = signer.sign(f"{screen.pk}:{screen.device_key}")
    return f"{settings.WALLSCREEN_COOKIE_NAME}={value}"


@contextmanager
def gunicorn(database_url: str, port: int, **extra: str) -> Iterator[str]:
    base = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
        [sys.executable, "-m", "gunicorn", "forkant.wsgi", "--workers", "2",
         "--threads", os.environ.get("GUNICORN_THREADS", "1"),
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT, env=environment(database_url, **extra),
    )  # fmt: skip
    try:
        _wait_until_healthy(base, attempts=100)
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


@contextmanager
def worker(database_url: str) -> Iterator[None]:
    """The background worker (`manage.py db_worker`) as production runs it: its own process."""
    process = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay", "-v", "0"],
        cwd=ROOT, env=environment(database_url),
        # niced as in production (docs/deploy/forkant-worker.service: Nice=10)
        preexec_fn=lambda: os.nice(10),
    )  # fmt: skip
    try:
        yield
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=60)  # a render under way finishes first
        except subprocess.TimeoutExpired:
            process.kill()


@dataclass
class Balanced:
    """Two (or more) gunicorn servers behind HAProxy: `base` is the load balancer's address."""

    base: str
    servers: list[subprocess.Popen[bytes]]

    def stop_server(self, index: int) -> None:
        """Stop one app server as a crash or a reboot would (the load balancer notices)."""
        self.servers[index].send_signal(signal.SIGTERM)

    def worker_memory_kb(self) -> dict[int, int]:
        """Each running gunicorn worker's resident memory (kB), by pid."""
        memory = {}
        for server in self.servers:
            if server.poll() is not None:
                continue
            children = Path(f"/proc/{server.pid}/task/{server.pid}/children")
            for pid in children.read_text().split() if children.exists() else []:
                status = Path(f"/proc/{pid}/status")
                for line in status.read_text().splitlines() if status.exists() else []:
                    if line.startswith("VmRSS:"):
                        memory[int(pid)] = int(line.split()[1])
        return memory


@contextmanager
def balanced(database_url: str, lb_port: int, ports: list[int], **extra: str) -> Iterator[Balanced]:
    """App servers on `ports` (2 workers each) behind HAProxy on `lb_port`: round robin, health
    check /sundhed/ every second, a server that fails it twice taken out, a request that met a
    stopped server tried again on another (as scripts/two_servers.sh and docs/DEPLOY.md)."""
    if shutil.which("haproxy") is None:
        sys.exit("needs HAProxy: apt-get install haproxy")
    env = environment(database_url, BEHIND_PROXY="true", **extra)
    command = [sys.executable, "-m", "gunicorn", "forkant.wsgi", "--workers", "2",
               "--log-level", "warning", "--forwarded-allow-ips", "127.0.0.1"]  # fmt: skip
    servers = [
        subprocess.Popen([*command, "--bind", f"127.0.0.1:{port}"], cwd=ROOT, env=env)  # noqa: S603
        for port in ports
    ]
    with tempfile.TemporaryDirectory() as folder:
        config = Path(folder) / "haproxy.cfg"
        lines = "\n".join(
            f"  server s{n} 127.0.0.1:{port} check inter 1s fall 3 rise 2"
            for n, port in enumerate(ports)
        )
        config.write_text(
            "global\n  maxconn 8000\ndefaults\n  mode http\n  timeout connect 2s\n"
            "  timeout client 60s\n  timeout server 60s\n  option forwardfor\n  retries 2\n"
            "  option redispatch\n  retry-on conn-failure empty-response\n"
            f"frontend forkant\n  bind 127.0.0.1:{lb_port}\n  default_backend app\n"
            "backend app\n  balance roundrobin\n  option httpchk GET /sundhed/\n"
            "  timeout check 5s\n"
            f"  http-check expect status 200\n{lines}\n"
        )
        balancer = subprocess.Popen(["haproxy", "-db", "-f", str(config)])  # noqa: S603, S607
        base = f"http://127.0.0.1:{lb_port}"
        try:
            for url in [*(f"http://127.0.0.1:{port}" for port in ports), base]:
                _wait_until_healthy(url, attempts=150)
            yield Balanced(base, servers)
        finally:
            balancer.terminate()
            balancer.wait(timeout=30)
            for server in servers:
                if server.poll() is None:
                    server.send_signal(signal.SIGTERM)
            for server in servers:
                server.wait(timeout=30)


def _wait_until_healthy(url: str, *, attempts: int) -> None:
    """Until `url`'s health page answers 200, every 0.2 s (RuntimeError after `attempts`)."""
    for _attempt in range(attempts):
        try:
            with urllib.request.urlopen(f"{url}/sundhed/", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not start")
