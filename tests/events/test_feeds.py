"""Feeds of every listing: each library, the lecture and exhibition indexes (the calendar's
and smart listings' are in test_calendar / test_listing), and their cache, which a
publication, an unpublication or a deletion renews."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from lectures.models import Speaker
from tests.conftest import make_event
from tests.exhibitions.test_exhibitions import make_exhibition
from tests.lectures.test_lectures import make_lecture

pytestmark = pytest.mark.django_db


def summaries(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return sorted(
        str(event["SUMMARY"]) for event in Calendar.from_ical(response.content).walk("VEVENT")
    )


def test_each_library_has_feeds_of_its_upcoming_events(client, library_a, library_b):
    make_event(library_a, title="南宁故事会")
    make_event(library_b, title="柳州读书会")
    make_event(
        library_a,
        title="去年的活动",
        slug="old",
        start=timezone.now() - datetime.timedelta(days=30),
    )
    assert summaries(client, library_a.url + "feed.ics") == ["南宁故事会"]
    rss = client.get(library_a.url + "feed.xml")
    assert rss["Content-Type"] == "application/rss+xml; charset=utf-8"
    assert "南宁故事会" in rss.content.decode() and "柳州读书会" not in rss.content.decode()
    page = client.get(library_a.url).content.decode()
    assert f'href="{library_a.url}feed.ics"' in page
    assert f'href="{library_a.url}feed.xml"' in page


def test_lecture_index_feed_lists_upcoming_lectures(
    client,
    lecture_index,
    library_a,
):
    make_lecture(library_a, Speaker.objects.create(name="王教授"), title="阅读与人生")
    make_event(library_a, title="不是讲座")
    assert summaries(client, lecture_index.url + "feed.ics") == ["阅读与人生"]
    assert "阅读与人生" in client.get(lecture_index.url + "feed.xml").content.decode()
    assert f'href="{lecture_index.url}feed.ics"' in client.get(lecture_index.url).content.decode()


def test_exhibition_index_feed_lists_current_and_coming_exhibitions(
    client,
    exhibition_index,
    library_a,
):
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    make_exhibition(library_a, today - 5 * day, today + 5 * day, title="正在展出", slug="now")
    make_exhibition(library_a, today + 10 * day, today + 40 * day, title="即将展出", slug="soon")
    make_exhibition(library_a, today - 40 * day, today - 10 * day, title="已结束", slug="past")
    assert summaries(client, exhibition_index.url + "feed.ics") == ["即将展出", "正在展出"]


def test_feeds_are_cached_until_a_page_is_published_or_removed(
    client, monkeypatch, calendar, library_a
):
    from alliance_site import page_cache

    monkeypatch.setattr(page_cache, "CLOCK_SKEW", 0)  # one clock: kept as soon as made
    feed = calendar.url + "feed.ics"
    first = make_event(library_a, title="第一场")
    assert summaries(client, feed) == ["第一场"]
    with CaptureQueriesContext(connection) as queries:
        assert summaries(client, feed) == ["第一场"]
    assert len(queries) == 0  # from the page cache
    # A filtered feed is another entry.
    assert summaries(client, feed, kind="book_club") == []

    second = make_event(library_a, title="第二场", slug="second")
    assert summaries(client, feed) == ["第一场", "第二场"]
    assert client.get(feed).headers["X-Page-Cache"] == "hit"

    second.unpublish()
    assert summaries(client, calendar.url + "feed.ics") == ["第一场"]
    first.title = "第一场（改）"
    first.save_revision().publish()
    assert summaries(client, calendar.url + "feed.ics") == ["第一场（改）"]
    first.delete()
    assert summaries(client, calendar.url + "feed.ics") == []
