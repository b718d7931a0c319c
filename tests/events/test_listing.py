import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from wagtail.test.utils.form_data import nested_form_data

from events.models import Audience, Campaign, ListingPage
from tests.conftest import make_event

pytestmark = pytest.mark.django_db


def make_listing(parent, **kwargs):
    audiences = kwargs.pop("audiences", [])
    libraries = kwargs.pop("libraries", [])
    campaigns = kwargs.pop("campaigns", [])
    listing = ListingPage(
        title=kwargs.pop("title", "少儿活动"), slug=kwargs.pop("slug", "kids"), **kwargs
    )
    parent.add_child(instance=listing)
    listing.audiences.set(Audience.objects.filter(code__in=audiences))
    listing.libraries.set(libraries)
    listing.campaigns.set(campaigns)
    listing.save_revision().publish()
    return ListingPage.objects.get(pk=listing.pk)


def test_listing_selects_by_kind_audience_library_and_campaign(client, home, library_a, library_b):
    book_day = Campaign.objects.create(name="世界读书日", slug="world-book-day")
    make_event(library_a, title="南宁故事会", kind="story_time", audiences=["children"])
    make_event(library_b, title="柳州故事会", kind="story_time", audiences=["children"])
    make_event(library_a, title="南宁读书会", kind="book_club", audiences=["adults"])
    campaign_event = make_event(library_b, title="读书日嘉年华", kind="campaign_day")
    campaign_event.campaign = book_day
    campaign_event.save_revision().publish()

    listing = make_listing(
        home, kinds=["story_time"], audiences=["children"], libraries=[library_a]
    )
    html = client.get(listing.url).content.decode()
    assert "南宁故事会" in html
    assert "柳州故事会" not in html and "南宁读书会" not in html
    ics = Calendar.from_ical(client.get(listing.url + "feed.ics").content)
    assert [str(e["SUMMARY"]) for e in ics.walk("VEVENT")] == ["南宁故事会"]
    assert "南宁故事会" in client.get(listing.url + "feed.xml").content.decode()

    by_campaign = make_listing(home, slug="book-day", campaigns=[book_day])
    html = client.get(by_campaign.url).content.decode()
    assert "读书日嘉年华" in html and "南宁故事会" not in html


def test_listing_window_order_and_count(client, home, library_a):
    now = timezone.now()
    for n in range(5):
        make_event(
            library_a,
            title=f"活动{n}",
            slug=f"e{n}",
            start=now + datetime.timedelta(days=10 * n + 1),
        )
    make_event(library_a, title="上月活动", slug="old", start=now - datetime.timedelta(days=20))
    soon = make_listing(home, slug="soon", window="next_30", count=2)
    assert [e.title for e in soon.listed_events()] == ["活动0", "活动1"]
    latest = make_listing(home, slug="latest", window="upcoming", order="latest", count=3)
    assert [e.title for e in latest.listed_events()] == ["活动4", "活动3", "活动2"]
    past = make_listing(home, slug="past", window="past_90")
    assert [e.title for e in past.listed_events()] == ["上月活动"]


def test_library_editor_places_a_listing_in_its_section_only(
    client, library_a, library_b, editor_a
):
    client.force_login(editor_a)
    data = nested_form_data(
        {
            "title": "我们的少儿活动",
            "slug": "our-kids",
            "window": "upcoming",
            "order": "soonest",
            "count": "10",
            "comments": {
                "TOTAL_FORMS": "0",
                "INITIAL_FORMS": "0",
                "MIN_NUM_FORMS": "0",
                "MAX_NUM_FORMS": "1000",
            },
        }
    )
    data["kinds"] = ["story_time", "book_club"]
    own = reverse("wagtailadmin_pages:add", args=["events", "listingpage", library_a.pk])
    response = client.post(own, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    assert ListingPage.objects.get(slug="our-kids").kinds == ["story_time", "book_club"]
    other = reverse("wagtailadmin_pages:add", args=["events", "listingpage", library_b.pk])
    assert client.post(other, {**data, "slug": "intruder"}).status_code in (302, 403)
    assert not ListingPage.objects.filter(slug="intruder").exists()


def test_bad_count_is_rejected_with_a_message(client, home, superuser):
    client.force_login(superuser)
    data = nested_form_data(
        {
            "title": "太多",
            "slug": "too-many",
            "window": "upcoming",
            "order": "soonest",
            "count": "100000",
            "comments": {
                "TOTAL_FORMS": "0",
                "INITIAL_FORMS": "0",
                "MIN_NUM_FORMS": "0",
                "MAX_NUM_FORMS": "1000",
            },
        }
    )
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["events", "listingpage", home.pk]), data
    )
    assert response.status_code == 200
    assert "count" in response.context["form"].errors
