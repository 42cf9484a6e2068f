"""Settings for Jeugdregio, read from the environment (twelve-factor, django-environ).

Every value can be set as an environment variable or in an optional `.env` file next to
`manage.py`. With DEBUG=true the app runs as a local demo on SQLite; without it SECRET_KEY and
DATABASE_URL are required. docs/operations.md lists every variable.
"""

import os
from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

import environ
from csp.constants import NONE, SELF

from core.logs import logging_config
from core.storage import document_storage

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").exists():  # optional; without the check environ logs its absence
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# --- Core -----------------------------------------------------------------------------------

DEBUG = env.bool("DEBUG", default=False)
# No secret has a default outside DEBUG.
SECRET_KEY = env.str(
    "SECRET_KEY", default="demo-only-insecure-key" if DEBUG else environ.Env.NOTSET
)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "config.apps.JeugdregioAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "django_tables2",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "core",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "governance",
    "procurement",
    "programme",
    "finance",
    "demo",
]

# The region scope: who works in which region (governance knows; core asks through these).
# The model of a region, for the rows of `core` that belong to one (as AUTH_USER_MODEL for users).
REGION_MODEL = "governance.Region"
REGION_RESOLVER = "governance.scope.request_region"
REGION_MISSING_VIEW = "governance.scope.region_missing"

MIDDLEWARE = [
    # Operations: a request id for every log record, then the orchestrator's probes, answered
    # before host validation, the HTTPS redirect and sessions (core/logs.py, core/probes.py).
    "core.logs.RequestIdMiddleware",
    "core.probes.ProbeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Operations: an idle or too old session is signed out before the login check.
    "core.sessions.SessionExpiryMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Every query of a region's rows runs in the signed-in user's region (core/scope.py).
    "core.middleware.RegionScopeMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # A provider's session may log out at the provider too (the CSP's form-action).
    "governance.accounts.oidc.ProviderLogoutMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "governance.context_processors.navigation",
                "governance.context_processors.theme",
            ],
        },
    },
]
# Django's form templates, with <select> written in Python (core/form_renderer.py).
FORM_RENDERER = "core.form_renderer.FormRenderer"

# Each process keeps rendered fragments (the dashboard's body, list tables) in its own memory. A
# fragment's key names the data it shows (core/fragments.py), so processes and machines never
# have to tell each other that something changed: no shared cache server needed. The largest
# fragments (a large region's risk dashboard, its programme dashboard) are 100-200 kB, so 200
# entries hold a process to some tens of MB at most; when full, the least used third goes.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "jeugdregio",
        "OPTIONS": {"MAX_ENTRIES": 200},
    }
}

# --- Database -------------------------------------------------------------------------------

# PostgreSQL in production and CI (postgres://user:pass@host:port/name); SQLite for the demo.
# Outside DEBUG the URL is required: a production instance never falls back to SQLite silently.
# A pytest run (pytest sets PYTEST_VERSION) may use the SQLite default: its test database is
# in memory. `make test` always sets DATABASE_URL (the throwaway cluster or SQLite in memory).
if not os.environ.get("DATABASE_URL") and not DEBUG and "PYTEST_VERSION" not in os.environ:
    raise ImproperlyConfigured(
        "DATABASE_URL ontbreekt. Zet DATABASE_URL=postgres://gebruiker:wachtwoord@host:5432/naam "
        "(of DEBUG=true voor de demo op SQLite)."
    )
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# `.iterator()` (every choice list of a form, the chunked exports) reads through a client-side
# cursor. A server-side one costs three round trips instead of one, and in autocommit Django
# declares it WITH HOLD, so PostgreSQL copies the whole result at once anyway; behind a
# transaction-pooling PgBouncer it would not work at all.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True

# --- Database timeouts and readiness (operations) -------------------------------------------

