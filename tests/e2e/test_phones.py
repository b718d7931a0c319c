"""The site on phones (360 and 390 px wide): a compact header whose menu folds away
without JavaScript, no sideways scrolling, an event's register button on the first
screen, and My account's bookings as cards. Desktop keeps its header."""

import datetime

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.test import Client, TestCase
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext
from playwright.sync_api import expect
from wagtail.rich_text import RichText

from events import booking as engine
from events.models import EventIndexPage
from tests import factories
from tests.conftest import make_event, make_library, translate
from tests.e2e.conftest import DESKTOP, PHONE
from tests.volunteers.test_volunteers import make_project, volunteer
from volunteers.models import VolunteerCategory, VolunteerIndexPage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE_390 = {"width": 390, "height": 844}
FOLDED_HEADER_MAX = 120  # px

VI_HOME = "Liên minh Thúc đẩy Đọc sách Quảng Tây"
MY_HOME = "ကွမ်ရှီစာဖတ်ခြင်းမြှင့်တင်ရေးမဟာမိတ်အဖွဲ့"
VI_LIBRARY = "Thư viện Khu tự trị dân tộc Choang Quảng Tây"
LONG_BODY = (
    "<p>"
    + "活动当天请提前十分钟到场，凭借书证或身份证签到，家长请陪同六岁以下的孩子。" * 30
    + "</p>"
)
LONG_TITLES = [
    "世界读书日亲子共读：绘本里的壮乡故事与三月三歌圩文化体验（少儿阅览室）",
    "กิจกรรมเล่านิทานสำหรับครอบครัวและเด็กเล็กที่ห้องสมุดเด็กแห่งเขตปกครองตนเองกว่างซีจ้วง",
    "八桂讲坛：从《徐霞客游记》看明代广西的山水、民族与交通",
    "ကလေးများနှင့်မိသားစုများအတွက်ပုံပြင်ပြောပွဲနှင့်စာဖတ်ခြင်းလှုပ်ရှားမှု",
]


@pytest.fixture
def site(home, members_index):
    """A zh-hans portal with a full menu (and its Vietnamese translation), the calendar,
    the volunteer index, a library and an event with an image, a long body and online
    registration."""
    library = make_library(members_index, title="广西壮族自治区图书馆", slug="guangxi", city="南宁")
    calendar = EventIndexPage(title="活动日历", slug="events", show_in_menus=True)
    home.add_child(instance=calendar)
    calendar.save_revision().publish()
    volunteers = VolunteerIndexPage(title="志愿服务", slug="volunteers", show_in_menus=True)
    home.add_child(instance=volunteers)
    volunteers.save_revision().publish()
    members_index.show_in_menus = True
    members_index.save_revision().publish()
    for title, slug in (("讲座", "lectures"), ("展览", "exhibitions"), ("关于联盟", "about")):
        page = factories.StandardPageFactory(
            parent=home, title=title, slug=slug, show_in_menus=True
        )
        page.save_revision().publish()
    make_project(
        library,
        title="农民工子女课后阅读辅导",
        category=VolunteerCategory.LAW,  # the longest category name in Vietnamese
    )
    event = make_event(
        library,
        title=LONG_TITLES[0],
        slug="world-book-day",
        image=factories.ImageFactory(file__width=1600, file__height=1000),
        registration_mode="online",
        body=[("paragraph", RichText(LONG_BODY))],
        sessions=3,
    )
    translate(home, "vi", title=VI_HOME)
    translate(home, "my", title=MY_HOME)
    translate(library, "vi", title=VI_LIBRARY)
    translate(volunteers, "vi", title="Tình nguyện")
    translate(calendar, "vi", title="Lịch hoạt động")
    return {"home": home, "calendar": calendar, "event": event, "library": library}


def serve_media(page):
    """The test settings keep media in memory and the live server does not serve it:
    answer /media/ from the storage, so that images take their real space."""

    def fulfil(route):
        name = route.request.url.split("/media/", 1)[1].split("?")[0]
        if not default_storage.exists(name):
            route.fulfill(status=404)
            return
        with default_storage.open(name) as handle:
            route.fulfill(body=handle.read(), content_type="image/" + name.rsplit(".")[-1])

    page.route("**/media/**", fulfil)


def ui(message, language="zh-hans", context=None):
    """A user-interface string as the site shows it in `language`."""
    with translation.override(language):
        return pgettext(context, message) if context else gettext(message)


