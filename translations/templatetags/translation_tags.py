"""Marks for content shown in another language than the visitor's (translations/visitor.py).

- `{% lang_attr item %}` / `{% lang_badge item %}`: an item of a listing (page or
  snippet) standing in, in its source language, for a missing translation.
- `{% content_lang page "field" %}`: the same for a page's own content: the whole page
  when it stands in for a missing translation, or one field of a translation that still
  holds the source's text (wagtail-localize publishes untranslated segments in the
  source language).
"""

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import gettext
from wagtail.models import Locale

from translations.visitor import locale_codes, untranslated, visitor_language, visitor_url

register = template.Library()


def _language_codes(context):
    """Locale id → language code, read once per request (or per render outside one)."""
    if context.get("request") is not None:
        return locale_codes()
    cache = context.render_context
    if "locale_codes" not in cache:
        cache["locale_codes"] = dict(Locale.objects.values_list("pk", "language_code"))
    return cache["locale_codes"]


def _visitor_code(context):
    code = visitor_language()
    if code is None:  # the admin's previews: the page's own language
        page = context.get("page")
        locale_id = getattr(page, "locale_id", None)
        code = _language_codes(context).get(locale_id) if locale_id else None
    return code


def _stand_in_language(context, item):
    """The language of `item` (a page or snippet) when it is shown to a visitor of another
    language; None otherwise."""
    if getattr(item, "alias_of_id", None):
        return settings.LANGUAGE_CODE  # an alias shows its source's content
    visitor = _visitor_code(context)
    locale_id = getattr(item, "locale_id", None)
    if visitor is None or locale_id is None:
        return None
    code = _language_codes(context).get(locale_id, settings.LANGUAGE_CODE)
    return code if code != visitor else None


@register.simple_tag(takes_context=True)
def lang_attr(context, item):
    """` lang="zh-hans"` on an element showing a stand-in item; nothing otherwise."""
    code = _stand_in_language(context, item)
    return format_html(' lang="{}"', code) if code else ""


@register.simple_tag(takes_context=True)
def lang_badge(context, item):
    """A small tag naming the language `item` is shown in, when it stands in for a
    missing translation (see lang_attr); nothing otherwise."""
    code = _stand_in_language(context, item)
    if not code:
        return ""
    return format_html(
        '<span class="tag tag--lang" lang="{}" title="{}">{}</span>',
        code,
        gettext("Not yet translated into this language"),
        dict(settings.LANGUAGES).get(code, code),
    )


@register.simple_tag(takes_context=True)
def content_lang(context, item, field=None):
    """` lang="…"` on an element showing `item`'s `field` in another language than the
    visitor's: the item stands in for a missing translation, or the field is still the
    source's text in a translation. Nothing otherwise."""
    code = _stand_in_language(context, item)
    if code is None and field and untranslated(item, field):
        code = settings.LANGUAGE_CODE
    return format_html(' lang="{}"', code) if code else ""


@register.simple_tag(takes_context=True)
def visitor_pageurl(context, page):
    """{% pageurl %} for any page instance, on the visitor's language site (a plain
    `Page` from a chooser block has no BasePage.get_url_parts)."""
    return visitor_url(page, context.get("request")) or ""
