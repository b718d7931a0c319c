"""Admin report: alliance statistics per library and year (Reports → Alliance statistics).
Administrators see every library, library staff their own; CSV and XLSX downloads."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from alliance_site.exports import table_response
from events.models import EventKind
from home.models import LibraryLevel

from . import charts
from .statistics import TARGET_ACTIVITIES, library_figures, member_libraries, totals

FIRST_YEAR = 2020


def year_choices():
    this_year = timezone.localdate().year
    return [(year, str(year)) for year in range(this_year + 1, FIRST_YEAR - 1, -1)]


class StatisticsFilter(forms.Form):
    year = forms.TypedChoiceField(label=gettext_lazy("Year"), coerce=int, choices=year_choices)
    level = forms.ChoiceField(
        label=gettext_lazy("Level"),
        required=False,
        choices=[("", gettext_lazy("All levels")), *LibraryLevel.choices],
    )
    city = forms.ChoiceField(label=gettext_lazy("City or country"), required=False)

    def __init__(self, *args, cities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].choices = [("", _("All cities")), *((c, c) for c in cities)]


def statistics(request):
    readable = member_libraries(request.user)
    if readable is None:
        raise PermissionDenied
    cities = sorted({library.city for library in readable if library.city})
    this_year = timezone.localdate().year
    data = {"year": this_year, **request.GET.dict()} if request.GET else {"year": this_year}
    form = StatisticsFilter(data, cities=cities)
    if form.is_valid():
        year, level, city = (form.cleaned_data[name] for name in ("year", "level", "city"))
    else:
        year, level, city = this_year, "", ""
    libraries = [
        library
        for library in readable
        if (not level or library.level == level) and (not city or library.city == city)
    ]
    figures = library_figures(year, libraries)
    total = totals(figures, year)
    kinds = [(value, label) for value, label in EventKind.choices if total.kinds[value]]

    fmt = request.GET.get("format")
    if fmt in ("csv", "xlsx"):
        return export(figures, kinds, year, fmt)

    context = {
        "form": form,
        "year": year,
        "figures": figures,
        "rows": [(row, [row.kinds[value] for value, _label in kinds]) for row in figures],
        "total": total,
        "kinds": kinds,
        "target": TARGET_ACTIVITIES,
        "months": [(month, total.months[month]) for month in range(1, 13)],
        "query": request.GET.urlencode(),
    }
    if figures:
        context["library_chart"] = charts.bar_chart(
            "activities-per-library",
            _("Activities per library, %(year)s") % {"year": year},
            _("One bar per library; the line marks the target of %(target)s activities.")
            % {"target": TARGET_ACTIVITIES},
            [(row.library.title, row.activities) for row in figures],
            target=TARGET_ACTIVITIES,
            target_label=_("target %(target)s") % {"target": TARGET_ACTIVITIES},
        )
        context["month_chart"] = charts.column_chart(
            "activities-per-month",
            _("Activities per month, %(year)s") % {"year": year},
            _("Activities by the month of their first session."),
            [(str(month), count) for month, count in context["months"]],
        )
    return TemplateResponse(request, "volunteers/statistics.html", context)


def export(figures, kinds, year, fmt):
    headings = [
        _("Library"),
        _("Level"),
        _("City or country"),
        _("Activities"),
        *(label for _value, label in kinds),
        pgettext("statistics", "Target"),
        pgettext("event session", "Sessions"),
        _("Registrations"),
        _("Attendance"),
        _("Turned away"),
        _("Volunteers"),
        _("Verified hours"),
    ]
    levels = dict(LibraryLevel.choices)
    rows = [
        [
            row.library.title,
            str(levels.get(row.library.level, row.library.level)),
            row.library.city,
            row.activities,
            *(row.kinds[value] for value, _label in kinds),
            TARGET_ACTIVITIES,
            row.sessions,
            row.registrations,
            row.attendance,
            row.turned_away,
            row.volunteers,
            float(row.hours),
        ]
        for row in figures
    ]
    return table_response(f"alliance-statistics-{year}", _("Statistics"), headings, rows, fmt)


def can_read_statistics(user):
    """Administrators and library staff (the menu asks on every admin page: no list)."""
    from events.admin_views import can_manage_registrations

    return can_manage_registrations(user)
