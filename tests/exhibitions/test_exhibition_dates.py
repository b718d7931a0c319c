"""An exhibition reads as its run: its page's time box shows the opening and closing days
(then its sessions, such as the opening ceremony), and its card in the listings shows
the run too, never the opening ceremony's hour, in the visitor's language."""

import datetime

import pytest
from django.utils import timezone, translation

from alliance_site.dates import local_date, local_datetime
from tests.conftest import translate
from tests.exhibitions.test_exhibitions import make_exhibition

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def exhibition(library_a):
    today = timezone.localdate()
    page = make_exhibition(library_a, today + 3 * DAY, today + 40 * DAY)
    # The opening ceremony, at ten on the opening day.
    ceremony = datetime.datetime.combine(page.opening_date, datetime.time(10), page.zone)
    page.event_sessions.create(start=ceremony, end=ceremony + datetime.timedelta(hours=1))
    page.save_revision().publish()
    return page


def time_box(html):
    start = html.index('class="library__aside"')
    return html[start : html.index("</section>", start)]


def run_of(page, language):
    with translation.override(language):
        return local_date(page.opening_date), local_date(page.closing_date)


def ceremony_time(page, language):
    with translation.override(language):
        return local_datetime(page.sorted_sessions()[0].start, tz=page.zone)


@pytest.mark.parametrize(
    ("language", "when", "sessions"), [("zh-hans", "时间", "场次"), ("vi", "Thời gian", "Các buổi")]
)
def test_the_time_box_shows_the_run_then_the_sessions(client, exhibition, language, when, sessions):
    page = exhibition if language == "zh-hans" else translate(exhibition, language)
    box = time_box(client.get(page.url).content.decode())
    opens, closes = run_of(page, language)
    assert (
        f'<p class="exhibition__run"><time datetime="{page.opening_date:%Y-%m-%d}">{opens}</time>'
        f' – <time datetime="{page.closing_date:%Y-%m-%d}">{closes}</time></p>'
    ) in box
    assert f"<h2>{when}</h2>" in box
    # The ceremony comes after the run, under its own heading.
    assert (
        box.index(closes)
        < box.index(f"<h3>{sessions}</h3>")
        < box.index(ceremony_time(page, language))
    )


def test_an_exhibition_without_sessions_still_shows_its_run(client, library_a):
    today = timezone.localdate()
    page = make_exhibition(library_a, today - 5 * DAY, today + 5 * DAY, slug="plain")
    box = time_box(client.get(page.url).content.decode())
    opens, closes = run_of(page, "zh-hans")
    assert opens in box and closes in box
    assert "<h3>场次</h3>" not in box


@pytest.mark.parametrize("language", ["zh-hans", "vi"])
def test_cards_in_listings_show_the_run_not_the_ceremony(
    client, home, calendar, exhibition_index, exhibition, language
):
    pages = [home, calendar, exhibition_index, exhibition.library]
    if language != "zh-hans":
        pages = [translate(page, language) for page in pages]
    opens, closes = run_of(exhibition, language)
    card_date = (
        f'<p class="event-card__date"><time datetime="{exhibition.opening_date:%Y-%m-%d}">'
        f'{opens}</time>–<time datetime="{exhibition.closing_date:%Y-%m-%d}">{closes}</time>'
    )
    for page in pages:
        html = client.get(page.url).content.decode()
        assert exhibition.title in html, page.url
        assert card_date in html, page.url
        assert ceremony_time(exhibition, language) not in html, page.url
