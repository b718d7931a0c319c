"""Staff side of volunteering, scoped like registrations to the user's libraries:
approving sign-ups, confirming attendance and hours after a shift (with a rating and a
comment the volunteer reads), and verifying hours volunteers logged off-site."""

import decimal

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from wagtail.log_actions import log

from events import booking as engine
from events.admin_views import (
    display_name,
    require_staff,
    session_or_404,
    staff_library_keys,
)
from events.models import Booking, BookingStatus

from .models import RecordStatus, ServiceRecord, VolunteerProjectPage

RATINGS = [("", "—")] + [(str(n), "★" * n) for n in range(1, 6)]


class HoursRowForm(forms.Form):
    attended = forms.BooleanField(label=gettext_lazy("Attended"), required=False)
    hours = forms.DecimalField(
        label=gettext_lazy("Hours"),
        max_digits=5,
        decimal_places=1,
        min_value=decimal.Decimal("0.5"),
        max_value=24,
        required=False,
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason for other hours"), max_length=300, required=False
    )
    rating = forms.TypedChoiceField(
        label=gettext_lazy("Rating"),
        choices=RATINGS,
        coerce=int,
        empty_value=None,
        required=False,
    )
    comment = forms.CharField(
        label=gettext_lazy("Comment for the volunteer"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, credit, **kwargs):
        super().__init__(*args, **kwargs)
        self.credit = credit

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("attended"):
            return cleaned
        hours = cleaned.get("hours")
        if hours is None:
            if self.credit is None:
                self.add_error("hours", _("Give the hours served."))
            else:
                cleaned["hours"] = self.credit
        elif self.credit is not None and hours != self.credit and not cleaned.get("reason"):
            self.add_error(
                "reason",
                _("The shift credits %(hours)s hours; say why this volunteer gets other hours.")
                % {"hours": self.credit},
            )
        return cleaned


def project_of(session):
    page = session.page.specific
    if not isinstance(page, VolunteerProjectPage):
        raise Http404
    return page


@require_http_methods(["GET", "POST"])
def shift_hours(request, uid):
    """After a shift: attendance, hours (the shift's credit unless a reason is given), a
    rating and a comment, per volunteer; saving verifies the hours."""
    require_staff(request)
    session = session_or_404(request.user, uid)
    project = project_of(session)
    bookings = list(
        Booking.objects.filter(session_uid=session.uid, status=BookingStatus.CONFIRMED)
        .select_related("user", "service_record")
        .order_by("created_at")
    )
    rows = []
    for booking in bookings:
        record = getattr(booking, "service_record", None)
        initial = {
            "attended": bool(booking.attended_at)
            or (record is not None and record.status == RecordStatus.VERIFIED),
            "hours": record.hours if record else session.hours_credit,
            "reason": record.hours_reason if record else "",
            "rating": record.rating if record else None,
            "comment": record.comment if record else "",
        }
        form = HoursRowForm(
            request.POST or None,
            prefix=f"b{booking.pk}",
            initial=initial,
            credit=session.hours_credit,
        )
        rows.append((booking, form))
    not_yet = session.start > timezone.now()
    if request.method == "POST" and not_yet:
        messages.error(
            request, _("Attendance and hours can be confirmed once the shift has begun.")
        )
    elif request.method == "POST":
        if all(form.is_valid() for _booking, form in rows):
            save_hours(request.user, session, project, rows)
            log(instance=project, action="volunteers.hours.confirm", user=request.user)
            messages.success(request, _("Attendance and hours saved."))
            return redirect("volunteer_admin:shift_hours", session.uid)
        messages.error(request, _("Some rows need attention; nothing was saved."))
    return TemplateResponse(
        request,
        "volunteers/admin/shift_hours.html",
        {"session": session, "project": project, "rows": rows, "not_yet": not_yet},
    )


def save_hours(user, session, project, rows):
    now = timezone.now()
    day = timezone.localtime(session.start, project.zone).date()
    with transaction.atomic():
        for booking, form in rows:
            data = form.cleaned_data
            if data["attended"]:
                Booking.objects.filter(pk=booking.pk, attended_at__isnull=True).update(
                    attended_at=now
                )
                ServiceRecord.objects.update_or_create(
                    booking=booking,
                    defaults={
                        "user": booking.user,
                        "project": project,
                        "library_key": project.library.translation_key,
                        "date": day,
                        "hours": data["hours"],
                        "hours_reason": data["reason"]
                        if data["hours"] != session.hours_credit
                        else "",
                        "rating": data["rating"],
                        "comment": data["comment"],
                        "status": RecordStatus.VERIFIED,
                        "reviewed_by": user,
                        "reviewed_at": now,
                    },
                )
            else:
                Booking.objects.filter(pk=booking.pk).update(attended_at=None)
                ServiceRecord.objects.filter(booking=booking).update(
                    status=RecordStatus.REJECTED, reviewed_by=user, reviewed_at=now
                )


@require_http_methods(["POST"])
def approve_sign_up(request, uid):
    """Approve or decline a sign-up that waits for the library's approval."""
    require_staff(request)
    session = session_or_404(request.user, uid)
    project_of(session)
    booking = get_object_or_404(Booking, session_uid=session.uid, pk=request.POST.get("booking"))
    try:
        if request.POST.get("decision") == "approve":
            engine.approve(booking, by=request.user)
            messages.success(
                request, _("%(name)s is approved and was told.") % {"name": display_name(booking)}
            )
        elif request.POST.get("decision") == "decline":
            engine.decline(booking, by=request.user)
            messages.success(
                request, _("%(name)s was declined and told.") % {"name": display_name(booking)}
            )
        else:
            raise PermissionDenied
    except engine.BookingRefused as error:
        messages.error(request, str(error))
    return redirect("event_registrations:session", session.uid)


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("Comment for the volunteer"), max_length=1000, required=False
    )


def off_site_records(user):
    records = ServiceRecord.objects.filter(off_site=True).select_related("user")
    if not user.is_superuser:
        records = records.filter(library_key__in=staff_library_keys(user))
    return records


@require_http_methods(["GET", "POST"])
def off_site_hours(request):
    """Hours volunteers logged off-site for the user's libraries, to verify or reject."""
    require_staff(request)
    records = off_site_records(request.user)
    if request.method == "POST":
        record = get_object_or_404(
            records.filter(status=RecordStatus.PENDING), pk=request.POST.get("record")
        )
        decision = request.POST.get("decision")
        if decision not in ("verify", "reject"):
            raise PermissionDenied
        form = ReviewForm(request.POST)
        form.is_valid()
        record.status = RecordStatus.VERIFIED if decision == "verify" else RecordStatus.REJECTED
        record.comment = form.cleaned_data.get("comment", "")
        record.reviewed_by = request.user
        record.reviewed_at = timezone.now()
        record.save()
        log(instance=record, action=f"volunteers.hours.{decision}", user=request.user)
        messages.success(
            request,
            _("Hours verified.") if decision == "verify" else _("Hours rejected."),
        )
        return redirect("volunteer_admin:off_site")
    return TemplateResponse(
        request,
        "volunteers/admin/off_site.html",
        {
            "pending": records.filter(status=RecordStatus.PENDING).order_by("date"),
            "reviewed": records.exclude(status=RecordStatus.PENDING).order_by("-reviewed_at")[:50],
        },
    )
