"""Query budgets at scale: the calendar (filtered and unfiltered, list, archive, month),
its feeds, the lecture and exhibition indexes, a smart listing, a brand page, an event
page and its files run the same number of SQL queries with 100 and with 2,000 events.

Events are seeded the way bench/calendar_bench.py does it: pages added live with
treebeard's add_child, sessions, audiences, speakers and tour stops inserted in bulk."""

import datetime
import itertools

import pytest
from django.db import transaction
from django.utils import timezone
from wagtail.signal_handlers import disable_reference_index_auto_update

from events.models import (
    ACTIVITY_KINDS,
    Audience,
    EventPage,
    EventSession,
    EventStatus,
    ListingPage,
)
from exhibitions.models import ExhibitionIndexPage, ExhibitionPage, TourStop
from lectures.models import LectureIndexPage, LecturePage, LectureSeries, LectureSpeaker, Speaker
from tests.conftest import make_library
from tests.home.test_query_budget import count_queries

pytestmark = pytest.mark.django_db

KINDS = [value for value, _label in ACTIVITY_KINDS]


def seed(libraries, start, count, series, speakers):
    """`count` events numbered from `start`: one in 20 a lecture, one in 25 an exhibition
    (touring to the next library afterwards), the rest reading activities; from 120 days
    ago to 240 days ahead, 1–3 weekly sessions, an audience each."""
    audiences = list(Audience.objects.values_list("pk", flat=True))
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    today = timezone.localdate()
    pages, sessions, links, speaker_rows, stops = [], [], [], [], []
    with transaction.atomic(), disable_reference_index_auto_update():
        for n in range(start, start + count):
            library = libraries[n % len(libraries)]
            offset = (n * 37) % 360 - 120
            first = now + datetime.timedelta(days=offset)
            common = {
                "title": f"活动 {n}",
                "slug": f"event-{n}",
                "live": True,
                "introduction": "阅读推广活动。",
                "status": EventStatus.CANCELLED if n % 97 == 0 else EventStatus.SCHEDULED,
            }
            if n % 25 == 7:
                # In turn past, on show now, coming soon; each then tours for 30 days.
                offset = [-100, -30, 20][(n // 25) % 3]
                first = now + datetime.timedelta(days=offset)
                page = ExhibitionPage(
                    **common,
                    opening_date=today + datetime.timedelta(days=offset),
                    closing_date=today + datetime.timedelta(days=offset + 60),
                    available_to_tour=True,
                )
                stop_host = libraries[(n + 1) % len(libraries)]
                stops.append((page, stop_host, page.closing_date))
            elif n % 20 == 3:
                page = LecturePage(**common, topic="经典阅读", series=series)
            else:
                page = EventPage(**common, kind=KINDS[n % len(KINDS)])
            library.add_child(instance=page)
            pages.append(page)
            if isinstance(page, LecturePage):
                speaker_rows.append(LectureSpeaker(page=page, speaker=speakers[n % 2]))
            for week in range(1 + n % 3):
                begins = first + datetime.timedelta(weeks=week, hours=10)
                if isinstance(page, ExhibitionPage) and begins.date() > page.closing_date:
                    break
                sessions.append(
                    EventSession(page=page, start=begins, end=begins + datetime.timedelta(hours=2))
                )
            links.append((page, audiences[n % len(audiences)]))
        EventSession.objects.bulk_create(sessions)
        LectureSpeaker.objects.bulk_create(speaker_rows)
        TourStop.objects.bulk_create(
            TourStop(
                page=page,
                host=host,
                starts_on=closes + datetime.timedelta(days=1),
                ends_on=closes + datetime.timedelta(days=30),
            )
            for page, host, closes in stops
        )
        EventPage.audiences.through.objects.bulk_create(
            EventPage.audiences.through(eventpage_id=page.pk, audience_id=audience)
            for page, audience in links
        )
        by_page = {
            key: list(rows)
            for key, rows in itertools.groupby(
                EventSession.objects.filter(page__in=pages).order_by("page_id", "start"),
                key=lambda session: session.page_id,
            )
        }
        for page in pages:
            rows = by_page.get(page.pk, [])
            page.first_start = min((s.start for s in rows), default=None)
            page.last_end = max((s.end for s in rows), default=None)
            if isinstance(page, ExhibitionPage):
                page.update_dates()
        EventPage.objects.bulk_update(pages, ["first_start", "last_end"], batch_size=500)


def test_every_listing_runs_the_same_queries_with_100_and_2000_events(
    client, home, calendar, members_index
):
    libraries = [
        make_library(
            members_index, title=f"图书馆{n}", slug=f"lib-{n}", city=["南宁", "柳州"][n % 2]
        )
        for n in range(12)
    ]
    series = LectureSeries.objects.create(name="八桂讲坛", slug="bagui")
    speakers = [Speaker.objects.create(name=f"讲者{n}") for n in range(2)]
    lectures = LectureIndexPage(title="讲座", slug="lectures", live=True)
    exhibitions = ExhibitionIndexPage(title="展览", slug="exhibitions", live=True)
    listing = ListingPage(title="少儿活动", slug="children", live=True, count=50)
    for page in (lectures, exhibitions, listing):
        home.add_child(instance=page)
    listing.audiences.set(Audience.objects.filter(code="children"))
    listing.save()
    seed(libraries, 0, 100, series, speakers)

    today, week = timezone.localdate(), datetime.timedelta(weeks=1)
    event = EventPage.objects.filter(kind="book_club", last_end__gte=timezone.now()).first()
    lecture = LecturePage.objects.first()
    urls = {
        "calendar": calendar.url,
        # A window around today, so the filter finds events whatever day the suite runs.
        "filtered": calendar.url
        + f"?city=南宁&audience=children&start={today - week * 6}&end={today + week * 6}",
        "range": calendar.url + "?start=2026-01-01&end=2027-12-31&q=活动",
        "archive": calendar.url + "archive/",
        "page 3": calendar.url + "?page=3",
        "month": calendar.url + "month/",
        "feed.ics": calendar.url + "feed.ics",
        "filtered feed.ics": calendar.url + "feed.ics?kind=lecture",
        "feed.xml": calendar.url + "feed.xml",
        "lectures": lectures.url,
        "lecture archive": lectures.url + f"?year={timezone.now().year}",
        "series": lectures.url + "series/bagui/",
        "speaker": lectures.url + f"speakers/{speakers[0].pk}/",
        "exhibitions": exhibitions.url,
        "listing": listing.url,
        "listing feed": listing.url + "feed.ics",
        "brand": libraries[0].url,
        "brand feed": libraries[0].url + "feed.ics",
        "lecture feed": lectures.url + "feed.ics",
        "exhibition feed": exhibitions.url + "feed.xml",
        "home": home.url,
        "event": event.url,
        "event.ics": event.url + "event.ics",
        "lecture": lecture.url,
    }
    # Every section has something in it already, so no prefetch is skipped for want of rows.
    shown = client.get(exhibitions.url).context
    assert all(shown[section] for section in ("current", "upcoming", "touring", "past"))
    shown = client.get(urls["lecture archive"]).context
    assert shown["upcoming"] and shown["archive"]
    assert client.get(urls["filtered"]).context["page_obj"].object_list
    small = {name: count_queries(client, url, cold=True) for name, url in urls.items()}
    seed(libraries, 100, 1900, series, speakers)
    assert EventPage.objects.count() == 2000
    assert ExhibitionPage.objects.filter(tour_stops__isnull=False).count() == 80
    big = {name: count_queries(client, url, cold=True) for name, url in urls.items()}
    assert big == small
