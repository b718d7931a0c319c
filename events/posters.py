"""Printable A4 posters of events, rendered from a template by WeasyPrint.

WeasyPrint lays text out with Pango and HarfBuzz and finds glyphs through fontconfig,
so Chinese, Thai, Lao, Khmer and Burmese are shaped correctly with the system's Noto
fonts (Debian: fonts-noto-cjk, fonts-noto-core); no font files are shipped. The poster
fetches nothing over the network: the image and the QR code are inlined as data URIs
and every other URL is refused.
"""

import base64
import hashlib
import logging

import segno
from django.core.cache import cache
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import get_language

from alliance_site.exports import content_disposition
from alliance_site.public import alliance_name
from alliance_site.shortlinks import printable_address, short_page_url

logger = logging.getLogger(__name__)

POSTER_CACHE_SECONDS = 24 * 3600


def qr_data_uri(url):
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2, dark="#1a1a1a")


def image_data_uri(image):
    """A print-sized rendition of the page's image, inlined; None when it cannot be read
    (a missing file must not stop the poster)."""
    if image is None:
        return None
    try:
        rendition = image.get_rendition("max-1400x1000|format-jpeg|jpegquality-85")
        with rendition.file.open("rb") as handle:
            data = handle.read()
    except (OSError, ValueError) as error:
        logger.warning("poster: image %s unreadable: %s", image.pk, error)
        return None
    return "data:image/jpeg;base64," + base64.b64encode(data).decode("ascii")


def poster_cache_key(page, url):
    library = page.library
    stamp = (page.live_revision_id, library.live_revision_id if library else None)
    digest = hashlib.sha1(f"{url}|{stamp}|{get_language()}".encode()).hexdigest()[:16]
    return f"poster:{page.pk}:{digest}"


def render_poster(page, request):
    """The poster as PDF bytes."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    url = request.build_absolute_uri(page.get_url(request=request))
    # The page's own address can be long (a Chinese slug, percent-encoded): the poster
    # prints, and its QR code holds, the short link, which redirects to the page.
    short_url = short_page_url(page, request)
    html = render_to_string(
        page.poster_template,
        {
            "page": page,
            "page_url": url,
            "short_address": printable_address(short_url),
            "qr_code": qr_data_uri(short_url),
            "image": image_data_uri(page.image),
            "logo": image_data_uri(page.library.logo) if page.library_id else None,
            "language": page.locale.language_code,
            "alliance_name": alliance_name(page.locale.language_code),
        },
        request=request,
    )
    return HTML(
        string=html, base_url=url, url_fetcher=URLFetcher(allowed_protocols={"data"}, timeout=2)
    ).write_pdf()


def poster_response(page, request):
    """The poster, cached until the page changes (rendering takes a fraction of a second
    and posters are downloaded in bursts when a library prints them)."""
    url = request.build_absolute_uri(page.get_url(request=request))
    key = poster_cache_key(page, url)
    pdf = cache.get(key)
    if pdf is None:
        pdf = render_poster(page, request)
        cache.set(key, pdf, POSTER_CACHE_SECONDS)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(
        f"{page.slug}-poster.pdf", as_attachment=False
    )
    response["Cache-Control"] = "public, max-age=600"
    return response