def menu_button_state(page):
    """(role, expanded) of the menu button in Chromium's own accessibility tree, as
    screen readers get it (a <summary> is a disclosure button, expanded or not)."""
    cdp = page.context.new_cdp_session(page)
    try:
        nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        cdp.detach()
    for node in nodes:
        if node.get("name", {}).get("value") == ui("Menu", context="site navigation") and node[
            "role"
        ]["value"] not in (
            "StaticText",
            "InlineTextBox",
        ):
            properties = {p["name"]: p["value"].get("value") for p in node.get("properties", [])}
            return node["role"]["value"], bool(properties.get("expanded"))
    raise AssertionError("no menu button in the accessibility tree")


def header_height(page):
    return page.evaluate("document.querySelector('.site-header').getBoundingClientRect().height")


def assert_no_sideways_scrolling(page, path):
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{path} scrolls sideways: {widths[0]}px > {widths[1]}px"


def has_visible_focus(locator):
    style = locator.evaluate(
        "el => { const s = getComputedStyle(el); return [s.outlineStyle, s.outlineWidth]; }"
    )
    return style[0] != "none" and style[1] != "0px"


@pytest.mark.parametrize("viewport", [PHONE, PHONE_390], ids=["360", "390"])
def test_phone_header_is_compact_and_nothing_scrolls_sideways(
    live_server, site, new_context, screenshot, viewport
):
    _context, page = new_context(viewport=viewport)
    serve_media(page)
    width = viewport["width"]
    paths = {
        "home": site["home"].url,
        "home-my": "/my/",
        "calendar": site["calendar"].url,
        "event": site["event"].url,
        "volunteers-vi": "/vi/volunteers/",
    }
    for name, path in paths.items():
        response = page.goto(live_server.url + path)
        assert response.ok, path
        toggle = page.locator(".menu-toggle summary")
        expect(toggle).to_be_visible()
        expect(page.locator(".main-nav")).to_be_hidden()
        expect(page.get_by_role("searchbox")).to_be_hidden()
        expect(page.locator(".language-switcher")).to_be_hidden()
        height = header_height(page)
        assert height <= FOLDED_HEADER_MAX, f"{path}: the folded header is {height}px tall"
        # The name and the button share one row.
        brand, button = page.locator(".site-brand").bounding_box(), toggle.bounding_box()
        assert button["y"] < brand["y"] + brand["height"] and button["x"] > brand["x"]
        assert button["x"] + button["width"] <= width
        assert_no_sideways_scrolling(page, path)
        screenshot(page, f"phones-{name}-{width}")

        toggle.click()
        expect(page.locator(".main-nav")).to_be_visible()
        expect(page.get_by_role("searchbox")).to_be_visible()
        assert_no_sideways_scrolling(page, path + " (menu open)")
        if name in ("home", "home-my", "volunteers-vi"):
            screenshot(page, f"phones-{name}-{width}-menu", full_page=False)
        toggle.click()
        expect(page.locator(".main-nav")).to_be_hidden()


def test_phone_menu_opens_with_the_keyboard_and_shows_every_link(
    live_server, site, new_context, screenshot
):
    _context, page = new_context(viewport=PHONE)
    page.goto(live_server.url + site["home"].url)
    toggle = page.locator(".menu-toggle summary")
    assert toggle.get_attribute("aria-controls") == "site-menu"
    assert page.locator("#site-menu").count() == 1
    # Skip link, the site's name, then the menu button.
    for _ in range(3):
        page.keyboard.press("Tab")
    assert toggle.evaluate("el => el === document.activeElement")
    assert has_visible_focus(toggle), "the menu button shows no focus"
    assert menu_button_state(page) == ("DisclosureTriangle", False)
    screenshot(page, "phones-menu-focus-360", full_page=False)

    page.keyboard.press("Enter")
    assert menu_button_state(page) == ("DisclosureTriangle", True)
    nav = page.get_by_role("navigation", name=ui("Main navigation"))
    links = nav.get_by_role("link")
    expect(links).to_have_count(7)  # the home page and six sections
    for title in (
        ui("Home", context="site navigation"),
        "活动日历",
        "志愿服务",
        "成员馆",
        "讲座",
        "展览",
        "关于联盟",
    ):
        link = nav.get_by_role("link", name=title)
        expect(link).to_be_visible()
        box = link.bounding_box()
        assert box["height"] >= 44, f"{title}: a {box['height']}px touch target"
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    # The next Tab goes into the menu: the search box comes first.
    page.keyboard.press("Tab")
    assert page.get_by_role("searchbox").evaluate("el => el === document.activeElement")
    expect(page.get_by_role("link", name=ui("Sign in", context="account"))).to_be_visible()
    screenshot(page, "phones-menu-open-360", full_page=False)

    # The language switcher inside the menu still works.
    page.locator(".language-switcher summary").click()
    with page.expect_navigation():
        page.locator(".language-switcher a[hreflang=vi]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(VI_HOME)
    expect(page.locator(".main-nav")).to_be_hidden()  # folded again on the new page

    # Enter closes it again.
    toggle.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".main-nav")).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator(".main-nav")).to_be_hidden()


