"""Navigation, language switcher and hreflang alternates.

Each tag runs a fixed number of queries per request, whatever the size of the tree.
"""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import translate_url
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.models import Locale, Page, Site

from translations.privacy import public_everywhere
from translations.visitor import (
    prefetch_sources,
    shared_cached,
    visitor_language,
    visitor_locale,
)

register = template.Library()

LANGUAGE_NAMES = dict(settings.LANGUAGES)


def _current_locale(context):
    """The visitor's language site (a page standing in for a missing translation is in
    another locale); in the admin's previews, the page's own."""
    locale = visitor_locale()
    if locale is not None:
        return locale
    page = context.get("page")
    if isinstance(page, Page):
        return page.locale
    try:
        return Locale.get_active()
    except Locale.DoesNotExist:
        return Locale.get_default()


def _home_pages(request):
    """{language_code: the live home page of that locale}: one query, cached per request."""
    cache = getattr(request, "_alliance_home_pages", None) if request else None
    if cache is not None:
        return cache
    site = (
        Site.find_for_request(request)
        if request
        else Site.objects.filter(is_default_site=True).first()
    )

    def homes_of(site):
        return {
            home.locale.language_code: home
            for home in Page.objects.filter(
                translation_key=Page.objects.filter(pk=site.root_page_id).values("translation_key")[
                    :1
                ],
                live=True,
            ).select_related("locale")
        }

    homes = {}
    if site is not None:
        homes = shared_cached(f"homes:{site.pk}", {"site"}, lambda: homes_of(site))
    if request is not None:
        request._alliance_home_pages = homes
    return homes


def _translations(request, page):
    """{language_code: live translation of page} (page itself included); one query."""
    cache = getattr(request, "_alliance_translations", None) if request else None
    if cache is not None and cache[0] == page.pk:
        return cache[1]
    translations = {
        p.locale.language_code: p
        for p in public_everywhere(
            Page.objects.filter(translation_key=page.translation_key, live=True)
        ).select_related("locale")
    }
    if request is not None:
        request._alliance_translations = (page.pk, translations)
    return translations


def _url_in(code, page, request):
    with translation.override(code):
        return page.get_url(request=request)


@register.simple_tag(takes_context=True)
def language_links(context):
    """One entry per site language, for the page being shown: its translation into that
    language, else the same address on that language's site (which shows the page in
    its source language, translations/visitor.py); without a request, the home pages."""
    request = context.get("request")
    page = context.get("page")
    current = _current_locale(context).language_code
    homes = _home_pages(request)
    translations = _translations(request, page) if isinstance(page, Page) else {}
    here = suffix = ""
    if request is not None:
        here = request.get_full_path()
        own = page.get_url(request=request) if isinstance(page, Page) else None
        if own and request.path.startswith(own):
            suffix = here[len(own) :]  # a sub-route (archive/, month/?…) and the query
    links = []
    for code, name in settings.LANGUAGES:
        target = translations.get(code)
        target_url = _url_in(code, target, request) if target is not None else None
        if target_url:
            url = target_url + suffix
        elif request is not None:
            url = translate_url(here, code)
        elif code in homes:
            url = _url_in(code, homes[code], request)
        else:
            continue
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "is_current": code == current,
                "is_translation": code in translations,
            }
        )
    return links


@register.simple_tag(takes_context=True)
def hreflang_links(context):
    """Alternates for the translations of this page that exist and are live."""
    request = context.get("request")
    page = context.get("page")
    if not isinstance(page, Page) or request is None:
        return []
    links = []
    for code, _name in settings.LANGUAGES:
        translation_ = _translations(request, page).get(code)
        if translation_ is not None:
            url = _url_in(code, translation_, request)
            if url:
                links.append({"code": code, "url": request.build_absolute_uri(url)})
    default = _translations(request, page).get(settings.LANGUAGE_CODE)
    if default is not None and links:
        url = request.build_absolute_uri(_url_in(settings.LANGUAGE_CODE, default, request))
        links.append({"code": "x-default", "url": url})
    return links


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """A page standing in for a missing translation names its own address as canonical
    (search engines then index it once, in its language); None otherwise."""
    request = context.get("request")
    page = context.get("page")
    visitor = visitor_language()
    if not isinstance(page, Page) or request is None or visitor is None:
        return None
    own = _translations(request, page).get(visitor)
    if own is not None and own.pk == page.pk:
        return None
    url = _url_in(page.locale.language_code, page, request)
    return request.build_absolute_uri(url) if url else None


@register.simple_tag(takes_context=True)
def html_lang(context):
    """The visitor's language: the interface around the content is in it."""
    code = visitor_language()
    if code:
        return code
    page = context.get("page")
    if isinstance(page, Page):
        return page.locale.language_code
    return get_language() or settings.LANGUAGE_CODE


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The home page of the current locale and its children shown in menus; one query."""
    request = context.get("request")
    locale = _current_locale(context)
    home = _home_pages(request).get(locale.language_code)
    if home is None:
        return {"home": None, "items": []}

    def items():
        pages = list(
            public_everywhere(home.get_children().live())
            .in_menu()
            .only(
                "id",
                "title",
                "url_path",
                "depth",
                "path",
                "locale_id",
                "alias_of_id",
                "translation_key",
            )
        )
        prefetch_sources(pages)  # titles still in the source language get their lang
        return pages

    # The menu's pages are at the top of the tree: their changes change "site".
    menu = shared_cached(f"menu:{home.pk}", {"site"}, items)
    prefetch_sources([home])
    return {"home": home, "items": menu}


@register.simple_tag(takes_context=True)
def active_section(context, item):
    page = context.get("page")
    if not isinstance(page, Page):
        return False
    return page.path.startswith(item.path)


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    request = context.get("request")
    return request.build_absolute_uri(url) if request is not None else url


@register.filter
def json_ld(data):
    """A <script type="application/ld+json"> element; <, > and & are escaped so that the
    data cannot close the script element."""
    text = json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


@register.filter
def language_name(code):
    return LANGUAGE_NAMES.get(code, code)
