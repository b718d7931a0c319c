"""Printable A4 posters of events, rendered from a template by WeasyPrint.

WeasyPrint lays text out with Pango and HarfBuzz and finds glyphs through fontconfig,
so Chinese, Thai, Lao, Khmer and Burmese are shaped correctly with the system's Noto
fonts (Debian: fonts-noto-cjk, fonts-noto-core); no font files are shipped. The poster
fetches nothing over the network: the image and the QR code are inlined as data URIs
and every other URL is refused.

Where the time goes: WeasyPrint embeds a subset of each font it used. With HarfBuzz's
subsetter (Debian: libharfbuzz-subset0) that takes milliseconds; without it WeasyPrint
falls back to fontTools, which takes about 6 s for each face of Noto Sans CJK (65,000
glyphs), every document: 11–13 s for a poster in its regular and bold faces. So
`check --deploy` warns when the subsetter is missing (`check_font_subsetting`).

A poster is made on the task queue when its page (or what it prints of its library) is
published, in the page's language, and kept in the default storage under an unguessable
name; the poster view serves the stored file. One asked for before the worker made it,
or on another language site showing the untranslated page (its interface in that
language, translations/visitor.py), is rendered then and stored.
"""

import base64
import logging

import segno
from django.core import checks
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import get_language
from django_tasks import task

from alliance_site.exports import content_disposition
from alliance_site.page_cache import do_not_store
from alliance_site.public import alliance_name, base_url
from alliance_site.renditions import POSTER
from alliance_site.shortlinks import printable_address, short_page_url
from translations.visitor import on_language_site

logger = logging.getLogger(__name__)

POSTER_DIR = "posters"
# A stored poster is made again (on the queue) once this old: the speakers, the series
# and the alliance's name it prints may have changed without the page being published.
POSTER_MAX_AGE = 24 * 3600


def qr_data_uri(url):
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2, dark="#1a1a1a")


def image_data_uri(image):
    """A print-sized rendition of the page's image, inlined; None when it cannot be read
    (a missing file must not stop the poster)."""
    if image is None:
        return None
    try:
        rendition = image.get_rendition(POSTER[0])
        with rendition.file.open("rb") as handle:
            data = handle.read()
    except (OSError, ValueError) as error:
        logger.warning("poster: image %s unreadable: %s", image.pk, error)
        return None
    return "data:image/jpeg;base64," + base64.b64encode(data).decode("ascii")


def render_poster(page, language):
    """The poster as PDF bytes, as a visitor of `language`'s site reads it (the
    interface in that language, the content in the page's)."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    with on_language_site(language):
        # The page's own address can be long (a Chinese slug, percent-encoded): the
        # poster prints, and its QR code holds, the short link, which redirects to it.
        short_url = short_page_url(page, None)
        html = render_to_string(
            page.poster_template,
            {
                "page": page,
                "short_address": printable_address(short_url),
                "qr_code": qr_data_uri(short_url),
                "image": image_data_uri(page.image),
                "logo": image_data_uri(page.library.logo) if page.library_id else None,
                "language": page.locale.language_code,
                "alliance_name": alliance_name(page.locale.language_code),
            },
        )
    return HTML(
        string=html,
        base_url=short_url,
        url_fetcher=URLFetcher(allowed_protocols={"data"}, timeout=2),
    ).write_pdf()


# What the poster prints of its library (events/poster.html): a library published with
# these unchanged keeps its events' posters.
LIBRARY_FIELDS = ("title", "brand_name", "phone", "logo_id")


def poster_version(page):
    """Changes when the page is published again or what its poster prints of its library
    changes. A keyed hash, so that the poster of a private page cannot be guessed."""
    library = page.library
    stamp = [page.live_revision_id, page.last_published_at, base_url()]
    stamp += [getattr(library, field) for field in LIBRARY_FIELDS] if library else []
    return salted_hmac("events.poster", repr(stamp)).hexdigest()[:24]


def poster_name(page, language, version=None):
    return f"{POSTER_DIR}/{page.pk}/{version or poster_version(page)}-{language}.pdf"


def store_poster(name, pdf):
    if default_storage.exists(name):
        default_storage.delete(name)
    default_storage.save(name, ContentFile(pdf))


def remove_posters(page_id, keep=lambda file: False):
    """Delete the page's stored posters but those whose file name `keep` accepts."""
    folder = f"{POSTER_DIR}/{page_id}"
    try:
        _dirs, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for file in files:
        if not keep(file):
            default_storage.delete(f"{folder}/{file}")


