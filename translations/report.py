"""Translation status: per locale and library, how many live source pages are
translated, out of date (the source was published again after the translation) or
missing, with links to translate, sync or edit.

Administrators see every library and locale, translators every library in their
locales, library staff their own libraries in every locale. Four queries whatever the
size of the site: libraries, source pages, their translations, translators' locales."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from wagtail.models import Locale, Page
from wagtail_localize.models import TranslationSource

from events.admin_views import staff_library_keys
from home.models import MemberLibraryPage

from .models import LocaleTranslators

TRANSLATED, OUTDATED, MISSING = "translated", "outdated", "missing"


@dataclass
class Section:
    """A library (or the alliance's own pages) and its pages' status per locale."""

    key: str
    title: str
    path: str
    counts: dict = field(default_factory=lambda: defaultdict(Counter))
    pages: list = field(default_factory=list)


def visible_scope(user):
    """(locales, library translation_keys or None for all, whether alliance pages show)."""
    if not user.is_active:
        raise PermissionDenied
    targets = Locale.objects.exclude(language_code=settings.LANGUAGE_CODE).order_by("pk")
    if user.is_superuser:
        return list(targets), None, True
    own_locales = set(
        LocaleTranslators.objects.filter(group__user=user).values_list("locale_id", flat=True)
    )
    if own_locales:
        return [locale for locale in targets if locale.pk in own_locales], None, True
    keys = staff_library_keys(user)
    if keys:
        return list(targets), keys, False
    raise PermissionDenied


def status_of(source, translation):
    if translation is None:
        return MISSING
    live, published_at = translation
    if not live or (
        source.last_published_at and (not published_at or published_at < source.last_published_at)
    ):
        return OUTDATED
    return TRANSLATED


def build_sections(locales, library_keys, with_alliance):
    default = Locale.get_default()
    libraries = MemberLibraryPage.objects.filter(locale=default).order_by("path")
    if library_keys is not None:
        libraries = libraries.filter(translation_key__in=library_keys)
    sections = [
        Section(key=str(lib.translation_key), title=lib.title, path=lib.path) for lib in libraries
    ]
    alliance = Section(key="alliance", title=_("Alliance pages"), path="")
    sources = Page.objects.filter(locale=default, live=True, depth__gt=1).order_by("path")
    if library_keys is not None:
        within = Q(pk__in=[])
        for section in sections:
            within |= Q(path__startswith=section.path)
        sources = sources.filter(within)
    sources = list(sources.only("pk", "title", "path", "translation_key", "last_published_at"))
    translations = {
        (key, locale_id): (live, published_at)
        for key, locale_id, live, published_at in Page.objects.filter(
            locale__in=locales,
            alias_of__isnull=True,
            translation_key__in=[page.translation_key for page in sources],
        ).values_list("translation_key", "locale_id", "live", "last_published_at")
    }
    # Libraries do not nest: a page belongs to the library whose path starts its own.
    by_path = {section.path: section for section in sections}
    lengths = sorted({len(path) for path in by_path}, reverse=True)
    for page in sources:
        section = next((by_path[page.path[:n]] for n in lengths if page.path[:n] in by_path), None)
        if section is None:
            if not with_alliance:
                continue
            section = alliance
        statuses = {
            locale.pk: status_of(page, translations.get((page.translation_key, locale.pk)))
            for locale in locales
        }
        for locale_id, status in statuses.items():
            section.counts[locale_id][status] += 1
        section.pages.append((page, statuses))
    return ([alliance] if with_alliance else []) + sections


def translation_status(request):
    locales, library_keys, with_alliance = visible_scope(request.user)
    sections = build_sections(locales, library_keys, with_alliance)
    chosen = request.GET.get("section", "")
    locale_code = request.GET.get("locale", "")
    detail = next((s for s in sections if s.key == chosen), None)
    locale = next((loc for loc in locales if loc.language_code == locale_code), None)
    context = {
        "locales": locales,
        "rows": [
            (section, [(loc, section.counts[loc.pk]) for loc in locales])
            for section in sections
            if section.pages
        ],
        "detail": detail,
        "locale": locale,
    }
    if detail is not None and locale is not None:
        context["pages"] = page_actions(request, detail, locale)
    elif chosen or locale_code:
        context["error"] = _("Choose a library and a language from the table.")
    return TemplateResponse(request, "translations/status.html", context)


def page_actions(request, section, locale):
    """The section's pages in one locale, each with the link that moves it forward."""
    here = request.get_full_path()
    sources = {
        source.object_id: source.pk
        for source in TranslationSource.objects.filter(
            object_id__in=[page.translation_key for page, _statuses in section.pages]
        ).only("pk", "object_id")
    }
    translated = dict(
        Page.objects.filter(
            locale=locale,
            alias_of__isnull=True,
            translation_key__in=[page.translation_key for page, _statuses in section.pages],
        ).values_list("translation_key", "pk")
    )
    rows = []
    for page, statuses in section.pages:
        status = statuses[locale.pk]
        if status == MISSING:
            url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
            url += "?" + urlencode({"select_locale": locale.language_code, "next": here})
            action = pgettext("translation status", "Translate")
        elif status == OUTDATED and page.translation_key in sources:
            url = reverse(
                "wagtail_localize:update_translations", args=[sources[page.translation_key]]
            )
            url += "?" + urlencode({"next": here})
            action = _("Sync")
        else:
            url = reverse("wagtailadmin_pages:edit", args=[translated[page.translation_key]])
            action = _("Edit translation")
        rows.append((page, status, url, action))
    return rows
