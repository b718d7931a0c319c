"""The shared core's hooks: the fences between member libraries, and the page cache."""

from wagtail import hooks

from translations.privacy import is_private

from . import admin_fences  # noqa: F401  (registers its hooks)
from .page_cache import cache_response


@hooks.register("on_serve_page")
def cacheable_page_served(serve):
    """A public page's response may be stored, tagged with what it shows."""

    def inner(page, request, args, kwargs):
        prepare = getattr(page, "prepare_to_serve", None)
        if prepare is not None:
            prepare()
        response = serve(page, request, args, kwargs)
        tags = getattr(page, "page_cache_tags", None)
        through = getattr(page, "_reached_through", None)
        if tags is not None and not is_private(page) and not (through and is_private(through)):
            cache_response(request, tags(), page.page_cache_valid_until())
        return response

    return inner
