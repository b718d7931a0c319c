"""Every outcome of a booking has its own message, in the page's language: a person loads
the page, submits its registration form (for an event, or a volunteer shift), follows the
redirect and reads what happened — confirmed, waiting for the library's approval,
waitlisted, already booked, or refused and why. Each refusal is met the way a person
meets it: the form was loaded while registration was open, then things changed."""

import datetime
import html as html_module
import re

import pytest
from django.test import TestCase
from django.utils import timezone

from events.models import Booking, BookingStatus, EventSession, EventStatus, RegistrationMode
from tests import factories
from tests.conftest import make_event, translate
from tests.volunteers.test_volunteers import make_project, volunteer

pytestmark = pytest.mark.django_db

# What each outcome says, in Chinese and in Vietnamese (from the catalogues).
SAYS = {
    "zh-hans": {
        "confirmed": "报名成功。您的签到码是 {code}，已发送到您的邮箱。",
        "pending": "报名已提交，图书馆确认后即为正式名额。",
        "waitlisted": "该场次已满，您已进入候补名单。有名额空出时我们会邮件通知您。",
        "already": "您已报名该场次。",
        "on_waitlist": "您在候补名单中。",
        "closed": "该场次报名已截止。",
        "not_yet": "报名将于 {when} 开始。",
        "full": "该场次已满。",
        "too_many": "每次最多为 3 人报名。",
        "cancelled": "该活动已取消。",
        "started": "该场次已经开始。",
    },
    "vi": {
        "confirmed": "Bạn đã đăng ký thành công. Mã điểm danh của bạn là {code}; chúng tôi "
        "đã gửi mã này qua email.",
        "pending": "Bạn đã đăng ký; thư viện sẽ xác nhận chỗ của bạn.",
        "waitlisted": "Buổi này đã hết chỗ: bạn đã được đưa vào danh sách chờ. Chúng tôi sẽ "
        "gửi email cho bạn nếu có chỗ trống.",
        "already": "Bạn đã đăng ký buổi này rồi.",
        "on_waitlist": "Bạn đang trong danh sách chờ.",
        "closed": "Đăng ký cho buổi này đã đóng.",
        "not_yet": "Đăng ký sẽ mở vào {when}.",
        "full": "Buổi này đã hết chỗ.",
        "too_many": "Mỗi lần bạn chỉ có thể đăng ký cho tối đa 3 người.",
        "cancelled": "Sự kiện này đã bị hủy.",
        "started": "Buổi này đã bắt đầu.",
    },
}
LANGUAGES = list(SAYS)


class Form(dict):
    """A registration form as the page shows it: its address and its fields."""

    action = ""


def registration_form(client, page_url, uid):
    html = client.get(page_url).content.decode()
    for match in re.finditer(
        r'<form method="post" action="([^"]+)" class="registration__form">(.*?)</form>', html, re.S
    ):
        if str(uid) in match.group(2):
            form = Form(
                re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', match.group(2))
            )
            party = re.search(r'<select name="party_size"><option value="(\d+)">', match.group(2))
            if party:
                form["party_size"] = party.group(1)
            form.action = match.group(1)
            return form
    raise AssertionError(f"no registration form for {uid} on {page_url}")


def submit(client, form, **changes):
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(form.action, {**form, **changes}, follow=True)
    assert response.status_code == 200
    return response


def flash(response):
    """The messages shown after the redirect: [(level, text)]."""
    shown = re.search(
        r'<div class="container">((?:<p class="message message--\w+" role="status">.*?</p>)+)</div>',
        response.content.decode(),
    )
    if shown is None:
        return []
    found = re.findall(r'<p class="message message--(\w+)" role="status">(.*?)</p>', shown[1])
    return [(level, html_module.unescape(text)) for level, text in found]


def in_language(page, language):
    if language == "zh-hans":
        return page
    return translate(page, language, title=f"{page.title} ({language})")


def online_event(library, language, capacity=2, **kwargs):
    source = make_event(library, registration_mode=RegistrationMode.ONLINE, **kwargs)
    EventSession.objects.filter(page=source).update(capacity=capacity, max_party_size=3)
    page = in_language(source, language)
    return source, page, page.event_sessions.get().uid


def change_session(uid, **fields):
    """Every language's row of the session (they are synchronised)."""
    EventSession.objects.filter(uid=uid).update(**fields)


def take_places(uid, count):
    from events import booking as engine

    for n in range(count):
        with TestCase.captureOnCommitCallbacks(execute=True):
            engine.book(factories.UserFactory(username=f"other{n}"), uid)


@pytest.fixture(params=LANGUAGES)
def language(request):
    return request.param


@pytest.fixture
def reader(client, db):
    user = factories.UserFactory(username="reader")
    client.force_login(user)
    return user


def test_confirmed(client, library_a, language, reader):
    _source, page, uid = online_event(library_a, language)
    response = submit(client, registration_form(client, page.url, uid))
    booking = Booking.objects.get(user=reader)
    assert booking.status == BookingStatus.CONFIRMED
    assert flash(response) == [("success", SAYS[language]["confirmed"].format(code=booking.code))]
    assert f'<html lang="{language}"' in response.content.decode()


def test_waitlisted_when_full(client, library_a, language, reader):
    _source, page, uid = online_event(library_a, language, capacity=1)
    take_places(uid, 1)
    response = submit(client, registration_form(client, page.url, uid))
    assert Booking.objects.get(user=reader).status == BookingStatus.WAITLISTED
    assert flash(response) == [("warning", SAYS[language]["waitlisted"])]


