"""Alliance statistics (Reports → Alliance statistics): the figures equal counts made
independently here, each library's staff see only their library, the downloads carry the
same figures, and the report runs a fixed number of queries for 120 libraries and
100,000 bookings."""

import csv
import datetime
import io
import itertools
import secrets
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from events.models import Booking, BookingStatus, EventKind, EventSession, EventStatus
from tests import factories
from tests.conftest import make_event, make_library
from tests.home.test_query_budget import count_queries
from volunteers.models import RecordStatus, ServiceRecord
from volunteers.statistics import TARGET_ACTIVITIES, at_a_glance

pytestmark = pytest.mark.django_db

URL = "/admin/reports/statistics/"


def this_year_at(month, day=10, hour=10):
    year = timezone.localdate().year
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


def book(event, session, status=BookingStatus.CONFIRMED, places=1, attended=False):
    return Booking.objects.create(
        session_uid=session.uid,
        event=event,
        user=factories.UserFactory(),
        party_size=places,
        status=status,
        code=secrets.token_hex(5),
        attended_at=timezone.now() if attended else None,
    )


def serve(library, user, hours, status=RecordStatus.VERIFIED, date=None):
    return ServiceRecord.objects.create(
        user=user,
        library_key=library.translation_key,
        date=date or timezone.localdate().replace(month=3, day=1),
        hours=Decimal(hours),
        status=status,
    )


@pytest.fixture
def activity(library_a, library_b):
    """Two libraries' year: A has a past story time (two sessions) and a lecture-kind
    activity in June, B a book club in March and a cancelled one; bookings and service."""
    story = make_event(
        library_a, title="故事会", kind=EventKind.STORY_TIME, start=this_year_at(1), sessions=2
    )
    club = make_event(library_b, title="读书会", kind=EventKind.BOOK_CLUB, start=this_year_at(3))
    make_event(
        library_b,
        title="取消的活动",
        kind=EventKind.BOOK_CLUB,
        start=this_year_at(3),
        status=EventStatus.CANCELLED,
    )
    training = make_event(
        library_a, title="数字阅读培训", kind=EventKind.TRAINING, start=this_year_at(6)
    )
    last_year = make_event(
        library_a, title="去年的活动", start=this_year_at(2) - datetime.timedelta(days=366)
    )
    first, second = story.sorted_sessions()
    book(story, first, places=2, attended=True)
    book(story, first, places=1)
    book(story, second, status=BookingStatus.WAITLISTED, places=3)
    book(story, second, status=BookingStatus.CANCELLED, places=1)
    book(club, club.sorted_sessions()[0], places=4, attended=True)
    book(last_year, last_year.sorted_sessions()[0], places=5, attended=True)
    volunteer, other = factories.UserFactory(), factories.UserFactory()
    serve(library_a, volunteer, "2.5")
    serve(library_a, volunteer, "3")
    serve(library_a, other, "1", status=RecordStatus.PENDING)
    serve(library_b, other, "4")
    serve(library_b, other, "8", date=timezone.localdate().replace(year=2020))
    return {"story": story, "club": club, "training": training}


def expected(library):
    """The library's figures counted here, from the rows themselves."""
    year = timezone.localdate().year
    pages = [
        page.specific
        for page in library.get_descendants().live()
        if hasattr(page.specific, "first_start")
        and page.specific.first_start
        and timezone.localtime(page.specific.first_start).year == year
        and page.specific.status != EventStatus.CANCELLED
    ]
    ids = {page.pk for page in pages}
    bookings = [b for b in Booking.objects.all() if b.event_id in ids]
    records = [
        r
        for r in ServiceRecord.objects.all()
        if r.library_key == library.translation_key
        and r.status == RecordStatus.VERIFIED
        and r.date.year == year
    ]
    over = {page.pk for page in pages if page.last_end < timezone.now()}
    return {
        "activities": len(pages),
        "sessions": sum(page.event_sessions.count() for page in pages),
        "registrations": sum(b.party_size for b in bookings if b.status == "confirmed"),
        "attendance": sum(b.party_size for b in bookings if b.attended_at),
        "turned_away": sum(
            b.party_size for b in bookings if b.status == "waitlisted" and b.event_id in over
        ),
        "volunteers": len({r.user_id for r in records}),
        "hours": sum((r.hours for r in records), Decimal(0)),
    }


def figures_of(response, library):
    return next(row for row in response.context["figures"] if row.library.pk == library.pk)


def test_the_figures_equal_independent_counts(client, superuser, activity, library_a, library_b):
    client.force_login(superuser)
    response = client.get(URL)
    assert response.status_code == 200
    for library in (library_a, library_b):
        row = figures_of(response, library)
        want = expected(library)
        got = {name: getattr(row, name) for name in want}
        assert got == want, library.title
    a = figures_of(response, library_a)
    assert a.kinds == {EventKind.STORY_TIME: 1, EventKind.TRAINING: 1}
    assert a.months == {1: 1, 6: 1}
    assert a.progress == round(100 * 2 / TARGET_ACTIVITIES)
    total = response.context["total"]
    assert total.activities == 3 and total.hours == Decimal("9.5")


def test_the_charts_are_svg_with_a_title_and_a_table(client, superuser, activity):
    client.force_login(superuser)
    text = client.get(URL).content.decode()
    assert text.count('class="chart"') == 2
    assert 'role="img"' in text and "<title id=" in text and "<desc id=" in text
    assert "chart__target" in text  # the target line
    assert text.count('<table class="listing">') == 2
    assert "<script" not in text.split("<svg", 1)[1].split("</svg>", 1)[0]


