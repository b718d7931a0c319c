import itertools

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.forms import WagtailAdminPageForm

from alliance_site.bounds import BoundedModelChoiceField


def live_rows(formset):
    """(form, cleaned_data) of the rows that are valid and not deleted. The page form is
    cleaned before its formsets, so validate the formset first (the result is cached)."""
    formset.is_valid()
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None)
        if data and not data.get("DELETE"):
            yield form, data


class ExhibitionPageForm(WagtailAdminPageForm):
    """Checks across the page and its inline rows, with errors keyed to the row's field:
    sessions (opening, guided tours) inside the exhibition's dates, tour stops that
    don't overlap."""

    def clean(self):
        cleaned = super().clean()
        opening, closing = cleaned.get("opening_date"), cleaned.get("closing_date")
        if opening and closing and closing < opening:
            self.add_error("closing_date", _("The exhibition cannot close before it opens."))
            return cleaned
        sessions = self.formsets.get("event_sessions")
        if sessions is not None and opening and closing:
            zone = self.instance.zone
            for form, data in live_rows(sessions):
                start, end = data.get("start"), data.get("end")
                if start and start.astimezone(zone).date() < opening:
                    form.add_error("start", _("This session is before the exhibition opens."))
                if end and end.astimezone(zone).date() > closing:
                    form.add_error("end", _("This session is after the exhibition closes."))
        stops = self.formsets.get("tour_stops")
        if stops is not None:
            rows = sorted(
                (
                    (data["starts_on"], data["ends_on"], form)
                    for form, data in live_rows(stops)
                    if data.get("starts_on") and data.get("ends_on")
                ),
                key=lambda row: row[0],
            )
            for (_start, previous_end, _form), (start, _end, form) in itertools.pairwise(rows):
                if start <= previous_end:
                    form.add_error(
                        "starts_on", _("This stop overlaps the previous stop of the tour.")
                    )
        return cleaned


class HostingRequestForm(forms.Form):
    """A moderator asks to host another library's touring exhibition."""

    # Ids too large for SQLite's integers are invalid choices, not a server error.
    exhibition = BoundedModelChoiceField(queryset=None, label=_("Exhibition"))
    host = BoundedModelChoiceField(queryset=None, label=_("Host it at"))
    starts_on = forms.DateField(
        label=pgettext_lazy("date range", "From"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(label=_("Until"), widget=forms.DateInput(attrs={"type": "date"}))
    message = forms.CharField(
        label=_("Message to the exhibition's library"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Where you would show it, how you would transport it, whom to contact."),
    )

    max_days = 366

    def __init__(self, *args, user, **kwargs):
        from .hosting import host_choices, requestable_exhibitions

        super().__init__(*args, **kwargs)
        self.fields["exhibition"].queryset = requestable_exhibitions(user)
        self.fields["exhibition"].label_from_instance = lambda page: (
            f"{page.title} · {page.library.title if page.library else ''}"
        )
        hosts = host_choices(user)
        self.fields["host"].queryset = hosts
        if not self.is_bound and len(hosts[:2]) == 1:
            self.initial.setdefault("host", hosts[0].pk)

    def clean(self):
        from .hosting import overlapping_stop

        cleaned = super().clean()
        exhibition, host = cleaned.get("exhibition"), cleaned.get("host")
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and starts_on < timezone.localdate():
            self.add_error("starts_on", _("Choose a date from today on."))
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The stay cannot end before it starts."))
        elif starts_on and ends_on and (ends_on - starts_on).days >= self.max_days:
            self.add_error("ends_on", _("A stay can last a year at most."))
        own = exhibition and host and exhibition.library_id
        if own and exhibition.library.translation_key == host.translation_key:
            self.add_error("host", _("This is the exhibition's own library."))
        if exhibition and starts_on and ends_on and not self.errors:
            stop = overlapping_stop(exhibition, starts_on, ends_on)
            if stop is not None:
                self.add_error(
                    "starts_on",
                    _("The exhibition is at %(host)s from %(start)s to %(end)s.")
                    % {"host": stop.host.title, "start": stop.starts_on, "end": stop.ends_on},
                )
        return cleaned


class HostingAnswerForm(forms.Form):
    response = forms.CharField(
        label=_("Answer (sent to the requesting library)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