def make_poster(page, refresh=False):
    """Render and store the poster in the page's language (unless stored and not
    `refresh`), and delete those of earlier versions, or with `refresh` every other.

    The page is also shown on the language sites that have no translation of it, with
    their interface: those posters are rendered when first asked for, then stored."""
    version = poster_version(page)
    language = page.locale.language_code
    name = poster_name(page, language, version)
    if refresh or not default_storage.exists(name):
        store_poster(name, render_poster(page, language))
    own = name.rsplit("/", 1)[1]
    remove_posters(
        page.pk, keep=lambda file: file == own or (file.startswith(version) and not refresh)
    )
    return name


@task()
def build_posters(page_id, refresh=False):
    """Make a page's poster (after its publication or its library's); a page no longer
    live, or gone, keeps none."""
    from wagtail.models import Page

    page = Page.objects.filter(pk=page_id).first()
    page = page.specific if page is not None else None
    if page is None or not page.live or not hasattr(page, "poster_template"):
        remove_posters(page_id)
        return
    make_poster(page, refresh=refresh)


def enqueue_posters(page_ids, refresh=False):
    for page_id in page_ids:
        transaction.on_commit(lambda pk=page_id: build_posters.enqueue(pk, refresh), robust=True)


def posters_follow_publication(sender, instance, **kwargs):
    """page_published / page_unpublished: an event's posters, or on a library's
    publication those of its events still to come (made again only if what they print
    of the library changed)."""
    from wagtail.signals import page_published

    from home.models import MemberLibraryPage

    from .models import EventPage

    if isinstance(instance, EventPage):
        enqueue_posters([instance.pk])
    elif isinstance(instance, MemberLibraryPage) and kwargs.get("signal") is page_published:
        events = EventPage.objects.live().filter(library=instance, last_end__gte=timezone.now())
        enqueue_posters(events.values_list("pk", flat=True))


def read_poster(name):
    try:
        with default_storage.open(name, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        return None


def refresh_when_old(page, name):
    age = timezone.now() - default_storage.get_modified_time(name)
    # cache.add: one rebuild for a burst of downloads.
    if age.total_seconds() > POSTER_MAX_AGE and cache.add(f"poster-refresh:{page.pk}", 1, 600):
        enqueue_posters([page.pk], refresh=True)


def poster_response(page, request):
    """The stored poster for the visitor's language site (rendered and stored now if the
    worker has not made it yet)."""
    language = get_language()
    name = poster_name(page, language)
    pdf = read_poster(name)
    if pdf is None:
        pdf = render_poster(page, language)
        store_poster(name, pdf)
    else:
        refresh_when_old(page, name)
    do_not_store(request)  # stored as a file already
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(
        f"{page.slug}-poster.pdf", as_attachment=False
    )
    response["Cache-Control"] = "public, max-age=600"
    return response


def check_font_subsetting(app_configs=None, **kwargs):
    """check --deploy: without HarfBuzz's subsetter every poster and certificate takes
    seconds per CJK font face (see the module's docstring)."""
    try:
        from weasyprint.text.ffi import harfbuzz, harfbuzz_subset
    except (ImportError, OSError):  # no WeasyPrint or no Pango: other errors say so
        return []
    if harfbuzz_subset is not None and harfbuzz.hb_version_atleast(4, 1, 0):
        return []
    return [
        checks.Warning(
            "WeasyPrint cannot find HarfBuzz's font subsetter: each PDF poster or "
            "certificate takes 10 s or more to render.",
            hint="Install libharfbuzz-subset0 (Debian, Ubuntu) or HarfBuzz 4.1 or later.",
            id="events.W001",
        )
    ]
