"""Dates, times, numbers and plurals in the conventions of each of the ten languages:
the format modules (alliance_site/formats), the month and weekday names of our
catalogues, the Buddhist-era year in Thai, and the public pages that show them."""

import datetime
import decimal
import gettext
import re
import zoneinfo
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core import mail
from django.template import Context, Template
from django.test import TestCase
from django.urls import reverse
from django.utils import dateformat, translation

from alliance_site import dates
from events.models import RegistrationMode
from tests import factories
from tests.conftest import make_event, translate

LANGUAGES = [code for code, _name in settings.LANGUAGES]
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
THURSDAY = datetime.date(2026, 4, 23)  # the issue's example
THURSDAY_AFTERNOON = datetime.datetime(2026, 4, 23, 14, 30, tzinfo=SHANGHAI)
# Pages list sessions in the future: a Wednesday far enough ahead (พ.ศ. 2574 in Thai).
SESSION_START = datetime.datetime(2031, 4, 23, 14, 30, tzinfo=SHANGHAI)

ENGLISH_NAMES = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
}  # fmt: skip
# English names that are also the word in the language: Indonesian and Malay "April",
# CLDR's Filipino abbreviation of Mayo.
SAME_WORD = {
    "id": {"April", "September", "November"},
    "ms": {"April", "September", "November"},
    "fil": {"May"},
}


def render(source, language, **context):
    with translation.override(language):
        return Template("{% load alliance_dates %}" + source).render(Context(context))


@pytest.mark.parametrize(
    "language, date, date_time, time",
    [
        ("zh-hans", "2026年4月23日 星期四", "2026年4月23日 星期四 14:30", "14:30"),
        ("en", "Thursday 23 April 2026", "Thursday 23 April 2026, 14:30", "14:30"),
        ("vi", "Thứ Năm, 23 tháng 4, 2026", "Thứ Năm, 23 tháng 4, 2026, 14:30", "14:30"),
        (
            "th",
            "วันพฤหัสบดีที่ 23 เมษายน พ.ศ. 2569",
            "วันพฤหัสบดีที่ 23 เมษายน พ.ศ. 2569 14:30 น.",
            "14:30 น.",
        ),
        ("id", "Kamis, 23 April 2026", "Kamis, 23 April 2026 14.30", "14.30"),
        ("fil", "Huwebes, Abril 23, 2026", "Huwebes, Abril 23, 2026, 14:30", "14:30"),
    ],
)
def test_the_issues_examples(language, date, date_time, time):
    with translation.override(language):
        assert dates.local_date(THURSDAY) == date
        assert dates.local_datetime(THURSDAY_AFTERNOON) == date_time
        assert dates.local_time(THURSDAY_AFTERNOON) == time
        assert dates.local_time(datetime.time(14, 30)) == time


def test_thai_years_are_buddhist_era_in_every_human_format():
    with translation.override("th"):
        assert dates.local_short_date(THURSDAY) == "23/4/2569"
        assert dates.local_year_month(THURSDAY) == "เมษายน พ.ศ. 2569"
        assert dates.local_short_datetime(THURSDAY_AFTERNOON) == "23/4/2569 14:30 น."
        assert dates.local_month_day(THURSDAY) == "23 เมษายน"
        # New Year's Eve stays in its own year after the time-zone change.
        new_year = datetime.datetime(2026, 12, 31, 20, 0, tzinfo=datetime.UTC)
        assert dates.local_short_date(new_year, tz="Asia/Bangkok") == "1/1/2570"
        assert dates.local_short_date(new_year, tz="America/New_York") == "31/12/2569"


def test_the_buddhist_era_replaces_only_unescaped_year_characters():
    assert dates.with_buddhist_era(r"j/n/Y y \Y \y", 2026) == r"j/n/\2\5\6\9 \6\9 \Y \y"
    formatted = dateformat.format(THURSDAY, dates.with_buddhist_era(r"Y y \Y", 2026))
    assert formatted == "2569 69 Y"
    assert dates.uses_buddhist_era("th") and not dates.uses_buddhist_era("lo")


def test_machine_formats_stay_gregorian_in_thai():
    html = render(
        "<time datetime=\"{{ d|date:'c' }}\">{{ d|local_datetime }}</time> {{ d|date:'Y-m-d' }}",
        "th",
        d=THURSDAY_AFTERNOON,
    )
    assert html == (
        '<time datetime="2026-04-23T14:30:00+08:00">วันพฤหัสบดีที่ 23 เมษายน พ.ศ. 2569 14:30 น.</time>'
        " 2026-04-23"
    )
    with translation.override("th"):
        assert THURSDAY_AFTERNOON.isoformat() == "2026-04-23T14:30:00+08:00"


