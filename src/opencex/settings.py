"""Django settings for OpenCEX; everything a deployment changes comes from the environment."""

import os
from pathlib import Path

import dj_database_url

from opencex.council.profile import load_profile

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("OPENCEX_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)  # the embedded database and mail live here


def _env_flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = _env_flag("OPENCEX_DEBUG", default=True)
_DEV_SECRET = "dev-only-insecure-key-change-me"  # noqa: S105 - refused below outside DEBUG
SECRET_KEY = os.environ.get("OPENCEX_SECRET_KEY", _DEV_SECRET)
if not DEBUG and SECRET_KEY == _DEV_SECRET:
    raise RuntimeError("Set OPENCEX_SECRET_KEY when OPENCEX_DEBUG is off.")
ALLOWED_HOSTS = os.environ.get("OPENCEX_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

# The council this deployment serves: a profile file, never code.
COUNCIL_PROFILE = load_profile(os.environ.get("OPENCEX_COUNCIL_PROFILE", "oxford"))
OPENCEX_HOLIDAY_REGION = list(COUNCIL_PROFILE.holiday_region)

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "opencex.accounts",
    "opencex.council",
    "opencex.clocks",
    "opencex.catalogue",
    "opencex.people",
    "opencex.cases",
    "opencex.aigovernance",  # every model suggestion and decision, recorded (issue 16)
    "opencex.forecasts",  # predicted completion of requests on a service standard (issue 16)
    "opencex.duplicatereports",  # reports of the same problem proposed as one job (issue 16)
    "opencex.textrouting",  # free text to a service and team (issue 16)
    "opencex.contacts",
    "opencex.notify",
    "opencex.search",
    "opencex.forms",
    "opencex.feedback",
    "opencex.directory",
    "opencex.replies",
    "opencex.insight",
    "opencex.sentiment",  # what residents say (issue 14)
    "opencex.inbox",
    "opencex.disclosure",
    "opencex.complaints",
    "opencex.inforights",
    "opencex.yousaidwedid",  # changes made because of feedback, told to residents (issue 14)
    "opencex.panels",  # the Residents and Youth Panels (issue 15)
    "opencex.consultations",  # planned consultations and the horizon scan (issue 15)
    "opencex.surveys",  # surveys, the question bank and invitations (issue 15)
    "opencex.readiness",  # the readiness model and its action plan (issue 15)
    "opencex.matching",  # one record per resident: duplicates found, reviewed, merged (issue 16)
    "opencex.jobs",
    "opencex.demo",
    "opencex.web",
    "opencex.staff",
    "opencex.api",
    # Last, so that staff/templates/admin/ can restyle it: administrators edit forms and the
    # catalogue here without a deploy.
    "django.contrib.admin",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything reads the session cookie or the body: NUL, oversize, out-of-range ids.
    "opencex.requestguard.RequestGuardMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "opencex.urls"
WSGI_APPLICATION = "opencex.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "opencex.council.context_processors.council",
            ],
        },
    },
]

# Outside DEBUG each web worker keeps its database connection instead of opening one per
# request (opening a PostgreSQL connection costs more than a whole submission's queries:
# bench/load.py), checked once per request before reuse so that a restarted database costs a
# reconnect, not a failed request. OPENCEX_DB_CONN_MAX_AGE=0 opens one per request, as DEBUG does.
_CONN_MAX_AGE = int(os.environ.get("OPENCEX_DB_CONN_MAX_AGE", "0" if DEBUG else "60"))
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'opencex.sqlite3'}"),
        conn_max_age=_CONN_MAX_AGE,
        conn_health_checks=_CONN_MAX_AGE != 0,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the task worker and the web process share the embedded database.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "staff:sign-in"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SESSION_COOKIE_HTTPONLY = True  # secure cookies: the edge block below
SESSION_COOKIE_AGE = 60 * 60 * 8

LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en", "English"), ("pl", "Polski"), ("ar", "العربية")]
LOCALE_PATHS = [BASE_DIR / "src" / "opencex" / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [
    ("govuk", BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"),
    ("moj", BASE_DIR / "node_modules" / "@ministryofjustice" / "frontend" / "moj"),
    ("build", BASE_DIR / "build" / "static"),
]
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": VAR_DIR / "private-media"},  # never served directly
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# Background work: django-tasks with its transactional database backend.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Mail. Development writes to files under var/mail; production points at an SMTP relay.
EMAIL_BACKEND = os.environ.get(
    "OPENCEX_EMAIL_BACKEND",
    "django.core.mail.backends.filebased.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_HOST = os.environ.get("OPENCEX_EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = int(os.environ.get("OPENCEX_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("OPENCEX_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("OPENCEX_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _env_flag("OPENCEX_EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = COUNCIL_PROFILE.email_from

# Which adapter delivers each channel: "smtp" / "outbox" locally, "govuk_notify" in production.
OPENCEX_NOTIFICATIONS = {
    "email": os.environ.get("OPENCEX_EMAIL_ADAPTER", "smtp"),
    "sms": os.environ.get("OPENCEX_SMS_ADAPTER", "outbox"),
}
GOVUK_NOTIFY_API_KEY = os.environ.get("GOVUK_NOTIFY_API_KEY", "")
GOVUK_NOTIFY_BASE_URL = os.environ.get(
    "GOVUK_NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk"
)
# Notify templates that just say ((subject)) / ((body)): our own templates render the words.
GOVUK_NOTIFY_EMAIL_TEMPLATE_ID = os.environ.get("GOVUK_NOTIFY_EMAIL_TEMPLATE_ID", "")
GOVUK_NOTIFY_SMS_TEMPLATE_ID = os.environ.get("GOVUK_NOTIFY_SMS_TEMPLATE_ID", "")
# Where the citizen site is served: every absolute link in an email or text starts here. `make run`
# sets it to the address it serves on; the default is runserver's.
OPENCEX_SITE_URL = os.environ.get("OPENCEX_SITE_URL", "http://127.0.0.1:8000")

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache"
        if not os.environ.get("REDIS_URL")
        else "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ.get("REDIS_URL", "opencex"),
    }
}

# LOGGING: the serve block below (JSON lines in production, text in development).

SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# --- serve: the production server, health and readiness, metrics, logs, error reports ---
# (opencex.server; docs/deploy.md "Single server"). Development and tests keep their defaults.
import ipaddress  # noqa: E402

from opencex.server.logs import logging_config, wants_json_lines  # noqa: E402

INSTALLED_APPS.insert(INSTALLED_APPS.index("opencex.web"), "opencex.server")
# First, so that every response (static files and redirects too) gets its request id and count.
MIDDLEWARE.insert(0, "opencex.server.middleware.RequestRecordMiddleware")
# Where `collectstatic` gathers the files WhiteNoise (or nginx) serves: apart from private media.
STATIC_ROOT = Path(os.environ.get("OPENCEX_STATIC_ROOT", STATIC_ROOT))
if not DEBUG:
    # Hashed, compressed files gathered by `opencex collectstatic` (`opencex serve` runs it).
    STORAGES["staticfiles"] = {"BACKEND": "opencex.server.static.CompressedHashedStaticFiles"}
LOGGING = logging_config(
    json_lines=wants_json_lines(), level=os.environ.get("OPENCEX_LOG_LEVEL", "INFO")
)
# /health/ready fails when a task due has waited longer than this for a worker.
OPENCEX_READY_MAX_TASK_WAIT = int(os.environ.get("OPENCEX_READY_MAX_TASK_WAIT", "300"))
# /metrics answers a bearer token or a client in these networks (comma-separated CIDRs). Behind
# nginx on the same host every request comes from loopback, so production allows none unless told.
OPENCEX_METRICS_TOKEN = os.environ.get("OPENCEX_METRICS_TOKEN", "")
_metrics_networks = os.environ.get(
    "OPENCEX_METRICS_ALLOWED_NETWORKS", "127.0.0.1/32,::1/128" if DEBUG else ""
)
try:
    OPENCEX_METRICS_ALLOWED_NETWORKS = [
        ipaddress.ip_network(network.strip())
        for network in _metrics_networks.split(",")
        if network.strip()
    ]
except ValueError as error:
    raise RuntimeError(f"OPENCEX_METRICS_ALLOWED_NETWORKS: {error}") from None
if os.environ.get("OPENCEX_SENTRY_DSN"):
    from opencex.server.errors import start_error_reporting

    start_error_reporting(
        dsn=os.environ["OPENCEX_SENTRY_DSN"],
        environment=os.environ.get("OPENCEX_SENTRY_ENVIRONMENT", "production"),
        release=os.environ.get("OPENCEX_RELEASE") or None,
    )
# --- end serve ---

# --- access: two-factor sign-in by role, special-category need to know ---
# The roles the council profile's [security] table says need an authenticator app, enforced
# when OPENCEX_ENFORCE_TWO_FACTOR is on: by default in production (OPENCEX_DEBUG off), off for
# `make run` and the tests, whose demo accounts sign in with a password alone.
OPENCEX_TWO_FACTOR_REQUIRED_FOR = (
    list(COUNCIL_PROFILE.security.two_factor_required_for)
    if _env_flag("OPENCEX_ENFORCE_TWO_FACTOR", default=not DEBUG)
    else []
)
# The issuer an authenticator app shows next to the officer's account.
OTP_TOTP_ISSUER = f"{COUNCIL_PROFILE.short_name} staff workspace"

# --- edge: life behind an HTTPS proxy, and the browser's security headers ---
# Every name, its default and why: docs/deploy.md, "Settings behind a proxy". The defaults keep
# `make run` (plain HTTP on a laptop, DEBUG on) working; with DEBUG off they are production's.
from typing import cast  # noqa: E402 - read only by this block

from csp.constants import NONCE, NONE, SELF  # noqa: E402


def _env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


# A form posted from the public address: the origin the browser sends must be one we serve.
_SITE_ORIGIN = "/".join(OPENCEX_SITE_URL.split("/")[:3])
CSRF_TRUSTED_ORIGINS = _env_list("OPENCEX_CSRF_TRUSTED_ORIGINS", [_SITE_ORIGIN])
# Only when the proxy always sets X-Forwarded-Proto (and strips any the client sent): otherwise a
# client could claim HTTPS over plain HTTP.
if _env_flag("OPENCEX_PROXY_SETS_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many proxies append to X-Forwarded-For in front of the application (opencex.clientaddress).
OPENCEX_TRUSTED_PROXY_HOPS = int(os.environ.get("OPENCEX_TRUSTED_PROXY_HOPS", "0"))
if OPENCEX_TRUSTED_PROXY_HOPS < 0:
    raise RuntimeError("OPENCEX_TRUSTED_PROXY_HOPS counts proxies: 0 or more.")

SECURE_SSL_REDIRECT = _env_flag("OPENCEX_SSL_REDIRECT", default=not DEBUG)
# Paths a load balancer probes over plain HTTP (regular expressions without the leading slash).
# The health probes (opencex.server) are exempt by default: a probe asks gunicorn directly.
SECURE_REDIRECT_EXEMPT = _env_list("OPENCEX_SSL_REDIRECT_EXEMPT", [r"^health/"])
SECURE_HSTS_SECONDS = int(os.environ.get("OPENCEX_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_flag("OPENCEX_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = _env_flag("OPENCEX_HSTS_PRELOAD", default=not DEBUG)
# Case pages and sign-in links carry references and tokens in their addresses: other sites are
# not told which page a resident came from.
SECURE_REFERRER_POLICY = os.environ.get("OPENCEX_REFERRER_POLICY", "same-origin")

# Cookies: HTTPS only outside DEBUG; "Lax" so that a link in an email (another site) still
# arrives signed in, while a form posted from another site does not carry them.
_SECURE_COOKIES = _env_flag("OPENCEX_SECURE_COOKIES", default=not DEBUG)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = _SECURE_COOKIES
SESSION_COOKIE_SAMESITE = os.environ.get("OPENCEX_SESSION_COOKIE_SAMESITE", "Lax")
CSRF_COOKIE_SAMESITE = os.environ.get("OPENCEX_CSRF_COOKIE_SAMESITE", "Lax")
CSRF_COOKIE_HTTPONLY = True  # no script of ours reads it: forms carry the token
if _SECURE_COOKIES:
    # The __Host- prefix: the browser refuses the cookie unless it is Secure, for this host only
    # (no Domain) and for the whole site, so a sibling site under the council's domain cannot
    # plant a session or CSRF cookie for this one.
    SESSION_COOKIE_NAME = "__Host-opencex-session"
    CSRF_COOKIE_NAME = "__Host-opencex-csrf"

# Content Security Policy (django-csp): scripts and styles only from this site, inline ones only
# with the nonce drawn for the response (the templates write it as {{ CSP_NONCE }}).
_CSP = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
if os.environ.get("OPENCEX_CSP_REPORT_URI"):
    _CSP["DIRECTIVES"]["report-uri"] = [os.environ["OPENCEX_CSP_REPORT_URI"]]
# Report-only: browsers report what the policy would block and block nothing (for trying a
# changed policy on live traffic first).
if _env_flag("OPENCEX_CSP_REPORT_ONLY", default=False):
    CONTENT_SECURITY_POLICY_REPORT_ONLY = _CSP
else:
    CONTENT_SECURITY_POLICY = _CSP
# Powerful browser features no page of ours uses; a council form that needs one (say, the
# location of a fly-tip) names it in OPENCEX_PERMISSIONS_ALLOWED and it is allowed for this site.
OPENCEX_PERMISSIONS_ALLOWED = _env_list("OPENCEX_PERMISSIONS_ALLOWED", [])

INSTALLED_APPS.append("csp")  # its system checks catch settings in django-csp 3's old shape
_TEMPLATE_OPTIONS = cast(dict[str, list[str]], TEMPLATES[0]["OPTIONS"])
_TEMPLATE_OPTIONS["context_processors"].append("csp.context_processors.nonce")  # {{ CSP_NONCE }}
# After WhiteNoise (static files need no policy), before the request guard, whose refusal pages
# carry the nonce too.
_GUARD = MIDDLEWARE.index("opencex.requestguard.RequestGuardMiddleware")
MIDDLEWARE[_GUARD:_GUARD] = [
    "csp.middleware.CSPMiddleware",
    "opencex.permissionspolicy.PermissionsPolicyMiddleware",
]

# --- jobs: task leases, the send lease, and the task backend (the database, or RQ on Redis) ---
# A worker that has not written its heartbeat for this long is dead: its running task goes back
# to the queue (opencex.jobs.worker). Longer than any pause of a live worker; the heartbeat is
# written every quarter of it.
OPENCEX_TASK_LEASE_SECONDS = float(os.environ.get("OPENCEX_TASK_LEASE_SECONDS", "60"))
# A message left "sending" this long was being sent by a worker that died (opencex.notify.delivery).
OPENCEX_NOTIFICATION_SEND_LEASE_SECONDS = float(
    os.environ.get("OPENCEX_NOTIFICATION_SEND_LEASE_SECONDS", "300")
)
# OPENCEX_TASK_BACKEND=rq moves the queue to Redis (REDIS_URL) for scale-out: run
# `opencex rqworker --with-scheduler default` instead of `opencex worker`. Jobs are then enqueued
# after the commit rather than inside it (no outbox): see docs/deploy.md, "Scaling out".
if os.environ.get("OPENCEX_TASK_BACKEND", "database") == "rq":
    INSTALLED_APPS = [*INSTALLED_APPS, "django_rq"]
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {"default": {"URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")}}

# --- audit: the audit trail's tamper evidence, and backups ---
# The audit app seals the timeline and the special-category access log in a hash chain and keeps
# the triggers that refuse to rewrite them; backups holds `opencex backup` / `restore` / the drill.
# The application's DATABASE_URL should be a role that does not own the tables: see
# docs/deploy.md, "The database roles" (migrate with the owner's URL, then `grant_app_role`).
INSTALLED_APPS += ["opencex.audit", "opencex.backups"]

# --- retention: the retention schedule, review dates and erasure (issue 11) ---
# The schedule itself is the council profile's [retention] table; the app keeps its records.
INSTALLED_APPS.insert(INSTALLED_APPS.index("opencex.web"), "opencex.retention")

# --- throughput: how many due tasks `opencex worker` claims at once (opencex.jobs.worker) ---
# More means fewer commits per task; a worker that dies leaves that many waiting a lease.
OPENCEX_TASKS_PER_CLAIM = int(os.environ.get("OPENCEX_TASKS_PER_CLAIM", "20"))

# Outbound events (opencex.events, docs/events.md) and the back-office adapters
# (opencex.integrations). A delivery left "delivering" this long was being sent by a worker that
# died, and is sent again; longer than the timeout, so a live send is never taken over.
INSTALLED_APPS.insert(INSTALLED_APPS.index("opencex.web"), "opencex.events")
INSTALLED_APPS.insert(INSTALLED_APPS.index("opencex.web"), "opencex.integrations")
# The urgency cues (issue 16) read every new case from the events' `case.created`.
INSTALLED_APPS.insert(INSTALLED_APPS.index("opencex.web"), "opencex.cues")
OPENCEX_EVENT_DELIVERY_TIMEOUT_SECONDS = float(
    os.environ.get("OPENCEX_EVENT_DELIVERY_TIMEOUT_SECONDS", "10")
)
OPENCEX_EVENT_DELIVERY_LEASE_SECONDS = float(
    os.environ.get("OPENCEX_EVENT_DELIVERY_LEASE_SECONDS", "120")
)
# Attempts before a delivery is a dead letter: 30 s, 2 min, 10 min, 30 min, then every 2 hours.
OPENCEX_EVENT_DELIVERY_ATTEMPTS = int(os.environ.get("OPENCEX_EVENT_DELIVERY_ATTEMPTS", "8"))
# GET /api/v1/events serves only events recorded at least this long ago, so that an event a
# slower transaction wrote with a lower id is not skipped by a receiver's cursor.
OPENCEX_EVENT_PULL_SETTLE_SECONDS = float(os.environ.get("OPENCEX_EVENT_PULL_SETTLE_SECONDS", "5"))
# The back offices (opencex.integrations): where each system's API is. The defaults are the local
# fakes `opencex run_fake_back_office uniform|ql` serve, for the demo and development.
OPENCEX_BACK_OFFICES = {
    "uniform": {
        "url": os.environ.get("OPENCEX_UNIFORM_URL", "http://127.0.0.1:8711"),
        "token": os.environ.get("OPENCEX_UNIFORM_TOKEN", "local-uniform"),
    },
    "ql": {
        "url": os.environ.get("OPENCEX_QL_URL", "http://127.0.0.1:8712"),
        "token": os.environ.get("OPENCEX_QL_TOKEN", "local-ql"),
    },
}

# --- payments (issue 12): one interface modelled on GOV.UK Pay (docs/payments.md) ---
INSTALLED_APPS.insert(INSTALLED_APPS.index("opencex.web"), "opencex.payments")
# Which provider new payments go to: "test" (the local test provider: no real money moves),
# "govuk_pay" or "council_hosted". A payment is always settled through the provider that took it.
OPENCEX_PAYMENT_PROVIDER = os.environ.get("OPENCEX_PAYMENT_PROVIDER", "test")
# GOV.UK Pay: the service's API key and the webhook signing secret (from its admin tool).
OPENCEX_GOVUK_PAY_URL = os.environ.get(
    "OPENCEX_GOVUK_PAY_URL", "https://publicapi.payments.service.gov.uk"
)
OPENCEX_GOVUK_PAY_API_KEY = os.environ.get("OPENCEX_GOVUK_PAY_API_KEY", "")
OPENCEX_GOVUK_PAY_WEBHOOK_SECRET = os.environ.get("OPENCEX_GOVUK_PAY_WEBHOOK_SECRET", "")
# A council's own hosted payment page (CivicaPay-style): where it is and the shared secret.
OPENCEX_COUNCIL_PAYMENT_URL = os.environ.get("OPENCEX_COUNCIL_PAYMENT_URL", "")
OPENCEX_COUNCIL_PAYMENT_SECRET = os.environ.get("OPENCEX_COUNCIL_PAYMENT_SECRET", "")
# The test provider signs its webhooks with this (by default derived from SECRET_KEY) and gives a
# resident this long to finish (GOV.UK Pay's 90 minutes).
OPENCEX_TEST_PAYMENT_PROVIDER_SECRET = os.environ.get("OPENCEX_TEST_PAYMENT_PROVIDER_SECRET", "")
OPENCEX_TEST_PAYMENT_PROVIDER_SESSION_MINUTES = 90
# What is owed on a bill, and where a payment is posted: the council's systems' adapter
# (docs/payments.md, "The bills system"); the default answers from the demo bills.
OPENCEX_BILLS_SYSTEM = os.environ.get(
    "OPENCEX_BILLS_SYSTEM", "opencex.payments.bills.system.DemoBills"
)
# A payment not final after this many minutes is settled by `opencex reconcile_payments`.
OPENCEX_PAYMENT_RECONCILE_AFTER_MINUTES = int(
    os.environ.get("OPENCEX_PAYMENT_RECONCILE_AFTER_MINUTES", "5")
)

# --- housing: the tenant portal and the housing management system's import interface (issue 12)
# The system's JSON API when set; otherwise the same documents read from a folder of files.
INSTALLED_APPS.insert(INSTALLED_APPS.index("opencex.web"), "opencex.housing")
OPENCEX_HOUSING_SYSTEM_URL = os.environ.get("OPENCEX_HOUSING_SYSTEM_URL", "")
OPENCEX_HOUSING_SYSTEM_TOKEN = os.environ.get("OPENCEX_HOUSING_SYSTEM_TOKEN", "")
OPENCEX_HOUSING_SYSTEM_DIR = os.environ.get(
    "OPENCEX_HOUSING_SYSTEM_DIR", str(BASE_DIR / "housing-system")
)

# --- bookings (issue 12): bookable services with capacity; the council's bookings file is
# bookings/data/<council>.toml unless OPENCEX_BOOKINGS_FILE names another ---
INSTALLED_APPS.insert(INSTALLED_APPS.index("opencex.web"), "opencex.bookings")
OPENCEX_BOOKINGS_FILE = os.environ.get("OPENCEX_BOOKINGS_FILE", "")

# Open311 GeoReport v2 at /open311/v2/ for report-it services such as FixMyStreet (docs/open311.md).
INSTALLED_APPS += ["opencex.open311"]

# A staging site (DEBUG off) that takes test payments on purpose: without it `check --deploy`
# refuses the test provider, and its card pages are served only while it takes new payments.
OPENCEX_ALLOW_TEST_PAYMENTS = _env_flag("OPENCEX_ALLOW_TEST_PAYMENTS", default=False)
# The test provider answers refunds at once ("at_once") or, like GOV.UK Pay, "submitted" first
# and settled later ("later").
OPENCEX_TEST_PAYMENT_PROVIDER_REFUNDS = os.environ.get(
    "OPENCEX_TEST_PAYMENT_PROVIDER_REFUNDS", "at_once"
)

# --- bin collections (issue 13): bin day by address, calendar feed and reminders; the council's
# file is bincollections/data/<council>.toml unless OPENCEX_BIN_COLLECTIONS_FILE names another ---
INSTALLED_APPS.insert(INSTALLED_APPS.index("opencex.web"), "opencex.bincollections")
OPENCEX_BIN_COLLECTIONS_FILE = os.environ.get("OPENCEX_BIN_COLLECTIONS_FILE", "")
# Housing options (issue 13): the homelessness triage of Housing Act 1996 Part 7.
INSTALLED_APPS.insert(INSTALLED_APPS.index("opencex.web"), "opencex.housingoptions")
# Telephony (issue 14): hourly call figures per line, imported (docs/telephony.md).
INSTALLED_APPS.insert(INSTALLED_APPS.index("opencex.web"), "opencex.telephony")

# --- readiness: the Citizen Experience readiness model (issue 15) ---
# A file name in readiness/frameworks/ or the path of the council's own model (docs/readiness.md).
OPENCEX_READINESS_MODEL = os.environ.get(
    "OPENCEX_READINESS_MODEL", "citizen-experience-readiness-2025"
)