def test_already_booked_says_so_with_the_booking_as_it_stands(client, library_a, language, reader):
    _source, page, uid = online_event(library_a, language, capacity=1)
    form = registration_form(client, page.url, uid)
    submit(client, form)
    assert flash(submit(client, form)) == [("info", SAYS[language]["already"])]
    # Someone on the waitlist who submits again is told they are still on it, and so is
    # someone whose registration has closed meanwhile.
    waiting = factories.UserFactory(username="waiting")
    client.force_login(waiting)
    form = registration_form(client, page.url, uid)
    submit(client, form)
    change_session(uid, registration_closes=timezone.now() - datetime.timedelta(minutes=1))
    assert flash(submit(client, form)) == [
        ("info", SAYS[language]["already"]),
        ("info", SAYS[language]["on_waitlist"]),
    ]
    assert Booking.objects.filter(session_uid=uid).count() == 2


def test_refused_when_registration_has_closed(client, library_a, language, reader):
    _source, page, uid = online_event(library_a, language)
    form = registration_form(client, page.url, uid)
    change_session(uid, registration_closes=timezone.now() - datetime.timedelta(minutes=1))
    assert flash(submit(client, form)) == [("error", SAYS[language]["closed"])]
    assert not Booking.objects.exists()


def test_refused_when_registration_is_not_open_yet(client, library_a, language, reader):
    from django.utils import translation

    from alliance_site.dates import local_datetime

    _source, page, uid = online_event(library_a, language)
    form = registration_form(client, page.url, uid)
    opens = timezone.now() + datetime.timedelta(days=1)
    change_session(uid, registration_opens=opens)
    with translation.override(language):
        when = local_datetime(opens, tz=page.zone)
    assert flash(submit(client, form)) == [("error", SAYS[language]["not_yet"].format(when=when))]
    assert not Booking.objects.exists()


def test_refused_when_full_without_a_waitlist(client, library_a, language, reader):
    _source, page, uid = online_event(library_a, language, capacity=1)
    change_session(uid, waitlist=False)
    form = registration_form(client, page.url, uid)
    take_places(uid, 1)  # the last place goes while the person fills in the form
    assert flash(submit(client, form)) == [("error", SAYS[language]["full"])]
    assert not Booking.objects.filter(user=reader).exists()


def test_refused_for_too_many_places(client, library_a, language, reader):
    _source, page, uid = online_event(library_a, language)
    form = registration_form(client, page.url, uid)
    assert form["party_size"] == "1"
    assert flash(submit(client, form, party_size="9")) == [("error", SAYS[language]["too_many"])]
    assert not Booking.objects.exists()


def test_refused_when_the_event_is_cancelled(client, library_a, language, reader):
    source, page, uid = online_event(library_a, language)
    form = registration_form(client, page.url, uid)
    for each in {source.pk: source, page.pk: page}.values():
        each.status = EventStatus.CANCELLED
        each.save_revision().publish()
    assert flash(submit(client, form)) == [("error", SAYS[language]["cancelled"])]


def test_refused_once_the_session_has_started(client, library_a, language, reader):
    _source, page, uid = online_event(library_a, language)
    form = registration_form(client, page.url, uid)
    change_session(uid, start=timezone.now() - datetime.timedelta(minutes=5))
    assert flash(submit(client, form)) == [("error", SAYS[language]["started"])]


# Volunteer shifts: the same engine, the same messages; a project may need approval.


def shift_of(library, language, **kwargs):
    source = make_project(library, **kwargs)
    page = in_language(source, language)
    return page, page.sorted_sessions()[0].uid


def test_a_shift_needing_approval_is_pending_not_waitlisted(client, library_a, language):
    page, uid = shift_of(library_a, language, approval=True)
    user = volunteer()
    client.force_login(user)
    form = registration_form(client, page.url, uid)
    response = submit(client, form)
    assert Booking.objects.get(user=user).status == BookingStatus.PENDING
    assert flash(response) == [("success", SAYS[language]["pending"])]
    assert SAYS[language]["waitlisted"] not in response.content.decode()
    assert flash(submit(client, form)) == [
        ("info", SAYS[language]["already"]),
        ("info", SAYS[language]["pending"]),
    ]


def test_a_full_shift_needing_approval_waitlists(client, library_a, language):
    page, uid = shift_of(library_a, language, approval=True)
    change_session(uid, capacity=1)
    take_places(uid, 1)
    user = volunteer()
    client.force_login(user)
    response = submit(client, registration_form(client, page.url, uid))
    assert Booking.objects.get(user=user).status == BookingStatus.WAITLISTED
    assert flash(response) == [("warning", SAYS[language]["waitlisted"])]


def test_a_shift_without_approval_is_confirmed_and_refusals_say_why(client, library_a, language):
    page, uid = shift_of(library_a, language)
    user = volunteer()
    client.force_login(user)
    response = submit(client, registration_form(client, page.url, uid))
    booking = Booking.objects.get(user=user)
    assert booking.status == BookingStatus.CONFIRMED
    assert flash(response) == [("success", SAYS[language]["confirmed"].format(code=booking.code))]
    other = page.sorted_sessions()[1].uid
    form = registration_form(client, page.url, other)
    change_session(other, registration_closes=timezone.now() - datetime.timedelta(minutes=1))
    assert flash(submit(client, form)) == [("error", SAYS[language]["closed"])]