def test_filters_by_year_level_and_city(client, superuser, activity, library_a, library_b):
    client.force_login(superuser)
    only_b = client.get(URL, {"city": library_b.city})
    assert [row.library.pk for row in only_b.context["figures"]] == [library_b.pk]
    old = client.get(URL, {"year": 2020})
    assert figures_of(old, library_b).hours == Decimal(8)
    assert figures_of(old, library_b).activities == 0
    bad = client.get(URL, {"year": "abc", "level": "nope"})
    assert bad.status_code == 200
    assert bad.context["form"].errors
    assert bad.context["year"] == timezone.localdate().year


def test_downloads_carry_the_same_figures(client, superuser, activity, library_a):
    client.force_login(superuser)
    response = client.get(URL, {"format": "csv"})
    assert response["Content-Disposition"].endswith('.csv"')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    row = next(r for r in rows if r[0] == library_a.title)
    assert row[3] == "2"  # activities
    workbook = load_workbook(io.BytesIO(client.get(URL, {"format": "xlsx"}).content))
    sheet = workbook.active
    values = [[cell.value for cell in line] for line in sheet.iter_rows()]
    row = next(r for r in values if r[0] == library_a.title)
    assert row[3] == 2
    assert row[-1] == pytest.approx(5.5)


def test_library_staff_see_only_their_library(client, activity, editor_a, library_a, library_b):
    client.force_login(editor_a)
    response = client.get(URL)
    assert [row.library.pk for row in response.context["figures"]] == [library_a.pk]
    text = response.content.decode()
    assert library_b.title not in text
    rows = client.get(URL, {"format": "csv", "city": library_b.city}).content.decode("utf-8-sig")
    assert library_b.title not in rows


def test_people_without_a_library_are_refused(client, activity):
    user = factories.UserFactory(username="reader")
    group = Group.objects.create(name="Admin readers")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)  # may use the admin, belongs to no library
    client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert URL not in menu


def test_the_home_page_shows_the_alliance_at_a_glance(client, activity, home):
    figures = at_a_glance(timezone.localdate().year)
    assert figures["activities"] == 3
    assert figures["volunteers"] == 2
    assert figures["hours"] == Decimal("9.5")
    assert figures["libraries"] == 2
    text = client.get(home.url).content.decode()
    assert 'class="container glance"' in text
    for value in ("3", "2", "9.5"):
        assert f"<strong>{value}</strong>" in text


# Query budget ----------------------------------------------------------------------------


def seed_bookings(count, first=0):
    """`count` bookings spread over the year's sessions, in bulk."""
    sessions = list(EventSession.objects.select_related(None).values_list("uid", "page_id"))
    statuses = itertools.cycle(
        [BookingStatus.CONFIRMED] * 6 + [BookingStatus.WAITLISTED, BookingStatus.CANCELLED]
    )
    now = timezone.now()
    rows = []
    for n in range(first, first + count):
        uid, page_id = sessions[n % len(sessions)]
        rows.append(
            Booking(
                session_uid=uid,
                event_id=page_id,
                party_size=1 + n % 3,
                status=next(statuses),
                code=f"B{n:09d}",
                attended_at=now if n % 4 == 0 else None,
            )
        )
    with transaction.atomic():
        Booking.objects.bulk_create(rows, batch_size=5000)


def test_the_report_runs_the_same_queries_for_120_libraries_and_100000_bookings(
    client, superuser, members_index
):
    from lectures.models import Speaker
    from tests.events.test_scale_budget import seed

    speakers = [Speaker.objects.create(name=f"讲者{n}") for n in range(2)]
    libraries = [make_library(members_index, title=f"图书馆{n}", slug=f"l{n}") for n in range(2)]
    seed(libraries, 0, 4, None, speakers)
    seed_bookings(10)
    client.force_login(superuser)
    small = count_queries(client, URL)
    for n in range(2, 120):
        libraries.append(make_library(members_index, title=f"图书馆{n}", slug=f"l{n}"))
    seed(libraries, 4, 360, None, speakers)
    seed_bookings(100_000, first=10)
    assert Booking.objects.count() == 100_010
    large = count_queries(client, URL)
    response = client.get(URL)
    assert len(response.context["figures"]) == 120
    assert sum(row.registrations for row in response.context["figures"]) > 50_000
    assert large == small
    assert large <= 20


def test_a_volunteer_of_two_libraries_counts_once_in_the_total(
    client, superuser, library_a, library_b
):
    person = factories.UserFactory()
    serve(library_a, person, "2")
    serve(library_b, person, "3")
    client.force_login(superuser)
    response = client.get(URL)
    assert [row.volunteers for row in response.context["figures"]] == [1, 1]
    assert response.context["total"].volunteers == 1
    assert response.context["total"].hours == Decimal(5)


def test_chart_labels_are_escaped_and_long_names_shortened():
    from volunteers.charts import bar_chart

    svg = bar_chart(
        "c", "标题", "说明", [("广西壮族自治区桂林图书馆馆藏与阅读推广中心", 3), ("<b>&", 40)], 30
    )
    assert "&lt;b&gt;&amp;" in svg and "<b>" not in svg
    assert "广西壮族自治区桂林图书馆馆…" in svg
    assert 'class="chart__bar chart__bar--met"' in svg  # 40 ≥ the target
