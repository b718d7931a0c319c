"""Navigation, language switcher and hreflang alternates.

Each tag runs a fixed number of queries per request, whatever the size of the tree.
"""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.models import Locale, Page, Site

register = template.Library()

LANGUAGE_NAMES = dict(settings.LANGUAGES)


def _current_locale(context):
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
    homes = {}
    if site is not None:
        for home in Page.objects.filter(
            translation_key=site.root_page.translation_key, live=True
        ).select_related("locale"):
            homes[home.locale.language_code] = home
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
        for p in Page.objects.filter(translation_key=page.translation_key, live=True)
        .public()
        .select_related("locale")
    }
    if request is not None:
        request._alliance_translations = (page.pk, translations)
    return translations


@register.simple_tag(takes_context=True)
def language_links(context):
    """One entry per site language: the same page in that language when it exists,
    else that language's home page."""
    request = context.get("request")
    page = context.get("page")
    current = _current_locale(context).language_code
    homes = _home_pages(request)
    translations = _translations(request, page) if isinstance(page, Page) else {}
    links = []
    for code, name in settings.LANGUAGES:
        target = translations.get(code) or homes.get(code)
        if target is None:
            continue
        links.append(
            {
                "code": code,
                "name": name,
                "url": target.get_url(request=request),
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
        translation = _translations(request, page).get(code)
        if translation is not None:
            url = translation.get_url(request=request)
            if url:
                links.append({"code": code, "url": request.build_absolute_uri(url)})
    default = _translations(request, page).get(settings.LANGUAGE_CODE)
    if default is not None and links:
        url = request.build_absolute_uri(default.get_url(request=request))
        links.append({"code": "x-default", "url": url})
    return links


@register.simple_tag(takes_context=True)
def html_lang(context):
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
    items = list(
        home.get_children()
        .live()
        .public()
        .in_menu()
        .only("id", "title", "url_path", "depth", "path", "locale_id", "alias_of_id")
    )
    return {"home": home, "items": items}


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
