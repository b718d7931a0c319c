from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale"


@pytest.mark.parametrize("code", ["zh_Hans", "en"])
def test_catalogue_is_complete(code):
    catalogue = polib.pofile(str(LOCALE / code / "LC_MESSAGES" / "django.po"))
    assert len(catalogue) > 100
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []


@pytest.mark.parametrize("code", [code for code, _ in settings.LANGUAGES])
def test_every_language_has_a_catalogue(code):
    """Django only accepts a language prefix (/lo/, /fil/) when a catalogue exists."""
    from django.utils.translation import check_for_language, to_locale

    assert (LOCALE / to_locale(code) / "LC_MESSAGES" / "django.po").exists()
    assert check_for_language(code)
