"""Settings come from the environment and fail loudly on junk."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def load_settings(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG", "SECRET_KEY"}
    }
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import forkant.settings as s; print(s.DATABASES['default']['ENGINE'], s.DEBUG)",
        ],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_sqlite_is_the_default_and_debug_is_off():
    result = load_settings()
    assert result.stdout.split() == ["django.db.backends.sqlite3", "False"]


def test_postgresql_is_used_when_database_url_points_at_it():
    result = load_settings(DATABASE_URL="postgres://postgres@127.0.0.1:5432/forkant")
    # Django's PostgreSQL backend with a cheaper health check (forkant/lib/postgresql).
    assert result.stdout.split()[0] == "forkant.lib.postgresql"


@pytest.mark.parametrize(
    ("name", "value"),
    [("DEBUG", "maybe"), ("SECRET_KEY", "short"), ("EMAIL_PORT", "twenty-five")],
)
def test_junk_settings_fail_loudly(name, value):
    result = load_settings(**{name: value})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr


def test_the_deploy_check_refuses_the_development_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env={**env, "SECURE": "true"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "forkant.E001" in result.stderr


PRODUCTION_ENV_NAMES = {
    "DEBUG", "SECURE", "BEHIND_PROXY", "CONN_MAX_AGE", "DJANGO_ALLOW_ASYNC_UNSAFE", "SECRET_KEY",
    "ALLOWED_HOSTS",
}  # fmt: skip


def deploy_check(**extra: str) -> subprocess.CompletedProcess[str]:
    """`check --deploy` with nothing but SECRET_KEY and ALLOWED_HOSTS (plus `extra`) set."""
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV_NAMES},
            "SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefgh",
            "ALLOWED_HOSTS": "forkant.example",
            **extra,
        },
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_deploy_check_is_clean_with_only_secret_key_and_allowed_hosts_set():
    result = deploy_check()
    assert result.returncode == 0, result.stderr


def test_plain_http_is_an_explicit_opt_out_that_the_deploy_check_reports():
    result = deploy_check(SECURE="false")
    assert result.returncode != 0
    assert "security.W008" in result.stderr  # no HTTPS redirect
    assert "security.W012" in result.stderr  # session cookie not secure


def test_production_defaults_are_https_only_and_reuse_database_connections():
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV_NAMES}
    script = (
        "import forkant.settings as s; print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE,"
        " s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0,"
        " s.DATABASES['default']['CONN_MAX_AGE'] > 0, s.DATABASES['default']['CONN_HEALTH_CHECKS'])"
    )
    production = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=clean, capture_output=True, text=True
    )
    assert production.stdout.split() == ["True"] * 6, production.stderr
    development = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**clean, "DEBUG": "true"},
        capture_output=True,
        text=True,
    )
    assert development.stdout.split()[:4] == ["False"] * 4


def test_the_project_speaks_danish_in_copenhagen(settings):
    assert settings.LANGUAGE_CODE == "da"
    assert settings.TIME_ZONE == "Europe/Copenhagen"
    assert ("en", "English") in settings.LANGUAGES


def cookie_flags(**env: str) -> list[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECURE"}}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import forkant.settings as s; print(s.SESSION_COOKIE_SECURE, "
            "s.LANGUAGE_COOKIE_SECURE, s.LANGUAGE_COOKIE_HTTPONLY, s.LANGUAGE_COOKIE_SAMESITE)",
        ],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.split()


def test_the_language_cookie_is_secure_httponly_and_lax_in_production():
    assert cookie_flags() == ["True", "True", "True", "Lax"]


def test_the_language_cookie_is_secure_exactly_when_the_session_cookie_is():
    assert cookie_flags(SECURE="false") == ["False", "False", "True", "Lax"]
