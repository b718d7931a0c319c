"""The booking engine: public event registration and volunteer shift sign-up.

Places are counted per session *uid*: a session's rows in every language share the uid
(sessions are synchronised to translations), so a booking made on the Thai page and one
made on the Chinese page take places from the same capacity. Each uid has one
SessionLedger row; every change locks it (SELECT … FOR UPDATE on PostgreSQL; on SQLite
the IMMEDIATE transactions of the settings serialise writers) and recounts inside the
same transaction, so capacity is never exceeded however many requests race.
"""

import logging
import re
import secrets

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.exceptions import ObjectDoesNotExist
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Sum
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from alliance_site.dates import local_datetime
from alliance_site.public import alliance_name, public_url
from translations.visitor import on_language_site

from .models import (
    CLOSED,
    HOLDING,
    Booking,
    BookingStatus,
    EventSession,
    RegistrationMode,
    SessionLedger,
)

logger = logging.getLogger(__name__)

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
CANCEL_SALT = "events.booking.cancel"


class BookingRefused(Exception):
    """The booking cannot be made or changed; the message is shown to the person."""


def new_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


# What can be a check-in code (Booking.code: at most 12 letters and digits).
CODE_PATTERN = re.compile(r"[A-Z0-9]{1,12}")


def normalised_code(value):
    """A check-in code as typed or sent (any case, spaces around it), or None when it
    cannot be one: nothing else reaches the database (PostgreSQL refuses a NUL)."""
    code = (value or "").strip().upper()
    return code if CODE_PATTERN.fullmatch(code) else None


def live_session(uid):
    """The session's row on a live page (any language; they are synchronised), with its
    page, or None."""
    return (
        EventSession.objects.filter(uid=uid, page__live=True)
        .select_related("page")
        .order_by("page__locale_id", "pk")
        .first()
    )


def ledger_for(uid):
    """The session's ledger, locked for the rest of the transaction."""
    # get_or_create survives a concurrent creation (it retries the get after the
    # IntegrityError, inside a savepoint).
    SessionLedger.objects.get_or_create(uid=uid)
    return SessionLedger.objects.select_for_update().get(uid=uid)


def recount(ledger):
    """Recount the places from the bookings themselves (the ledger's figures are a cache
    for pages; the bookings are the truth)."""
    active = Booking.objects.filter(session_uid=ledger.uid)
    ledger.confirmed = places_taken(ledger.uid)
    ledger.waitlisted = (
        active.filter(status=BookingStatus.WAITLISTED).aggregate(n=Sum("party_size"))["n"] or 0
    )
    ledger.version += 1
    ledger.save(update_fields=["confirmed", "waitlisted", "version", "updated_at"])
    return ledger


def places_taken(uid):
    """Places held on the session: confirmed registrations and those waiting for the
    library's approval."""
    return (
        Booking.objects.filter(session_uid=uid, status__in=HOLDING).aggregate(n=Sum("party_size"))[
            "n"
        ]
        or 0
    )


def needs_approval(page):
    return bool(getattr(page, "requires_approval", False))


def check_open(session, event, now=None):
    """Raise BookingRefused unless the session takes bookings now."""
    now = now or timezone.now()
    if event.registration_mode != RegistrationMode.ONLINE:
        raise BookingRefused(_("This event does not take registrations on this site."))
    if event.is_cancelled:
        raise BookingRefused(_("This event is cancelled."))
    if session.start <= now:
        raise BookingRefused(_("This session has already started."))
    if session.registration_opens and now < session.registration_opens:
        raise BookingRefused(
            _("Registration opens on %(when)s.")
            % {"when": local_datetime(session.registration_opens, tz=event.zone)}
        )
    if session.registration_closes and now >= session.registration_closes:
        raise BookingRefused(_("Registration for this session has closed."))


