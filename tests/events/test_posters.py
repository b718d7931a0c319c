"""Printable A4 posters at …/poster.pdf, read back with pypdf: size, text (through the
fonts' ToUnicode maps, so the glyphs are the right ones), embedded fonts, image."""

import datetime
import io
import shutil
import subprocess

import pytest
from django.utils import timezone
from pypdf import PdfReader

from events.models import EventStatus
from lectures.models import Speaker
from tests import factories
from tests.conftest import make_event, translate

pytestmark = pytest.mark.django_db


def installed_fonts():
    if not shutil.which("fc-list"):
        return ""
    return subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout


needs_cjk = pytest.mark.skipif(
    "Noto Sans CJK SC" not in installed_fonts(), reason="fonts-noto-cjk is not installed"
)
needs_thai = pytest.mark.skipif(
    "Noto Sans Thai" not in installed_fonts(), reason="fonts-noto-core is not installed"
)


def get_poster(client, page):
    response = client.get(page.url + "poster.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(response.content))


def text_of(reader):
    # Layout may break lines anywhere in unspaced text; compare without whitespace.
    return "".join("".join(page.extract_text() or "" for page in reader.pages).split())


def font_names(reader):
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


@needs_cjk
def test_poster_is_one_a4_page_with_title_dates_venue_library_and_address(client, library_a):
    start = timezone.make_aware(datetime.datetime(2027, 4, 23, 14, 30))
    event = make_event(
        library_a, title="世界读书日亲子共读", start=start, room="少儿阅览室", kind="story_time"
    )
    reader = get_poster(client, event)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    # A4 is 595.28 × 841.89 points.
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    text = text_of(reader)
    assert "世界读书日亲子共读" in text
    assert "2027年4月23日星期五14:30–16:30" in text  # the long date carries the weekday
    assert "少儿阅览室" in text
    assert library_a.title in text
    assert f"testserver/e/{event.pk}/" in text
    assert any("NotoSansCJK" in name.replace("-", "") for name in font_names(reader))


def lines_of(reader):
    return [
        line.strip() for page in reader.pages for line in (page.extract_text() or "").splitlines()
    ]


@needs_cjk
def test_poster_prints_the_short_address_on_one_line(client, library_a):
    """A slug made from a Chinese title is Chinese: percent-encoded, the page's address
    ran over six lines off the QR column. The poster prints the short link instead (and
    its QR code holds it), on one line."""
    event = make_event(
        library_a,
        title="世界读书日亲子共读：绘本里的壮乡故事",
        slug="世界读书日亲子共读绘本里的壮乡故事",
    )
    reader = get_poster(client, event)
    assert f"testserver/e/{event.pk}/" in lines_of(reader)
    assert "%E4" not in text_of(reader) and "members/" not in text_of(reader)
    # The printed address leads to the page.
    response = client.get(f"/e/{event.pk}/", follow=True)
    assert response.redirect_chain[-1][0] == event.url
    assert response.status_code == 200


@needs_thai
def test_thai_poster_uses_thai_glyphs(client, library_a):
    event = make_event(library_a, title="亲子共读", slug="family-reading")
    thai = translate(event, "th", title="อ่านหนังสือกับครอบครัว")
    reader = get_poster(client, thai)
    assert "อ่านหนังสือกับครอบครัว" in text_of(reader)
    assert f"testserver/e/{thai.pk}/" in lines_of(reader)  # the Thai page's own link
    assert any("NotoSansThai" in name.replace("-", "") for name in font_names(reader))


def test_poster_carries_the_event_image(client, library_a):
    event = make_event(library_a, image=factories.ImageFactory())
    assert f'href="{event.url}poster.pdf"' in client.get(event.url).content.decode()
    reader = get_poster(client, event)
    assert len(reader.pages[0].images) >= 1


def test_cancelled_event_says_so_on_the_poster(client, library_a):
    event = make_event(
        library_a, status=EventStatus.CANCELLED, status_note="因台风取消", title="Cancelled"
    )
    text = text_of(get_poster(client, event))
    assert "已取消" in text
    assert "因台风取消" in text


def test_poster_follows_the_published_page(client, library_a):
    event = make_event(library_a, title="Before the change")
    assert "Beforethechange" in text_of(get_poster(client, event))
    event.title = "After the change"
    event.save_revision().publish()
    assert "Afterthechange" in text_of(get_poster(client, event))


def test_lecture_and_exhibition_posters_show_their_own_details(client, library_a, library_b):
    from tests.exhibitions.test_exhibitions import make_exhibition
    from tests.lectures.test_lectures import make_lecture

    speaker = Speaker.objects.create(name="Professor Wang", title="Guangxi University")
    lecture = make_lecture(library_a, speaker, title="Reading and life")
    text = text_of(get_poster(client, lecture))
    assert "ProfessorWang(GuangxiUniversity)" in text

    today = timezone.localdate()
    exhibition = make_exhibition(
        library_a, today, today + datetime.timedelta(days=30), title="Zhuang brocade"
    )
    text = text_of(get_poster(client, exhibition))
    assert "Zhuangbrocade" in text
    assert exhibition.opening_date.strftime("%Y年%-m月%-d日").replace(" ", "") in text


def test_no_poster_for_a_draft(client, library_a):
    event = make_event(library_a)
    event.unpublish()
    response = client.get(f"/zh-hans/members/{library_a.slug}/{event.slug}/poster.pdf")
    assert response.status_code == 404
