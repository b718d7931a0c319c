"""A reverse proxy or CDN in front of the site (README, "Front-end cache").

Wagtail's `wagtail.contrib.frontend_cache` purges a page's own addresses when it is
published or unpublished; that is all a CDN gets. Varnish gets exact invalidation like
the page cache's: every cacheable response names its tags in `X-Cache-Tags`
(alliance_site/page_cache.py), and each change bans the tags it makes stale
(deploy/varnish/default.vcl), from the task queue once the change has committed.
Each response's `s-maxage` also ends when the page changes by itself (an event starts).
"""

import logging
from urllib.error import URLError
from urllib.request import Request, urlopen

from django.conf import settings
from django.db import transaction
from django_tasks import task
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.utils import get_backends

logger = logging.getLogger("wagtail.frontendcache")

TAGS_HEADER = "X-Cache-Tags"


class VarnishBackend(HTTPBackend):
    """Wagtail's HTTP (PURGE) backend, which can also ban by tag."""

    timeout = 5

    def ban_tags(self, tags):
        # Tags are letters, digits and ":-._"; only the dot needs escaping, without a
        # backslash (the ban's own quoting would take it).
        alternatives = "|".join(tag.replace(".", "[.]") for tag in sorted(tags))
        pattern = f"(^|,)({alternatives})(,|$)"
        request = Request(
            f"{self.cache_scheme}://{self.cache_netloc}/",
            method="BAN",
            headers={"X-Ban-Tags": pattern, "User-Agent": "alliance-site"},
        )
        try:
            urlopen(request, timeout=self.timeout)  # noqa: S310 (the configured proxy)
        except (URLError, OSError) as error:
            logger.error("Could not ban %s from the front-end cache: %s", pattern, error)


def backends_that_ban():
    return [b for b in get_backends().values() if hasattr(b, "ban_tags")]


@task()
def ban_tags(tags):
    for backend in backends_that_ban():
        backend.ban_tags(tags)


def ban_on_commit(tags):
    """Ban `tags` from every front-end cache that bans, once the change has committed
    (the proxy would otherwise fetch the old page again at once)."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    tags = sorted(tags)

    def enqueue():
        try:
            ban_tags.enqueue(tags)
        except Exception:  # a queue that cannot be reached never fails the change
            logger.exception("Could not queue the front-end cache ban of %s", tags)

    transaction.on_commit(enqueue, robust=True)
