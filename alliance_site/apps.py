from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AllianceSiteConfig(AppConfig):
    name = "alliance_site"
    verbose_name = _("Alliance site")

    def ready(self):
        from wagtail.signals import post_page_move

        from translations import visitor

        from .cache import install_log_filter
        from .search.signals import reindex_moved_descendants

        install_log_filter()
        post_page_move.connect(reindex_moved_descendants, dispatch_uid="site-search-move")

        from . import page_cache, renditions

        page_cache.connect()  # what makes stored pages stale
        visitor.share_with(page_cache.remember)  # locales and privacy across requests

        renditions.connect()  # image renditions on the task queue, never in a request
