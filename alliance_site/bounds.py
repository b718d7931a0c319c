"""Bounds on what visitors send: years, dates, ids and keys a public page accepts.

Anything in a query string or a form can be anything: a year of 0 or 99999, a date at
the end of the calendar (9999-12-31 plus one day overflows), a number too large for
SQLite's integers, a NUL character (PostgreSQL refuses it in text). The public pages read
their parameters through these fields, so such a value is a message on the page (or a
404), never a server error.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

# The years a calendar, an archive or a date filter accepts: wide enough for any real
# event, narrow enough that a day or a month more or less stays a date.
FIRST_YEAR = 1900
LAST_YEAR = 2100

# Ids of rows are positive 32-bit integers (AutoField); no more than ten digits.
MAX_ID = 2**31 - 1

# A key other than an id (a slug, a code) is short; nothing longer is looked up.
MAX_KEY_LENGTH = 255


def id_or_none(value):
    """The row id written in `value` (a string of digits), or None when it cannot be one."""
    text = str(value).strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 10:
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


def can_be_key(value):
    """Whether `value` can be looked up as a slug or code (short, no NUL character)."""
    text = str(value)
    return len(text) <= MAX_KEY_LENGTH and "\x00" not in text


def year_in_range(year):
    return FIRST_YEAR <= year <= LAST_YEAR


def year_range_error():
    return ValidationError(
        _("Choose a date between the years %(first)s and %(last)s."),
        code="year_range",
        params={"first": FIRST_YEAR, "last": LAST_YEAR},
    )


class BoundedDateField(forms.DateField):
    """A date between FIRST_YEAR and LAST_YEAR."""

    def validate(self, value):
        super().validate(value)
        if isinstance(value, datetime.date) and not year_in_range(value.year):
            raise year_range_error()


class BoundedModelChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField that looks up only what can be a key: an id of at most
    MAX_ID (integer primary keys), or a short value without NUL (``to_field_name``).
    Anything else is an invalid choice without a query."""

    def to_python(self, value):
        if value not in self.empty_values and not isinstance(value, models.Model):
            key_ok = can_be_key(value) if self.to_field_name else id_or_none(value) is not None
            if not key_ok:
                raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class YearForm(forms.Form):
    """A year from the query string (?year=2025) between FIRST_YEAR and LAST_YEAR."""

    year = forms.IntegerField(min_value=FIRST_YEAR, max_value=LAST_YEAR)
