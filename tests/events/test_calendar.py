import datetime

import pytest
from django.utils import timezone
from icalendar import Calendar

from events.models import EventSession, EventStatus
from tests.conftest import make_event

pytestmark = pytest.mark.django_db


def test_event_dates_derive_from_sessions(library_a):
    start = timezone.now() + datetime.timedelta(days=10)
    event = make_event(library_a, start=start, sessions=3)
    assert event.first_start == event.event_sessions.order_by("start").first().start
    assert event.last_end == start + datetime.timedelta(days=2, hours=2)
    assert event.library.specific == library_a


def test_session_ending_before_it_starts_is_an_error_on_end(library_a):
    from django.core.exceptions import ValidationError

    event = make_event(library_a)
    now = timezone.now()
    session = EventSession(page=event, start=now, end=now - datetime.timedelta(hours=1))
    with pytest.raises(ValidationError) as error:
        session.full_clean()
    assert "end" in error.value.message_dict


def test_calendar_lists_upcoming_events_of_every_library(client, calendar, library_a, library_b):
    soon = make_event(
        library_a, title="绘本故事会", start=timezone.now() + datetime.timedelta(days=1)
    )
    later = make_event(
        library_b, title="读书分享会", start=timezone.now() + datetime.timedelta(days=5)
    )
    past = make_event(
        library_a, title="去年的活动", start=timezone.now() - datetime.timedelta(days=30)
    )
    response = client.get(calendar.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index(soon.title) < html.index(later.title)
    assert past.title not in html
    archive = client.get(calendar.url + "archive/").content.decode()
    assert past.title in archive and soon.title not in archive


@pytest.mark.parametrize(
    "query, shown, hidden",
    [
        ({"city": "柳州"}, "读书分享会", "绘本故事会"),
        ({"kind": "book_club"}, "读书分享会", "绘本故事会"),
        ({"audience": "children"}, "绘本故事会", "读书分享会"),
        ({"q": "绘本"}, "绘本故事会", "读书分享会"),
        ({"when": "today"}, "绘本故事会", "读书分享会"),
    ],
)
def test_calendar_filters(client, calendar, library_a, library_b, query, shown, hidden):
    now = timezone.localtime()
    today_later = now + datetime.timedelta(minutes=30) if now.hour < 22 else now
    make_event(library_a, title="绘本故事会", start=today_later, audiences=["children"])
    make_event(
        library_b,
        title="读书分享会",
        introduction="成人读书会。",
        kind="book_club",
        start=now + datetime.timedelta(days=3),
        audiences=["adults"],
    )
    html = client.get(calendar.url, query).content.decode()
    assert shown in html and hidden not in html


@pytest.mark.parametrize(
    "query",
    [
        {"library": "999999"},
        {"start": "2026-13-45"},
        {"start": "2027-02-01", "end": "2027-01-01"},
        {"page": "99999"},
        {"page": "abc"},
        {"kind": "<script>"},
        {"q": "x" * 500},
    ],
)
def test_bad_filters_give_a_message_not_an_error(client, calendar, library_a, query):
    make_event(library_a)
    response = client.get(calendar.url, query)
    assert response.status_code == 200
    assert response.context["filter_message"] or response.context["filter_form"].errors
    assert "<script>" not in response.content.decode()


def test_ics_feed_is_valid_and_keeps_uids(client, calendar, library_a):
    event = make_event(library_a, title="绘本故事会", sessions=2, time_zone="Asia/Shanghai")
    response = client.get(calendar.url + "feed.ics")
    assert response["Content-Type"].startswith("text/calendar")
    calendar_data = Calendar.from_ical(response.content)
    events = calendar_data.walk("VEVENT")
    assert len(events) == 2
    uids = sorted(str(e["UID"]) for e in events)
    assert all(uid.endswith("@testserver") for uid in uids)
    assert calendar_data.walk("VTIMEZONE")[0]["TZID"] == "Asia/Shanghai"
    assert str(events[0]["URL"]) == "http://testserver" + event.url
    sequence = int(events[0]["SEQUENCE"])
    # An edit keeps the UIDs and raises SEQUENCE; cancelling says so.
    event.status = EventStatus.CANCELLED
    event.last_published_at = None
    event.save_revision().publish()
    later = Calendar.from_ical(client.get(calendar.url + "feed.ics").content).walk("VEVENT")
    assert sorted(str(e["UID"]) for e in later) == uids
    assert int(later[0]["SEQUENCE"]) >= sequence
    assert str(later[0]["STATUS"]) == "CANCELLED"


def test_filtered_ics_feed_uses_the_same_filters(client, calendar, library_a, library_b):
    make_event(library_a, title="南宁活动")
    make_event(library_b, title="柳州活动")
    ics = Calendar.from_ical(client.get(calendar.url + "feed.ics", {"city": "柳州"}).content)
    assert [str(e["SUMMARY"]) for e in ics.walk("VEVENT")] == ["柳州活动"]


def test_event_page_offers_its_ics_and_rss_lists_events(client, calendar, library_a):
    event = make_event(library_a, title="绘本故事会")
    html = client.get(event.url).content.decode()
    assert "event.ics" in html
    single = Calendar.from_ical(client.get(event.url + "event.ics").content)
    assert len(single.walk("VEVENT")) == 1
    rss = client.get(calendar.url + "feed.xml")
    assert rss["Content-Type"].startswith("application/rss+xml")
    assert "绘本故事会" in rss.content.decode()


def test_other_libraries_staff_cannot_edit_events(client, library_a, library_b, editor_a):
    from django.urls import reverse

    event = make_event(library_b, title="柳州活动")
    client.force_login(editor_a)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[event.pk]))
    assert response.status_code in (302, 403)
    response = client.get(
        reverse("wagtailadmin_pages:add", args=["events", "eventpage", library_b.pk])
    )
    assert response.status_code in (302, 403)
    assert (
        client.get(
            reverse("wagtailadmin_pages:add", args=["events", "eventpage", library_a.pk])
        ).status_code
        == 200
    )


