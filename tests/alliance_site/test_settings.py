"""Configuration from the environment: production passes check --deploy and refuses to
start without a secret key, hosts or mail; development defaults are safe."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env):
    environment = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DEBUG"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "alliance_site.settings.production",
    "ALLOWED_HOSTS": "reading.example.org",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.example.org:587",
}


def test_production_passes_check_deploy():
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.core.management import call_command;"
        " call_command('check', deploy=True, fail_level='WARNING');"
        " from django.conf import settings;"
        " print(settings.EMAIL_BACKEND, settings.EMAIL_DELIVERY_BACKEND, settings.EMAIL_HOST);"
        " print(settings.TASKS['default']['BACKEND'], settings.CACHES['default']['BACKEND'])",
        **PRODUCTION,
        SECRET_KEY=secrets.token_urlsafe(50),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
    # Mail is queued in the request and delivered over SMTP by the worker.
    assert (
        "alliance_site.mail.QueuedEmailBackend django.core.mail.backends.smtp.EmailBackend"
        " smtp.example.org" in result.stdout
    )
    assert "django_tasks_db.DatabaseBackend" in result.stdout


def test_production_media_images_from_the_proxy_documents_through_wagtail():
    """Django serves nothing under /media/ in production (the proxy serves images/);
    documents go through Wagtail's view with its protective headers."""
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; from django.test import Client;"
        " c = Client(HTTP_HOST='reading.example.org', secure=True);"
        " print(c.get('/media/images/a.jpg').status_code,"
        " c.get('/media/documents/a.pdf').status_code);"
        " print(settings.WAGTAILDOCS_SERVE_METHOD, settings.WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT)",
        **PRODUCTION,
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL="sqlite:///:memory:",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    statuses, serve = result.stdout.strip().splitlines()[-2:]
    assert all(code in ("301", "302", "404") for code in statuses.split()), statuses
    assert serve == "serve_view True"


@pytest.mark.parametrize(
    "missing, message",
    [
        ({"SECRET_KEY": ""}, "SECRET_KEY"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS"),
        ({"EMAIL_URL": ""}, "EMAIL_URL"),
    ],
)
def test_production_refuses_to_start_without_what_it_needs(missing, message):
    environment = {**PRODUCTION, "SECRET_KEY": secrets.token_urlsafe(50), **missing}
    result = run_manage("check", **environment)
    assert result.returncode != 0
    error = result.stderr.strip().splitlines()[-1]
    assert error.startswith("django.core.exceptions.ImproperlyConfigured:") and message in error


@pytest.mark.parametrize(
    "value, expected", [("False", False), ("0", False), ("no", False), ("True", True)]
)
def test_debug_is_parsed_as_a_boolean(value, expected):
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.DEBUG)",
        DJANGO_SETTINGS_MODULE="alliance_site.settings.base",
        SECRET_KEY="x" * 50,
        DEBUG=value,
    )
    assert result.stdout.strip() == str(expected), result.stderr


def test_base_settings_are_safe_by_default():
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; db = settings.DATABASES['default'];"
        "print(settings.DEBUG, db['ENGINE'], db['OPTIONS']['transaction_mode'],"
        " 'WAL' in db['OPTIONS']['init_command'], settings.CACHES['default']['BACKEND'],"
        " settings.EMAIL_BACKEND, settings.EMAIL_DELIVERY_BACKEND,"
        " settings.TASKS['default']['BACKEND'])",
        DJANGO_SETTINGS_MODULE="alliance_site.settings.dev",
        DEBUG="False",
    )
    assert result.stdout.split() == [
        "False",
        "django.db.backends.sqlite3",
        "IMMEDIATE",
        "True",
        "django.core.cache.backends.locmem.LocMemCache",
        "alliance_site.mail.QueuedEmailBackend",
        "django.core.mail.backends.console.EmailBackend",
        "django_tasks.backends.immediate.ImmediateBackend",  # no worker to run beside make run
    ], result.stderr


def test_services_come_from_the_environment():
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'],"
        " settings.CACHES['default']['BACKEND'], settings.EMAIL_HOST, settings.EMAIL_USE_TLS)",
        DJANGO_SETTINGS_MODULE="alliance_site.settings.dev",
        DATABASE_URL="postgres://u:p@db.example.org:5432/alliance",
        REDIS_URL="redis://cache.example.org:6379/1",
        EMAIL_URL="smtp+tls://mailer:secret@smtp.example.org:587",
    )
    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        "alliance_site.cache.RedisCache",
        "smtp.example.org",
        "True",
    ], result.stderr


def test_production_collects_compressed_hashed_static_files(tmp_path):
    import json

    result = run_manage(
        "collectstatic",
        "--noinput",
        **PRODUCTION,
        SECRET_KEY=secrets.token_urlsafe(50),
        STATIC_ROOT=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())
    hashed = manifest["paths"]["css/site.css"]
    assert hashed != "css/site.css"
    assert (tmp_path / (hashed + ".gz")).exists()
