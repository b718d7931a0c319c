"""The page cache: anonymous pages served from the cache, made fresh exactly when what
they show changes, and never for anyone personal (alliance_site/page_cache.py)."""

import datetime
import gzip

import pytest
from django.core.cache import caches
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from alliance_site import page_cache
from alliance_site.models import SiteSettings
from events.booking import book
from events.models import EventPage, RegistrationMode
from lectures.models import Speaker
from tests import factories
from tests.conftest import make_event, translate
from tests.lectures.test_lectures import make_lecture

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def same_clock(monkeypatch):
    """One clock in a test: a page requested right after a change may be stored."""
    monkeypatch.setattr(page_cache, "CLOCK_SKEW", 0)


def state(client, url, **headers):
    response = client.get(url, headers=headers)
    return response, response.headers.get("X-Page-Cache")


def warm(client, *urls):
    """Request each page until it is served from the cache."""
    for url in urls:
        client.get(url)
        response, how = state(client, url)
        assert response.status_code == 200, url
        assert how == "hit", url


def test_the_second_anonymous_request_is_served_from_the_cache(client, home):
    first, how = state(client, home.url)
    assert first.status_code == 200 and how == "miss"
    second, how = state(client, home.url)
    assert how == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Language"] == first["Content-Language"]
    assert "Content-Security-Policy" in second  # added again on the way out


def test_each_query_string_and_language_is_its_own_entry(client, calendar):
    warm(client, calendar.url)
    _response, how = state(client, calendar.url + "?kind=story_time")
    assert how == "miss"
    english, how = state(client, calendar.url.replace("/zh-hans/", "/en/"))
    assert how == "miss" and english["Content-Language"] == "en"


def test_signed_in_visitors_and_sessions_are_never_served_from_the_cache(client, home):
    warm(client, home.url)
    user = factories.UserFactory(username="reader")
    client.force_login(user)
    response, how = state(client, home.url)
    assert how is None
    assert "reader" in response.content.decode() or "private" in response["Cache-Control"]
    client.logout()
    client.get(home.url)  # the logged-out session cookie is gone
    _response, how = state(client, home.url)
    assert how == "hit"


def test_a_visitor_with_a_message_or_a_session_is_not_served_from_the_cache(client, home):
    warm(client, home.url)
    for cookie in ("messages", "sessionid"):
        client.cookies.clear()
        client.cookies[cookie] = "something"
        _response, how = state(client, home.url)
        assert how is None, cookie


