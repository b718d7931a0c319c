"""Test settings: fast hashing, local memory cache, immediate tasks, plain static files.

DATABASE_URL and REDIS_URL still apply, so CI runs the same suite on PostgreSQL and Redis.
"""

import os
from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "test-only-insecure-key-0000000000000000000000000000"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
if not env.str("REDIS_URL", default=""):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
    }
elif _worker := os.environ.get("PYTEST_XDIST_WORKER", ""):
    # pytest-xdist: each worker has its own Redis database (the suite flushes the cache
    # between tests), as pytest-django gives each its own test database.
    _url = urlsplit(REDIS_URL)  # noqa: F405
    _db = int(_url.path.strip("/") or 0) + 1 + int(_worker.removeprefix("gw"))
    if _db > 15:  # Redis has 16 databases unless configured otherwise
        raise ImproperlyConfigured(
            f"pytest-xdist worker {_worker} would need Redis database {_db}: run fewer "
            "workers (PYTEST_WORKERS=…) or start REDIS_URL at database 0."
        )
    CACHES["default"]["LOCATION"] = urlunsplit(_url._replace(path=f"/{_db}"))  # noqa: F405
    CACHES["pages"]["LOCATION"] = CACHES["default"]["LOCATION"]  # noqa: F405
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
WAGTAILADMIN_BASE_URL = "http://testserver"
# Tests never call a translation service, whatever the environment says.
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None
