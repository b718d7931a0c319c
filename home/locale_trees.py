"""Every locale has its own tree of the alliance-wide pages.

The home page and the alliance-wide indexes under it (member libraries, calendar,
lectures, exhibitions, volunteering: page types with `alliance_wide = True`) exist in
every locale, so that `/<X>/` is X's own site: its `<html lang>`, its menu, its search.
They are made (as wagtail-localize translations, published) after every `migrate`, when a
locale is added, and when an alliance-wide page is first published in the source locale;
`load_demo` then fills in the demo's translations. Text nobody has translated yet is the
source's, and templates mark it with its language (translations/visitor.py).
"""

import logging

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import Translation, TranslationSource

logger = logging.getLogger(__name__)


def source_home():
    """The default site's home page in the source locale."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return None
    home = site.root_page
    if home.locale.language_code != settings.LANGUAGE_CODE:
        home = home.get_translation_or_none(Locale.get_default()) or home
    return home.specific


def alliance_wide_pages():
    """The source locale's home page, then its live alliance-wide children."""
    home = source_home()
    if home is None:
        return []
    children = [
        child
        for child in home.get_children().live().specific()
        if getattr(type(child), "alliance_wide", False)
    ]
    return [home, *children]


def translate_with_fallback(page, locale):
    """A published translation of `page` into `locale`, its text the source's until
    translated (wagtail-localize's fallback); nothing if one exists already."""
    if page.has_translation(locale):
        return
    source, created = TranslationSource.get_or_create_from_instance(page)
    if not created:
        source.update_from_db()
    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    translation.save_target(publish=True)


def other_locales():
    return Locale.objects.exclude(language_code=settings.LANGUAGE_CODE).order_by("pk")


def ensure_locale_tree(locale, pages=None):
    """Translate the alliance-wide pages into `locale` where missing (idempotent). Each
    page in its own transaction: wagtail-localize publishes a translation when its
    transaction commits, and a parent must be live before its children."""
    if locale.language_code == settings.LANGUAGE_CODE:
        return
    for page in alliance_wide_pages() if pages is None else pages:
        with transaction.atomic():
            translate_with_fallback(page, locale)


def ensure_locale_trees(**kwargs):
    """Every locale's tree (after `migrate`): a failure is logged, it never stops a
    deployment; the trees are completed by the next migrate or publication."""
    try:
        pages = alliance_wide_pages()
        for locale in other_locales():
            ensure_locale_tree(locale, pages)
    except Exception:
        logger.exception("Could not complete the locales' trees of alliance-wide pages")


def is_alliance_wide(page):
    """The source home page, or an alliance-wide index directly under it."""
    specific_class = page.specific_class
    if page.depth > 3 or page.alias_of_id:  # the cheap tests first: every publish asks
        return False
    if page.depth == 3 and not getattr(specific_class, "alliance_wide", False):
        return False
    if page.locale.language_code != settings.LANGUAGE_CODE:
        return False
    home = source_home()
    if home is None:
        return False
    if page.pk == home.pk:
        return True
    return getattr(specific_class, "alliance_wide", False) and page.depth == home.depth + 1


def page_in_every_locale(page):
    """After the transaction that published an alliance-wide page of the source locale:
    its translations into every locale, where missing."""
    if not is_alliance_wide(page):
        return
    page_id = page.pk

    def translate():
        fresh = Page.objects.filter(pk=page_id, live=True).first()
        home = source_home()
        if fresh is None or home is None:
            return
        pages = [home] if fresh.pk == home.pk else [home, fresh.specific]
        for locale in other_locales():
            ensure_locale_tree(locale, pages)

    # After the commit, and never failing the publication that triggered it: a locale
    # missing a page is made again after the next migrate or publication.
    transaction.on_commit(translate, robust=True)


def translated_into(page, locale):
    """True when `page` has a translation into `locale` with a title of its own (not the
    source's text, which wagtail-localize publishes until someone translates it)."""
    translation = page.get_translation_or_none(locale)
    return translation is not None and translation.title != page.title