def test_home_and_brand_pages_list_upcoming_events(client, home, calendar, library_a, library_b):
    make_event(library_a, title="南宁的活动")
    make_event(library_b, title="柳州的活动")
    home_html = client.get(home.url).content.decode()
    assert "南宁的活动" in home_html and "柳州的活动" in home_html
    assert f'href="{calendar.url}"' in home_html
    brand_html = client.get(library_a.url).content.decode()
    assert "南宁的活动" in brand_html and "柳州的活动" not in brand_html


def test_card_shows_the_next_session_of_an_ongoing_event(client, calendar, library_a):
    start = timezone.now() - datetime.timedelta(days=2, hours=3)
    event = make_event(library_a, title="连续四天的读书会", start=start, sessions=4)
    upcoming = event.next_session()
    assert upcoming.start > timezone.now()
    html = client.get(calendar.url).content.decode()
    assert (
        f'datetime="{upcoming.start.astimezone(timezone.get_current_timezone()).isoformat()}"'
        in html
    )


def event_form(title, sessions, **extra):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    return nested_form_data(
        {
            "title": title,
            "slug": extra.pop("slug", "new-event"),
            "kind": "story_time",
            "time_zone": "Asia/Shanghai",
            "status": "scheduled",
            "registration_mode": "none",
            "body": streamfield([]),
            "event_sessions": inline_formset(sessions),
            "comments": inline_formset([]),
            **extra,
        }
    )


