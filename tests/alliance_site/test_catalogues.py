from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils.translation import to_locale

LOCALE = Path(settings.BASE_DIR) / "locale"


@pytest.mark.parametrize("code", [code for code, _ in settings.LANGUAGES])
def test_every_language_has_a_catalogue(code):
    """Django only accepts a language prefix (/lo/, /fil/) when a catalogue exists."""
    from django.utils.translation import check_for_language, to_locale

    assert (LOCALE / to_locale(code) / "LC_MESSAGES" / "django.po").exists()
    assert check_for_language(code)


# Words in public templates that are not text to translate.
NOT_TEXT = {"阅"}  # the site's mark in the header, aria-hidden beside the translated name
ADMIN_TEMPLATES = ("/admin/", "/hosting/", "wagtailadmin")


def catalogue(code):
    return polib.pofile(str(LOCALE / code / "LC_MESSAGES" / "django.po"))


@pytest.fixture(scope="module")
def extracted():
    """The messages extracted afresh from the code and templates."""
    from tests.alliance_site.i18n_extract import messages

    found = messages(Path(settings.BASE_DIR))
    assert len(found) > 500
    return found


@pytest.mark.parametrize("code", [to_locale(code) for code, _ in settings.LANGUAGES])
def test_every_catalogue_holds_every_message_translated(code, extracted):
    """Every language is complete, and no string of the code is missing from its
    catalogue (run makemessages and translate when this fails)."""
    entries = {
        (entry.msgctxt, entry.msgid): entry for entry in catalogue(code) if not entry.obsolete
    }
    missing = sorted(extracted - set(entries), key=str)
    assert missing == [], f"{code}: run makemessages; missing {missing[:10]}"
    untranslated = [key for key in extracted if not entries[key].translated() or entries[key].fuzzy]
    assert untranslated == [], f"{code}: untranslated {untranslated[:10]}"


def test_public_templates_hold_no_untranslated_text():
    from tests.alliance_site.i18n_extract import literals

    root = Path(settings.BASE_DIR)
    offenders = {}
    for path in sorted(root.glob("*/templates/**/*.html")):
        name = str(path.relative_to(root))
        if name.startswith(".venv") or any(part in name for part in ADMIN_TEMPLATES):
            continue
        words = [word for word in literals(path) if word not in NOT_TEXT]
        if words:
            offenders[name] = words[:5]
    assert offenders == {}
