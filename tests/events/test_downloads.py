"""Downloads keep their names: an event with a Chinese title (and so a Chinese slug)
gives registrations-读书会….csv, 读书会….ics and 读书会…-poster.pdf, not download.csv.

Every download's Content-Disposition comes from alliance_site.exports.content_disposition
(RFC 6266): an ASCII stand-in in ``filename`` for old browsers, the real name in
``filename*``. The headers are read back as a browser reads them."""

import datetime
import re
from urllib.parse import unquote

import pytest
from django.utils import timezone
from django.utils.text import slugify

from alliance_site.exports import content_disposition
from tests.events.test_booking import online_event
from tests.events.test_registrations_admin import registered, session_url

pytestmark = pytest.mark.django_db

TITLE = "读书会：春天的故事"
SLUG = slugify(TITLE, allow_unicode=True)  # what the admin makes of the title


def saved_as(response):
    """(disposition, the name a browser saves the file as, the ASCII stand-in), read as
    RFC 6266 says: ``filename*`` (charset''percent-encoded) wins over ``filename``."""
    header = response["Content-Disposition"]
    header.encode("ascii")  # a header value is ASCII, never MIME-encoded UTF-8
    disposition, _, rest = header.partition(";")
    plain = re.search(r'filename="((?:[^"\\]|\\.)*)"', rest)
    plain = re.sub(r"\\(.)", r"\1", plain.group(1)) if plain else None
    extended = re.search(r"filename\*=([\w-]+)'[\w-]*'([^;\s]+)", rest)
    name = unquote(extended.group(2), encoding=extended.group(1)) if extended else plain
    return disposition.strip(), name, plain


def chinese_event(library):
    start = timezone.make_aware(datetime.datetime(2030, 4, 23, 14, 30))
    return online_event(library, title=TITLE, slug=SLUG, start=start)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_registration_exports_keep_the_chinese_title(client, library_a, editor_a, fmt):
    event, session = chinese_event(library_a)
    assert event.slug == "读书会春天的故事"
    registered(event, session, "reader")
    client.force_login(editor_a)
    response = client.get(session_url(session, export=fmt))
    assert response.status_code == 200
    disposition, name, plain = saved_as(response)
    assert disposition == "attachment"
    assert name == f"registrations-读书会春天的故事-20300423-1430.{fmt}"
    assert plain == f"registrations-20300423-1430.{fmt}"
    assert response["Content-Disposition"] == (
        f'attachment; filename="registrations-20300423-1430.{fmt}"; '
        f"filename*=utf-8''registrations-%E8%AF%BB%E4%B9%A6%E4%BC%9A%E6%98%A5%E5%A4%A9"
        f"%E7%9A%84%E6%95%85%E4%BA%8B-20300423-1430.{fmt}"
    )


def test_event_calendar_file_keeps_the_chinese_title(client, library_a):
    event, _session = chinese_event(library_a)
    response = client.get(event.url + "event.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert saved_as(response) == ("inline", f"{SLUG}.ics", "download.ics")


def test_poster_keeps_the_chinese_title(client, library_a):
    event, _session = chinese_event(library_a)
    response = client.get(event.url + "poster.pdf")
    assert response.status_code == 200
    assert saved_as(response) == ("inline", f"{SLUG}-poster.pdf", "poster.pdf")


@pytest.mark.parametrize(
    ("name", "header"),
    [
        # Plain ASCII names are sent as they are, as before.
        ("alliance-statistics-2026.csv", 'attachment; filename="alliance-statistics-2026.csv"'),
        ("my-data.json", 'attachment; filename="my-data.json"'),
        # Quotes and backslashes cannot break out of the quoted string.
        ('a"b\\c.csv', 'attachment; filename="a\\"b\\\\c.csv"'),
        # Vietnamese keeps its unaccented letters in the stand-in.
        (
            "đăng ký sách.csv",
            "attachment; filename=\"ang ky sach.csv\"; filename*=utf-8''"
            "%C4%91%C4%83ng%20k%C3%BD%20s%C3%A1ch.csv",
        ),
    ],
)
def test_content_disposition(name, header):
    assert content_disposition(name) == header
