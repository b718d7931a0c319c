"""Alliance statistics: per member library and year, the activities (by kind), their
sessions, registrations, attendance and the people turned away from full sessions, the
volunteers who served and their verified hours, against the plan's target of 30
reading-promotion activities per library per year.

Everything is aggregated in the database, grouped by the library's path prefix: a fixed
number of queries whatever the number of libraries, activities or bookings.

An activity is a live, not cancelled event page (reading activity, lecture, exhibition)
of the source language whose first session starts in the year; its sessions, bookings
and attendance count for that year. Places are counted (a booking for three people is
three). Turned away: places still on a waitlist when the event was over.
"""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractMonth, Substr
from django.utils import timezone
from wagtail.models import Locale

from events.models import Booking, BookingStatus, EventPage, EventSession, EventStatus

from .models import RecordStatus, ServiceRecord

#: The plan's target: reading-promotion activities per library per year.
TARGET_ACTIVITIES = 30


@dataclass
class LibraryFigures:
    library: object
    kinds: Counter = field(default_factory=Counter)
    months: Counter = field(default_factory=Counter)
    sessions: int = 0
    registrations: int = 0
    attendance: int = 0
    turned_away: int = 0
    volunteers: int = 0
    hours: Decimal = Decimal(0)

    @property
    def activities(self):
        return sum(self.kinds.values())

    @property
    def progress(self):
        """Share of the target reached, in per cent (may pass 100)."""
        return round(100 * self.activities / TARGET_ACTIVITIES)

    @property
    def meets_target(self):
        return self.activities >= TARGET_ACTIVITIES


def activities(year):
    """The year's activities of every library (source language)."""
    return EventPage.objects.filter(
        locale=Locale.get_default(), live=True, first_start__year=year
    ).exclude(status=EventStatus.CANCELLED)


def _prefix(expression, length):
    return Substr(expression, 1, length)


def library_figures(year, libraries):
    """[LibraryFigures] for these member library pages (source language), in their order."""
    figures = {library.path: LibraryFigures(library) for library in libraries}
    keys = {library.translation_key: library.path for library in libraries}
    year_activities = activities(year)
    now = timezone.now()
    for length in sorted({len(path) for path in figures}):
        rows = (
            year_activities.annotate(
                section=_prefix("path", length), month=ExtractMonth("first_start")
            )
            .values("section", "kind", "month")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for row in rows:
            if row["section"] in figures:
                figures[row["section"]].kinds[row["kind"]] += row["n"]
                figures[row["section"]].months[row["month"]] += row["n"]
        rows = (
            EventSession.objects.filter(page_id__in=year_activities.values("pk"))
            .annotate(section=_prefix("page__path", length))
            .values("section")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for row in rows:
            if row["section"] in figures:
                figures[row["section"]].sessions = row["n"]
        rows = (
            Booking.objects.filter(event_id__in=year_activities.values("pk"))
            .annotate(section=_prefix("event__path", length))
            .values("section")
            .annotate(
                registrations=Sum("party_size", filter=Q(status=BookingStatus.CONFIRMED)),
                attendance=Sum("party_size", filter=Q(attended_at__isnull=False)),
                turned_away=Sum(
                    "party_size",
                    filter=Q(status=BookingStatus.WAITLISTED, event__eventpage__last_end__lt=now),
                ),
            )
            .order_by()
        )
        for row in rows:
            if row["section"] in figures:
                target = figures[row["section"]]
                target.registrations = row["registrations"] or 0
                target.attendance = row["attendance"] or 0
                target.turned_away = row["turned_away"] or 0
    rows = (
        ServiceRecord.objects.filter(
            status=RecordStatus.VERIFIED, date__year=year, library_key__in=list(keys)
        )
        .values("library_key")
        .annotate(hours=Sum("hours"), volunteers=Count("user", distinct=True))
        .order_by()
    )
    for row in rows:
        target = figures[keys[row["library_key"]]]
        target.hours = row["hours"] or Decimal(0)
        target.volunteers = row["volunteers"]
    return [figures[library.path] for library in libraries]


def distinct_volunteers(year, libraries):
    """People who served any of these libraries in the year, each counted once."""
    return (
        ServiceRecord.objects.filter(
            status=RecordStatus.VERIFIED,
            date__year=year,
            library_key__in=[library.translation_key for library in libraries],
        )
        .values("user")
        .distinct()
        .count()
    )


def totals(figures, year=None):
    """The same figures summed over the libraries; with ``year``, volunteers who served
    several of them count once (one more query)."""
    total = LibraryFigures(library=None)
    for row in figures:
        total.kinds.update(row.kinds)
        total.months.update(row.months)
        for name in ("sessions", "registrations", "attendance", "turned_away", "volunteers"):
            setattr(total, name, getattr(total, name) + getattr(row, name))
        total.hours += row.hours
    if year is not None and figures:
        total.volunteers = distinct_volunteers(year, [row.library for row in figures])
    return total


def at_a_glance(year):
    """The alliance's figures for the public home page: member libraries, the year's
    activities, the volunteers who served and their verified hours (four queries)."""
    from home.models import MemberLibraryPage

    default = Locale.get_default()
    service = ServiceRecord.objects.filter(status=RecordStatus.VERIFIED, date__year=year)
    figures = service.aggregate(volunteers=Count("user", distinct=True), hours=Sum("hours"))
    return {
        "year": year,
        "libraries": MemberLibraryPage.objects.filter(locale=default, live=True).count(),
        "activities": activities(year).count(),
        "volunteers": figures["volunteers"] or 0,
        "hours": figures["hours"] or Decimal(0),
    }


def member_libraries(user):
    """The member library pages (source language) whose figures ``user`` may read:
    every one for administrators, their own for library staff; None for anyone else."""
    from events.admin_views import staff_library_keys
    from home.models import MemberLibraryPage

    libraries = MemberLibraryPage.objects.filter(locale=Locale.get_default()).order_by(
        "level_order", "path"
    )
    if not user.is_superuser:
        keys = staff_library_keys(user)
        if not keys:
            return None
        libraries = libraries.filter(translation_key__in=keys)
    return list(libraries.only("id", "title", "path", "translation_key", "level", "city"))
