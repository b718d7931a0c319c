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


@register.simple_tag(takes_context=True)
def lang_attr(context, item):
    """` lang="zh-hans"` on an element showing `item` (a page or snippet) in a listing of
    another locale, where it stands in for a missing translation; nothing otherwise.
    The listing's locale is that of the page being rendered."""
    current = getattr(context.get("page"), "locale_id", None)
    if getattr(item, "alias_of_id", None):
        code = settings.LANGUAGE_CODE  # an alias shows its source's content
    elif current is None or item.locale_id == current:
        return ""
    else:
        code = _language_codes(context).get(item.locale_id, settings.LANGUAGE_CODE)
    return format_html(' lang="{}"', code)


@register.simple_tag(takes_context=True)
def lang_badge(context, item):
    """A small tag naming the language `item` is shown in, when it stands in for a
    missing translation (see lang_attr); nothing otherwise."""
    attr = lang_attr(context, item)
    if not attr:
        return ""
    code = attr.split('"')[1]
    return format_html(
        '<span class="tag tag--lang"{} title="{}">{}</span>',
        attr,
        gettext("Not yet translated into this language"),
        dict(settings.LANGUAGES).get(code, code),
    )
