"""The staff side of registrations in the admin, scoped to the user's library."""

import csv
import io

import pytest
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from openpyxl import load_workbook

from events import booking as engine
from events.models import Booking, BookingStatus
from tests import factories
from tests.events.test_booking import online_event

pytestmark = pytest.mark.django_db


def registered(event, session, *names, **user_fields):
    people = []
    for name in names:
        user = factories.UserFactory(username=name, **user_fields)
        with TestCase.captureOnCommitCallbacks(execute=True):
            engine.book(user, session.uid)
        people.append(user)
    return people


def session_url(session, **query):
    url = reverse("event_registrations:session", args=[session.uid])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def refused(response):
    """403/404, or one of the admin's redirects that refuse: to the dashboard (no
    permission), to the login page (no admin access), or to the language-prefixed 404."""
    if response.status_code in (403, 404):
        return True
    location = response.get("Location", "")
    return response.status_code == 302 and (
        location == reverse("wagtailadmin_home")
        or "/accounts/login/" in location
        or location.startswith("/zh-hans/admin/")
    )


def test_staff_see_their_library_sessions_only(client, library_a, library_b, editor_a, editor_b):
    event, session = online_event(library_a, title="南宁亲子阅读")
    registered(event, session, "reader")
    client.force_login(editor_a)
    index = client.get(reverse("event_registrations:index")).content.decode()
    assert "南宁亲子阅读" in index
    detail = client.get(session_url(session)).content.decode()
    assert "reader@example.org" in detail
    client.force_login(editor_b)
    assert "南宁亲子阅读" not in client.get(reverse("event_registrations:index")).content.decode()
    assert refused(client.get(session_url(session)))
    assert refused(client.get(session_url(session, export="csv")))
    assert refused(client.post(session_url(session), {"action": "attendance", "attended": []}))
    response = client.get(
        reverse("event_registrations:check_in") + f"?code={Booking.objects.get().code}"
    )
    assert "reader@example.org" not in response.content.decode()
    assert Booking.objects.get().attended_at is None


def test_visitors_and_plain_accounts_are_kept_out(client, library_a):
    event, session = online_event(library_a)
    assert client.get(reverse("event_registrations:index")).status_code == 302
    client.force_login(factories.UserFactory(username="someone"))
    assert refused(client.get(reverse("event_registrations:index")))


def test_check_in_by_code_and_by_ticking(client, library_a, editor_a):
    event, session = online_event(library_a, capacity=5)
    first, second = registered(event, session, "first", "second")
    one, two = Booking.objects.get(user=first), Booking.objects.get(user=second)
    client.force_login(editor_a)
    page = client.post(
        session_url(session), {"action": "check_in", "checkin-code": one.code.lower()}, follow=True
    ).content.decode()
    assert "已签到" in page or "Checked in" in page
    one.refresh_from_db()
    assert one.attended_at is not None
    wrong = client.post(
        session_url(session), {"action": "check_in", "checkin-code": "NOPE1234"}
    ).content.decode()
    assert "NOPE1234" in wrong  # what was typed is kept
    # Ticking: the second attended, the first did not after all.
    client.post(session_url(session), {"action": "attendance", "attended": [two.pk]})
    one.refresh_from_db()
    two.refresh_from_db()
    assert one.attended_at is None and two.attended_at is not None
    # The QR code's page: a GET shows, a POST checks in.
    url = reverse("event_registrations:check_in") + f"?code={one.code}"
    assert (
        first.email in client.get(url).content.decode()
        or "first" in client.get(url).content.decode()
    )
    one.refresh_from_db()
    assert one.attended_at is None
    client.post(url)
    one.refresh_from_db()
    assert one.attended_at is not None


def test_exports_neutralise_formulas(client, library_a, editor_a):
    event, session = online_event(library_a)
    registered(event, session, "evil", first_name='=HYPERLINK("http://x.example")')
    client.force_login(editor_a)
    response = client.get(session_url(session, export="csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][1] == '\'=HYPERLINK("http://x.example")'
    response = client.get(session_url(session, export="xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    cell = sheet.cell(row=2, column=2)
    assert cell.value == '\'=HYPERLINK("http://x.example")'
    assert cell.data_type == "s"
    assert sheet.cell(row=2, column=1).value == Booking.objects.get().code


def test_staff_move_someone_up_and_write_to_everyone(client, library_a, editor_a):
    event, session = online_event(library_a, capacity=1)
    first, second = registered(event, session, "first", "second")
    waiting = Booking.objects.get(user=second)
    assert waiting.status == BookingStatus.WAITLISTED
    client.force_login(editor_a)
    mail.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(session_url(session), {"promote": waiting.pk})
    waiting.refresh_from_db()
    assert waiting.status == BookingStatus.CONFIRMED
    assert [m.to for m in mail.outbox] == [[second.email]]

    mail.outbox.clear()
    url = reverse("event_registrations:message", args=[session.uid])
    bad = client.post(url, {"subject": "", "body": "场地改到二楼"})
    assert bad.status_code == 200 and "场地改到二楼" in bad.content.decode()
    client.post(url, {"subject": "场地变更", "body": "活动改在二楼报告厅。"})
    assert sorted(m.to[0] for m in mail.outbox) == sorted([first.email, second.email])
    assert mail.outbox[0].subject == "场地变更"
