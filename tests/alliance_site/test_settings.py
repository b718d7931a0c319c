"""Configuration from the environment: production passes check --deploy and refuses to
start without a secret key; development defaults are safe."""

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


def test_production_passes_check_deploy():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="alliance_site.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="reading.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key():
    result = run_manage(
        "check",
        DJANGO_SETTINGS_MODULE="alliance_site.settings.production",
        ALLOWED_HOSTS="reading.example.org",
        SECRET_KEY="",
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


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
        " settings.EMAIL_BACKEND)",
        DJANGO_SETTINGS_MODULE="alliance_site.settings.dev",
        DEBUG="False",
    )
    assert result.stdout.split() == [
        "False",
        "django.db.backends.sqlite3",
        "IMMEDIATE",
        "True",
        "django.core.cache.backends.locmem.LocMemCache",
        "django.core.mail.backends.console.EmailBackend",
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
        "django.core.cache.backends.redis.RedisCache",
        "smtp.example.org",
        "True",
    ], result.stderr


def test_production_collects_compressed_hashed_static_files(tmp_path):
    import json

    result = run_manage(
        "collectstatic",
        "--noinput",
        DJANGO_SETTINGS_MODULE="alliance_site.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="reading.example.org",
        STATIC_ROOT=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())
    hashed = manifest["paths"]["css/site.css"]
    assert hashed != "css/site.css"
    assert (tmp_path / (hashed + ".gz")).exists()
