"""Production's bad days: Redis gone, the SMTP server gone, PostgreSQL restarting.

Each outage is real: a Redis server this test starts and kills, an SMTP port nobody
listens on, a database address nobody answers at. No request may answer 500 or lose
what the person did; the site recovers by itself when the service is back.
"""

import io
import logging
import shutil
import socket
import subprocess
import time

import pytest
from django.core import mail
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from events.models import Booking, BookingStatus, RegistrationMode
from tests import factories
from tests.conftest import make_event


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def online_event(library, capacity=1):
    event = make_event(library, registration_mode=RegistrationMode.ONLINE)
    session = event.event_sessions.get()
    session.capacity = capacity
    session.save()
    return event, session


def redis_cache(port):
    default = {
        "BACKEND": "alliance_site.cache.RedisCache",
        "LOCATION": f"redis://127.0.0.1:{port}/0",
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 0.25,
            "SOCKET_TIMEOUT": 0.5,
        },
    }
    return {"default": default, "pages": {**default, "KEY_PREFIX": "pages"}}


class RedisServer:
    """A throwaway redis-server on its own port, to stop and start at will."""

    def __init__(self):
        self.port = free_port()
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(10)


@pytest.fixture
def redis_server():
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    server = RedisServer()
    server.start()
    yield server
    if server.process.poll() is None:
        server.stop()


@pytest.mark.django_db
def test_a_redis_outage_costs_speed_not_availability(
    client, settings, redis_server, library_a, caplog
):
    settings.CACHES = redis_cache(redis_server.port)
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    event, session = online_event(library_a)
    reader = factories.UserFactory(username="reader")
    assert client.get("/zh-hans/").status_code == 200
    assert caches["default"].client.get_client().dbsize() > 0  # Redis was in use

    redis_server.stop()
    caplog.set_level(logging.ERROR, logger="alliance_site.cache")
    login = reverse("account_login")
    for path in ("/zh-hans/", "/en/", event.url, login, reverse("healthz")):
        assert client.get(path).status_code == 200, path
    refused = client.post(login, {"login": "reader", "password": "wrong"})
    assert refused.status_code == 200
    assert "不正确" in refused.content.decode()  # the form's own message, not a server error
    signed_in = client.post(login, {"login": "reader", "password": "correct-horse-battery"})
    assert signed_in.status_code == 302
    with TestCase.captureOnCommitCallbacks(execute=True):
        booked = client.post(
            event.url + "book/", {"session": str(session.uid), "party_size": 1}, follow=True
        )
    assert booked.status_code == 200
    assert Booking.objects.get(user=reader).status == BookingStatus.CONFIRMED
    assert client.get(event.url).status_code == 200  # still signed in: sessions in the database
    ignored = [r for r in caplog.records if r.name == "alliance_site.cache"]
    assert len(ignored) <= 1  # logged once, not once per cache call

    redis_server.start()  # back on the same port: the same cache object reconnects
    caches["default"].set("back", "yes")
    assert caches["default"].get("back") == "yes"
    assert client.get("/en/").status_code == 200


@pytest.mark.django_db
def test_readiness_needs_the_database_and_reports_the_cache(client, settings, home):
    ready = client.get("/readyz/")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in ready["Cache-Control"]
    settings.CACHES = redis_cache(free_port())  # nobody listens there
    degraded = client.get("/readyz/")
    assert degraded.status_code == 200  # every server shares Redis: stay in rotation
    assert degraded.json() == {"status": "degraded", "database": "ok", "cache": "unavailable"}
    assert client.get("/healthz/").content == b"ok"


def unreachable_database():
    """Point the connection at a port nobody answers on (as during a restart)."""
    connection.close()
    original = connection.settings_dict["PORT"], connection.settings_dict["HOST"]
    connection.settings_dict["HOST"], connection.settings_dict["PORT"] = "127.0.0.1", free_port()
    return original


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_database_restart_answers_503_in_the_visitors_language_and_recovers(home):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL)")
    client = Client(raise_request_exception=False)
    assert client.get("/en/").status_code == 200
    original = unreachable_database()
    try:
        for path, text in (("/zh-hans/", "请稍后再试"), ("/en/", "try again in a moment")):
            response = client.get(path)
            assert response.status_code == 503, path
            assert text in response.content.decode()
            assert response["Retry-After"] == "30"
        assert client.get("/readyz/").status_code == 503
        assert client.get("/healthz/").status_code == 200  # alive, not ready
    finally:
        connection.close()
        connection.settings_dict["PORT"], connection.settings_dict["HOST"] = original
    # Back without restarting anything: the next request connects again.
    assert client.get("/en/").status_code == 200
    assert client.get("/readyz/").status_code == 200


def smtp_down(settings):
    settings.EMAIL_BACKEND = "alliance_site.mail.QueuedEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 2


