"""Online registration for event sessions: booking, waitlist, cancellation with automatic
promotion, e-mails with a cancel link and a check-in code, places left on cached pages,
and refusals with a clear message."""

import datetime
import io
import os
import re
import threading

import pytest
from django.core import mail
from django.db import IntegrityError, connection, transaction
from django.test import TestCase
from django.utils import timezone

from events import booking as engine
from events.models import Booking, BookingStatus, EventStatus, RegistrationMode, SessionLedger
from tests import factories
from tests.conftest import make_event

pytestmark = pytest.mark.django_db


def online_event(library, capacity=2, max_party_size=3, **kwargs):
    event = make_event(library, registration_mode=RegistrationMode.ONLINE, **kwargs)
    session = event.event_sessions.get()
    session.capacity = capacity
    session.max_party_size = max_party_size
    session.save()
    return event, session


def person(name):
    return factories.UserFactory(username=name, first_name=name.title())


def book(client, user, event, session, places=1):
    client.force_login(user)
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(
            event.url + "book/", {"session": str(session.uid), "party_size": places}, follow=True
        )


def test_visitor_sees_places_left_and_is_asked_to_sign_in(client, library_a):
    event, _session = online_event(library_a)
    response = client.get(event.url)
    page = response.content.decode()
    assert "剩余 2 个名额" in page
    assert "登录后报名" in page
    assert "csrfmiddlewaretoken" not in page  # the page may be cached: no per-visitor token
    assert (
        response["Cache-Control"] == "public, no-cache" or "no-cache" in response["Cache-Control"]
    )
    etag = response["ETag"]
    assert client.get(event.url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_booking_confirms_sends_the_code_and_changes_places_left(client, library_a):
    event, session = online_event(library_a)
    etag = client.get(event.url)["ETag"]
    reader = person("reader")
    page = book(client, reader, event, session).content.decode()
    booking = Booking.objects.get()
    assert booking.status == BookingStatus.CONFIRMED
    assert booking.code in page
    assert "剩余 1 个名额" in page
    (message,) = mail.outbox
    assert message.to == [reader.email]
    assert event.title in message.subject
    assert booking.code in message.body
    assert "/bookings/cancel/" in message.body
    assert message.attachments[0][2] == "image/png"
    client.logout()
    # A cached copy is no longer current: the ETag has changed.
    fresh = client.get(event.url, HTTP_IF_NONE_MATCH=etag)
    assert fresh.status_code == 200
    assert "剩余 1 个名额" in fresh.content.decode()


def test_a_double_submitted_form_books_once(client, library_a):
    event, session = online_event(library_a)
    reader = person("reader")
    book(client, reader, event, session)
    page = book(client, reader, event, session).content.decode()
    assert Booking.objects.count() == 1
    assert "您已报名该场次" in page
    assert SessionLedger.objects.get(uid=session.uid).confirmed == 1


def test_full_session_waitlists_and_a_cancellation_promotes_the_first_in_line(client, library_a):
    event, session = online_event(library_a, capacity=2)
    first, second, third, fourth = (person(n) for n in ("first", "second", "third", "fourth"))
    book(client, first, event, session, places=2)
    page = book(client, second, event, session).content.decode()
    assert "候补" in page
    book(client, third, event, session)
    book(client, fourth, event, session)
    statuses = dict(Booking.objects.values_list("user__username", "status"))
    assert statuses == {
        "first": "confirmed",
        "second": "waitlisted",
        "third": "waitlisted",
        "fourth": "waitlisted",
    }
    mail.outbox.clear()
    # The first cancels from the page: two places free up for the next two in line.
    client.force_login(first)
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(event.url + "unbook/", {"code": Booking.objects.get(user=first).code})
    statuses = dict(Booking.objects.values_list("user__username", "status"))
    assert statuses["first"] == "cancelled"
    assert statuses["second"] == "confirmed" and statuses["third"] == "confirmed"
    assert statuses["fourth"] == "waitlisted"
    promoted = {message.to[0] for message in mail.outbox if "名额" in message.subject}
    assert promoted == {second.email, third.email}
    ledger = SessionLedger.objects.get(uid=session.uid)
    assert (ledger.confirmed, ledger.waitlisted) == (2, 1)


def test_cancel_link_asks_first_then_cancels(client, library_a):
    event, session = online_event(library_a)
    book(client, person("reader"), event, session)
    client.logout()
    link = re.search(r"https?://\S+/bookings/cancel/\S+/", mail.outbox[0].body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    page = client.get("/" + path).content.decode()
    assert "确认取消报名" in page
    assert Booking.objects.get().status == BookingStatus.CONFIRMED  # a GET changes nothing
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post("/" + path)
    assert Booking.objects.get().status == BookingStatus.CANCELLED
    assert "报名已取消" in response.content.decode()
    assert client.get("/zh-hans/bookings/cancel/forged-token/").status_code == 404


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"registration_closes": -1}, "报名已截止"),
        ({"registration_opens": 24}, "报名将于"),
        ({"status": EventStatus.CANCELLED}, "活动已取消"),
        ({"registration_mode": RegistrationMode.NONE}, "不在本站报名"),
        ({"places": 9}, "每次最多为 3 人报名"),
    ],
)
def test_refusals_say_why(client, library_a, change, message):
    event, session = online_event(library_a)
    now = timezone.now()
    if "registration_closes" in change:
        session.registration_closes = now - datetime.timedelta(hours=1)
        session.save()
    if "registration_opens" in change:
        session.registration_opens = now + datetime.timedelta(hours=24)
        session.save()
    for field in ("status", "registration_mode"):
        if field in change:
            setattr(event, field, change[field])
            event.save_revision().publish()
    page = book(client, person("reader"), event, session, change.get("places", 1))
    assert message in page.content.decode()
    assert Booking.objects.count() == 0


