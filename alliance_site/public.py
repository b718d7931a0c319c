"""The site's public address and the alliance's name, for what is read away from the
site: e-mails, downloads, management commands' output.

One setting gives the address: ``WAGTAILADMIN_BASE_URL`` (the admin and the public site
are served by the same host, and Wagtail's own notification and password e-mails already
read it). A request's host is never used for a link that leaves the site: behind a proxy
or in a worker it may be an internal name (localhost, testserver, 127.0.0.1:8000).
"""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, Site

from translations.visitor import in_visitor_site

from .models import SiteSettings


def base_url():
    """The configured public base URL, without a trailing slash."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def host_and_port():
    """(hostname, port) of the public base URL, as a Wagtail Site stores them."""
    bits = urlsplit(base_url())
    return bits.hostname or "localhost", bits.port or (443 if bits.scheme == "https" else 80)


def public_url(target="/"):
    """The public address of a page, a path or a URL.

    A page gets its path on the language site being rendered for (``/th/events/``, see
    translations/visitor.py), whatever Site record it is under; an absolute URL (one allauth built from the request, say) keeps its path, query
    and fragment and gets the public host. Returns "" for a page that is not routable.
    """
    if isinstance(target, Page):
        parts = target.get_url_parts()
        if parts is None:
            return ""
        target = in_visitor_site(parts[2])
    bits = urlsplit(str(target))
    return base_url() + urlunsplit(("", "", bits.path or "/", bits.query, bits.fragment))


def alliance_name(language=None):
    """The alliance's name in ``language`` (default: the active language), as the site's
    header shows it: the title of the live home page translated into that language, else
    the organisation name of the site settings, else WAGTAIL_SITE_NAME."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return settings.WAGTAIL_SITE_NAME
    try:
        code = get_supported_content_language_variant(
            language or get_language() or settings.LANGUAGE_CODE
        )
    except LookupError:
        code = settings.LANGUAGE_CODE
    home = (
        Page.objects.live()
        .filter(translation_key=site.root_page.translation_key, locale__language_code=code)
        .only("title")
        .first()
    )
    if home is not None:
        return home.title
    return SiteSettings.for_site(site).organisation_name or settings.WAGTAIL_SITE_NAME
