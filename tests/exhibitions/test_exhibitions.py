import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from exhibitions.models import ExhibitionPage, TourStop

pytestmark = pytest.mark.django_db


def make_exhibition(library, opening, closing, stops=(), **kwargs):
    exhibition = ExhibitionPage(
        title=kwargs.pop("title", "广图展览：壮锦之美"),
        slug=kwargs.pop("slug", "zhuang-brocade"),
        opening_date=opening,
        closing_date=closing,
        curator="广西图书馆展览部",
        **kwargs,
    )
    exhibition.tour_stops = [TourStop(host=host, starts_on=a, ends_on=b) for host, a, b in stops]
    library.add_child(instance=exhibition)
    exhibition.save_revision().publish()
    return ExhibitionPage.objects.get(pk=exhibition.pk)


def test_exhibition_is_current_on_the_calendar_for_its_whole_run(
    client, calendar, library_a, library_b
):
    today = timezone.localdate()
    exhibition = make_exhibition(
        library_a,
        today - datetime.timedelta(days=10),
        today + datetime.timedelta(days=20),
        stops=[
            (library_b, today + datetime.timedelta(days=30), today + datetime.timedelta(days=60))
        ],
    )
    assert exhibition.kind == "exhibition"
    assert exhibition.last_day == today + datetime.timedelta(days=20)
    html = client.get(calendar.url, {"kind": "exhibition", "when": "today"}).content.decode()
    assert exhibition.title in html
    page_html = client.get(exhibition.url).content.decode()
    assert "广西图书馆展览部" in page_html
    assert library_b.title in page_html  # the tour stop
    ics = Calendar.from_ical(client.get(exhibition.url + "event.ics").content)
    (run,) = ics.walk("VEVENT")
    assert run["DTSTART"].dt == exhibition.opening_date
    assert run["DTEND"].dt == exhibition.closing_date + datetime.timedelta(days=1)


def exhibition_form(**overrides):
    data = {
        "title": "巡展",
        "slug": "touring",
        "opening_date": "2027-03-01",
        "closing_date": "2027-03-31",
        "time_zone": "Asia/Shanghai",
        "status": "scheduled",
        "registration_mode": "none",
        "gallery": streamfield([]),
        "body": streamfield([]),
        "event_sessions": inline_formset([]),
        "tour_stops": inline_formset([]),
        "comments": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def post_exhibition(client, editor, library, **overrides):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=["exhibitions", "exhibitionpage", library.pk])
    return client.post(url, exhibition_form(**overrides))


def test_session_outside_the_exhibition_dates_is_an_error_on_the_field(client, library_a, editor_a):
    response = post_exhibition(
        client,
        editor_a,
        library_a,
        event_sessions=inline_formset(
            [
                {
                    "start": "2027-02-20 10:00",
                    "end": "2027-02-20 11:00",
                    "capacity": "",
                    "max_party_size": "1",
                }
            ]
        ),
    )
    assert response.status_code == 200
    session_form = response.context["form"].formsets["event_sessions"].forms[0]
    assert "start" in session_form.errors
    assert not ExhibitionPage.objects.filter(slug="touring").exists()


def test_overlapping_tour_stops_are_rejected(client, library_a, library_b, editor_a, members_index):
    from tests.conftest import make_library

    library_c = make_library(members_index, title="桂林图书馆", slug="guilin", city="桂林")
    response = post_exhibition(
        client,
        editor_a,
        library_a,
        tour_stops=inline_formset(
            [
                {"host": library_b.pk, "starts_on": "2027-04-01", "ends_on": "2027-04-30"},
                {"host": library_c.pk, "starts_on": "2027-04-20", "ends_on": "2027-05-20"},
            ]
        ),
    )
    assert response.status_code == 200
    stops = response.context["form"].formsets["tour_stops"]
    assert any("starts_on" in form.errors for form in stops.forms)
    assert "巡展" in response.content.decode()


def test_closing_before_opening_is_rejected(client, library_a, editor_a):
    response = post_exhibition(client, editor_a, library_a, closing_date="2027-02-01")
    assert response.status_code == 200
    assert "closing_date" in response.context["form"].errors


def test_valid_touring_exhibition_is_saved(client, library_a, library_b, editor_a):
    response = post_exhibition(
        client,
        editor_a,
        library_a,
        tour_stops=inline_formset(
            [{"host": library_b.pk, "starts_on": "2027-04-01", "ends_on": "2027-04-30"}]
        ),
        event_sessions=inline_formset(
            [
                {
                    "start": "2027-03-01 10:00",
                    "end": "2027-03-01 11:00",
                    "capacity": "50",
                    "max_party_size": "1",
                }
            ]
        ),
    )
    assert response.status_code == 302
    draft = ExhibitionPage.objects.get(slug="touring").get_latest_revision_as_object()
    assert [stop.host_id for stop in draft.tour_stops.all()] == [library_b.pk]
