from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap
from wagtail.models import Page

from translations.privacy import public_everywhere
from translations.visitor import own_addresses

from .page_cache import cache_response


class AllLocalesSitemap(Sitemap):
    """Live, public pages of every locale tree (Wagtail's own sitemap lists only the
    default locale's tree, since the other trees are not below the site's root page)."""

    limit = 5000

    def __init__(self, request):
        self.request = request

    def items(self):
        return (
            public_everywhere(Page.objects.live())
            .filter(depth__gte=2, alias_of__isnull=True)
            .order_by("path")
            .specific()
        )

    def get_urls(self, page=1, site=None, protocol=None):
        urls = []
        # Each page at its own address, not on the language site of whoever asks.
        with own_addresses():
            for item in self.paginator.page(page).object_list:
                url = item.get_url(request=self.request)
                if url:
                    location = self.request.build_absolute_uri(url)
                    urls.append(
                        {"item": item, "location": location, "lastmod": item.last_published_at}
                    )
        return urls


def sitemap_view(request):
    cache_response(request, {"site", "pages"})  # anything published changes it
    return sitemap(request, sitemaps={"pages": AllLocalesSitemap(request)})
