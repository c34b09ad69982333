"""Settings shared by every environment.

Base fails closed: DEBUG is off and the secret key, allowed hosts and database come from the
environment. dev.py and test.py override them with throwaway values; production.py insists on them.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", BASE_DIR / "var"))


def env(name, default=None):
    return os.environ.get(name, default)


def env_list(name):
    return [item.strip() for item in env(name, "").split(",") if item.strip()]


def env_bool(name, default=False):
    return env(name, str(default)).lower() in {"1", "true", "yes", "on"}


def required_env(name):
    value = env(name)
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable (see .env.example).")
    return value


DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "portal",
    "governance",
    "actions",
    "consultations",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "portal.apps.WagtailUsersConfig",  # wagtail.users, with the portal's user form
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions and authentication: a stored public page is answered without touching either.
    "portal.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # No LocaleMiddleware: the site is written in British English only, and it would switch Django's
    # and allauth's wording and the month names in dates to the browser's language (and vary every
    # page on Accept-Language). Wagtail's admin applies each editor's chosen language itself.
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "governance.middleware.MembershipRightsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Before X-Frame-Options, so it sees that header when the response comes back through.
    "portal.csp.ContentSecurityPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.context_processors.navigation",
            ],
        },
    },
]
# Every form, allauth's included, renders through the site's accessible field templates.
FORM_RENDERER = "portal.forms.PortalFormRenderer"


def sqlite_writers_take_turns(database):
    """SQLite lets one writer in at a time: each transaction takes the write lock as it begins, and a
    waiting writer queues for up to 20 seconds, so two people saving at once both succeed instead of
    one getting "database is locked". Other databases are returned unchanged.
    """
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 20})
    return database


DATABASES = {
    "default": sqlite_writers_take_turns(
        dj_database_url.config(
            default=f"sqlite:///{VAR_DIR / 'portal.sqlite3'}",
            conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "60")),
            conn_health_checks=True,
        )
    )
}
# Wagtail lifts this to SAMEORIGIN on its own preview views.
X_FRAME_OPTIONS = "DENY"
# Nothing loads from another site and nothing runs inline; portal/csp.py loosens this for Wagtail's
# admin only, and lets frames in wherever X-Frame-Options does.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A shared cache, so rate limits and cached pages hold across every app server process: the
# database's by default, Redis when REDIS_URL is set.
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env("REDIS_URL")}
        if env("REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "portal_cache"}
    )
}
# How long an anonymous visitor's copy of a public page may be kept (it is emptied on every change).
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "300"))
# A signed-in person's own pages are kept until any write to the database (portal/personal_cache.py),
# and at most this long, so what changes with the clock alone (a consultation closing) shows within it.
PERSONAL_CACHE = env_bool("PERSONAL_CACHE", True)
PERSONAL_CACHE_SECONDS = int(env("PERSONAL_CACHE_SECONDS", "60"))
# A caching proxy or CDN in front is purged through Wagtail's frontend cache app, the page published
# and the pages that list it (see portal/signals.py). FRONTEND_CACHE_PURGE_URL is its purge address.
WAGTAILFRONTENDCACHE = (
    {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": env("FRONTEND_CACHE_PURGE_URL"),
        }
    }
    if env("FRONTEND_CACHE_PURGE_URL")
    else {}
)

AUTH_USER_MODEL = "portal.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "portal:dashboard"
LOGOUT_REDIRECT_URL = "/"

# django-allauth: email is the login, verified before the first sign-in.
ACCOUNT_ADAPTER = "portal.adapters.PortalAccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "portal.forms.SignupDetailsForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
# Wagtail and Django send a signed-in person who may not open a page to the sign-in form; showing it
# (to switch account) rather than bouncing them back to `next` stops a redirect loop.
ACCOUNT_AUTHENTICATED_LOGIN_REDIRECTS = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Partnership Portal] "
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    # Tight per account, loose per address: a school shares one address, and one person's typos must
    # not lock out colleagues. The per-account limit comes first, so a locked account's further tries
    # use none of the address's allowance. portal.adapters words the message to match.
    "login_failed": "5/5m/key,50/5m/ip",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_email": "1/m/user",
    "request_login_code": "20/m/ip,3/m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Partnership Portal"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["portal.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Slow work (email, batch jobs) never runs inside a request: it is queued in the database and done by
# `manage.py db_worker --backend background`. Wagtail's own quick tasks stay immediate.
# Slow work (email, reminders) waits in a queue for `manage.py db_worker --backend background`; with
# REDIS_URL set it waits in Redis instead (RQ) for `manage.py rqworker --job-class django_tasks_rq.Job default`.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
if env("REDIS_URL"):
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {"default": {"URL": env("REDIS_URL")}}
    TASKS["background"] = {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Partnership Portal <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# An action's owner is reminded this many days before it is due (`manage.py send_action_reminders`).
ACTION_REMINDER_DAYS = int(env("ACTION_REMINDER_DAYS", "7"))
# People with an unsent draft are emailed this many days before a consultation closes
# (`manage.py send_consultation_notices`).
CONSULTATION_CLOSING_REMINDER_DAYS = int(env("CONSULTATION_CLOSING_REMINDER_DAYS", "3"))
# Responses lose their names and emails this many months after their consultation closes
# (`manage.py anonymise_responses`); the answers stay for the analysis.
CONSULTATION_RETENTION_MONTHS = int(env("CONSULTATION_RETENTION_MONTHS", "6"))

WAGTAIL_SITE_NAME = "Partnership Portal"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Everyone signs in through allauth: one place for verification, rate limits and two-factor codes.
WAGTAILADMIN_LOGIN_URL = "/accounts/login/"
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
# Email and password change only through allauth (verification, notifications, rate limits).
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
# Nor may a site admin set someone's password in the admin's user screens.
WAGTAILUSERS_PASSWORD_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_I18N_ENABLED = False
# The admin asks no other site for anything: no Gravatar (it would be sent a hash of each person's
# email), no check for new Wagtail releases.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}
