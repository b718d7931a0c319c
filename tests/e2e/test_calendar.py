"""The alliance calendar and lectures in a real browser: a visitor on a phone filters the
calendar (children, 柳州, this month), opens the one matching event and fetches its
iCalendar file; library A's editor adds a lecture with a speaker and two sessions in the
Wagtail admin and submits it for moderation."""

import datetime
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from lectures.models import LecturePage, Speaker
from tests.conftest import make_event
from tests.e2e.conftest import PHONE

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "书香八桂-Lantern-4817"
CHINESE = {"locale": "zh-CN"}  # Accept-Language of a Guangxi librarian's browser
LECTURE_TITLE = "广西古籍里的故事"


def later_this_month():
    """A start time later today or tomorrow that stays in the current (local) month: the
    "this month" filter compares against timezone.localdate() on the server."""
    now = timezone.localtime()
    tomorrow = (now + datetime.timedelta(days=1)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    if tomorrow.month == now.month:
        return tomorrow
    # The last day of a month: later today, or, in its last minutes, earlier today.
    later = now + datetime.timedelta(minutes=5)
    if later.date() == now.date():
        return later
    return now - datetime.timedelta(hours=1)  # ends in an hour: still upcoming


def fetch_ics(page, link):
    """The iCalendar file behind a link, fetched by clicking it. The server sends
    text/calendar "inline", which Chromium cannot display, so it downloads it; should a
    browser show it instead, the file is fetched again with the page's request context."""
    href = urljoin(page.url, link.get_attribute("href"))
    try:
        with page.expect_download(timeout=5_000) as download_info:
            link.click()
    except PlaywrightTimeoutError:
        return href, page.request.get(href).body(), False
    return href, Path(download_info.value.path()).read_bytes(), True


def summaries(body):
    return [str(event["SUMMARY"]) for event in Calendar.from_ical(body).walk("VEVENT")]


def test_visitor_filters_the_calendar_and_downloads_an_event(
    live_server,
    calendar,
    library_a,
    library_b,
    new_context,
    request_log,
    screenshot,
    blocked_requests,
):
    start = later_this_month()
    match = make_event(library_b, title="柳州亲子绘本会", start=start, audiences=["children"])
    make_event(library_b, title="柳州成人读书会", start=start, audiences=["adults"])
    make_event(library_a, title="南宁亲子绘本会", start=start, audiences=["children"])

    # 1. A visitor on a phone filters the calendar: children, 柳州, this month.
    _context, page = new_context(viewport=PHONE)
    log = request_log(page)
    page.goto(live_server.url + calendar.url)
    expect(page.locator(".event-list .event-card")).to_have_count(3)
    form = page.locator("form.filters")
    form.locator("select[name=audience]").select_option("children")
    form.locator("select[name=city]").select_option(library_b.city)
    form.locator("select[name=when]").select_option("month")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()

    url = urlsplit(page.url)
    assert url.path == calendar.url
    assert parse_qs(url.query) == {
        "audience": ["children"],
        "city": [library_b.city],
        "when": ["month"],
    }
    expect(form.locator("select[name=audience]")).to_have_value("children")
    expect(form.locator("select[name=city]")).to_have_value(library_b.city)
    expect(form.locator("select[name=when]")).to_have_value("month")
    expect(page.locator(".result-count")).to_contain_text("1")
    cards = page.locator(".event-list .event-card")
    expect(cards).to_have_count(1)
    link = cards.locator(".event-card__title a")
    expect(link).to_have_text(match.title)
    screenshot(page, "calendar-01-filtered-phone")

    # The calendar's iCalendar feed keeps the filters, and holds only the match.
    feed = page.locator("a[href*='feed.ics']")
    feed_url = urlsplit(urljoin(page.url, feed.get_attribute("href")))
    assert feed_url.path == calendar.url + "feed.ics"
    assert feed_url.query == url.query
    feed_response = page.request.get(feed_url.geturl())
    assert feed_response.ok
    assert feed_response.headers["content-type"].startswith("text/calendar")
    assert summaries(feed_response.body()) == [match.title]

    # 2. The visitor opens the event…
    with page.expect_navigation():
        link.click()
    assert urlsplit(page.url).path == match.url
    expect(page.get_by_role("heading", level=1)).to_have_text(match.title)
    screenshot(page, "calendar-02-event-phone")

    # 3. …and fetches its .ics file.
    href, body, downloaded = fetch_ics(page, page.locator("a[href$='event.ics']"))
    assert urlsplit(href).path == match.url + "event.ics"
    assert summaries(body) == [match.title]
    if not downloaded:
        screenshot(page, "calendar-03-ics-phone")
    response = page.request.get(href)
    assert response.ok
    assert response.headers["content-type"].startswith("text/calendar")
    assert response.headers["content-disposition"].startswith("inline")

    # Nothing left the live server, and nothing failed (but the navigation that Chromium
    # turned into the download, which it reports as aborted).
    assert blocked_requests == []
    assert log.requests and not log.external(), log.external()
    failures = [f for f in log.failures if not (downloaded and f[0].startswith(href))]
    assert failures == [], failures


def log_in(page, live_server, username):
    """Open the admin, follow the redirect to allauth's login page and log in."""
    page.goto(live_server.url + "/admin/")
    assert page.url == live_server.url + "/zh-hans/accounts/login/?next=/admin/"
    form = page.locator("form", has=page.locator("input[name=login]"))
    form.locator("input[name=login]").fill(username)
    form.locator("input[name=password]").fill(PASSWORD)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert page.url == live_server.url + "/admin/", "not sent on to the admin dashboard"
    expect(page.locator(".sidebar-footer__account-label")).to_have_text(username)


def test_editor_adds_a_lecture_with_a_speaker_and_two_sessions(
    live_server, library_a, editor_a, new_context, screenshot, blocked_requests
):
    speaker = Speaker.objects.create(name="王教授", title="广西大学文学院教授")
    editor_a.set_password(PASSWORD)
    editor_a.save()
    day = timezone.localdate() + datetime.timedelta(days=30)
    sessions = [
        (f"{day:%Y-%m-%d} 14:30", f"{day:%Y-%m-%d} 16:30"),
        (
            f"{day + datetime.timedelta(days=7):%Y-%m-%d} 14:30",
            f"{day + datetime.timedelta(days=7):%Y-%m-%d} 16:30",
        ),
    ]

    _context, page = new_context(**CHINESE)
    log_in(page, live_server, editor_a.username)
    page.goto(f"{live_server.url}/admin/pages/add/lectures/lecturepage/{library_a.pk}/")
    page.locator("input[name=title]").fill(LECTURE_TITLE)
    page.locator("input[name=topic]").fill("古籍保护")

    chooser = page.locator("#id_lecture_speakers-0-speaker-chooser")
    chooser.locator("button[data-chooser-action-choose]").click()
    modal = page.locator(".modal-dialog")
    choice = modal.get_by_role("link", name=speaker.name)
    expect(choice).to_be_visible()
    choice.click()
    expect(modal).to_be_hidden()
    expect(page.locator("#id_lecture_speakers-0-speaker-title")).to_have_text(speaker.name)
    expect(page.locator("input[name='lecture_speakers-0-speaker']")).to_have_value(str(speaker.pk))

    # The Sessions panel (min_num=1) starts with one empty form: add until there are two.
    session_forms = page.locator("[data-inline-panel-child][id^='inline_child_event_sessions-']")
    expect(session_forms).to_have_count(1)
    add_session = page.locator("#id_event_sessions-ADD")
    add_session.click()
    expect(session_forms).to_have_count(2)
    pickers = page.locator(".xdsoft_datetimepicker:visible")
    for n, (start, end) in enumerate(sessions):
        for name, value in (("start", start), ("end", end)):
            field = page.locator(f"input[name='event_sessions-{n}-{name}']")
            field.fill(value)
            # Wagtail's date picker pops up (a moment after focus) and stays open until a
            # click elsewhere: wait for it, then close it, as a person would.
            expect(pickers).not_to_have_count(0)
            page.mouse.click(5, 5)  # the sidebar's empty top-left corner
            expect(pickers).to_have_count(0)
            expect(field).to_have_value(value)
    session_forms.first.scroll_into_view_if_needed()
    screenshot(page, "lecture-01-form-filled", full_page=False)

    footer = page.locator("footer.footer")
    footer.locator(".w-dropdown-button .w-dropdown__toggle").click()
    submit = footer.locator("button[name=action-submit]")
    expect(submit).to_be_visible()
    with page.expect_navigation():
        submit.click()
    success = page.locator(".messages li.success")
    expect(success).to_be_visible()
    expect(success).to_contain_text(LECTURE_TITLE)
    screenshot(page, "lecture-02-submitted", full_page=False)

    lecture = LecturePage.objects.get(title=LECTURE_TITLE)
    assert lecture.get_parent().pk == library_a.pk
    assert lecture.workflow_in_progress
    assert not lecture.live
    revision = lecture.get_latest_revision()
    assert revision.user_id == editor_a.pk
    draft = revision.as_object()
    starts = sorted(
        f"{timezone.localtime(s.start):%Y-%m-%d %H:%M}" for s in draft.event_sessions.all()
    )
    assert starts == [start for start, _end in sessions]
    assert [row.speaker for row in draft.lecture_speakers.all()] == [speaker]
    assert blocked_requests == []