def test_desktop_header_keeps_everything_on_show(live_server, site, new_context, screenshot):
    _context, page = new_context(viewport=DESKTOP)
    page.goto(live_server.url + site["home"].url)
    expect(page.locator(".menu-toggle")).to_be_hidden()
    expect(page.get_by_role("searchbox")).to_be_visible()
    expect(page.locator(".language-switcher summary")).to_be_visible()
    nav = page.locator(".main-nav")
    expect(nav.get_by_role("link")).to_have_count(7)
    expect(nav.get_by_role("link", name="关于联盟")).to_be_visible()
    # One row of name, search, sign-in and languages; the menu on the row below.
    brand = page.locator(".site-brand").bounding_box()
    search = page.get_by_role("searchbox").bounding_box()
    first_link = nav.get_by_role("link").first.bounding_box()
    assert abs((search["y"] + search["height"] / 2) - (brand["y"] + brand["height"] / 2)) < 4
    assert first_link["y"] > brand["y"] + brand["height"]
    assert header_height(page) <= 115
    screenshot(page, "phones-desktop-header", full_page=False)


def test_event_register_button_is_on_the_first_screen_of_a_phone(
    live_server, site, new_context, screenshot
):
    event = site["event"]
    _context, page = new_context(viewport=PHONE)
    serve_media(page)
    page.goto(live_server.url + event.url)
    image = page.locator("main picture img")
    expect(image).to_be_visible()
    page.wait_for_function("document.querySelector('main picture img').naturalWidth > 0")
    assert image.bounding_box()["height"] > 150  # the image takes its real space
    body_end = page.locator(".library__layout > div").first.bounding_box()
    assert body_end["y"] + body_end["height"] > 2 * PHONE["height"]  # a long body

    register = page.locator(".register-shortcut a")
    expect(register).to_have_text(ui("Register"))
    box = register.bounding_box()
    assert box["y"] + box["height"] < PHONE["height"], f"the button is at {box['y']}px"
    assert box["height"] >= 44
    assert register.get_attribute("href") == "#registration"
    screenshot(page, "phones-event-first-screen-360", full_page=False)

    register.click()
    section = page.locator("#registration")
    expect(section).to_be_in_viewport()
    expect(section.get_by_role("link", name=ui("Sign in to register")).first).to_be_in_viewport()
    screenshot(page, "phones-event-registration-360", full_page=False)


def log_in_browser(context, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url + "/"}])


@pytest.mark.parametrize("language", ["zh-hans", "th", "my"])
def test_my_account_bookings_are_readable_cards_on_a_phone(
    live_server, site, new_context, screenshot, language
):
    library = site["library"]
    user = volunteer()
    start = timezone.now() + datetime.timedelta(days=5)
    events = [
        make_event(library, title=title, slug=f"long-{n}", registration_mode="online", start=start)
        for n, title in enumerate(LONG_TITLES)
    ]
    shift_project = make_project(
        library, title="盲人有声书录制：为视障读者朗读广西地方文献", slug="audio"
    )
    sessions = [event.sorted_sessions()[0] for event in events] + [
        shift_project.sorted_sessions()[0]
    ]
    for session in sessions:
        with TestCase.captureOnCommitCallbacks(execute=True):
            engine.book(user, session.uid)
    context, page = new_context(viewport=PHONE)
    log_in_browser(context, live_server, user)
    page.goto(f"{live_server.url}/{language}/account/")
    section = page.locator("section[aria-labelledby=upcoming-heading]")
    rows = section.locator("tbody tr")
    expect(rows).to_have_count(len(LONG_TITLES) + 1)
    assert_no_sideways_scrolling(page, "/account/")
    wrap = section.locator(".table-wrap")
    sizes = wrap.evaluate("el => [el.scrollWidth, el.clientWidth]")
    assert sizes[0] <= sizes[1], f"the bookings table scrolls sideways: {sizes}"
    for title in [*LONG_TITLES, shift_project.title]:
        row = rows.filter(has=page.get_by_role("link", name=title))
        link = row.get_by_role("link", name=title)
        expect(link).to_be_visible()
        box = row.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        # A card: the title on top, each other value under it with its label.
        title_box = row.locator(".table__title").bounding_box()
        when_box = row.locator("td[data-label]").first.bounding_box()
        assert title_box["y"] < when_box["y"]
        assert title_box["width"] > PHONE["width"] * 0.6
        expect(row.locator(".table__action a")).to_have_text(
            ui("Cancel", language, context="booking")
        )
        assert row.locator("code").inner_text().strip() != ""  # the check-in code
    screenshot(page, f"phones-account-{language}-360")
