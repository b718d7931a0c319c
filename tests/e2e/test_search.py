"""Search in the browser: a visitor on a phone searches from the header for a word inside an
unspaced Chinese title, narrows by type and opens the lecture; a Thai visitor finds a Thai
word inside an unspaced Thai title, and a Chinese word is offered in Chinese."""

import pytest
from playwright.sync_api import expect

from lectures.models import LecturePage
from tests import factories
from tests.conftest import make_event, translate
from tests.e2e.conftest import DESKTOP, PHONE, open_menu

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def make_lecture(library, title):
    lecture = LecturePage(title=title, slug="bagui-forum", topic="阅读", introduction="免费讲座。")
    library.add_child(instance=lecture)
    factories.EventSessionFactory(page=lecture)
    lecture.save_revision().publish()
    return lecture


def test_a_visitor_searches_from_the_header_and_narrows_to_lectures(
    live_server, home, library_a, new_context, screenshot
):
    lecture = make_lecture(library_a, "八桂讲坛：阅读与人生")
    make_event(library_a, title="亲子阅读故事会", slug="story-time")
    make_event(library_a, title="光影榭电影放映", slug="film")

    _context, page = new_context(viewport=PHONE)
    page.goto(live_server.url + home.url)
    open_menu(page)
    box = page.get_by_role("search").get_by_role("searchbox")
    box.fill("阅读")
    with page.expect_navigation():
        box.press("Enter")
    assert page.url.startswith(live_server.url + "/zh-hans/search/?q=")
    # The lecture, the story time and the alliance's home page (广西阅读推广联盟).
    expect(page.locator(".search-result")).to_have_count(3)
    expect(page.locator(".search-result mark").first).to_have_text("阅读")
    expect(page.locator(".search-results")).not_to_contain_text("光影榭")
    screenshot(page, "search-01-results-zh-phone")

    with page.expect_navigation():
        page.locator(".facet a", has_text="讲座").click()
    expect(page.locator(".search-result")).to_have_count(1)
    expect(page.locator(".facet a[aria-current]")).to_contain_text("讲座")
    with page.expect_navigation():
        page.locator(".search-result__title a").click()
    assert page.url == live_server.url + lecture.url
    expect(page.get_by_role("heading", level=1)).to_have_text("八桂讲坛：阅读与人生")


def test_a_thai_visitor_finds_thai_words_and_is_offered_chinese_pages(
    live_server, home, library_a, new_context, screenshot
):
    translate(home, "th", title="พันธมิตรส่งเสริมการอ่านกวางสี")
    event = make_event(library_a, title="亲子共读故事会", slug="story-time")
    event_th = translate(event, "th", title="เล่านิทานพ่อแม่ลูกที่ห้องสมุดเด็ก")
    make_lecture(library_a, "八桂讲坛：阅读与人生")

    _context, page = new_context(viewport=DESKTOP)
    page.goto(live_server.url + "/th/search/?q=ห้องสมุด")
    expect(page.locator("html")).to_have_attribute("lang", "th")
    expect(page.locator(".search-result")).to_have_count(1)
    expect(page.locator(".search-result__title")).to_contain_text("เล่านิทานพ่อแม่ลูก")
    expect(page.locator(".search-result__title mark")).to_have_text("ห้องสมุด")
    screenshot(page, "search-02-results-th-desktop")

    with page.expect_navigation():
        page.locator(".search-result__title a").click()
    assert page.url == live_server.url + event_th.url

    page.goto(live_server.url + "/th/search/?q=讲坛")
    expect(page.locator(".search-result__title a")).to_have_attribute("lang", "zh-hans")
    expect(page.locator(".search-result__title")).to_contain_text("八桂讲坛")
    expect(page.get_by_role("status").first).to_contain_text("简体中文")
    screenshot(page, "search-03-fallback-th-desktop")
