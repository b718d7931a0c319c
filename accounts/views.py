"""My account: upcoming registrations and shifts (with cancel), history, verified hours
and stars, the certificate, the volunteer profile, an export of all my data, and
deleting the account."""

import contextlib
import json

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from alliance_site.exports import content_disposition
from events import booking as engine
from events.models import CLOSED, Booking, EventSession
from volunteers import service
from volunteers.models import (
    Certificate,
    ServiceRecord,
    VolunteerProfile,
    VolunteerProjectPage,
    next_star,
)
from volunteers.service import pages_in_locale
from volunteers.views import current_locale


def sessions_by_uid(bookings):
    uids = {booking.session_uid for booking in bookings}
    sessions = {}
    for session in EventSession.objects.filter(uid__in=uids).order_by("page__locale_id", "pk"):
        sessions.setdefault(session.uid, session)
    return sessions


@login_required
def overview(request):
    user = request.user
    bookings = list(
        Booking.objects.filter(user=user).select_related("event").order_by("-created_at")[:200]
    )
    sessions = sessions_by_uid(bookings)
    locale = current_locale()
    pages = pages_in_locale([booking.event for booking in bookings if booking.event_id], locale)
    now = timezone.now()
    upcoming, history = [], []
    for booking in bookings:
        session = sessions.get(booking.session_uid)
        page = pages.get(booking.event_id)
        row = {
            "booking": booking,
            "session": session,
            "page": page,
            "is_shift": isinstance(page, VolunteerProjectPage),
            "cancel_token": engine.cancel_token(booking),
        }
        if session is not None and session.end >= now and booking.status not in CLOSED:
            upcoming.append(row)
        else:
            history.append(row)
    upcoming.sort(key=lambda row: row["session"].start)
    history.sort(
        key=lambda row: row["session"].start if row["session"] else row["booking"].created_at,
        reverse=True,
    )
    summary = service.service_summary(user, locale)
    return render(
        request,
        "accounts/overview.html",
        {
            "upcoming": upcoming,
            "history": history[:50],
            "summary": summary,
            "next_star": next_star(summary["hours"]),
            "profile": VolunteerProfile.objects.filter(user=user).first(),
            "records": ServiceRecord.objects.filter(user=user).select_related("project")[:50],
        },
    )


@login_required
def export(request):
    """Everything the site holds about me, as JSON."""
    user = request.user
    profile = VolunteerProfile.objects.filter(user=user).values().first()
    data = {
        "account": {
            "username": user.get_username(),
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
        },
        "email_addresses": list(user.emailaddress_set.values("email", "verified", "primary")),
        "volunteer_profile": profile,
        "registrations": [
            {
                "event": booking.event.title if booking.event_id else None,
                "session": str(booking.session_uid),
                "places": booking.party_size,
                "status": booking.status,
                "check_in_code": booking.code,
                "registered_at": booking.created_at,
                "cancelled_at": booking.cancelled_at,
                "attended_at": booking.attended_at,
            }
            for booking in Booking.objects.filter(user=user).select_related("event")
        ],
        "service_records": list(
            ServiceRecord.objects.filter(user=user).values(
                "date",
                "hours",
                "description",
                "off_site",
                "status",
                "rating",
                "comment",
                "project__title",
            )
        ),
        "certificates": list(
            Certificate.objects.filter(user=user).values(
                "code", "name", "hours", "stars", "projects", "libraries", "issued_on"
            )
        ),
    }
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = content_disposition("my-data.json")
    response["Cache-Control"] = "private, no-store"
    return response


class DeleteForm(forms.Form):
    confirm = forms.CharField(label=gettext_lazy("Type your user name to confirm"), max_length=150)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_confirm(self):
        value = self.cleaned_data["confirm"].strip()
        if value != self.user.get_username():
            raise forms.ValidationError(_("That is not your user name."))
        return value


@login_required
@require_http_methods(["GET", "POST"])
def delete(request):
    """Delete the account and the personal data; libraries keep anonymous figures
    (registrations and hours without a person)."""
    user = request.user
    form = DeleteForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        delete_account(user)
        logout(request)
        # In the language the visitor was using (the URL's prefix): its home page, not "/",
        # which would follow the browser's language instead.
        messages.success(request, _("Your account and your personal data are deleted."))
        return redirect("wagtail_serve", "")
    return render(request, "accounts/delete.html", {"form": form})


def delete_account(user):
    with transaction.atomic():
        # Upcoming registrations are cancelled first, so that the places go to others.
        now = timezone.now()
        active = Booking.objects.filter(user=user).exclude(status__in=CLOSED)
        sessions = sessions_by_uid(active)
        for booking in active:
            session = sessions.get(booking.session_uid)
            if session is not None and session.start > now:
                with contextlib.suppress(engine.BookingRefused):
                    engine.cancel(booking)
        Booking.objects.filter(user=user).update(user=None)
        ServiceRecord.objects.filter(user=user).update(
            user=None, description="", comment="", hours_reason=""
        )
        Certificate.objects.filter(user=user).delete()
        VolunteerProfile.objects.filter(user=user).delete()
        user.delete()
