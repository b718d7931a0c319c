import shutil
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


def installed_msgids():
    """(context, msgid) of the installed packages' own catalogues (their English source
    catalogues and their Chinese ones)."""
    import django
    from django.apps import apps

    roots = [Path(app.path) for app in apps.get_app_configs()]
    roots.append(Path(django.__file__).parent / "conf")
    found = set()
    for root in roots:
        if not {"site-packages", "dist-packages"} & set(root.parts):
            continue  # the project's own apps
        for code in ("en", "zh_Hans"):
            path = root / "locale" / code / "LC_MESSAGES" / "django.po"
            if path.exists():
                found |= {(entry.msgctxt, entry.msgid) for entry in polib.pofile(str(path))}
    return found


def test_no_message_of_ours_takes_over_a_message_of_the_installed_packages(extracted):
    """Our catalogues take precedence over Wagtail's, Django's, allauth's and
    wagtail-localize's, so a string of ours with one of their msgids (and no context)
    changes their screens: the public pagination's "Pages" (分页) once renamed the
    admin's Pages menu. Give such a string a context. The month and weekday names of
    alliance_site/formats/names.py are Django's own messages on purpose."""
    from tests.alliance_site.i18n_extract import calls

    names = Path(settings.BASE_DIR) / "alliance_site" / "formats" / "names.py"
    taken_over = extracted & installed_msgids() - set(calls(names.read_text()))
    assert sorted(taken_over, key=str) == []


UPSTREAM_ENTRY = """
# Upstream: corrects “动作”.
msgid "Actions"
msgstr "操作"
"""


@pytest.mark.skipif(not shutil.which("msgmerge"), reason="GNU gettext is not installed")
def test_makemessages_keeps_the_entries_for_other_packages_strings(tmp_path):
    """The zh_Hans catalogue translates Wagtail strings that are not in our code:
    makemessages must not make them obsolete."""
    from alliance_site.management.commands.makemessages import Command

    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    (tmp_path / "django.pot").write_text(header + '\nmsgid "Ours"\nmsgstr ""\n')
    folder = tmp_path / "zh_Hans" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po = folder / "django.po"
    po.write_text(
        header + '\nmsgid "Ours"\nmsgstr "我们的"\n\nmsgid "Gone"\nmsgstr "没了"\n' + UPSTREAM_ENTRY
    )

    command = Command()
    command.domain, command.verbosity, command.no_obsolete = "django", 0, False
    command.write_po_file(str(tmp_path / "django.pot"), "zh_Hans")

    entries = {entry.msgid: entry for entry in polib.pofile(str(po))}
    assert entries["Ours"].msgstr == "我们的" and not entries["Ours"].obsolete
    assert entries["Actions"].msgstr == "操作" and not entries["Actions"].obsolete
    assert entries["Gone"].obsolete  # a message that left the code still goes
    assert sorted(path.name for path in tmp_path.iterdir()) == ["django.pot", "zh_Hans"]