# Seconds. A connection attempt gives up after DB_CONNECT_TIMEOUT; a statement that runs longer
# than DB_STATEMENT_TIMEOUT is cancelled by PostgreSQL (0 switches it off, e.g. for a long
# migration). The readiness probe uses its own, shorter READINESS_TIMEOUT (core/probes.py).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _db_options = DATABASES["default"].setdefault("OPTIONS", {})
    _db_options.setdefault("connect_timeout", env.int("DB_CONNECT_TIMEOUT", default=5))
    _statement_ms = int(env.float("DB_STATEMENT_TIMEOUT", default=30) * 1000)
    _db_options["options"] = (
        f"{_db_options.get('options', '')} -c statement_timeout={_statement_ms}".strip()
    )
READINESS_TIMEOUT = env.float("READINESS_TIMEOUT", default=2.0)

# --- Authentication -------------------------------------------------------------------------

AUTHENTICATION_BACKENDS = [
    # First: refuses a login while the username/address pair is locked out.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # The municipality's own account (OpenID Connect; governance/accounts/oidc.py).
    "governance.accounts.oidc.ProviderBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The local login (username and password) can be switched off once every user signs in with
# an identity provider; the login page then offers the providers only.
LOCAL_LOGIN_ENABLED = env.bool("LOCAL_LOGIN_ENABLED", default=True)
# A second factor (authenticator app) is asked of administrators on a local login and in the
# admin; SECOND_FACTOR_FOR_ALL asks it of everyone (governance/accounts/second_factor.py).
SECOND_FACTOR_FOR_ALL = env.bool("SECOND_FACTOR_FOR_ALL", default=False)
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Jeugdregio")

# Signing in with the municipality's account: the installation's OpenID Connect provider
# (docs/operations.md, "Inloggen met een identiteitsprovider"); regions may add their own in
# the admin. Endpoints left empty are read from the issuer's discovery document.
OIDC_ISSUER = env.str("OIDC_ISSUER", default="")
OIDC_PROVIDER_NAME = env.str("OIDC_PROVIDER_NAME", default="Gemeenteaccount")
OIDC_RP_CLIENT_ID = env.str("OIDC_RP_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env.str("OIDC_RP_CLIENT_SECRET", default="")
OIDC_OP_AUTHORIZATION_ENDPOINT = env.str("OIDC_OP_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env.str("OIDC_OP_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env.str("OIDC_OP_USER_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env.str("OIDC_OP_JWKS_ENDPOINT", default="")
OIDC_OP_END_SESSION_ENDPOINT = env.str("OIDC_OP_END_SESSION_ENDPOINT", default="")
OIDC_RP_SIGN_ALGO = env.str("OIDC_RP_SIGN_ALGO", default="RS256")
OIDC_RP_SCOPES = env.str("OIDC_RP_SCOPES", default="openid email profile")
OIDC_CREATE_USERS_REGION = env.str("OIDC_CREATE_USERS_REGION", default="")
OIDC_GROUP_CLAIM = env.str("OIDC_GROUP_CLAIM", default="")
OIDC_MFA_AMR = env.list("OIDC_MFA_AMR", default=["mfa", "otp", "hwk", "swk"])
OIDC_MFA_ACR = env.list("OIDC_MFA_ACR", default=[])
OIDC_TIMEOUT = env.float("OIDC_TIMEOUT", default=10)
OIDC_USE_PKCE = True
OIDC_STORE_ID_TOKEN = True
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc_callback"

# Invitations: a new user sets their own password through an e-mailed link, valid this long.
PASSWORD_RESET_TIMEOUT = env.int("INVITATION_VALID_HOURS", default=72) * 3600

# --- E-mail ---------------------------------------------------------------------------------

# EMAIL_URL: smtp://user:password@host:587 (submission with STARTTLS), smtp+ssl://…:465, or
# consolemail:// (printed, the demo's default). Production defaults to an MTA on localhost.
vars().update(
    env.email_url("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25")
)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Jeugdregio <jeugdregio@localhost>")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
# The address of the application in links of mail sent outside a request (an import's invitations).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000" if DEBUG else "")

# --- Language and time ----------------------------------------------------------------------

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

# --- Static files and uploads ---------------------------------------------------------------

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Generated documents (issued PDFs, ZIPs) on storage every instance reads: DOCUMENT_STORAGE is
# database (default), filesystem (MEDIA_ROOT, shared by every instance) or s3 (core/storage.py).
STORAGES = {
    "default": document_storage(env),
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_BACKEND",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage",
        )
    },
}

# --- Security (production values unless DEBUG) ----------------------------------------------

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Content security policy: no inline script or style anywhere (django-csp).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

# Login lock-out (django-axes): after repeated failures for a username from one address.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

# --- Login behind a proxy and sessions (operations) -----------------------------------------

# The client address: REMOTE_ADDR, or with TRUSTED_PROXY_COUNT reverse proxies in front the
# address the outermost of them saw, from the right of X-Forwarded-For (core/login.py).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "core.login.client_ip_address"
# Besides the username/address pair, one address is locked after this many failures across
# usernames within the cool-off time.
AXES_HANDLER = "core.login.LockoutHandler"
AXES_ADDRESS_FAILURE_LIMIT = env.int("AXES_ADDRESS_FAILURE_LIMIT", default=20)
# A session ends after SESSION_IDLE_MINUTES without a request, and SESSION_MAX_HOURS after
# signing in at the latest (core/sessions.py); the cookie does not outlive the latter.
SESSION_IDLE_MINUTES = env.int("SESSION_IDLE_MINUTES", default=60)
SESSION_MAX_HOURS = env.int("SESSION_MAX_HOURS", default=10)
SESSION_COOKIE_AGE = SESSION_MAX_HOURS * 3600

# --- Third-party apps -----------------------------------------------------------------------

DJANGO_TABLES2_TEMPLATE = "django_tables2/table.html"
SIMPLE_HISTORY_HISTORY_ID_USE_UUID = False

# Background work (django-tasks): tasks are rows in the shared database, so they survive a
# restart and any worker (`manage.py db_worker`) picks them up.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Background jobs (core.jobs: regional letters, large PDFs, exports, imports): at most
# JOBS_PER_USER queued or running per user; their results are kept JOB_RESULTS_DAYS days; a
# job running longer than JOB_STALE_MINUTES (its worker was killed) is marked failed by the
# daily maintenance.
JOBS_PER_USER = env.int("JOBS_PER_USER", default=2)
JOB_RESULTS_DAYS = env.int("JOB_RESULTS_DAYS", default=7)
JOB_STALE_MINUTES = env.int("JOB_STALE_MINUTES", default=60)
# A running job silent for JOB_SILENT_MINUTES: its page says that its worker may have stopped.
JOB_SILENT_MINUTES = env.int("JOB_SILENT_MINUTES", default=5)
# A list export (CSV, XLSX) of more than EXPORT_INLINE_ROWS rows is made as a background job.
EXPORT_INLINE_ROWS = env.int("EXPORT_INLINE_ROWS", default=2000)
# The daily work (reminders, clean-up) runs in the worker at DAILY_TASKS_HOUR (local time).
DAILY_TASKS_HOUR = env.int("DAILY_TASKS_HOUR", default=6)

# --- Logging (operations) -------------------------------------------------------------------

# LOG_LEVEL: DEBUG, INFO, WARNING, ERROR. LOG_FORMAT: "text" or "json" (one JSON object per
# line). Every record of a request carries its request id (core/logs.py).
LOG_FORMAT = env.str("LOG_FORMAT", default="text")
if LOG_FORMAT not in ("text", "json"):
    raise ImproperlyConfigured(f"LOG_FORMAT moet 'text' of 'json' zijn, niet {LOG_FORMAT!r}.")
LOGGING = logging_config(env.str("LOG_LEVEL", default="INFO"), LOG_FORMAT)
