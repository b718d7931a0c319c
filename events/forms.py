"""The alliance calendar's GET filters. Every value is validated: an unknown library,
a malformed date, a date outside the years the calendar shows or a reversed range gives
a message, never a 500."""

import datetime

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from alliance_site.bounds import (
    FIRST_YEAR,
    LAST_YEAR,
    BoundedDateField,
    BoundedModelChoiceField,
    year_in_range,
)
from home.models import MemberLibraryPage
from translations.listing import in_locale_or_source
from translations.privacy import public_everywhere

from .models import Audience, AudienceCode, Campaign, EventKind

WHEN_CHOICES = [
    ("", _("Any time")),
    ("today", pgettext_lazy("listing filters", "Today")),
    ("week", _("This week")),
    ("month", pgettext_lazy("listing filters", "This month")),
]


class CalendarFilterForm(forms.Form):
    q = forms.CharField(
        label=pgettext_lazy("listing filters", "Search"), required=False, max_length=100
    )
    library = BoundedModelChoiceField(
        label=_("Library"), required=False, queryset=MemberLibraryPage.objects.none()
    )
    city = forms.ChoiceField(label=_("City or country"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *EventKind.choices]
    )
    audience = forms.ChoiceField(
        label=_("Audience"),
        required=False,
        choices=[("", _("Everyone")), *AudienceCode.choices],
    )
    campaign = BoundedModelChoiceField(
        label=_("Campaign"), required=False, queryset=Campaign.objects.none(), to_field_name="slug"
    )
    when = forms.ChoiceField(label=_("When"), required=False, choices=WHEN_CHOICES)
    start = BoundedDateField(
        label=pgettext_lazy("date range", "From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    end = BoundedDateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, locale, **kwargs):
        super().__init__(*args, **kwargs)
        # The locale's libraries, and the source's where a library is not translated.
        libraries = in_locale_or_source(
            public_everywhere(MemberLibraryPage.objects.live()), locale
        ).order_by("level_order", "path")
        self.fields["library"].queryset = libraries
        self.fields["library"].empty_label = _("All libraries")
        cities = dict.fromkeys(libraries.values_list("city", flat=True))
        self.fields["city"].choices = [("", _("All cities and countries"))] + [
            (c, c) for c in cities if c
        ]
        self.fields["campaign"].queryset = in_locale_or_source(Campaign.objects.all(), locale)
        self.fields["campaign"].empty_label = _("All campaigns")

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end of the range is before its start."))
        return data

    def date_range(self, today):
        """(first day, last day) chosen by "when" or the range; None for either bound."""
        when = self.cleaned_data.get("when")
        if when == "today":
            return today, today
        if when == "week":
            monday = today - datetime.timedelta(days=today.weekday())
            return monday, monday + datetime.timedelta(days=6)
        if when == "month":
            first = today.replace(day=1)
            next_month = (first + datetime.timedelta(days=32)).replace(day=1)
            return first, next_month - datetime.timedelta(days=1)
        return self.cleaned_data.get("start"), self.cleaned_data.get("end")

    def audience_object(self):
        code = self.cleaned_data.get("audience")
        return Audience.objects.filter(code=code).first() if code else None


class MonthForm(forms.Form):
    """?month=2026-04 of the month grid: a month of the years the calendar shows."""

    month = forms.RegexField(regex=r"^\s*[0-9]{1,4}-[0-9]{1,2}\s*$", max_length=20)

    def clean_month(self):
        year, month = (int(part) for part in self.cleaned_data["month"].split("-"))
        if not (year_in_range(year) and 1 <= month <= 12):
            # Not shown: the month view says the month is not valid in its own words.
            raise forms.ValidationError(RegexValidator.message, code="invalid")
        return datetime.date(year, month, 1)


def month_links(first):
    """(first day of the previous month, of the next month) around the month starting
    on `first`; None for a month outside the years the calendar shows."""
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return (
        previous if previous.year >= FIRST_YEAR else None,
        following if following.year <= LAST_YEAR else None,
    )
