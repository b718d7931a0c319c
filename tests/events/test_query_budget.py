"""The calendar (filtered and unfiltered), feed.ics, an event page and the home page run a
fixed number of SQL queries however many events there are."""

import datetime

import pytest
from django.utils import timezone

from tests.conftest import make_event
from tests.home.test_query_budget import count_queries

pytestmark = pytest.mark.django_db

KINDS = ["story_time", "book_club", "film_screening", "training"]


def add_events(libraries, start, count):
    for n in range(start, start + count):
        make_event(
            libraries[n % len(libraries)],
            title=f"活动{n}",
            slug=f"e{n}",
            kind=KINDS[n % len(KINDS)],
            start=timezone.now() + datetime.timedelta(hours=n + 1),
            sessions=1 + n % 2,
            audiences=["children"] if n % 2 else ["adults", "families"],
        )


def test_event_listings_do_not_grow_with_events(client, home, calendar, library_a, library_b):
    libraries = [library_a, library_b]
    add_events(libraries, 0, 10)
    event = library_a.get_children().live().first()
    urls = {
        "calendar": calendar.url,
        "filtered": calendar.url + "?city=柳州&kind=book_club&when=month",
        "feed": calendar.url + "feed.ics",
        "event": event.url,
        "home": home.url,
        "brand": library_a.url,
    }
    small = {name: count_queries(client, url) for name, url in urls.items()}
    add_events(libraries, 10, 50)
    large = {name: count_queries(client, url) for name, url in urls.items()}
    assert small == large
    # Not from the page cache, with the per-request data (site, locales, menu, private
    # sections, settings) from the shared cache (issue 15: at most 12).
    assert all(count <= 12 for count in large.values()), large
    # With every cache empty (after a change to the site settings, a menu page, a locale
    # or privacy), the shared data is read again once (and the home page's "at a glance"
    # figures): at most 21.
    cold = {name: count_queries(client, url, cold=True) for name, url in urls.items()}
    assert all(count <= 21 for count in cold.values()), cold
