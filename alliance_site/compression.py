"""HTML and feeds compressed where no proxy in front does it.

Django's GZipMiddleware, for public responses only. BREACH recovers a secret from a
compressed page that also reflects what an attacker sends; pages with secrets in them
(a CSRF token, a signed-in visitor's pages, anything setting a cookie) are left as they
are. The page cache keeps a compressed copy of each page it stores and serves it as is
(alliance_site/page_cache.py).
"""

from django.middleware.gzip import GZipMiddleware


class PublicGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if response.cookies or "private" in response.get("Cache-Control", ""):
            return response
        if request.META.get("CSRF_COOKIE_USED") or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            return response
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return response
        if request.path_info.startswith("/admin/"):
            return response
        return super().process_response(request, response)
