from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from alliance_site.page_cache import remember
from translations.listing import in_locale_or_source
from translations.privacy import public_everywhere

from .models import Campaign, EventIndexPage, EventPage, by_next_session, next_change_of_listings


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
    now = timezone.now()
    events = in_locale_or_source(public_everywhere(EventPage.objects.live()), locale)
    return (
        by_next_session(events.filter(last_end__gte=now, **filters), now)
        .select_related("library")
        .prefetch_related("audiences", "event_sessions")
    )


@hooks.register("page_cache_listings_change")
def listings_change():
    # Kept until an event changes or the moment comes.
    return remember("listings-change", {"events"}, next_change_of_listings, until=lambda v: v)


@hooks.register("home_upcoming_events")
def home_upcoming_events(locale):
    return list(upcoming(locale)[:6])


@hooks.register("library_upcoming_events")
def library_upcoming_events(locale, library):
    return list(upcoming(locale, library__translation_key=library.translation_key)[:10])


@hooks.register("library_feed")
def library_feed(library, request, fmt):
    from .feeds import FEED_LIMIT, feed_response

    return feed_response(
        request,
        library,
        upcoming(library.locale, library__translation_key=library.translation_key)[:FEED_LIMIT],
        fmt,
    )


@hooks.register("calendar_page")
def calendar_page(locale):
    return EventIndexPage.objects.live().filter(locale=locale).first()


@hooks.register("load_demo")
def load_demo_events(**kwargs):
    from .demo import load_demo_events

    load_demo_events(**kwargs)


@hooks.register("register_admin_urls")
def register_registration_urls():
    from . import admin_views

    urls = [
        path("", admin_views.index, name="index"),
        path("check-in/", admin_views.check_in, name="check_in"),
        path("<uuid:uid>/", admin_views.session_detail, name="session"),
        path("<uuid:uid>/message/", admin_views.message, name="message"),
    ]
    return [path("registrations/", include((urls, "event_registrations")))]


class RegistrationsMenuItem(MenuItem):
    def is_shown(self, request):
        from .admin_views import can_manage_registrations

        return can_manage_registrations(request.user)


@hooks.register("register_admin_menu_item")
def register_registrations_menu_item():
    return RegistrationsMenuItem(
        _("Registrations"), reverse("event_registrations:index"), icon_name="group", order=300
    )


@hooks.register("register_log_actions")
def register_registration_log_actions(actions):
    actions.register_action(
        "events.registrations.attendance", _("Attendance"), _("Recorded attendance")
    )
    actions.register_action(
        "events.registrations.promote", _("Waitlist"), _("Moved someone up from the waitlist")
    )
    actions.register_action(
        "events.registrations.message", _("Message"), _("Wrote to the people registered")
    )
