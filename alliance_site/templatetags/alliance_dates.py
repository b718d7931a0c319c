"""Dates and times for people, in the active language's conventions (Buddhist-era
years in Thai): `{{ session.start|local_datetime }}–{{ session.end|local_time }}`.

Keep Django's date filter for machine formats, which stay Gregorian:
`<time datetime="{{ session.start|date:'c' }}">{{ session.start|local_datetime }}</time>`.
Like Django's date and time filters, these show aware datetimes in the current time zone
(set with `{% timezone %}`) and give "" for a value they cannot format.
"""

from django import template

from alliance_site import dates

register = template.Library()


def _filter(function):
    def wrapper(value):
        try:
            return function(value)
        except (AttributeError, TypeError, ValueError):
            return ""

    wrapper.__name__ = function.__name__
    wrapper.__doc__ = function.__doc__
    return register.filter(function.__name__, wrapper, expects_localtime=True)


local_date = _filter(dates.local_date)
local_short_date = _filter(dates.local_short_date)
local_datetime = _filter(dates.local_datetime)
local_short_datetime = _filter(dates.local_short_datetime)
local_time = _filter(dates.local_time)
local_year_month = _filter(dates.local_year_month)
local_month_day = _filter(dates.local_month_day)
local_year = _filter(dates.local_year)
