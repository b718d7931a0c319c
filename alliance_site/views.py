import logging
import re
import sys
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from .csp import csp_hash

logger = logging.getLogger(__name__)


@require_GET
@cache_control(public=True, max_age=3600)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /*/accounts/",
        "Disallow: /*/search/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


# Files that pages offer at a sub-path without a trailing slash (…/feed.ics). Wagtail's
# own URL pattern only serves slash-terminated paths of letters, digits and hyphens.
PAGE_FILES = ("feed.ics", "feed.xml", "event.ics", "poster.pdf")
PAGE_FILES_PATTERN = "|".join(re.escape(name) for name in PAGE_FILES)


@require_GET
def serve_page_file(request, path, filename):
    """Serve `<page path><filename>` through the page's routable sub-path "<filename>/"."""
    from wagtail.views import serve

    return serve(request, f"{path}{filename}/")


@require_GET
@never_cache
def healthz(request):
    """Liveness: the process answers. Touches neither the database nor the cache."""
    return HttpResponse("ok", content_type="text/plain")


@require_GET
@never_cache
def readyz(request):
    """Readiness: 200 when this server can serve pages, 503 when the database is unreachable.

    The cache is checked and reported too, but an unreachable cache keeps the server in
    rotation: every server shares the same Redis, the site works without it (more slowly,
    alliance_site/cache.py), and taking every server out would turn a slowdown into an
    outage."""
    checks = {"database": "ok", "cache": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.warning("Readiness: database unavailable: %s", error)
        checks["database"] = "unavailable"
    key, token = "readyz", uuid.uuid4().hex
    try:
        cache.set(key, token, 10)
        if cache.get(key) != token:
            checks["cache"] = "unavailable"
    except Exception as error:  # noqa: BLE001 - any cache failure is a degraded cache
        logger.warning("Readiness: cache unavailable: %s", error)
        checks["cache"] = "unavailable"
    ready = checks["database"] == "ok"
    body = {"status": ("degraded" if checks["cache"] != "ok" else "ok") if ready else "down"}
    return JsonResponse({**body, **checks}, status=200 if ready else 503)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


# The database is restarting or unreachable: a 503 that asks to try again in a moment.
DATABASE_OUTAGE = (OperationalError, InterfaceError)
INLINE_STYLE = re.compile(r"<style>(.*?)</style>", re.S)


def server_error(request):
    # No context processors: whatever failed must not fail again while rendering this.
    if isinstance(sys.exc_info()[1], DATABASE_OUTAGE):
        return service_unavailable(request)
    return allow_inline_styles(HttpResponseServerError(loader.get_template("500.html").render()))


def service_unavailable(request):
    language = translation.get_language_from_path(request.path_info) or translation.get_language()
    with translation.override(language or settings.LANGUAGE_CODE):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return allow_inline_styles(response)


def allow_inline_styles(response):
    """The error pages' few styles are inline (nothing else to load while the site is
    failing): the Content-Security-Policy allows exactly those, by their hash (as
    @csp_update does)."""
    html = response.content.decode()
    response._csp_update = {"style-src": [csp_hash(css) for css in INLINE_STYLE.findall(html)]}
    return response