def test_python_helpers_take_a_language_and_a_time_zone():
    utc = datetime.datetime(2026, 4, 23, 7, 30, tzinfo=datetime.UTC)
    assert dates.local_datetime(utc, language="en", tz="Asia/Shanghai") == (
        "Thursday 23 April 2026, 15:30"
    )
    assert dates.local_time(utc, language="th", tz=zoneinfo.ZoneInfo("Asia/Bangkok")) == (
        "14:30 น."
    )
    assert translation.get_language() == "zh-hans"  # the active language is kept
    assert dates.local_date(None) == "" and dates.local_date("") == ""


def test_filters_give_nothing_for_what_they_cannot_format():
    assert render("[{{ v|local_date }}|{{ w|local_time }}]", "en", v="soon", w=None) == "[|]"


def test_filters_show_times_in_the_current_time_zone():
    source = "{% load tz %}{% timezone 'Asia/Bangkok' %}{{ d|local_datetime }}{% endtimezone %}"
    assert render(source, "en", d=THURSDAY_AFTERNOON) == "Thursday 23 April 2026, 13:30"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_names_every_month_and_weekday_in_its_own_words(language):
    """No English (or, through the fallback to the default language, Chinese) names left:
    Django's catalogues lack Lao, Burmese and Filipino, ours fill them in."""
    days = [datetime.date(2026, month, 1) for month in range(1, 13)]
    days += [datetime.date(2026, 1, 5 + n) for n in range(7)]
    with translation.override(language):
        for day in days:
            texts = [
                dates.local_date(day),
                dates.local_year_month(day),
                dates.local_month_day(day),
                dateformat.format(day, "D"),  # weekday abbreviation (calendar heads)
                dateformat.format(day, "M"),
                dateformat.format(day, "N"),
                dateformat.format(day, "E"),
            ]
            assert all(text.strip() for text in texts), (language, day, texts)
            joined = " ".join(texts)
            if language != "en":
                words = set(re.findall(r"\w+", joined)) - SAME_WORD.get(language, set())
                assert words.isdisjoint(ENGLISH_NAMES), (language, joined)
            if language != "zh-hans":
                assert "月" not in joined and "星期" not in joined, (language, joined)


@pytest.mark.parametrize("language", LANGUAGES)
def test_times_are_24_hour_in_every_language(language):
    with translation.override(language):
        assert re.search(r"\b14[:.]30\b", dates.local_time(datetime.time(14, 30)))
        assert re.search(r"\b09[:.]05\b", dates.local_time(datetime.time(9, 5)))


@pytest.mark.parametrize(
    "language, expected",
    [
        ("zh-hans", "1.5"),
        ("en", "1.5"),
        ("vi", "1,5"),
        ("th", "1.5"),
        ("id", "1,5"),
        ("ms", "1.5"),
        ("lo", "1,5"),
        ("km", "1.5"),
        ("my", "1.5"),
        ("fil", "1.5"),
    ],
)
def test_decimals_use_the_languages_separator(language, expected):
    assert render("{{ hours }}", language, hours=decimal.Decimal("1.5")) == expected


def no_plural(n):
    return False


@pytest.mark.parametrize(
    "language, nplurals, is_other",
    [
        ("zh-hans", 1, no_plural),
        ("en", 2, lambda n: n != 1),
        ("vi", 1, no_plural),
        ("th", 1, no_plural),
        ("id", 1, no_plural),
        ("ms", 1, no_plural),
        ("lo", 1, no_plural),
        ("km", 1, no_plural),
        ("my", 1, no_plural),
        # CLDR: "one" is 1, 2, 3 and every whole number not ending in 4, 6 or 9.
        ("fil", 2, lambda n: n % 10 in (4, 6, 9)),
    ],
)
def test_plural_forms_follow_cldr(language, nplurals, is_other):
    path = Path(settings.BASE_DIR) / "locale" / translation.to_locale(language) / "LC_MESSAGES"
    header = polib.pofile(str(path / "django.po")).metadata["Plural-Forms"]
    count, expression = re.fullmatch(r"nplurals=(\d+); plural=(.+);", header).groups()
    assert int(count) == nplurals
    plural = gettext.c2py(expression)
    assert [plural(n) for n in range(120)] == [int(is_other(n)) for n in range(120)]


@pytest.mark.parametrize(
    "language, one, three",
    [
        ("en", "1 session", "3 sessions"),
        ("zh-hans", "共 1 场", "共 3 场"),
        ("vi", "1 buổi", "3 buổi"),
        ("fil", "1 sesyon", "3 sesyon"),
    ],
)
def test_blocktranslate_count_picks_the_plural_form(language, one, three):
    source = (
        "{% load i18n %}{% blocktranslate count counter=n %}{{ counter }} session"
        "{% plural %}{{ counter }} sessions{% endblocktranslate %}"
    )
    assert render(source, language, n=1) == one
    assert render(source, language, n=3) == three


# Public pages.


def event_at(library, start=SESSION_START, **kwargs):
    return make_event(library, title="亲子共读", slug="family-reading", start=start, **kwargs)


