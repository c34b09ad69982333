"""Tests: fast hashing, emails kept in memory, a per-process cache."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

# Playwright runs an event loop in the test process; Django's ORM calls from the tests are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

DEBUG = False
SECRET_KEY = "test-only-insecure-key"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Queued work runs at once, so a test sees the email its request sent.
TASKS = {name: {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"} for name in ("default", "background")}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"

# Static files come straight from the apps' folders: no collectstatic before a test run.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405

# Browser tests serve pages from a second thread. With SQLite in memory Django makes both threads share
# one connection, and a page saving a session while a test builds its data can leave that connection
# stuck outside autocommit. A file gives each thread its own connection, as PostgreSQL does.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(Path(tempfile.gettempdir()) / f"portal-test-{os.getpid()}.sqlite3")}  # noqa: F405