def test_private_pages_errors_and_the_admin_are_not_stored(client, library_a):
    event = make_event(library_a)
    PageViewRestriction.objects.create(
        page=library_a, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    for _ in range(2):
        response, how = state(client, event.url)
        assert response.status_code == 200  # the password form
        assert how == "miss"
    for url in ("/zh-hans/no-such-page/", "/admin/login/"):
        for _ in range(2):
            _response, how = state(client, url)
            assert how != "hit"


def test_publishing_an_event_refreshes_what_lists_it_and_nothing_else(
    client, home, calendar, library_a, library_b
):
    make_event(library_b, title="柳州故事会", slug="liuzhou-story")
    other = make_event(library_b, title="柳州读书会", slug="liuzhou-club")
    warm(client, home.url, calendar.url, library_a.url, library_b.url, other.url)
    event = make_event(library_a, title="南宁新活动", slug="new-event")
    for url in (home.url, calendar.url, library_a.url):
        response, how = state(client, url)
        assert how == "miss", url
        assert "南宁新活动" in response.content.decode(), url
    # Library B's own page and its events do not show library A's events.
    for url in (library_b.url, other.url):
        assert state(client, url)[1] == "hit", url
    # Editing the event's title refreshes its page too.
    warm(client, event.url)
    event.title = "南宁新活动（改期）"
    event.save_revision().publish()
    response, how = state(client, event.url)
    assert how == "miss" and "改期" in response.content.decode()


def test_unpublishing_and_deleting_take_the_page_out_at_once(client, calendar, library_a):
    gone = make_event(library_a, title="将下线的活动", slug="gone")
    deleted = make_event(library_a, title="将删除的活动", slug="deleted")
    warm(client, calendar.url, gone.url, deleted.url)
    gone.unpublish()
    assert state(client, gone.url)[0].status_code == 404
    assert "将下线的活动" not in state(client, calendar.url)[0].content.decode()
    warm(client, calendar.url)
    url = deleted.url
    Page.objects.get(pk=deleted.pk).delete()
    assert state(client, url)[0].status_code == 404
    assert "将删除的活动" not in state(client, calendar.url)[0].content.decode()


def test_moving_an_event_moves_it_between_libraries(client, library_a, library_b):
    event = make_event(library_a, title="搬家的活动", slug="moving")
    old_url = event.url
    warm(client, library_a.url, library_b.url, old_url)
    Page.objects.get(pk=event.pk).move(library_b, pos="last-child")
    assert EventPage.objects.get(pk=event.pk).library_id == library_b.pk
    moved = state(client, old_url)[0]  # Wagtail's automatic redirect, not the old page
    assert moved.status_code == 301 and moved["Location"].endswith("/liuzhou/moving/")
    assert "搬家的活动" not in state(client, library_a.url)[0].content.decode()
    assert "搬家的活动" in state(client, library_b.url)[0].content.decode()


def test_a_translation_refreshes_the_page_in_its_language(client, library_a):
    event = make_event(library_a, title="故事会", slug="story")
    english_url = event.url.replace("/zh-hans/", "/en/")
    warm(client, english_url, event.url)
    translate(event, "en", title="Story time")
    response, how = state(client, english_url)
    assert how == "miss" and "Story time" in response.content.decode()


def test_making_a_section_private_takes_it_out_of_the_cache(client, library_a):
    event = make_event(library_a)
    warm(client, event.url, library_a.url)
    PageViewRestriction.objects.create(
        page=library_a, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    for url in (event.url, library_a.url):
        response, how = state(client, url)
        assert how == "miss"
        assert 'name="password"' in response.content.decode(), url


def test_the_site_settings_refresh_every_page(client, home, library_a):
    warm(client, home.url, library_a.url)
    site_settings = SiteSettings.for_site(home.get_site())
    site_settings.icp_licence = "桂ICP备12345678号"
    site_settings.save()
    for url in (home.url, library_a.url):
        response, how = state(client, url)
        assert how == "miss" and "桂ICP备12345678号" in response.content.decode()


def test_a_booking_refreshes_the_places_left(client, library_a, library_b):
    event = make_event(library_a, registration_mode=RegistrationMode.ONLINE)
    session = event.event_sessions.get()
    session.capacity, session.max_party_size = 5, 2
    session.save()
    event.save_revision().publish()
    other = make_event(library_b, registration_mode=RegistrationMode.ONLINE, slug="other")
    warm(client, event.url, other.url)
    assert "剩余 5 个名额" in state(client, event.url)[0].content.decode()
    book(factories.UserFactory(username="reader"), session.uid, 2)
    response, how = state(client, event.url)
    assert how == "miss"
    assert "剩余 3 个名额" in response.content.decode()
    assert state(client, other.url)[1] == "hit"


def test_a_conditional_request_for_a_stored_page_answers_304(client, library_a):
    event = make_event(library_a, registration_mode=RegistrationMode.ONLINE)
    client.get(event.url)
    stored = client.get(event.url)
    assert stored.headers["X-Page-Cache"] == "hit"
    again = client.get(event.url, headers={"If-None-Match": stored["ETag"]})
    assert again.status_code == 304


def test_editing_a_speaker_refreshes_the_lectures_that_show_them(
    client, lecture_index, library_a, library_b
):
    speaker = Speaker.objects.create(name="王教授", title="教授")
    other = Speaker.objects.create(name="李老师", title="馆员")
    lecture = make_lecture(library_a, speaker)
    unrelated = make_lecture(library_b, other, slug="other-lecture")
    warm(client, lecture.url, unrelated.url, lecture_index.url)
    speaker.title = "广西大学文学院院长"
    speaker.save()
    response, how = state(client, lecture.url)
    assert how == "miss" and "院长" in response.content.decode()
    assert state(client, lecture_index.url)[1] == "miss"
    assert state(client, unrelated.url)[1] == "hit"


def test_the_passing_of_time_moves_an_event_to_the_past(client, monkeypatch, calendar, library_a):
    start = timezone.now() + datetime.timedelta(hours=1)
    event = make_event(library_a, title="今晚的活动", slug="tonight", start=start)
    warm(client, calendar.url, event.url)
    assert "今晚的活动" in state(client, calendar.url)[0].content.decode()
    later = start + datetime.timedelta(hours=3)
    monkeypatch.setattr(timezone, "now", lambda: later)
    response, how = state(client, calendar.url)
    assert how == "miss"
    assert "今晚的活动" not in response.content.decode()
    assert state(client, event.url)[1] == "miss"


def test_feeds_and_the_sitemap_are_stored_and_refreshed(client, calendar, library_a):
    feed, sitemap = calendar.url + "feed.ics", "/sitemap.xml"
    warm(client, feed, sitemap)
    event = make_event(library_a, title="新的活动", slug="fresh")
    response, how = state(client, feed)
    assert how == "miss" and "新的活动" in response.content.decode()
    response, how = state(client, sitemap)
    assert how == "miss" and event.slug in response.content.decode()


def test_stored_pages_are_served_compressed_to_who_accepts_it(client, home):
    plain = client.get(home.url).content
    compressed = client.get(home.url, headers={"Accept-Encoding": "gzip, br"})
    assert compressed.headers["X-Page-Cache"] == "hit"
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    assert gzip.decompress(compressed.content) == plain
    assert "Content-Encoding" not in client.get(home.url)


def test_pages_with_a_csrf_token_a_message_or_a_session_write_are_not_stored():
    from django.contrib import messages
    from django.contrib.messages.storage import default_storage
    from django.contrib.sessions.backends.cache import SessionStore
    from django.http import HttpResponse

    def view(request, touch):
        page_cache.cache_response(request, {"site"})
        touch(request)
        return HttpResponse("<p>form</p>" * 50, content_type="text/html")

    touches = {
        "csrf": lambda request: get_token(request),
        "session": lambda request: request.session.__setitem__("x", 1),
        "nonce": lambda request: setattr(request, "_csp_nonce", "abc"),
        "message": lambda request: messages.info(request, "Saved"),
        "nothing": lambda request: None,
    }
    for name, touch in touches.items():
        caches["pages"].clear()
        middleware = page_cache.PageCacheMiddleware(
            lambda request, touch=touch: view(request, touch)
        )
        stored = []
        for _ in range(2):
            request = RequestFactory().get(f"/zh-hans/{name}/")
            request.session = SessionStore()
            request._messages = default_storage(request)
            stored.append(middleware(request).headers.get("X-Page-Cache"))
        assert stored == (["miss", "hit"] if name == "nothing" else ["miss", "miss"]), name


def test_a_change_during_rendering_keeps_the_page_out_of_the_cache(client, home):
    def view(request):
        page_cache.cache_response(request, {"site"})
        page_cache.invalidate({"site"})  # another request publishes meanwhile
        from django.http import HttpResponse

        return HttpResponse("x" * 300)

    middleware = page_cache.PageCacheMiddleware(view)
    for _ in range(2):
        response = middleware(RequestFactory().get("/zh-hans/racing/"))
        assert response.headers["X-Page-Cache"] == "miss"


def test_the_cache_can_be_switched_off(client, settings, home):
    settings.PAGE_CACHE_ENABLED = False
    for _ in range(2):
        response, how = state(client, home.url)
        assert response.status_code == 200 and how is None
