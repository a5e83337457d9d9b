"""Tests: SQLite in memory unless DATABASE_URL points at PostgreSQL (CI does)."""

import os

os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "test-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("DATABASE_URL", "sqlite://:memory:")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SESSION_COOKIE_SECURE", "0")
os.environ.setdefault("CSRF_COOKIE_SECURE", "0")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("PUBLIC_URL", "http://testserver")

from .base import *  # noqa: E402,F403
from .base import DATABASES  # noqa: E402

DATABASES["default"]["CONN_MAX_AGE"] = 0
# Links that leave the browser point at Django's test client host, whatever the shell exports
# (``make test`` exports the PUBLIC_URL of ``make run``).
PUBLIC_URL = WAGTAILADMIN_BASE_URL = "http://testserver"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run in the request; the tests about the worker switch to the database backend.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "portal.core.files.PrivateInMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The cache outlives each test's database: a page stored by one test must not answer another.
# The page cache's own tests turn it on.
PAGE_CACHE_SECONDS = 0

# Serve static files straight from the finders; no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
