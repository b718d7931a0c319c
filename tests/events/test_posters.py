"""Printable A4 posters at …/poster.pdf, read back with pypdf: size, text (through the
fonts' ToUnicode maps, so the glyphs are the right ones), embedded fonts, image."""

import datetime
import io
import shutil
import subprocess

import pytest
from django.core.management import call_command
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
    url = page if isinstance(page, str) else page.url
    response = client.get(url + "poster.pdf")
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


# Posters are made on the task queue when their page or library is published, and served
# from storage (events/posters.py).


@pytest.fixture(autouse=True)
def no_stored_posters():
    """The test storage lives as long as the process, and page ids are used again."""
    from django.core.files.storage import default_storage

    folders, _files = (
        default_storage.listdir("posters") if default_storage.exists("posters") else ([], [])
    )
    for folder in folders:
        for name in default_storage.listdir(f"posters/{folder}")[1]:
            default_storage.delete(f"posters/{folder}/{name}")


@pytest.fixture
def renders(monkeypatch):
    """How many PDFs WeasyPrint has written since the fixture started."""
    from weasyprint import HTML

    calls = []
    original = HTML.write_pdf

    def counting(self, *args, **kwargs):
        calls.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(HTML, "write_pdf", counting)
    return calls


def stored_posters(page):
    from django.core.files.storage import default_storage

    try:
        return sorted(default_storage.listdir(f"posters/{page.pk}")[1])
    except FileNotFoundError:
        return []


def publish(page, capture):
    with capture(execute=True):
        page.save_revision().publish()


def test_publication_makes_the_poster_a_visit_then_serves(
    client, library_a, renders, django_capture_on_commit_callbacks
):
    event = make_event(library_a, title="Story time", image=factories.ImageFactory())
    thai = translate(event, "th", title="เล่านิทาน")
    assert [name.rsplit("-", 1)[1] for name in stored_posters(thai)] == ["th.pdf"]
    publish(event, django_capture_on_commit_callbacks)
    assert [name.rsplit("-", 1)[1] for name in stored_posters(event)] == ["hans.pdf"]
    made = len(renders)
    reader = get_poster(client, event)
    assert "Storytime" in text_of(reader) and len(reader.pages[0].images) >= 1
    assert len(renders) == made  # served from storage: WeasyPrint did not run again
    # The English site shows the untranslated page with its English interface: that
    # poster is rendered when first asked for, then served from storage too.
    english = event.url.replace("/zh-hans/", "/en/", 1)
    for _ in range(2):
        assert "Scanfordetails" in text_of(get_poster(client, english))
    assert len(renders) == made + 1
    assert len(stored_posters(event)) == 2


def test_republication_replaces_the_stored_poster(
    client, library_a, renders, django_capture_on_commit_callbacks
):
    event = make_event(library_a, title="Before the change")
    publish(event, django_capture_on_commit_callbacks)
    before = stored_posters(event)
    event.title = "After the change"
    publish(event, django_capture_on_commit_callbacks)
    after = stored_posters(event)
    assert len(after) == len(before) and not set(after) & set(before)
    made = len(renders)
    assert "Afterthechange" in text_of(get_poster(client, event))
    assert len(renders) == made


def test_a_library_publication_renews_its_events_posters(
    client, library_a, renders, django_capture_on_commit_callbacks
):
    event = make_event(library_a, title="Story time")
    past = make_event(
        library_a,
        title="Long ago",
        slug="long-ago",
        start=timezone.now() - datetime.timedelta(days=9),
    )
    library_a.title = "南宁市图书馆（新馆）"
    publish(library_a, django_capture_on_commit_callbacks)
    assert stored_posters(event) and not stored_posters(past)  # only events to come
    made = len(renders)
    assert "南宁市图书馆（新馆）" in text_of(get_poster(client, event))
    assert len(renders) == made
    # Published again with nothing the poster prints changed: the posters are kept.
    library_a.introduction = "市民身边的图书馆，新馆开放。"
    publish(library_a, django_capture_on_commit_callbacks)
    assert len(renders) == made


def test_an_unpublished_page_keeps_no_poster(library_a, django_capture_on_commit_callbacks):
    event = make_event(library_a)
    publish(event, django_capture_on_commit_callbacks)
    assert stored_posters(event)
    with django_capture_on_commit_callbacks(execute=True):
        event.unpublish()
    assert stored_posters(event) == []


def test_an_old_poster_is_served_then_made_again(
    client, library_a, monkeypatch, django_capture_on_commit_callbacks
):
    """What the page does not publish (a speaker's name) reaches the poster within a day."""
    from events import posters
    from tests.lectures.test_lectures import make_lecture

    speaker = Speaker.objects.create(name="Professor Wang")
    lecture = make_lecture(library_a, speaker, title="Reading and life")
    assert "ProfessorWang" in text_of(get_poster(client, lecture))
    speaker.name = "Professor Li"
    speaker.save()
    monkeypatch.setattr(posters, "POSTER_MAX_AGE", -1)
    with django_capture_on_commit_callbacks(execute=True):
        assert "ProfessorWang" in text_of(get_poster(client, lecture))  # at once, as stored
    assert "ProfessorLi" in text_of(get_poster(client, lecture))


def test_check_deploy_warns_without_harfbuzz_subsetting(monkeypatch):
    import weasyprint.text.ffi

    from events.posters import check_font_subsetting

    monkeypatch.setattr(weasyprint.text.ffi, "harfbuzz_subset", None)
    assert [warning.id for warning in check_font_subsetting()] == ["events.W001"]


def test_build_posters_for_an_upgrade(client, library_a, renders):
    event = make_event(library_a, title="Story time")
    past = make_event(
        library_a,
        title="Long ago",
        slug="long-ago",
        start=timezone.now() - datetime.timedelta(days=9),
    )
    out = io.StringIO()
    call_command("build_posters", stdout=out)
    assert "posters 1/1: Story time" in out.getvalue()
    assert stored_posters(event) and not stored_posters(past)
    made = len(renders)
    assert "Storytime" in text_of(get_poster(client, event))
    call_command("build_posters", stdout=io.StringIO())  # nothing to make again
    assert len(renders) == made
