"""Languages in the browser: a visitor switches an event page to Thai and back; a
Vietnamese translator translates a lecture in wagtail-localize's editor and publishes
it, the Vietnamese calendar shows it, and the translator cannot edit the Chinese source."""

import re

import pytest
from playwright.sync_api import expect
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from lectures.models import LecturePage, Speaker
from tests import factories
from tests.conftest import make_event, translate
from tests.e2e.conftest import PHONE, open_menu
from tests.e2e.test_editorial_workflow import CHINESE, PASSWORD, log_in, messages
from tests.lectures.test_lectures import make_lecture
from translations.models import LocaleTranslators

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LECTURE = "阅读与人生"
LECTURE_VI = "Đọc sách và cuộc đời"


def test_a_visitor_switches_an_event_page_to_thai_and_back(
    live_server, home, library_a, new_context, screenshot
):
    translate(home, "th", title="พันธมิตรส่งเสริมการอ่านกวางสี")
    event = make_event(library_a, title="亲子共读故事会", slug="story-time")
    event_th = translate(event, "th", title="เล่านิทานพ่อแม่ลูก")

    _context, page = new_context(viewport=PHONE)
    page.goto(live_server.url + event.url)
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.get_by_role("heading", level=1)).to_have_text("亲子共读故事会")

    open_menu(page)
    page.locator(".language-switcher summary").click()
    with page.expect_navigation():
        page.locator(".language-switcher a[hreflang=th]").click()
    assert page.url == live_server.url + event_th.url and event_th.url.startswith("/th/")
    expect(page.locator("html")).to_have_attribute("lang", "th")
    expect(page.get_by_role("heading", level=1)).to_have_text("เล่านิทานพ่อแม่ลูก")
    # The Thai date carries the Buddhist-era year.
    year = event.first_start.year + 543
    expect(page.locator("main")).to_contain_text(str(year))
    screenshot(page, "translation-event-th-phone")

    open_menu(page)
    page.locator(".language-switcher summary").click()
    with page.expect_navigation():
        page.locator(".language-switcher a[hreflang=zh-hans]").click()
    assert page.url == live_server.url + event.url
    expect(page.get_by_role("heading", level=1)).to_have_text("亲子共读故事会")


def test_a_vietnamese_translator_translates_and_publishes_a_lecture(
    live_server, home, calendar, library_a, new_context, screenshot
):
    translate(home, "vi", title="Liên minh")
    vi_calendar = translate(calendar, "vi", title="Lịch sự kiện")
    speaker = Speaker.objects.create(name="黄伟林", title="教授")
    lecture = make_lecture(library_a, speaker, title=LECTURE)
    untranslated = make_event(library_a, title="南宁读书会", slug="book-club")
    translators = LocaleTranslators.objects.get(locale__language_code="vi").group
    translator = factories.UserFactory(
        username="translator-vi", password=PASSWORD, groups=[translators]
    )
    UserProfile.get_for_user(translator).__class__.objects.filter(user=translator).update(
        preferred_language="en"
    )

    _context, page = new_context(**CHINESE)
    log_in(page, live_server, "translator-vi")

    # Translate the lecture: Vietnamese is the only language offered.
    page.goto(f"{live_server.url}/admin/localize/submit/page/{lecture.pk}/")
    boxes = page.locator("input[name=locales]")
    expect(boxes).to_have_count(1)
    boxes.check()
    with page.expect_navigation():
        page.locator("form button[type=submit], form input[type=submit]").last.click()
    vi_lecture = LecturePage.objects.get(
        translation_key=lecture.translation_key, locale=Locale.objects.get(language_code="vi")
    )
    assert page.url == f"{live_server.url}/admin/pages/{vi_lecture.pk}/edit/"

    # wagtail-localize's editor: translate the title, save it, publish.
    segment = page.locator("li", has=page.get_by_text(LECTURE, exact=True)).last
    segment.get_by_role("button", name="Translate").click()
    segment.locator("textarea").fill(LECTURE_VI)
    segment.get_by_role("button", name="Save").click()
    expect(segment.get_by_role("button", name="Edit")).to_be_visible()
    screenshot(page, "translation-editor-vi")
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("Publish in")).click()
    # Published; the topic, left untranslated, shows in Chinese until it is translated.
    expect(page.locator(".messages")).to_contain_text("Published")
    vi_lecture.refresh_from_db()
    assert vi_lecture.live and vi_lecture.title == LECTURE_VI

    # The Vietnamese calendar shows it, in Vietnamese, unmarked.
    _visitor, public = new_context(viewport=PHONE)
    public.goto(live_server.url + vi_calendar.url)
    card = public.locator("article.event-card", has_text=LECTURE_VI)
    expect(card).to_have_count(1)
    expect(card.locator("h3")).not_to_have_attribute("lang", re.compile(".*"))
    expect(card.locator("a", has_text=LECTURE_VI)).to_have_attribute("href", vi_lecture.url)
    # An event nobody translated yet is there too, in Chinese, marked so, at its address
    # on the Vietnamese site.
    other = public.locator("article.event-card", has_text="南宁读书会")
    expect(other.locator("h3")).to_have_attribute("lang", "zh-hans")
    expect(other.locator(".tag--lang")).to_have_text("简体中文")
    vi_address = "/vi/" + untranslated.url.split("/", 2)[2]
    expect(other.locator("a", has_text="南宁读书会")).to_have_attribute("href", vi_address)
    screenshot(public, "translation-calendar-vi-phone")

    # The Chinese source stays out of the translator's reach.
    page.goto(f"{live_server.url}/admin/pages/{lecture.pk}/edit/")
    assert page.url == f"{live_server.url}/admin/"
    expect(messages(page, "error").first).to_be_visible()
    lecture.refresh_from_db()
    assert lecture.title == LECTURE