@pytest.mark.parametrize(
    "language, when",
    [
        ("zh-hans", "2031年4月23日 星期三 14:30</time>–<time"),
        ("en", "Wednesday 23 April 2031, 14:30</time>–<time"),
        ("vi", "Thứ Tư, 23 tháng 4, 2031, 14:30</time>–<time"),
        ("th", "วันพุธที่ 23 เมษายน พ.ศ. 2574 14:30 น.</time>–<time"),
        ("my", "2031 ဧပြီ 23၊ ဗုဒ္ဓဟူးနေ့ 14:30</time>–<time"),
    ],
)
def test_event_page_shows_sessions_in_the_pages_language(client, library_a, language, when):
    event = event_at(library_a)
    page = event if language == "zh-hans" else translate(event, language)
    html = client.get(page.url).content.decode()
    assert when in html
    end = "16:30 น." if language == "th" else "16:30"
    assert f'<time datetime="2031-04-23T16:30:00+08:00">{end}</time>' in html
    assert '<time datetime="2031-04-23T14:30:00+08:00">' in html  # Gregorian ISO


def test_thai_month_calendar_heads_with_the_buddhist_year_and_links_gregorian(
    client, calendar, library_a
):
    translate(event_at(library_a), "th")
    thai_calendar = translate(calendar, "th")
    html = client.get(thai_calendar.url + "month/", {"month": "2031-04"}).content.decode()
    assert "เมษายน พ.ศ. 2574</h1>" in html
    assert '<input type="hidden" name="month" value="2031-04">' in html
    assert "month=2031-03" in html and "month=2031-05" in html
    assert '<time datetime="2031-04-23">23</time>' in html
    assert "14:30 น. " in html  # the session in its day
    assert "2574-" not in html  # no Buddhist-era year in a machine format


def test_thai_booking_email_gives_the_session_in_thai(client, library_a):
    event = event_at(library_a, registration_mode=RegistrationMode.ONLINE)
    thai = translate(event, "th", title="อ่านด้วยกัน")
    session = thai.event_sessions.get()
    client.force_login(factories.UserFactory(username="reader"))
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(thai.url + "book/", {"session": str(session.uid), "party_size": 1})
    (message,) = mail.outbox
    assert "วันพุธที่ 23 เมษายน พ.ศ. 2574 14:30 น.–16:30 น. (Asia/Shanghai)" in message.body


@pytest.mark.parametrize(
    "language, issued, hours",
    [
        ("zh-hans", "2026年4月23日 星期四", "12.5"),
        ("th", "วันพฤหัสบดีที่ 23 เมษายน พ.ศ. 2569", "12.5"),
        ("vi", "Thứ Năm, 23 tháng 4, 2026", "12,5"),
        ("id", "Kamis, 23 April 2026", "12,5"),
    ],
)
def test_certificate_verification_page_shows_the_date_and_hours_locally(
    client, home, language, issued, hours
):
    from volunteers.models import Certificate

    Certificate.objects.create(
        code="ABCD-EFGH-JKLM",
        name="李小梅",
        hours=decimal.Decimal("12.5"),
        issued_on=THURSDAY,
    )
    path = reverse("volunteer_verify_code", args=["ABCD-EFGH-JKLM"])
    path = f"/{language}/" + path.split("/", 2)[2]
    html = client.get(path).content.decode()
    assert f"<dd>{issued}</dd>" in html
    assert f"<dd>{hours}</dd>" in html


def test_volunteer_shift_hours_use_the_decimal_comma_in_vietnamese(client, library_a):
    from tests.volunteers.test_volunteers import make_project

    project = make_project(library_a, start=SESSION_START, credit="1.5")
    vietnamese = translate(project, "vi")
    html = client.get(vietnamese.url).content.decode()
    assert "Thứ Tư, 23 tháng 4, 2031, 14:30</time>–17:30" in html
    assert "1,5 giờ tình nguyện" in html


def test_public_templates_format_dates_for_people_through_alliance_dates():
    """Django's |date with a named format would print a Gregorian year after "พ.ศ." in
    Thai; the local_* filters are the way. Staff-only templates may keep |date."""
    root = Path(settings.BASE_DIR)
    named = re.compile(r"\|(?:date|time)(?::\s*[\"'](?:[A-Z_]+_FORMAT|H:i)[\"'])?(?=[\s|}%])")
    offenders = {}
    for path in sorted(root.glob("*/templates/**/*")):
        name = str(path.relative_to(root))
        if path.suffix not in (".html", ".txt") or name.startswith(".venv"):
            continue
        if any(part in name for part in ("/admin/", "/hosting/", "wagtailadmin")):
            continue
        found = named.findall(path.read_text())
        if found:
            offenders[name] = found
    assert offenders == {}


def test_the_month_grid_starts_on_the_languages_first_day_of_the_week(client, calendar):
    from tests.conftest import translate

    thai = translate(calendar, "th")
    for url, weekday in ((calendar.url, 0), (thai.url, 6)):  # Monday in Chinese, Sunday in Thai
        weeks = client.get(url + "month/").context["weeks"]
        assert weeks[0][0][0].weekday() == weekday, url
