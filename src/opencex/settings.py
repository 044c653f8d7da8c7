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
    "opencex.contacts",
    "opencex.notify",
    "opencex.search",
    "opencex.forms",
    "opencex.feedback",
    "opencex.directory",
    "opencex.replies",
    "opencex.insight",
    "opencex.inbox",
    "opencex.disclosure",
    "opencex.complaints",
    "opencex.inforights",
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

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'opencex.sqlite3'}"),
        conn_max_age=int(os.environ.get("OPENCEX_DB_CONN_MAX_AGE", "0")),
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
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("OPENCEX_LOG_LEVEL", "INFO")},
}

SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# --- retention: the retention schedule, review dates and erasure (issue 11) ---
# The schedule itself is the council profile's [retention] table; the app keeps its records.
INSTALLED_APPS.insert(INSTALLED_APPS.index("opencex.web"), "opencex.retention")