def test_past_sessions_and_foreign_sessions_are_refused(client, library_a, library_b):
    event, session = online_event(library_a, start=timezone.now() + datetime.timedelta(days=1))
    other, other_session = online_event(library_b, slug="other")
    # A session of another event posted to this page.
    page = book(client, person("reader"), event, other_session).content.decode()
    assert "请选择场次和人数" in page
    session.start = timezone.now() - datetime.timedelta(hours=1)
    session.save()
    with pytest.raises(engine.BookingRefused):
        engine.book(person("late"), session.uid)
    assert Booking.objects.count() == 0


def test_anonymous_booking_post_goes_to_sign_in(client, library_a):
    event, session = online_event(library_a)
    response = client.post(event.url + "book/", {"session": str(session.uid)})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert Booking.objects.count() == 0


def test_one_active_booking_per_person_is_a_database_constraint(library_a):
    event, session = online_event(library_a)
    reader = person("reader")
    Booking.objects.create(session_uid=session.uid, event=event, user=reader, code="AAAA2222")
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(session_uid=session.uid, event=event, user=reader, code="BBBB3333")
    # A cancelled booking does not stand in the way of a new one.
    Booking.objects.filter(code="AAAA2222").update(status=BookingStatus.CANCELLED)
    Booking.objects.create(session_uid=session.uid, event=event, user=reader, code="CCCC4444")
    assert Booking.objects.filter(user=reader).count() == 2


@pytest.mark.postgres
@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="the race needs PostgreSQL (DATABASE_URL); SQLite serialises writers anyway",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fifty_people_racing_for_ten_places_never_overbook(library_a):
    assert connection.vendor == "postgresql"
    event, session = online_event(library_a, capacity=10)
    people = [person(f"racer{n}") for n in range(50)]
    barrier = threading.Barrier(len(people))
    errors = []

    def race(user):
        from django.db import connections

        try:
            barrier.wait()
            engine.book(user, session.uid)
            engine.book(user, session.uid)  # the double submit
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=race, args=(user,)) for user in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    statuses = list(Booking.objects.values_list("status", flat=True))
    assert statuses.count(BookingStatus.CONFIRMED) == 10
    assert statuses.count(BookingStatus.WAITLISTED) == 40
    assert len(statuses) == 50
    ledger = SessionLedger.objects.get(uid=session.uid)
    assert (ledger.confirmed, ledger.waitlisted) == (10, 40)


def test_reminders_go_out_once_a_day_ahead(client, library_a):
    from django.core.management import call_command

    soon, soon_session = online_event(
        library_a, start=timezone.now() + datetime.timedelta(hours=20), slug="soon"
    )
    later, later_session = online_event(
        library_a, start=timezone.now() + datetime.timedelta(days=5), slug="later"
    )
    reader = person("reader")
    with TestCase.captureOnCommitCallbacks(execute=True):
        engine.book(reader, soon_session.uid)
        engine.book(reader, later_session.uid)
    mail.outbox.clear()
    call_command("send_reminders", stdout=io.StringIO())
    call_command("send_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [reader.email]
    assert soon.title in mail.outbox[0].subject
    assert Booking.objects.get(session_uid=soon_session.uid).reminder_sent_at is not None
    assert Booking.objects.get(session_uid=later_session.uid).reminder_sent_at is None


def test_registration_window_must_make_sense(library_a):
    from django.core.exceptions import ValidationError

    _event, session = online_event(library_a)
    session.registration_opens = session.start - datetime.timedelta(hours=2)
    session.registration_closes = session.start - datetime.timedelta(hours=3)
    with pytest.raises(ValidationError):
        session.clean()
    session.registration_closes = session.end + datetime.timedelta(hours=1)
    with pytest.raises(ValidationError):
        session.clean()


def test_translations_share_the_sessions_places(client, library_a):
    from tests.conftest import translate

    event, session = online_event(library_a, capacity=2, slug="shared")
    thai = translate(event, "th", title="อ่านด้วยกัน")
    thai_session = thai.event_sessions.get()
    assert thai_session.uid == session.uid
    book(client, person("chinese"), event, session)
    page = book(client, person("thai"), thai, thai_session, places=1).content.decode()
    assert '<html lang="th"' in page
    assert Booking.objects.filter(status=BookingStatus.CONFIRMED).count() == 2
    # Full in every language now.
    book(client, person("late"), event, session)
    assert Booking.objects.get(user__username="late").status == BookingStatus.WAITLISTED
