"""Public booking views that are not page routes: the cancel link from the e-mails."""

from django.contrib import messages
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import booking as engine
from .models import BookingStatus


@require_http_methods(["GET", "POST"])
def cancel_booking(request, token):
    """The cancel link of the e-mails: a confirmation page (GET never changes anything,
    so mail scanners that follow links cancel nothing), then the cancellation (POST)."""
    booking = engine.booking_from_token(token)
    if booking is None:
        return render(request, "events/booking_cancel.html", {"invalid": True}, status=404)
    session = engine.live_session(booking.session_uid)
    if request.method == "POST":
        try:
            engine.cancel(booking)
        except engine.BookingRefused as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("Your registration is cancelled. Thank you for telling us.")
            )
        booking.refresh_from_db()
    return render(
        request,
        "events/booking_cancel.html",
        {
            "booking": booking,
            "session": session,
            "event": booking.event.specific if booking.event_id else None,
            "cancelled": booking.status == BookingStatus.CANCELLED,
        },
    )
