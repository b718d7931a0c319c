"""Django's LocaleMiddleware, with one exception for language-neutral addresses."""

from django.middleware import locale
from django.utils import translation
from django.utils.cache import patch_vary_headers


class LocaleMiddleware(locale.LocaleMiddleware):
    """Django's LocaleMiddleware answers a 404 at an address without a language prefix
    with a redirect to the same address under the visitor's prefix, in case the prefix
    was forgotten. The short links printed on posters and certificates (/e/42/, views
    marked ``language_neutral``) have no prefix on purpose: their 404 stays a 404."""

    def process_response(self, request, response):
        view = getattr(getattr(request, "resolver_match", None), "func", None)
        if response.status_code == 404 and getattr(view, "language_neutral", False):
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)
