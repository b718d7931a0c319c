from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Campaign, EventIndexPage, EventPage


class CampaignViewSet(SnippetViewSet):
    """Campaigns are shared by the whole alliance: alliance administrators manage them,
    every library's events can join them."""

    model = Campaign
    icon = "date"
    menu_label = _("Campaigns")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "starts_on", "ends_on", "locale"]
    list_filter = ["locale"]
    list_export = ["name", "slug", "starts_on", "ends_on"]
    search_fields = ["name", "description"]


register_snippet(CampaignViewSet)


def upcoming(locale, **filters):
    return (
        EventPage.objects.live()
        .public()
        .filter(locale=locale, last_end__gte=timezone.now(), **filters)
        .order_by("first_start", "pk")
        .select_related("library")
        .prefetch_related("audiences", "event_sessions")
    )


@hooks.register("home_upcoming_events")
def home_upcoming_events(locale):
    return list(upcoming(locale)[:6])


@hooks.register("library_upcoming_events")
def library_upcoming_events(locale, library):
    return list(upcoming(locale, library=library)[:10])


@hooks.register("library_feed")
def library_feed(library, request, fmt):
    from .feeds import FEED_LIMIT, feed_response

    return feed_response(
        request, library, upcoming(library.locale, library=library)[:FEED_LIMIT], fmt
    )


@hooks.register("calendar_page")
def calendar_page(locale):
    return EventIndexPage.objects.live().filter(locale=locale).first()


@hooks.register("load_demo")
def load_demo_events(**kwargs):
    from .demo import load_demo_events

    load_demo_events(**kwargs)
