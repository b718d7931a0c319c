import re

from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from .csp import csp_hash


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
def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


INLINE_STYLE = re.compile(r"<style>(.*?)</style>", re.S)


def server_error(request):
    # No context processors: whatever failed must not fail again while rendering this.
    html = loader.get_template("500.html").render()
    response = HttpResponseServerError(html)
    # Its few styles are inline (nothing else to load while the site is failing): the
    # Content-Security-Policy allows exactly those, by their hash (as @csp_update does).
    response._csp_update = {"style-src": [csp_hash(css) for css in INLINE_STYLE.findall(html)]}
    return response
