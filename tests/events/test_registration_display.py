"""What the registration box says about a session's places, rendered as a visitor sees
it: places left only while registration is open; a full session says it is full and
whether a waitlist is open; a closed or not-yet-open session says so, without places."""

import datetime
import re

import pytest
from django.test import TestCase
from django.utils import timezone, translation

from alliance_site.dates import local_datetime
from events import booking as engine
from events.models import EventSession, RegistrationMode
from tests import factories
from tests.conftest import make_event, translate

pytestmark = pytest.mark.django_db

SAYS = {
    "zh-hans": {
        "left": "剩余 {n} 个名额",
        "waitlist_open": "已满，可候补",
        "full": "已满",
        "closed": "报名已截止。",
        "opens": "报名将于 {when} 开始。",
        "waiting": "{n} 人候补",
        "join": "加入候补",
        "register": "登录后报名",
    },
    "vi": {
        "left": "Còn {n} chỗ",
        "waitlist_open": "Hết chỗ: có danh sách chờ",
        "full": "Hết chỗ",
        "closed": "Đã đóng đăng ký.",
        "opens": "Đăng ký sẽ mở vào {when}.",
        "waiting": "{n} người trong danh sách chờ",
        "join": "Tham gia danh sách chờ",
        "register": "Đăng nhập để đăng ký",
    },
}
NO_PLACES = re.compile(r"剩余 \d+ 个名额|Còn \d+ chỗ|No limit on places|名额不限")


@pytest.fixture(params=list(SAYS))
def language(request):
    return request.param


def event_in(library, language, capacity=2, **session):
    source = make_event(library, registration_mode=RegistrationMode.ONLINE)
    EventSession.objects.filter(page=source).update(capacity=capacity, **session)
    page = source if language == "zh-hans" else translate(source, language, title="Đọc cùng nhau")
    return page, page.event_sessions.get()


def registration_box(client, page):
    html = client.get(page.url).content.decode()
    start = html.index('id="registration"')
    return html[start : html.index("</section>", start)]


def fill(uid, count):
    for n in range(count):
        with TestCase.captureOnCommitCallbacks(execute=True):
            engine.book(factories.UserFactory(username=f"p{n}"), uid)


def test_open_sessions_show_the_places_left(client, library_a, language):
    page, session = event_in(library_a, language, capacity=40)
    fill(session.uid, 1)
    box = registration_box(client, page)
    assert SAYS[language]["left"].format(n=39) in box
    assert SAYS[language]["register"] in box


def test_a_full_session_with_a_waitlist_says_full_and_waitlist_open(client, library_a, language):
    page, session = event_in(library_a, language, capacity=1)
    fill(session.uid, 2)  # one place taken, one person waiting
    box = registration_box(client, page)
    assert not NO_PLACES.search(box), box
    assert SAYS[language]["waitlist_open"] in box
    assert SAYS[language]["waiting"].format(n=1) in box
    client.force_login(factories.UserFactory(username="late"))
    assert SAYS[language]["join"] in registration_box(client, page)


def test_a_full_session_without_a_waitlist_says_full(client, library_a, language):
    page, session = event_in(library_a, language, capacity=1, waitlist=False)
    fill(session.uid, 1)
    box = registration_box(client, page)
    assert not NO_PLACES.search(box), box
    assert f'<strong class="registration__full">{SAYS[language]["full"]}</strong>' in box
    assert SAYS[language]["waitlist_open"] not in box
    client.force_login(factories.UserFactory(username="late"))
    assert 'action="' not in registration_box(client, page)  # nothing to submit


def test_a_closed_registration_shows_no_places(client, library_a, language):
    closes = timezone.now() - datetime.timedelta(hours=1)
    page, _session = event_in(library_a, language, capacity=40, registration_closes=closes)
    box = registration_box(client, page)
    assert SAYS[language]["closed"] in box
    assert not NO_PLACES.search(box), box
    assert SAYS[language]["full"] not in box


def test_a_registration_not_open_yet_says_when_it_opens_without_places(client, library_a, language):
    opens = timezone.now() + datetime.timedelta(days=1)
    page, _session = event_in(library_a, language, capacity=40, registration_opens=opens)
    box = registration_box(client, page)
    with translation.override(language):
        when = local_datetime(opens, tz=page.zone)
    assert SAYS[language]["opens"].format(when=when) in box
    assert not NO_PLACES.search(box), box


def test_someone_booked_on_a_full_session_sees_full_and_their_booking(client, library_a):
    page, session = event_in(library_a, "zh-hans", capacity=1)
    reader = factories.UserFactory(username="reader")
    with TestCase.captureOnCommitCallbacks(execute=True):
        booking, _created = engine.book(reader, session.uid)
    client.force_login(reader)
    box = registration_box(client, page)
    assert "已满，可候补" in box and "剩余 0 个名额" not in box
    assert booking.code in box
