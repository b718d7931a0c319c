"""Short addresses for print: /e/<page id>/ redirects to a page.

Posters print their page's address, and a slug made from a Chinese title is Chinese:
percent-encoded, /zh-hans/members/nanning/世界读书日…/ runs over six lines and makes a
dense QR code. The short link is a few ASCII characters whatever the title, and keeps
working when the page is renamed or moved.

- /e/42/ redirects to page 42's own URL (a poster is printed in its page's language);
- /th/e/42/ to the Thai translation of page 42 when it is live and public, else to
  page 42's own URL.

Unknown ids, pages that are not live or are private, and pages without a URL give a
404; an id is checked before it reaches the database, so no value can give a 500.

Addresses without a language prefix are *language neutral*: Django's LocaleMiddleware
would answer their 404 with a redirect to the same path under a prefix (which 404s in
turn). Views marked with ``language_neutral`` keep their 404 (see
``alliance_site.middleware``).
"""

import re

from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_safe
from wagtail.models import Page

from translations.privacy import public_everywhere
from translations.visitor import own_addresses, visitor_locale, visitor_url

from .public import public_url

# Page ids are positive 32-bit integers (wagtailcore's AutoField); no leading zeros, so
# that one page has one short address.
PAGE_ID = re.compile(r"[1-9][0-9]{0,9}")
MAX_PAGE_ID = 2**31 - 1


def language_neutral(view):
    """Mark a view whose unprefixed address must not be redirected under a language
    prefix when it answers 404."""
    view.language_neutral = True
    return view


def page_id_or_none(value):
    if not isinstance(value, str) or not PAGE_ID.fullmatch(value):
        return None
    number = int(value)
    return number if number <= MAX_PAGE_ID else None


def visible_pages():
    return public_everywhere(Page.objects.live())


def short_page_url(page, request):
    """The absolute short address of a page on the site's public address (what is
    printed leaves the site: never the request's host): https://host/e/<id>/."""
    return public_url(reverse("short_page_link", args=[page.pk]))


def printable_address(url):
    """An absolute URL as a person types it: without the scheme."""
    return re.sub(r"^https?://", "", url)


@language_neutral
@require_safe
def short_page_link(request, page_id, localized=False):
    number = page_id_or_none(page_id)
    page = visible_pages().filter(pk=number).first() if number else None
    if page is None:
        raise Http404
    if localized:  # on the language site of the prefix: its translation, or the page there
        locale = visitor_locale()
        if locale is not None and page.locale_id != locale.pk:
            translation = visible_pages().filter(
                translation_key=page.translation_key, locale=locale
            )
            page = translation.first() or page
        url = visitor_url(page, request)
    else:  # the page's own address, whatever the browser's language
        with own_addresses():
            url = page.get_url(request=request)
    if url is None:  # the root, or a page outside every site
        raise Http404
    return redirect(url)
