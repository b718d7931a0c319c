"""Ten language sites on a 360 px phone: each alliance-wide page, and an event nobody has
translated yet, in every locale, speaks the visitor's language and never scrolls
sideways. The titles are the demo's own translations, so long Burmese, Khmer and Lao
words are measured, not Latin placeholders."""

import pytest
from django.conf import settings
from playwright.sync_api import expect
from wagtail.rich_text import RichText

from events.demo import INDEX_TRANSLATIONS
from events.models import EventIndexPage
from exhibitions.models import ExhibitionIndexPage
from home import demo_content
from lectures.models import LectureIndexPage
from tests import factories
from tests.conftest import make_event, make_library, translate
from tests.e2e.conftest import PHONE
from volunteers.models import VolunteerIndexPage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

CODES = [code for code, _name in settings.LANGUAGES]
NAMES = dict(settings.LANGUAGES)
PATHS = ["", "members/", "events/", "lectures/", "exhibitions/", "volunteers/", "search/?q=阅读"]
EVENT = "members/guangxi/world-book-day/"


@pytest.fixture
def alliance(home, members_index):
    """The alliance-wide pages with their demo titles in every language; publishing them
    makes every locale's tree (home.locale_trees, when the transaction commits)."""
    members_index.show_in_menus = True
    members_index.title = demo_content.MEMBERS_INDEX["title"]
    members_index.save_revision().publish()
    indexes = [members_index]
    for model, title, slug in (
        (EventIndexPage, "活动日历", "events"),
        (LectureIndexPage, "讲座", "lectures"),
        (ExhibitionIndexPage, "展览", "exhibitions"),
        (VolunteerIndexPage, "志愿服务", "volunteers"),
    ):
        index = model(title=title, slug=slug, show_in_menus=True)
        home.add_child(instance=index)
        index.save_revision().publish()
        indexes.append(index)
    library = make_library(
        members_index,
        title="广西壮族自治区图书馆",
        slug="guangxi",
        city="南宁",
        brand_name="八桂讲坛",
    )
    make_event(
        library,
        title="世界读书日亲子共读：绘本里的壮乡故事与三月三歌圩文化体验",
        slug="world-book-day",
        introduction="和孩子一起读壮乡的故事。",
        image=factories.ImageFactory(file__width=1600, file__height=1000),
        registration_mode="online",
        body=[("paragraph", RichText("<p>" + "活动当天请提前十分钟到场签到。" * 20 + "</p>"))],
        sessions=2,
    )
    titles = {**demo_content.TRANSLATIONS, **INDEX_TRANSLATIONS}
    intro = demo_content.HOME["introduction"]
    for code in CODES[1:]:
        translate(
            home,
            code,
            title=titles[demo_content.HOME["title"]][code],
            introduction=demo_content.TRANSLATIONS[intro][code],
        )
        for index in indexes:
            translate(index, code, title=titles[index.title][code])
    return home


def test_every_alliance_page_in_every_language_fits_a_phone(
    live_server, alliance, new_context, screenshot, blocked_requests
):
    _context, page = new_context(viewport=PHONE)
    for code in CODES:
        for path in [*PATHS, EVENT]:
            url = f"{live_server.url}/{code}/{path}"
            response = page.goto(url)
            assert response.status == 200, url
            expect(page.locator("html")).to_have_attribute("lang", code)
            assert (
                page.locator(".language-switcher summary")
                .inner_text()
                .strip()
                .endswith(NAMES[code])
            ), url
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"], (url, width)
            if path == EVENT:
                title = page.locator("h1")
                if code == settings.LANGUAGE_CODE:
                    expect(title).not_to_have_attribute("lang", "zh-hans")
                else:  # not translated: shown in Chinese, and said to be
                    expect(title).to_have_attribute("lang", "zh-hans")
                screenshot(page, f"language-sites-event-{code}-phone", full_page=False)
            elif path == "" and code in ("my", "km", "fil", "lo", "th", "zh-hans"):
                screenshot(page, f"language-sites-home-{code}-phone")
    assert blocked_requests == []
