"""The public portal in a real browser: both home pages at phone and desktop widths,
the skip link, the language switcher, and a Thai brand page."""

import pytest

from tests.conftest import make_library, translate
from tests.e2e.conftest import DESKTOP, PHONE, open_menu

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

EN_HOME_TITLE = "Guangxi Reading Promotion Alliance"
THAI_TITLE = "ห้องสมุดเมืองหนานหนิง"


@pytest.fixture
def portal(home, members_index):
    """The zh-hans portal with four libraries, and its English translation."""
    libraries = [
        make_library(
            members_index,
            title="广西壮族自治区图书馆",
            slug="guangxi",
            city="南宁",
            level="provincial",
            brand_name="八桂讲坛",
        ),
        make_library(members_index, title="南宁市图书馆", slug="nanning", city="南宁"),
        make_library(members_index, title="柳州市图书馆", slug="liuzhou", city="柳州"),
        make_library(
            members_index,
            title="越南国家图书馆",
            slug="vietnam",
            city="越南",
            level="asean",
            brand_name="东盟书香",
        ),
    ]
    en_home = translate(home, "en", title=EN_HOME_TITLE)
    translate(libraries[0], "en", title="Guangxi Zhuang Autonomous Region Library")
    translate(libraries[1], "en", title="Nanning Library", city="Nanning")
    return {"zh-hans": home, "en": en_home}


def no_horizontal_scroll(page, width):
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"the page scrolls sideways: {scroll_width}px > {width}px"


def assert_skip_link_shows_on_focus(page, viewport):
    skip = page.locator("a.skip-link")
    box = skip.bounding_box()
    assert box is None or box["y"] + box["height"] <= 0, "the skip link shows before focus"
    page.keyboard.press("Tab")
    assert skip.evaluate("el => el === document.activeElement"), "Tab does not reach it first"
    box = skip.bounding_box()
    assert box is not None
    assert box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"]
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
    assert skip.get_attribute("href") == "#main"


@pytest.mark.parametrize("viewport_name", ["phone", "desktop"])
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_home_page(
    live_server, portal, new_context, request_log, screenshot, language, viewport_name
):
    viewport = PHONE if viewport_name == "phone" else DESKTOP
    other = "en" if language == "zh-hans" else "zh-hans"
    home, other_home = portal[language], portal[other]
    _context, page = new_context(viewport=viewport)
    log = request_log(page)

    response = page.goto(live_server.url + home.url)
    assert response.ok
    page.wait_for_load_state("load")
    assert page.locator("html").get_attribute("lang") == language
    heading = page.get_by_role("heading", level=1)
    assert heading.is_visible()
    assert heading.inner_text().strip() == home.title
    if viewport_name == "phone":
        no_horizontal_scroll(page, PHONE["width"])
    screenshot(page, f"home-{language}-{viewport_name}")

    assert_skip_link_shows_on_focus(page, viewport)

    switcher = page.locator("details.language-switcher")
    link = switcher.locator(f'a[hreflang="{other}"]')
    assert not link.is_visible()
    open_menu(page)
    assert not link.is_visible()
    switcher.locator("summary").click()
    assert switcher.evaluate("el => el.open")
    assert link.is_visible()
    assert link.inner_text().strip() == ("English" if other == "en" else "简体中文")
    screenshot(page, f"home-{language}-{viewport_name}-switcher", full_page=False)
    with page.expect_navigation():
        link.click()
    assert page.url == live_server.url + other_home.url
    assert page.locator("html").get_attribute("lang") == other
    assert page.get_by_role("heading", level=1).inner_text().strip() == other_home.title

    log.assert_clean()


def test_thai_brand_page_on_a_phone(
    live_server, home, members_index, new_context, request_log, screenshot
):
    library = make_library(
        members_index,
        title="南宁市图书馆",
        slug="nanning",
        city="南宁",
        brand_name="邕城书香",
        introduction="南宁市民身边的图书馆，周末也开放。",
        address="南宁市青秀区民族大道",
        phone="0771-0000000",
    )
    thai = translate(library, "th", title=THAI_TITLE, city="หนานหนิง")
    _context, page = new_context(viewport=PHONE)
    log = request_log(page)

    response = page.goto(live_server.url + thai.url)
    assert response.ok
    assert page.locator("html").get_attribute("lang") == "th"
    heading = page.get_by_role("heading", level=1)
    assert heading.is_visible()
    assert heading.inner_text().strip() == THAI_TITLE
    no_horizontal_scroll(page, PHONE["width"])
    screenshot(page, "library-th-phone")
    log.assert_clean()
