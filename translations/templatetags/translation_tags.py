from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import gettext
from wagtail.models import Locale

register = template.Library()


def _language_codes(context):
    """Locale id → language code, read once per render."""
    cache = context.render_context
    if "locale_codes" not in cache:
        cache["locale_codes"] = dict(Locale.objects.values_list("pk", "language_code"))
    return cache["locale_codes"]


def _stand_in_language(context, item):
    """The language of `item` (a page or snippet) when it stands in, in a listing of the
    rendered page's locale, for a missing translation; None otherwise."""
    current = getattr(context.get("page"), "locale_id", None)
    if getattr(item, "alias_of_id", None):
        return settings.LANGUAGE_CODE  # an alias shows its source's content
    if current is None or item.locale_id == current:
        return None
    return _language_codes(context).get(item.locale_id, settings.LANGUAGE_CODE)


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
