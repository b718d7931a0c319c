"""Listings in locale X: X's translations, and for the rest the source page.

A page that exists only in zh-hans stays reachable from every locale: listings show it
(its link goes to the zh-hans page, and templates mark it with `lang`, see
`{% lang_attr %}`) until a live translation into X exists, which then replaces it.
No alias pages are created for this; the aliases wagtail-localize makes of untranslated
parent pages are shown as their source too, so the two never appear side by side."""

from django.conf import settings
from django.db.models import Q
from wagtail.models import Page


def in_locale_or_source(queryset, locale):
    """Restrict `queryset` (pages or translatable snippets) to `locale`, falling back to
    the source locale's objects that have no translation into it."""
    source = Q(locale__language_code=settings.LANGUAGE_CODE)
    if locale is None or locale.language_code == settings.LANGUAGE_CODE:
        return queryset.filter(source)
    model = queryset.model
    if issubclass(model, Page):
        own = Q(locale=locale, alias_of__isnull=True)
        translated = Page.objects.filter(locale=locale, live=True, alias_of__isnull=True)
    else:
        own = Q(locale=locale)
        translated = model._default_manager.filter(locale=locale)
    return queryset.filter(
        own | (source & ~Q(translation_key__in=translated.values("translation_key")))
    )