def book(user, uid, party_size=1, language=None):
    """Book places on the session for the user: confirmed while places last, then on the
    waitlist if the session has one. A second request for the same session returns the
    booking already made (a double-submitted form books once). Returns (booking, created)."""
    if not user.is_authenticated:
        raise BookingRefused(_("Sign in to register."))
    session = live_session(uid)
    if session is None:
        raise BookingRefused(_("This session is no longer on offer."))
    # Someone already booked is told so, even once registration has closed (the check
    # is made again under the lock below).
    booking = active_booking(user, uid)
    if booking is not None:
        return booking, False
    event = session.page.specific
    check_open(session, event)
    if party_size < 1 or party_size > session.max_party_size:
        raise BookingRefused(
            _("You can book for at most %(count)s people at a time.")
            % {"count": session.max_party_size}
        )
    with transaction.atomic():
        ledger = ledger_for(uid)
        booking = active_booking(user, uid)
        if booking is not None:
            return booking, False
        taken = places_taken(uid)
        if session.capacity is None or taken + party_size <= session.capacity:
            status = BookingStatus.PENDING if needs_approval(event) else BookingStatus.CONFIRMED
        elif session.waitlist:
            status = BookingStatus.WAITLISTED
        else:
            raise BookingRefused(_("This session is full."))
        booking = Booking.objects.create(
            session_uid=uid,
            event=event,
            user=user,
            party_size=party_size,
            status=status,
            code=unique_code(),
            language=language or translation.get_language() or settings.LANGUAGE_CODE,
        )
        recount(ledger)
        transaction.on_commit(lambda: send_booking_mail(booking, "booked"))
    return booking, True


def active_booking(user, uid):
    return Booking.objects.filter(session_uid=uid, user=user).exclude(status__in=CLOSED).first()


def outcome_messages(booking, created):
    """[(message level, text)] telling the person what their request came to: one
    message for each outcome (an existing booking adds where it stands)."""
    if not created:
        already = [(messages.INFO, _("You are already registered for this session."))]
        if booking.status == BookingStatus.PENDING:
            return [
                *already,
                (messages.INFO, _("You signed up; the library will confirm your place.")),
            ]
        if booking.status == BookingStatus.WAITLISTED:
            return [*already, (messages.INFO, _("You are on the waitlist."))]
        return already
    if booking.status == BookingStatus.CONFIRMED:
        text = _("You are registered. Your check-in code is %(code)s; we sent it by e-mail.")
        return [(messages.SUCCESS, text % {"code": booking.code})]
    if booking.status == BookingStatus.PENDING:
        return [(messages.SUCCESS, _("You signed up; the library will confirm your place."))]
    text = _("The session is full: you are on the waitlist. We will write if a place frees up.")
    return [(messages.WARNING, text)]


def unique_code():
    for _attempt in range(10):
        code = new_code()
        if not Booking.objects.filter(code=code).exists():
            return code
    raise RuntimeError("could not find a free check-in code")


def cancel(booking, by=None):
    """Cancel the booking, free its places and promote the waitlist in order."""
    with transaction.atomic():
        ledger = ledger_for(booking.session_uid)
        booking = Booking.objects.get(pk=booking.pk)
        if booking.status in CLOSED:
            raise BookingRefused(_("This registration was already cancelled."))
        session = live_session(booking.session_uid)
        if booking.attended_at or (session is not None and session.start <= timezone.now()):
            raise BookingRefused(_("This session has already started."))
        booking.status = BookingStatus.CANCELLED
        booking.cancelled_at = timezone.now()
        booking.save(update_fields=["status", "cancelled_at", "updated_at"])
        promoted = promote_waitlist(booking.session_uid, session)
        recount(ledger)
        transaction.on_commit(lambda: send_booking_mail(booking, "cancelled"))
        for other in promoted:
            transaction.on_commit(lambda other=other: send_booking_mail(other, "promoted"))
    return booking, promoted


def promote_waitlist(uid, session):
    """Confirm waitlisted bookings, first come first served, while they fit. Call with
    the ledger locked."""
    if session is None:
        return []
    taken = places_taken(uid)
    status = (
        BookingStatus.PENDING if needs_approval(session.page.specific) else BookingStatus.CONFIRMED
    )
    promoted = []
    waiting = Booking.objects.filter(session_uid=uid, status=BookingStatus.WAITLISTED).order_by(
        "created_at", "pk"
    )
    for candidate in waiting:
        if session.capacity is not None and taken + candidate.party_size > session.capacity:
            continue  # a smaller party further down the list may still fit
        candidate.status = status
        candidate.promoted_at = timezone.now()
        candidate.save(update_fields=["status", "promoted_at", "updated_at"])
        taken += candidate.party_size
        promoted.append(candidate)
    return promoted


