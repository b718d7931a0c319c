"""The visitor's language site, and the rule for content not yet translated into it.

Every locale has its own tree of the alliance-wide pages (home, members, calendar,
lectures, exhibitions, volunteering). On `/<X>/…` the interface is in X and
`<html lang>` says X, whatever the content. A page not translated into X is shown at the
same path under `/<X>/` (slugs are synchronised, so the path is the source's), in its
source language and marked with that language's `lang`; its links, dates and the menu
stay in X. So a page exists at the same address in every language site, translated or
not, and never answers 404 in one locale and a page in another:

- routing (`BasePage.route`) continues in the source locale's tree where X's has no
  page for a slug;
- a source page's URL, asked for while a visitor is on X's site, is its path under
  `/<X>/` (`BasePage.get_url_parts`), so listings, menus, feeds, e-mails and redirects
  keep the visitor in X;
- templates mark content shown in another language with `{% content_lang %}`,
  `{% lang_attr %}` and `{% lang_badge %}` (translations.templatetags).

In the admin (and its previews) there is no visitor language: pages keep their own URLs.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale

CONTENT_LANGUAGES = {code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES}

_in_admin = ContextVar("alliance_in_admin", default=False)
_locales = ContextVar("alliance_visitor_locales", default=None)


def visitor_language():
    """The language of the language site being served (the URL prefix, or the language a
    mail is rendered in), or None in the admin and within `own_addresses()`."""
    if _in_admin.get():
        return None
    code = translation.get_language()
    return code if code in CONTENT_LANGUAGES else None


@contextmanager
def own_addresses():
    """Pages' URLs are their own, whatever the request's language (the sitemap)."""
    token = _in_admin.set(True)
    try:
        yield
    finally:
        _in_admin.reset(token)


@contextmanager
def on_language_site(code):
    """Render as a visitor of `code`'s language site, even from the admin (a booker's
    e-mail sent when staff move them up from the waitlist)."""
    token = _in_admin.set(False)
    try:
        with translation.override(code):
            yield
    finally:
        _in_admin.reset(token)


# Data every page reads, kept across requests until what it comes from changes: the site
# gives its shared cache (alliance_site.page_cache.remember) at start-up.
_shared_cache = None


def share_with(remember):
    global _shared_cache
    _shared_cache = remember


def shared_cached(name, tags, compute):
    """`compute()`, kept in the site's shared cache until any of `tags` changes ("site":
    the locales, privacy, menus) while serving pages (computed afresh elsewhere)."""
    if _shared_cache is None or _locales.get() is None or _in_admin.get():
        return compute()
    return _shared_cache(name, tags, compute)


def _locales_by_code():
    """{language code: Locale}: once per request, from the shared cache (every query
    elsewhere)."""
    cache = _locales.get()  # a dict during a request, None elsewhere (no stale rows)
    if cache is not None and "by_code" in cache:
        return cache["by_code"]
    by_code = shared_cached(
        "locales",
        {"site"},
        lambda: {locale.language_code: locale for locale in Locale.objects.all()},
    )
    if cache is not None:
        cache["by_code"] = by_code
    return by_code


def request_cached(key, compute):
    """`compute()`, kept for the rest of the request under `key` (every call elsewhere)."""
    cache = _locales.get()
    if cache is None:
        return compute()
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def forget(key):
    """Drop `key` from the request's cache (what it held has just changed)."""
    cache = _locales.get()
    if cache is not None:
        cache.pop(key, None)


def visitor_locale():
    """The Locale of `visitor_language()` (None in the admin)."""
    code = visitor_language()
    return _locales_by_code().get(code) if code else None


def _get_for_language(original):
    def get_for_language(language_code):
        """Wagtail's Locale lookup (every page served asks it), from the request's locales."""
        if _locales.get() is not None and not _in_admin.get():
            try:
                code = get_supported_content_language_variant(language_code)
            except LookupError:
                code = None
            locale = _locales_by_code().get(code)
            if locale is not None:
                return locale
        return original(language_code)

    return get_for_language


def serve_locales_from_the_request():
    """Called once at start-up (TranslationsConfig.ready)."""
    manager = Locale.objects
    if not getattr(manager.get_for_language, "from_request", False):
        manager.get_for_language = _get_for_language(manager.get_for_language)
        manager.get_for_language.from_request = True


def locale_by_id(pk):
    """The Locale with this pk, from the request's (or the shared) cache."""
    return next((locale for locale in _locales_by_code().values() if locale.pk == pk), None)


def locale_codes():
    """{locale pk: language code}."""
    return {locale.pk: code for code, locale in _locales_by_code().items()}


def source_locale_id():
    """The pk of the source (default) locale."""
    locale = _locales_by_code().get(settings.LANGUAGE_CODE)
    return locale.pk if locale else None


def in_visitor_site(path):
    """`path` of a page of the source locale, moved under the visitor's language prefix."""
    code = visitor_language()
    prefix = f"/{settings.LANGUAGE_CODE}/"
    if code and code != settings.LANGUAGE_CODE and path.startswith(prefix):
        return f"/{code}/{path[len(prefix) :]}"
    return path


class VisitorLanguageMiddleware:
    """Tells the rest of the request whether it is a public page or the admin, and gives
    it a fresh per-request cache. Goes after LocaleMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/admin/"

    def __call__(self, request):
        admin = _in_admin.set(request.path_info.startswith(self.admin_prefix))
        locales = _locales.set({})
        try:
            return self.get_response(request)
        finally:
            _in_admin.reset(admin)
            _locales.reset(locales)


def _serialised(obj, name):
    field = obj._meta.get_field(name)
    return field.value_to_string(obj)


def prefetch_sources(items, fields=("title",)):
    """Read the source-locale values of `fields` for translated `items` (pages or
    snippets of one model each) in one query per model, for `untranslated`."""
    by_model = {}
    source_id = source_locale_id()
    for item in items:
        if getattr(item, "translation_key", None) and item.locale_id != source_id:
            by_model.setdefault(type(item), []).append(item)
    for model, group in by_model.items():
        keys = {item.translation_key for item in group}
        sources = {
            row["translation_key"]: row
            for row in model._default_manager.filter(
                translation_key__in=keys, locale__language_code=settings.LANGUAGE_CODE
            ).values("translation_key", *fields)
        }
        for item in group:
            item._source_values = sources.get(item.translation_key, {})
    for item in items:
        if not hasattr(item, "_source_values"):
            item._source_values = {}


def untranslated(item, name):
    """True when `item`, a translation, still shows its source's text in field `name`
    (wagtail-localize publishes segments nobody has translated in the source language)."""
    if getattr(item, "translation_key", None) is None:
        return False
    if not hasattr(item, "_source_values"):
        if item.locale_id == source_locale_id():
            item._source_values = {}
        else:
            source = (
                type(item)
                ._default_manager.filter(
                    translation_key=item.translation_key,
                    locale__language_code=settings.LANGUAGE_CODE,
                )
                .first()
            )
            item._source_values = {"_object": source} if source is not None else {}
    values = item._source_values
    if not values:
        return False
    value = getattr(item, name, None)
    if value in (None, ""):
        return False
    if "_object" in values:
        return _serialised(values["_object"], name) == _serialised(item, name)
    return name in values and values[name] == value


def visitor_url(page, request=None):
    """`page.get_url()` on the visitor's language site, for any page instance (generic
    `Page` rows from a query don't have BasePage's get_url_parts)."""
    url = page.get_url(request=request)
    return in_visitor_site(url) if url else url
