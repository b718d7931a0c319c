"""Listings "by date" put events in the order of the date their card shows: the next
session that has not ended, not the first session. An event that started last week and
meets again in five days comes after one in two days and before one in eight days,
on the calendar, the home page, a library's page, a smart listing and the lecture index.
The order is worked out in the database (the query budgets check it stays one query)."""

import datetime

import pytest
from django.utils import timezone

from events.models import EventPage, EventSession, ListingOrder, ListingWindow, by_next_session
from lectures.models import LecturePage, Speaker
from tests.conftest import translate
from tests.events.test_listing import make_listing

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def event_on_days(library, title, slug, *days, model=None, **kwargs):
    """A published event (or lecture) with a two-hour session on each of `days`
    (days from now, negative in the past)."""
    now = timezone.now()
    page = (model or EventPage)(title=title, slug=slug, **kwargs)
    page.event_sessions = [
        EventSession(start=now + day * DAY, end=now + day * DAY + datetime.timedelta(hours=2))
        for day in days
    ]
    library.add_child(instance=page)
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


@pytest.fixture
def three(library_a, library_b):
    """In two days; first session past, the next in five days; in eight days."""
    return [
        event_on_days(library_a, "两天后的故事会", "in-two", 2),
        event_on_days(library_b, "每周读书会", "weekly", -7, 5),
        event_on_days(library_a, "八天后的观影", "in-eight", 8),
    ]


def positions(html, titles):
    return [html.index(title) for title in titles]


def assert_in_order(html, titles):
    found = positions(html, titles)
    assert found == sorted(found), titles


TITLES = ["两天后的故事会", "每周读书会", "八天后的观影"]


def test_the_calendar_orders_by_the_next_session(client, calendar, three):
    html = client.get(calendar.url).content.decode()
    assert_in_order(html, TITLES)
    # The card of the weekly group shows the session in five days, not last week's.
    weekly = three[1].next_session()
    assert weekly.start > timezone.now()
    assert f'datetime="{timezone.localtime(weekly.start).isoformat()}"' in html
    # A date filter orders the same way.
    dated = client.get(
        calendar.url,
        {"start": timezone.localdate().isoformat(), "end": (timezone.localdate() + 9 * DAY)},
    ).content.decode()
    assert_in_order(dated, TITLES)


def test_the_calendar_in_another_language_orders_by_the_next_session(client, calendar, three):
    """In English, with one event translated and the others listed from Chinese."""
    translate(calendar, "en", title="Calendar")
    translate(three[1], "en", title="Weekly book club")
    html = client.get("/en" + calendar.url[len("/zh-hans") :]).content.decode()
    assert_in_order(html, ["两天后的故事会", "Weekly book club", "八天后的观影"])


def test_home_and_library_pages_order_by_the_next_session(client, home, calendar, three):
    assert_in_order(client.get(home.url).content.decode(), TITLES)
    # The library page of Nanning lists its two; Liuzhou's weekly group is elsewhere.
    weekly_library = three[1].library
    weekly = event_on_days(weekly_library, "柳州每周读书会", "weekly-2", -3, 5)
    soon = event_on_days(weekly_library, "柳州三天后的讲故事", "soon-2", 3)
    later = event_on_days(weekly_library, "柳州九天后的活动", "later-2", 9)
    html = client.get(weekly_library.url).content.decode()
    assert_in_order(html, [soon.title, weekly.title, later.title])


@pytest.mark.parametrize(
    ("window", "order"),
    [
        (ListingWindow.UPCOMING, ListingOrder.SOONEST),
        (ListingWindow.NEXT_30, ListingOrder.SOONEST),
        (ListingWindow.UPCOMING, ListingOrder.LATEST),
    ],
)
def test_smart_listings_order_by_the_next_session(client, home, three, window, order):
    listing = make_listing(home, window=window, order=order)
    html = client.get(listing.url).content.decode()
    assert_in_order(html, TITLES if order == ListingOrder.SOONEST else TITLES[::-1])


def test_the_next_30_days_are_those_of_the_next_session(client, home, library_a):
    """A group that first met long ago and meets next in 40 days is not "in the next 30
    days", though its first session is; one meeting in 20 days is."""
    event_on_days(library_a, "四十天后再聚", "in-forty", -60, 40)
    event_on_days(library_a, "二十天后再聚", "in-twenty", -60, 20)
    html = client.get(make_listing(home, window=ListingWindow.NEXT_30).url).content.decode()
    assert "二十天后再聚" in html and "四十天后再聚" not in html


def test_the_lecture_index_orders_upcoming_lectures_by_the_next_session(
    client, lecture_index, library_a, library_b
):
    speaker = Speaker.objects.create(name="黄教授")
    titles = ["两天后的讲座", "系列讲座", "八天后的讲座"]
    for title, slug, days in zip(titles, ["l2", "l5", "l8"], [(2,), (-7, 5), (8,)], strict=True):
        lecture = event_on_days(library_a, title, slug, *days, model=LecturePage, topic="阅读")
        lecture.lecture_speakers.create(speaker=speaker)
    html = client.get(lecture_index.url).content.decode()
    upcoming = html[: html.index('id="archive-heading"')] if "archive-heading" in html else html
    assert_in_order(upcoming, titles)


def test_the_order_is_one_query_on_the_events_table(library_a, library_b, three):
    """by_next_session is an annotation: ordering, slicing and counting stay in SQL."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    events = by_next_session(EventPage.objects.live())
    with CaptureQueriesContext(connection) as queries:
        titles = [event.title for event in events[:3]]
    assert titles == TITLES
    assert len(queries) == 1
    assert [event.next_start for event in events] == [
        three[0].first_start,
        three[1].next_session().start,
        three[2].first_start,
    ]


def test_past_events_by_their_first_session_and_exhibitions_by_their_run(library_a):
    from tests.exhibitions.test_exhibitions import make_exhibition

    today = timezone.localdate()
    on_show = make_exhibition(library_a, today - 10 * DAY, today + 10 * DAY, title="正在展出")
    # Its guided tour in three days does not put it behind the story time in two: its
    # card shows the run, which has begun.
    tour = timezone.now() + 3 * DAY
    on_show.event_sessions.create(start=tour, end=tour + datetime.timedelta(hours=1))
    on_show.save_revision().publish()
    soon = event_on_days(library_a, "两天后的故事会", "in-two", 2)
    # Once every session is over, the first one counts (as on the card).
    over = event_on_days(library_a, "上个月的系列", "over", -30, -3)
    older = event_on_days(library_a, "上周的活动", "older", -7)
    events = by_next_session(EventPage.objects.live())
    assert [event.title for event in events] == [over.title, on_show.title, older.title, soon.title]
    newest_first = by_next_session(EventPage.objects.live(), descending=True)
    assert [event.title for event in newest_first][:2] == [soon.title, older.title]
