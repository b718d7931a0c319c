"""Verified hours, star levels, certificates and honour rolls."""

import decimal
import re
import secrets

from django.db.models import Count, Sum
from django.utils import timezone
from wagtail.models import Page

from home.models import MemberLibraryPage

from .models import Certificate, RecordStatus, ServiceRecord, VolunteerProfile, stars_for

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_PATTERN = re.compile(rf"[{CODE_ALPHABET}]{{4}}-[{CODE_ALPHABET}]{{4}}-[{CODE_ALPHABET}]{{4}}")


def verified(user):
    return ServiceRecord.objects.filter(user=user, status=RecordStatus.VERIFIED)


def verified_hours(user):
    """The sum, to one decimal on every database (SQLite drops the trailing zero)."""
    total = verified(user).aggregate(total=Sum("hours"))["total"] or 0
    return decimal.Decimal(total).quantize(decimal.Decimal("0.1"))


def pages_in_locale(pages, locale):
    """{page id: the specific page in the locale, or else itself}, in a query per page
    type (not one per booking)."""
    keys = {page.translation_key for page in pages}
    translated = {
        page.translation_key: page
        for page in Page.objects.filter(translation_key__in=keys, locale=locale).specific()
    }
    originals = {
        page.pk: page for page in Page.objects.filter(pk__in=[p.pk for p in pages]).specific()
    }
    return {pk: translated.get(page.translation_key, page) for pk, page in originals.items()}


def service_summary(user, locale=None):
    """Hours, stars, and the projects and libraries served, in the visitor's language
    where a translation exists."""
    records = list(verified(user).select_related("project").order_by("date", "pk"))
    hours = verified_hours(user)
    served = [record.project for record in records if record.project_id]
    if locale is not None:
        in_locale = pages_in_locale(served, locale)
        served = [in_locale.get(project.pk, project) for project in served]
    projects = []
    for project in served:
        if project.title not in projects:
            projects.append(project.title)
    keys = {record.library_key for record in records}
    libraries = MemberLibraryPage.objects.filter(translation_key__in=keys)
    names = {}
    for library in libraries:
        if locale is not None and library.locale_id == locale.pk:
            names[library.translation_key] = library.title
        else:
            names.setdefault(library.translation_key, library.title)
    return {
        "hours": hours,
        "stars": stars_for(hours),
        "projects": projects,
        "libraries": sorted(names.values()),
    }


def normalised_code(value):
    """A verification code as typed (any case, spaces around it), or None when it cannot
    be one: nothing else reaches the database (PostgreSQL refuses a NUL character)."""
    code = (value or "").strip().upper()
    return code if CODE_PATTERN.fullmatch(code) else None


def new_code():
    return "-".join("".join(secrets.choice(CODE_ALPHABET) for _ in range(4)) for _ in range(3))


def issue_certificate(user, locale=None):
    """The user's certificate for the current figures: the last one if nothing changed,
    else a new one with a new verification code."""
    profile = VolunteerProfile.objects.filter(user=user).first()
    name = profile.real_name if profile else (user.get_full_name() or user.get_username())
    summary = service_summary(user, locale)
    latest = Certificate.objects.filter(user=user).first()
    if (
        latest
        and latest.hours == summary["hours"]
        and latest.name == name
        and latest.projects == summary["projects"]
        and latest.libraries == summary["libraries"]
    ):
        return latest
    code = new_code()
    while Certificate.objects.filter(code=code).exists():
        code = new_code()
    return Certificate.objects.create(
        user=user,
        code=code,
        name=name,
        hours=summary["hours"],
        stars=summary["stars"],
        projects=summary["projects"],
        libraries=summary["libraries"],
        issued_on=timezone.localdate(),
    )


def honour_roll(year, library_key=None, limit=100):
    """[(name, hours, shifts)] of the volunteers with verified hours that year who agreed
    to be listed, most hours first: aggregated in the database."""
    records = ServiceRecord.objects.filter(
        status=RecordStatus.VERIFIED,
        date__year=year,
        user__volunteer_profile__public_listing=True,
    )
    if library_key is not None:
        records = records.filter(library_key=library_key)
    rows = (
        records.values("user_id", "user__volunteer_profile__real_name")
        .annotate(total=Sum("hours"), shifts=Count("pk"))
        .order_by("-total", "user__volunteer_profile__real_name")[:limit]
    )
    return [
        (row["user__volunteer_profile__real_name"], row["total"], row["shifts"]) for row in rows
    ]
