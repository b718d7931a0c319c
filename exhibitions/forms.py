import itertools

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


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