def test_editor_creates_an_event_with_two_sessions(client, library_a, editor_a):
    from django.urls import reverse

    from events.models import EventPage

    client.force_login(editor_a)
    url = reverse("wagtailadmin_pages:add", args=["events", "eventpage", library_a.pk])
    response = client.post(
        url,
        event_form(
            "周末故事会",
            [
                {
                    "start": "2027-01-09 10:00",
                    "end": "2027-01-09 11:00",
                    "capacity": "30",
                    "max_party_size": "1",
                },
                {
                    "start": "2027-01-16 10:00",
                    "end": "2027-01-16 11:00",
                    "capacity": "30",
                    "max_party_size": "1",
                },
            ],
            **{"action-submit": "1"},
        ),
    )
    assert response.status_code == 302
    event = EventPage.objects.get(slug="new-event")
    assert event.workflow_in_progress
    revision = event.get_latest_revision_as_object()
    assert len(revision.event_sessions.all()) == 2


def test_admin_rejects_a_session_that_ends_before_it_starts(client, library_a, editor_a):
    from django.urls import reverse

    from events.models import EventPage

    client.force_login(editor_a)
    url = reverse("wagtailadmin_pages:add", args=["events", "eventpage", library_a.pk])
    response = client.post(
        url,
        event_form(
            "时间颠倒的活动",
            [
                {
                    "start": "2027-01-09 10:00",
                    "end": "2027-01-09 09:00",
                    "capacity": "",
                    "max_party_size": "1",
                }
            ],
        ),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "时间颠倒的活动" in html  # nothing the editor typed is lost
    formset = response.context["form"].formsets["event_sessions"]
    assert "end" in formset.forms[0].errors
    assert not EventPage.objects.filter(slug="new-event").exists()


def test_an_event_needs_at_least_one_session(client, library_a, editor_a):
    from django.urls import reverse

    client.force_login(editor_a)
    url = reverse("wagtailadmin_pages:add", args=["events", "eventpage", library_a.pk])
    response = client.post(url, event_form("没有场次", [], **{"action-submit": "1"}))
    assert response.status_code == 200
    assert response.context["form"].formsets["event_sessions"].non_form_errors()


def test_event_page_has_schema_org_event(client, library_a):
    import json
    import re

    event = make_event(library_a, title="绘本故事会", room="少儿阅览室")
    html = client.get(event.url).content.decode()
    data = json.loads(re.search(r'application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "Event"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["name"] == "少儿阅览室"
    assert data["organizer"]["name"] == library_a.title
    assert data["offers"]["price"] == "0"
    assert data["startDate"].endswith("+08:00")
    event.status = EventStatus.MOVED_ONLINE
    event.online_url = "https://live.example.org/story"
    event.save_revision().publish()
    data = json.loads(
        re.search(
            r'application/ld\+json">(.*?)</script>', client.get(event.url).content.decode(), re.S
        ).group(1)
    )
    assert data["eventStatus"] == "https://schema.org/EventMovedOnline"
    assert data["location"]["@type"] == "VirtualLocation"


def test_month_grid_places_sessions_on_their_days(client, calendar, library_a, library_b):
    today = timezone.localdate()
    first = today.replace(day=1)
    day = first + datetime.timedelta(days=14)
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    make_event(library_a, title="月中故事会", start=start, audiences=["children"])
    make_event(library_b, title="月中读书会", start=start + datetime.timedelta(hours=3))
    url = calendar.url + "month/"
    response = client.get(url, {"month": first.strftime("%Y-%m")})
    assert response.status_code == 200
    html = response.content.decode()
    assert "10:00 月中故事会" in html and "13:00 月中读书会" in html
    filtered = client.get(url, {"month": first.strftime("%Y-%m"), "audience": "children"})
    assert "月中故事会" in filtered.content.decode()
    assert "月中读书会" not in filtered.content.decode()
    other = (first + datetime.timedelta(days=40)).strftime("%Y-%m")
    assert "月中故事会" not in client.get(url, {"month": other}).content.decode()


@pytest.mark.parametrize("month", ["2027-13", "abc", "2027", "99999-01", "-1--1"])
def test_month_grid_with_a_bad_month_says_so(client, calendar, month):
    response = client.get(calendar.url + "month/", {"month": month})
    assert response.status_code == 200
    assert response.context["filter_message"]