def run_worker():
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_with_the_smtp_server_down_bookings_succeed_and_their_mail_is_delivered_later(
    client, settings, library_a
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    smtp_down(settings)
    event, session = online_event(library_a, capacity=1)
    first = factories.UserFactory(username="first")
    second = factories.UserFactory(username="second")
    for reader in (first, second):
        client.force_login(reader)
        response = client.post(
            event.url + "book/", {"session": str(session.uid), "party_size": 1}, follow=True
        )
        assert response.status_code == 200
    client.force_login(first)
    cancelled = client.post(event.url + "unbook/", {"code": Booking.objects.get(user=first).code})
    assert cancelled.status_code in (200, 302)
    assert Booking.objects.get(user=second).status == BookingStatus.CONFIRMED  # moved up
    mails = DBTaskResult.objects.filter(task_path="alliance_site.mail.deliver")
    subjects = [task.args_kwargs["args"][0]["subject"] for task in mails]
    assert len(subjects) == 4, subjects  # booked, waitlisted, cancelled, moved up
    run_worker()  # the SMTP server is still down: each message is queued again for later
    assert mail.outbox == []
    retries = mails.filter(status=TaskResultStatus.READY)
    assert retries.count() == 4
    assert all(task.run_after > timezone.now() for task in retries)
    assert all(task.args_kwargs["args"][1] == 2 for task in retries)  # second attempt

    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    retries.update(run_after=timezone.now())  # the retry's time has come
    run_worker()
    delivered = {(m.to[0], m.subject) for m in mail.outbox}
    assert len(mail.outbox) == 4
    assert {to for to, _subject in delivered} == {first.email, second.email}
    promoted = [m for m in mail.outbox if m.to == [second.email]]
    assert any(a[2] == "image/png" for m in promoted for a in m.attachments)  # check-in code


@pytest.mark.django_db
def test_with_tasks_run_at_once_a_failed_delivery_is_logged_not_raised(
    client, settings, library_a, caplog
):
    smtp_down(settings)  # the immediate backend of development and tests
    event, session = online_event(library_a)
    reader = factories.UserFactory(username="reader")
    client.force_login(reader)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            event.url + "book/", {"session": str(session.uid), "party_size": 1}, follow=True
        )
    assert response.status_code == 200
    assert Booking.objects.get(user=reader).status == BookingStatus.CONFIRMED
    assert any("not delivered" in r.getMessage() for r in caplog.records)


@pytest.mark.django_db
def test_sign_up_and_password_reset_answer_with_the_smtp_server_down(client, settings, home):
    smtp_down(settings)
    with TestCase.captureOnCommitCallbacks(execute=True):
        signup = client.post(
            reverse("account_signup"),
            {
                "email": "new@example.org",
                "username": "newreader",
                "password1": "a-long-unusual-passphrase",
                "password2": "a-long-unusual-passphrase",
            },
        )
    assert signup.status_code == 302
    with TestCase.captureOnCommitCallbacks(execute=True):
        reset = client.post(reverse("account_reset_password"), {"email": "new@example.org"})
    assert reset.status_code == 302


def test_messages_survive_the_queue_whole():
    from django.core.mail import EmailMultiAlternatives

    from alliance_site.mail import from_payload, to_payload

    message = EmailMultiAlternatives(
        "预约成功 · ยืนยัน", "正文 body", "a@example.org", ["b@example.org"], cc=["c@example.org"]
    )
    message.attach_alternative("<p>正文</p>", "text/html")
    message.attach("code.png", b"\x89PNG\r\n\x00binary", "image/png")
    message.attach("note.txt", "文字", "text/plain")
    copy = from_payload(to_payload(message))
    assert (copy.subject, copy.body, copy.to, copy.cc) == (
        message.subject,
        message.body,
        message.to,
        message.cc,
    )
    assert copy.alternatives[0][:2] == ("<p>正文</p>", "text/html")
    assert copy.attachments[0][:3] == ("code.png", b"\x89PNG\r\n\x00binary", "image/png")
    assert copy.attachments[1][0] == "note.txt"


@pytest.mark.django_db
def test_the_periodic_jobs_take_an_expired_page_out_of_every_listing(
    client, home, calendar, library_a
):
    """Nothing unpublishes a page when its expiry time passes; `run_periodic_jobs` (cron)
    does, and then it is gone from every place that lists it."""
    import datetime

    event = make_event(library_a, title="到期的故事会")
    event.expire_at = timezone.now() + datetime.timedelta(minutes=5)
    event.save_revision().publish()
    month = event.event_sessions.get().start.astimezone().strftime("%Y-%m")
    places = {
        "home": home.url,
        "library": library_a.url,
        "calendar": calendar.url,
        "month grid": calendar.url + "month/?month=" + month,
        "calendar feed": calendar.url + "feed.ics",
        "calendar rss": calendar.url + "feed.xml",
        "library rss": library_a.url + "feed.xml",
        "search": reverse("search") + "?q=故事会",
        "sitemap": "/sitemap.xml",
    }

    def listed():
        found = set()
        for name, url in places.items():
            response = client.get(url)
            assert response.status_code == 200, name
            text = response.content.decode()
            if "到期的故事会" in text or event.url in text or event.full_url in text:
                found.add(name)
        return found

    assert listed() == set(places)
    type(event).objects.filter(pk=event.pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1)  # the time has passed
    )
    call_command("run_periodic_jobs", stdout=io.StringIO())
    event.refresh_from_db()
    assert (event.live, event.expired) == (False, True)
    assert listed() == set()
    assert client.get(event.url).status_code == 404
