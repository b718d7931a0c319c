from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from alliance_site.page_cache import invalidate_on_change

        from .models import SessionLedger, library_follows_move
        from .posters import check_font_subsetting, posters_follow_publication

        for signal in (page_published, page_unpublished):
            signal.connect(posters_follow_publication, dispatch_uid=f"posters-{id(signal)}")
        checks.register(check_font_subsetting, deploy=True)
        # A booking changes the places left that the event's page shows.
        invalidate_on_change(SessionLedger, lambda ledger: {f"places:{ledger.uid}"})
        post_page_move.connect(library_follows_move, dispatch_uid="events-library-follows-move")
