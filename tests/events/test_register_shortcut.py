"""The register shortcut under an event's title: a phone shows the image and the whole
text before the sessions, so the page says at once how to register (a link to the
sessions, or to the registration elsewhere), and only when there is something to do."""

import datetime

import pytest
from django.test import TestCase
from django.utils import timezone

from events import booking as engine
from events.models import EventStatus, RegistrationMode
from tests import factories
from tests.conftest import make_event
from tests.volunteers.test_volunteers import make_project

pytestmark = pytest.mark.django_db


def head_of(client, page):
    """The page between its title and the body (where the shortcut belongs)."""
    html = client.get(page.url).content.decode()
    return html[html.index("<h1") : html.index('class="library__layout"')]


def online_event(library, **kwargs):
    event = make_event(library, registration_mode=RegistrationMode.ONLINE, **kwargs)
    return event, event.event_sessions.get()


def test_an_open_session_puts_a_register_link_under_the_title(client, library_a):
    event, _session = online_event(library_a, image=factories.ImageFactory())
    head = head_of(client, event)
    assert '<p class="register-shortcut"><a class="button" href="#registration">报名</a>' in head
    assert 'id="registration"' in client.get(event.url).content.decode()


def test_a_full_session_offers_the_waitlist(client, library_a):
    event, session = online_event(library_a)
    session.capacity = 1
    session.save()
    with TestCase.captureOnCommitCallbacks(execute=True):
        engine.book(factories.UserFactory(username="first"), session.uid)
    assert 'href="#registration">加入候补</a>' in head_of(client, event)


def test_no_shortcut_when_there_is_nothing_to_register_for(client, library_a):
    closed, session = online_event(library_a, slug="closed")
    session.registration_closes = timezone.now() - datetime.timedelta(hours=1)
    session.save()
    cancelled, _session = online_event(library_a, slug="cancelled", status=EventStatus.CANCELLED)
    walk_in = make_event(library_a, slug="walk-in", registration_mode=RegistrationMode.NONE)
    for event in (closed, cancelled, walk_in):
        assert "register-shortcut" not in head_of(client, event), event.slug


def test_a_booked_visitor_is_not_asked_again(client, library_a):
    event, session = online_event(library_a)
    user = factories.UserFactory(username="reader")
    with TestCase.captureOnCommitCallbacks(execute=True):
        engine.book(user, session.uid)
    client.force_login(user)
    assert "register-shortcut" not in head_of(client, event)


def test_registration_elsewhere_links_there(client, library_a):
    event = make_event(
        library_a,
        registration_mode=RegistrationMode.EXTERNAL,
        registration_url="https://example.org/signup",
    )
    assert 'href="https://example.org/signup" rel="noopener">报名</a>' in head_of(client, event)


def test_volunteer_projects_have_the_shortcut_too(client, library_a):
    project = make_project(library_a)
    assert 'href="#registration">' in head_of(client, project)
