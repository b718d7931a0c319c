from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Page, PageViewRestriction
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from .feeds import start_new_feed_generation
        from .posters import check_font_subsetting, posters_follow_publication

        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(start_new_feed_generation, dispatch_uid=f"feeds-{id(signal)}")
        post_delete.connect(
            start_new_feed_generation, sender=Page, dispatch_uid="feeds-page-delete"
        )
        for signal in (page_published, page_unpublished):
            signal.connect(posters_follow_publication, dispatch_uid=f"posters-{id(signal)}")
        checks.register(check_font_subsetting, deploy=True)
        # A page made private or public again leaves or joins the feeds at once.
        post_save.connect(
            start_new_feed_generation, sender=PageViewRestriction, dispatch_uid="feeds-privacy"
        )
        post_delete.connect(
            start_new_feed_generation,
            sender=PageViewRestriction,
            dispatch_uid="feeds-privacy-delete",
        )
