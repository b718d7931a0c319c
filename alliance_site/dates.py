"""Human-readable dates and times in the conventions of the active language.

The formats are the active language's named formats (DATE_FORMAT, TIME_FORMAT, …) from
`alliance_site.formats`. Thai counts years in the Buddhist era (2026 is พ.ศ. 2569), which
Django's format characters cannot do, so in Thai the year characters `Y` and `y` of the
format are replaced by the Buddhist-era year before Django formats the value.

Only text for people goes through here. Machine formats (`|date:"c"`, `|date:"Y-m-d"`,
`isoformat()`, the datetime="" attributes, URLs, query strings, ICS, JSON-LD) keep the
Gregorian year: use Django's date filter or the datetime methods for them.

The template filters of the same names are in `alliance_site.templatetags.alliance_dates`.
"""

import datetime
import re
import zoneinfo
from contextlib import nullcontext

from django.conf import settings
from django.utils import dateformat, formats, timezone, translation

BUDDHIST_ERA_OFFSET = 543
BUDDHIST_ERA_LANGUAGES = frozenset({"th"})

# Django's year characters where no backslash escapes them: the rule of
# django.utils.dateformat.re_formatchars.
_YEAR_CHARACTERS = re.compile(r"(?<!\\)[Yy]")


def uses_buddhist_era(language=None):
    """Whether the language (the active one by default) writes Buddhist-era years."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    return language.split("-")[0].lower() in BUDDHIST_ERA_LANGUAGES


def with_buddhist_era(format_string, year):
    """The format with its unescaped `Y` / `y` replaced by the Buddhist-era year of the
    Gregorian `year`; the digits are escaped, so Django's formatter writes them as they
    are. Escaped characters (`\\Y`) are left alone."""
    era_year = year + BUDDHIST_ERA_OFFSET

    def replace(match):
        digits = str(era_year) if match.group() == "Y" else f"{era_year % 100:02d}"
        return "".join("\\" + digit for digit in digits)

    return _YEAR_CHARACTERS.sub(replace, format_string)


def format_local(value, format_name="DATE_FORMAT", *, language=None, tz=None):
    """`value` (a date, datetime or time) in the named format of `language` (the active
    language by default), with the Buddhist-era year in Thai.

    An aware datetime is shown in `tz` (a tzinfo or a zone name such as "Asia/Bangkok"),
    else in the current time zone, as Django's date filter does. None and "" give "".
    """
    if value is None or value == "":
        return ""
    if isinstance(tz, str):
        tz = zoneinfo.ZoneInfo(tz)
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value, tz)
    with translation.override(language) if language else nullcontext():
        format_string = formats.get_format(format_name)
        if isinstance(value, datetime.time):
            return dateformat.time_format(value, format_string)
        if uses_buddhist_era():
            format_string = with_buddhist_era(format_string, value.year)
        return dateformat.format(value, format_string)


def local_date(value, **kwargs):
    """The long date with the weekday: "2026年4月23日 星期四", "Thursday 23 April 2026"."""
    return format_local(value, "DATE_FORMAT", **kwargs)


def local_short_date(value, **kwargs):
    """The date in figures: "2026/4/23", "23/04/2026", "23/4/2569" (Thai)."""
    return format_local(value, "SHORT_DATE_FORMAT", **kwargs)


def local_datetime(value, **kwargs):
    """The long date, then the time: "2026年4月23日 星期四 14:30"."""
    return format_local(value, "DATETIME_FORMAT", **kwargs)


def local_short_datetime(value, **kwargs):
    """The date in figures, then the time: "2026/4/23 14:30"."""
    return format_local(value, "SHORT_DATETIME_FORMAT", **kwargs)


def local_time(value, **kwargs):
    """The time on a 24-hour clock: "14:30", "14.30" (Indonesian), "14:30 น." (Thai)."""
    return format_local(value, "TIME_FORMAT", **kwargs)


def local_year_month(value, **kwargs):
    """The month and year: "2026年4月", "April 2026", "เมษายน พ.ศ. 2569"."""
    return format_local(value, "YEAR_MONTH_FORMAT", **kwargs)


def local_month_day(value, **kwargs):
    """The day and month without the year: "4月23日", "23 April"."""
    return format_local(value, "MONTH_DAY_FORMAT", **kwargs)


def local_year(value, language=None):
    """A year number as the language counts it (พ.ศ. 2569 in Thai, else 2026)."""
    year = int(value)
    return year + BUDDHIST_ERA_OFFSET if uses_buddhist_era(language) else year
