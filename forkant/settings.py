"""Settings for På forkant, all driven by environment variables (see .env.example).

Junk values fail loudly with ImproperlyConfigured instead of silently falling back.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

from forkant.lib.cache import cache_setting

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    env.read_env(BASE_DIR / ".env")


def env_bool(name: str, default: bool) -> bool:
    """A strict boolean: 'maybe' is an error, not False."""
    raw = env.str(name, default=None)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = env.str(name, default=None)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None


DEBUG = env_bool("DEBUG", False)

# Only ever used for `make run` and tests; `check --deploy` refuses it (forkant.checks).
INSECURE_DEV_SECRET_KEY = "django-insecure-forkant-development-only-never-in-production"  # noqa: S105
SECRET_KEY = env.str("SECRET_KEY", default=INSECURE_DEV_SECRET_KEY)
if len(SECRET_KEY) < 32:
    raise ImproperlyConfigured("SECRET_KEY must be at least 32 characters long.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "forkant",
    "handleplan",
    "apv",
    "metoder",
    # The composition root: the front page, the organisation overview, the demo, the URLs.
    "composition",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "simple_history",
    "template_partials",
    "csp",
    # Login throttling (database handler) and two-factor login.
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Background tasks (the inspection bundle renders off the request) on the project's own
    # database: django-tasks (the backport of Django 6's tasks API) and its database backend.
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # The wall screens' and members' unchanged polls: 304 from the cache, before sessions, auth
    # and the database (handleplan/polls.py); anything else goes on.
    "handleplan.polls.UnchangedPollMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "forkant.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's, with the user read in the same statement as the session (forkant/sessions.py).
    "forkant.sessions.AuthenticationMiddleware",
    # 413 for a body over MAX_REQUEST_BYTES, before the CSRF check reads it.
    "forkant.middleware.RequestSizeLimitMiddleware",
    # `private, no-store` on every answer to a signed-in person.
    "forkant.middleware.PrivateCacheMiddleware",
    # Records the acting user on every history row written during the request.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "forkant.middleware.HtmxLoginRedirectMiddleware",
    "csp.middleware.CSPMiddleware",
    # The verified second factor, the organisation's 2FA requirement, login lockouts.
    "django_otp.middleware.OTPMiddleware",
    "forkant.middleware.TwoFactorRequiredMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "composition.urls"
WSGI_APPLICATION = "forkant.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # The shared layout, then metoder's topics, each keeping its templates beside its code
        # (metoder/<topic>/templates/, searched like an app's own templates folder).
        "DIRS": [BASE_DIR / "templates", *sorted(BASE_DIR.glob("metoder/*/templates"))],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "forkant.context_processors.navigation",
            ],
            "builtins": ["django.templatetags.i18n"],
        },
    }
]

# SQLite in the checkout for trying it out; PostgreSQL (postgres://…) in CI and production.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
# Connections are reused across requests (a new PostgreSQL connection costs more than a wall
# poll); CONN_HEALTH_CHECKS replaces one that the server or a restart has closed. 0 = per request.
DATABASES["default"]["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", 600)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env_bool("CONN_HEALTH_CHECKS", True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's backend, but the health check skips connections used in the last 5 seconds
    # (forkant/lib/postgresql/base.py): a `SELECT 1` per request costs as much as a wall poll.
    DATABASES["default"]["ENGINE"] = "forkant.lib.postgresql"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The wall screens poll while members edit: WAL lets reads run beside a write.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL;"
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache: per process (locmem) by default; CACHE_URL (or REDIS_URL) = redis://host:port/db
# gives every app server one shared cache (forkant/lib/cache.py: an unreachable Redis is a
# missing cache, never a failed request). CACHE_KEY_PREFIX starts every key (default forkant).
CACHES = {
    "default": cache_setting(
        env.str("CACHE_URL", default="") or env.str("REDIS_URL", default=""),
        prefix=env.str("CACHE_KEY_PREFIX", default="forkant"),
    )
}

AUTH_USER_MODEL = "forkant.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
# Where a newly paired wall screen goes: the wall's board (handleplan's `wall` page; named here,
# where the project is wired together, so the core's pairing view names no higher app's URL).
WALLSCREEN_PAGE_URL = "wall"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "da"
# Each language is named in itself in the language switcher, so the names are not translated.
LANGUAGES = [("da", "Dansk"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Not the manifest storage: file names stay stable, so a wall screen that has run for months
    # still finds its script after a deploy; WhiteNoise revalidates them after WHITENOISE_MAX_AGE.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Serve straight from the source folders when no collectstatic has run (development, tests).
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", DEBUG)
WHITENOISE_MAX_AGE = 300

EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="På forkant <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Request sizes. The largest legitimate request is a survey's CSV file (apv.survey_csv.MAX_BYTES,
# 2 MB) with its form, and its preview posting the rows back (compressed) as one field: a body
# larger than MAX_REQUEST_BYTES is refused with 413 before it is read (forkant.middleware), and
# Django's own limits match it (the fields other than files; a file up to it stays in memory).
MAX_REQUEST_BYTES = 2 * 1024 * 1024 + 256 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_REQUEST_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = MAX_REQUEST_BYTES

# Security. Production (DEBUG off) is HTTPS-only by default: secure cookies, HSTS and the HTTPS
# redirect. SECURE=false is the explicit opt-out for plain HTTP (a closed network, a test rig).
SECURE = env_bool("SECURE", not DEBUG)
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SESSION_COOKIE_HTTPONLY = True
# The language cookie (Django's set_language) like the others: no script reads it.
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = SECURE
SECURE_HSTS_SECONDS = 31536000 if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Behind our own TLS proxy: trust its X-Forwarded-Proto, and the last X-Forwarded-For hop as the
# client address (forkant.ratelimit.client_ip).
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Load balancers probe the health endpoint over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^sundhed/$"]
X_FRAME_OPTIONS = "DENY"

# A strict Content-Security-Policy: no inline script or style anywhere, nothing from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

# Wall screens: how long an unused pairing link lives, how long the pairing cookie lives.
WALLSCREEN_PAIRING_TTL_HOURS = env_int("WALLSCREEN_PAIRING_TTL_HOURS", 24)
WALLSCREEN_COOKIE_NAME = "forkant_skaerm"
WALLSCREEN_COOKIE_MAX_AGE = 60 * 60 * 24 * 365 * 5
WALLSCREEN_POLL_SECONDS = env_int("WALLSCREEN_POLL_SECONDS", 3)
# A member's open board (and meeting mode on the projector) asks for changes this often.
BOARD_POLL_SECONDS = env_int("BOARD_POLL_SECONDS", 3)
# A board too full for one screen pages through its themes, this long on each page.
WALLSCREEN_PAGE_SECONDS = env_int("WALLSCREEN_PAGE_SECONDS", 15)
# How long the short code an unpaired TV shows can be entered in the app (it then shows a new one).
WALLSCREEN_CODE_MINUTES = env_int("WALLSCREEN_CODE_MINUTES", 10)

# Background tasks: the inspection bundle is rendered by `manage.py db_worker`, which takes its
# jobs from a table in this same database, so the embedded default needs no other server.
# TASKS_BACKEND=immediate runs every task at once inside the request (tests, one-off scripts).
TASKS_BACKEND = env.str("TASKS_BACKEND", default="database")
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
if TASKS_BACKEND not in _TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND must be one of {', '.join(_TASK_BACKENDS)}, not {TASKS_BACKEND!r}."
    )
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASKS_BACKEND], "QUEUES": ["default"]}}
# An inspection bundle still "rendering" after this many minutes is taken to have died with
# its worker: it is shown as failed, with a retry.
EXPORT_STALE_MINUTES = env_int("EXPORT_STALE_MINUTES", 10)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

# Organisation administration, accounts, login security ------------------------------

# The address of the app as people reach it, for links in e-mails sent outside a request
# (`manage.py create_organisation`). Views use the host of the request.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
# The operator's contact details, shown on the privacy policy and the accessibility statement.
OPERATOR_NAME = env.str("OPERATOR_NAME", default="Driftsansvarlig for På forkant")
OPERATOR_EMAIL = env.str("OPERATOR_EMAIL", default="")
OPERATOR_PHONE = env.str("OPERATOR_PHONE", default="")
OPERATOR_ADDRESS = env.str("OPERATOR_ADDRESS", default="")

# Login throttling that holds across app-server processes and servers (django-axes, database
# handler): after 5 failed logins for one e-mail address from one IP address, a 15-minute
# cool-off answered with 429 and a Danish page. A successful login resets the count.
AUTHENTICATION_BACKENDS = [
    "forkant.auth.ThrottledBackend",
    # Django's ModelBackend, handing back the user read with the session (forkant/sessions.py).
    "forkant.sessions.SessionUserBackend",
]
# Sessions in the database (forkant.models.Session: Django's, with the user's id as a column).
SESSION_ENGINE = "forkant.sessions"
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_CLIENT_IP_CALLABLE = "forkant.auth.login_client_ip"
# Only failed attempts are kept (to count them), not a log of every successful login.
AXES_DISABLE_ACCESS_LOG = True
AXES_USERNAME_CALLABLE = "forkant.auth.login_username"
AXES_VERBOSE = False
AXES_ENABLE_ADMIN = True

# Two-factor login (django-otp): TOTP from an authenticator app, plus one-time recovery codes.
OTP_TOTP_ISSUER = env.str("OTP_ISSUER", default="På forkant")

# Where `manage.py backup` (make backup) writes when no --output is given.
BACKUP_DIR = env.str("BACKUP_DIR", default=str(BASE_DIR / "backups"))
# Where `collectstatic` puts the static files WhiteNoise serves (default: staticfiles/).
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(STATIC_ROOT)))