def promote(booking, by=None):
    """Staff move someone from the waitlist by hand (even beyond capacity: staff decide)."""
    with transaction.atomic():
        ledger = ledger_for(booking.session_uid)
        booking = Booking.objects.get(pk=booking.pk)
        if booking.status != BookingStatus.WAITLISTED:
            raise BookingRefused(_("Only someone on the waitlist can be moved up."))
        booking.status = BookingStatus.CONFIRMED
        booking.promoted_at = timezone.now()
        booking.save(update_fields=["status", "promoted_at", "updated_at"])
        recount(ledger)
        transaction.on_commit(lambda: send_booking_mail(booking, "promoted"))
    return booking


def approve(booking, by=None):
    """The library approves a sign-up that waited for approval (it already held its
    places)."""
    with transaction.atomic():
        ledger = ledger_for(booking.session_uid)
        booking = Booking.objects.get(pk=booking.pk)
        if booking.status != BookingStatus.PENDING:
            raise BookingRefused(_("Only a sign-up waiting for approval can be approved."))
        booking.status = BookingStatus.CONFIRMED
        booking.save(update_fields=["status", "updated_at"])
        recount(ledger)
        transaction.on_commit(lambda: send_booking_mail(booking, "approved"))
    return booking


def decline(booking, by=None):
    """The library declines a sign-up waiting for approval; its places go to the
    waitlist."""
    with transaction.atomic():
        ledger = ledger_for(booking.session_uid)
        booking = Booking.objects.get(pk=booking.pk)
        if booking.status != BookingStatus.PENDING:
            raise BookingRefused(_("Only a sign-up waiting for approval can be declined."))
        booking.status = BookingStatus.DECLINED
        booking.cancelled_at = timezone.now()
        booking.save(update_fields=["status", "cancelled_at", "updated_at"])
        promoted = promote_waitlist(booking.session_uid, live_session(booking.session_uid))
        recount(ledger)
        transaction.on_commit(lambda: send_booking_mail(booking, "declined"))
        for other in promoted:
            transaction.on_commit(lambda other=other: send_booking_mail(other, "promoted"))
    return booking


def cancel_token(booking):
    return signing.dumps(booking.pk, salt=CANCEL_SALT)


def booking_from_token(token):
    try:
        pk = signing.loads(token, salt=CANCEL_SALT)
    except signing.BadSignature:
        return None
    return Booking.objects.filter(pk=pk).select_related("event", "user").first()


def send_booking_mail(booking, kind):
    """booked / promoted / cancelled / reminder: one e-mail in the language the person
    booked in, with the cancel link and the check-in code."""
    try:
        user = booking.user
    except ObjectDoesNotExist:  # the account was deleted in the meantime
        return
    if user is None or not user.email:
        return
    session = live_session(booking.session_uid)
    with on_language_site(booking.language or settings.LANGUAGE_CODE):
        cancel_url = public_url(reverse("booking_cancel", args=[cancel_token(booking)]))
        event = booking.event.specific if booking.event_id else None
        event_url = public_url(event) if event else ""
        context = {
            "booking": booking,
            "session": session,
            "event": event,
            "user": user,
            "cancel_url": cancel_url,
            "event_url": event_url,
            "kind": kind,
            "alliance_name": alliance_name(),
        }
        subject = render_to_string("events/email/booking_subject.txt", context).strip()
        body = render_to_string("events/email/booking.txt", context)
    message = EmailMultiAlternatives(subject, body, None, [user.email])
    if kind in ("booked", "promoted", "reminder") and booking.status == BookingStatus.CONFIRMED:
        message.attach(f"check-in-{booking.code}.png", qr_png(check_in_url(booking)), "image/png")
    message.send()


def check_in_url(booking):
    """What the check-in QR code holds: the staff check-in page for this code (staff scan
    it with a phone; anyone else sees a page that asks them to sign in)."""
    return public_url(reverse("event_registrations:check_in") + f"?code={booking.code}")


def qr_png(text):
    import io

    import segno

    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="png", scale=8, border=2)
    return buffer.getvalue()
