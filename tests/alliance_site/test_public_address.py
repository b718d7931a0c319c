"""E-mails link to the site's configured public address (WAGTAILADMIN_BASE_URL) and carry
the alliance's name, whatever host the request came in on (testserver here; localhost or
127.0.0.1:8000 behind a proxy or in development) and whatever the Wagtail Site record says
(hostname localhost, port 80, as the data migration leaves it)."""

import re

import pytest
from django.core import mail
from django.test import TestCase
from wagtail.models import Site

from alliance_site.public import alliance_name, host_and_port, public_url
from events.models import Booking, BookingStatus
from exhibitions.models import HostingRequest
from tests import factories
from tests.conftest import translate
from tests.events.test_booking import book, online_event, person
from tests.exhibitions.test_exhibitions import make_exhibition
from tests.exhibitions.test_hosting import answer, ask, days

pytestmark = pytest.mark.django_db

BASE = "https://reading.example.org"
URL = re.compile(r"https?://[^\s\"'<>]+")


@pytest.fixture(autouse=True)
def public_address(settings):
    settings.WAGTAILADMIN_BASE_URL = BASE + "/"  # a trailing slash is tolerated
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("localhost", 80)  # not what the links use


def links_of(message):
    text = message.body + "".join(str(part) for part, _type in message.alternatives)
    return text, URL.findall(text)


def assert_public(message):
    text, links = links_of(message)
    assert links, message.body
    for link in links:
        assert link.startswith(BASE + "/"), link
    for host in ("localhost", "testserver", "127.0.0.1"):
        assert host not in text and host not in message.subject, (host, message.body)


def test_booking_cancellation_and_promotion_mails_link_to_the_public_address(client, library_a):
    event, session = online_event(library_a, capacity=1)
    first, second = person("first"), person("second")
    book(client, first, event, session)
    book(client, second, event, session)
    assert Booking.objects.get(user=second).status == BookingStatus.WAITLISTED
    booked, waitlisted = mail.outbox
    _text, links = links_of(booked)
    cancel = next(link for link in links if "/bookings/cancel/" in link)
    assert cancel.startswith(f"{BASE}/zh-hans/bookings/cancel/")
    assert f"{BASE}/zh-hans/members/nanning/{event.slug}/" in links  # the event's page

    # The first cancels through the link in the mail; the second is promoted.
    client.logout()
    path = cancel.removeprefix(BASE)
    assert "确认取消报名" in client.get(path).content.decode()
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(path)
    _booked, _waitlisted, *after = mail.outbox
    cancelled = next(m for m in after if m.to == [first.email])
    promoted = next(m for m in after if m.to == [second.email])
    assert "取消" in cancelled.subject and "名额" in promoted.subject
    for message in mail.outbox:
        assert_public(message)
        assert message.body.rstrip().endswith(f"— {library_a.get_site().root_page.title}")


def test_booking_mail_in_thai_is_signed_with_the_thai_name(client, home, library_a):
    translate(home, "th", title="สมาคมส่งเสริมการอ่านกว่างซี")
    event, session = online_event(library_a)
    thai = translate(event, "th")
    client.force_login(person("reader"))
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(thai.url + "book/", {"session": str(session.uid), "party_size": 1})
    (message,) = mail.outbox
    assert_public(message)
    assert f"{BASE}/th/bookings/cancel/" in message.body
    assert message.body.rstrip().endswith("— สมาคมส่งเสริมการอ่านกว่างซี")


def test_hosting_request_and_answer_mails_link_to_the_public_admin(
    client, library_a, library_b, moderator_a, moderator_b
):
    exhibition = make_exhibition(library_a, days(-10), days(200), available_to_tour=True)
    ask(client, moderator_b, exhibition, library_b, days(30), days(60))
    answer(client, moderator_a, HostingRequest.objects.get(), "accept")
    asked, answered = mail.outbox
    assert asked.to == [moderator_a.email] and answered.to == [moderator_b.email]
    for message in mail.outbox:
        assert_public(message)
        assert f"{BASE}/admin/" in message.body
        assert message.body.rstrip().endswith("— 广西阅读推广联盟")


def sign_up(client, language, username="reader"):
    return client.post(
        f"/{language}/accounts/signup/",
        {
            "email": f"{username}@example.org",
            "username": username,
            "password1": "a-long-reading-password",
            "password2": "a-long-reading-password",
        },
    )


def test_sign_up_verification_links_to_the_public_address_and_is_titled_with_the_name(client, home):
    sign_up(client, "zh-hans")
    (message,) = mail.outbox
    assert message.subject.startswith("[广西阅读推广联盟] ")
    assert_public(message)
    _text, links = links_of(message)
    confirm = next(link for link in links if "/accounts/confirm-email/" in link)
    assert confirm.startswith(f"{BASE}/zh-hans/accounts/confirm-email/")
    assert "reading.example.org" in message.body.split(confirm)[0]  # "… an account on …"
    assert message.body.rstrip().splitlines()[-2:] == ["— 广西阅读推广联盟", f"{BASE}/zh-hans/"]
    # The link works on the site.
    client.post(confirm.removeprefix(BASE))
    assert factories.UserFactory._meta.model.objects.get(username="reader").emailaddress_set.get(
        verified=True
    )


def test_allauth_mails_carry_the_name_in_the_mails_language(client, home):
    translate(home, "en", title="Guangxi Reading Promotion Alliance")
    sign_up(client, "en")
    sign_up(client, "th", username="thai")  # no Thai home page: the organisation name
    english, thai = mail.outbox
    assert english.subject.startswith("[Guangxi Reading Promotion Alliance] ")
    assert "— Guangxi Reading Promotion Alliance" in english.body
    assert thai.subject.startswith("[广西阅读推广联盟] ")
    for message in mail.outbox:
        assert_public(message)


def test_password_reset_and_login_code_mails_use_the_public_address(client, home):
    user = factories.UserFactory(username="known", email="known@example.org")
    client.post("/zh-hans/accounts/password/reset/", {"email": user.email})
    client.post("/zh-hans/accounts/login/code/", {"email": user.email})
    reset, code = mail.outbox
    assert f"{BASE}/zh-hans/accounts/password/reset/key/" in reset.body
    for message in (reset, code):
        assert message.subject.startswith("[广西阅读推广联盟] ")
        assert_public(message)


def test_public_url_and_host(home):
    assert public_url() == BASE + "/"
    assert public_url("/zh-hans/events/?kind=x#top") == f"{BASE}/zh-hans/events/?kind=x#top"
    assert public_url("http://testserver/admin/") == f"{BASE}/admin/"
    assert public_url(home) == f"{BASE}/zh-hans/"
    assert host_and_port() == ("reading.example.org", 443)
    assert alliance_name("my") == "广西阅读推广联盟"
