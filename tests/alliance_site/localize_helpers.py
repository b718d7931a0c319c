"""Translating through the real wagtail-localize machinery, as the "Translate" and "Sync
translated pages" buttons do: a TranslationSource read from the database, StringTranslation
rows for the strings a translator typed, then Translation.save_target(publish=True)."""

from django.test import TestCase
from wagtail.models import Locale, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)


def sync_translation(instance, language_code, strings=None):
    """Translate `instance` (a page or a translatable snippet) into the language, or bring
    its translation up to date with the source as saved (published) in the database.

    `strings` maps source strings to what the translator typed; strings without an entry
    keep a translation typed earlier, else the source text (wagtail-localize's fallback).
    Returns the translation, fresh from the database (the specific page for pages)."""
    locale = Locale.objects.get(language_code=language_code)
    source, created = TranslationSource.get_or_create_from_instance(instance)
    if not created:
        source.update_from_db()
    for segment in StringSegment.objects.filter(source=source).select_related("string"):
        if segment.string.data in (strings or {}):
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context_id=segment.context_id,
                defaults={
                    "data": strings[segment.string.data],
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                },
            )
    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
    # wagtail-localize publishes a page's new revision when the transaction commits.
    with TestCase.captureOnCommitCallbacks(execute=True):
        translation.save_target(publish=True)
    translated = instance.get_translation(locale)
    return translated.specific if isinstance(translated, Page) else translated


def publish(page):
    """Publish the page's current in-memory state (child rows included) as an editor does."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page
