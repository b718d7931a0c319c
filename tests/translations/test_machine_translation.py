"""Machine translation: configured from the environment, off by default, never called
by tests."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from wagtail_localize.machine_translators import get_machine_translator

from translations.machine import DEEPL, LIBRETRANSLATE, machine_translator

pytestmark = pytest.mark.django_db


def test_off_unless_configured():
    assert machine_translator() is None
    assert machine_translator("  ", " ") is None


def test_deepl_from_a_key():
    setting = machine_translator("abc:fx", "http://lt.example.org")
    assert setting == {"CLASS": DEEPL, "OPTIONS": {"AUTH_KEY": "abc:fx", "TIMEOUT": 30}}


def test_libretranslate_from_a_url():
    setting = machine_translator("", "http://lt.internal:5000/", "k")
    assert setting["CLASS"] == LIBRETRANSLATE
    assert setting["OPTIONS"]["LIBRETRANSLATE_URL"] == "http://lt.internal:5000"
    assert setting["OPTIONS"]["API_KEY"] == "k"


def settings_value(**environ):
    """WAGTAILLOCALIZE_MACHINE_TRANSLATOR as the production settings compute it."""
    env = {k: v for k, v in os.environ.items() if k not in ("DEEPL_API_KEY", "LIBRETRANSLATE_URL")}
    env.update(environ, DJANGO_SETTINGS_MODULE="alliance_site.settings.dev")
    code = "from django.conf import settings; print(settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR)"
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
    )
    return result.stdout.strip()


def test_the_settings_read_the_environment():
    assert settings_value() == "None"
    assert "libretranslate.LibreTranslator" in settings_value(LIBRETRANSLATE_URL="http://lt:5000")
    assert "deepl.DeepLTranslator" in settings_value(DEEPL_API_KEY="k:fx")


def test_tests_never_translate_by_machine(admin_client, library_a):
    assert settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR is None
    assert get_machine_translator() is None
    from tests.conftest import translate

    english = translate(library_a, "en")
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[english.pk]))
    assert response.status_code == 200
    assert b"machine_translate" not in response.content

    # Configured (with wagtail-localize's offline dummy), the editor offers it.
    dummy = {"CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"}
    with override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=dummy):
        response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[english.pk]))
    assert b"machine_translate" in response.content
