"""Staff side of registrations in the Wagtail admin, scoped to the libraries whose staff
(editors or moderators) the user is: sessions with their registrations, attendance by
check-in code (typed or scanned) or by ticking, CSV/XLSX export, moving someone up from
the waitlist, and a message to everyone registered."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mass_mail
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext
from django.views.decorators.http import require_http_methods
from wagtail.log_actions import log

from alliance_site.bounds import id_or_none
from alliance_site.exports import table_response
from home.models import MemberLibraryAccess

from . import booking as engine
from .models import Booking, BookingStatus, EventSession, RegistrationMode, SessionLedger


def library_keys(user, *roles):
    """translation_keys of the libraries in whose ``roles`` ("editors", "moderators") the
    user is."""
    if not user.is_active:
        return set()
    accesses = MemberLibraryAccess.objects.filter(archived_at__isnull=True)
    keys = set()
    for role in roles:
        keys |= set(
            accesses.filter(**{f"{role}__user": user}).values_list("translation_key", flat=True)
        )
    return keys


def staff_library_keys(user):
    """translation_keys of the libraries whose editors or moderators the user is."""
    return library_keys(user, "editors", "moderators")


def can_manage_registrations(user):
    return user.is_active and (user.is_superuser or bool(staff_library_keys(user)))


def require_staff(request):
    if not can_manage_registrations(request.user):
        raise PermissionDenied


# Page types whose sessions take registrations: events (when their registration mode
# is "online") and volunteer projects (always), by their table's relation name.
def takes_registrations():
    return Q(page__eventpage__registration_mode=RegistrationMode.ONLINE) | Q(
        page__volunteerprojectpage__isnull=False
    )


def in_libraries(keys):
    return Q(page__eventpage__library__translation_key__in=keys) | Q(
        page__volunteerprojectpage__library__translation_key__in=keys
    )


def registration_sessions(user):
    """Sessions of live pages that take registrations, in the user's libraries."""
    sessions = EventSession.objects.filter(takes_registrations(), page__live=True).select_related(
        "page"
    )
    if not user.is_superuser:
        sessions = sessions.filter(in_libraries(staff_library_keys(user)))
    return sessions


def specific_pages(sessions):
    """{page id: specific page} for the sessions, in one query per page type."""
    from wagtail.models import Page

    ids = {session.page_id for session in sessions}
    return {page.pk: page for page in Page.objects.filter(pk__in=ids).specific()}


def session_or_404(user, uid):
    """The session (its row in the default language first), if the user may see it."""
    session = registration_sessions(user).filter(uid=uid).order_by("page__locale_id").first()
    if session is None:
        raise Http404
    return session


def index(request):
    require_staff(request)
    past = request.GET.get("when") == "past"
    query = request.GET.get("q", "").strip()[:100]
    now = timezone.now()
    sessions = registration_sessions(request.user)
    if query:
        sessions = sessions.filter(page__title__icontains=query)
    sessions = (
        sessions.filter(end__lt=now).order_by("-start")
        if past
        else sessions.filter(end__gte=now).order_by("start")
    )
    seen, rows = set(), []
    for session in sessions.order_by(*sessions.query.order_by, "page__locale_id")[:1000]:
        if session.uid in seen:  # the same session in another language
            continue
        seen.add(session.uid)
        rows.append(session)
    page_obj = Paginator(rows, 50).get_page(request.GET.get("page"))
    ledgers = {
        ledger.uid: ledger
        for ledger in SessionLedger.objects.filter(uid__in=[s.uid for s in page_obj])
    }
    pages = specific_pages(page_obj)
    return TemplateResponse(
        request,
        "events/admin/registrations_index.html",
        {
            "rows": [
                (session, pages.get(session.page_id), ledgers.get(session.uid))
                for session in page_obj
            ],
            "page_obj": page_obj,
            "past": past,
            "query": query,
        },
    )


class CheckInForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("Check-in code"), max_length=20)

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper().replace(" ", "")


@require_http_methods(["GET", "POST"])
def session_detail(request, uid):
    require_staff(request)
    session = session_or_404(request.user, uid)
    event = session.page.specific
    bookings = Booking.objects.filter(session_uid=session.uid).select_related("user")
    status = request.GET.get("status", "")
    if status in BookingStatus.values:
        bookings = bookings.filter(status=status)
    else:
        status = ""
    if request.GET.get("export") in ("csv", "xlsx"):
        return export(bookings, event, session, request.GET["export"])
    check_in_form = CheckInForm(prefix="checkin")
    if request.method == "POST":
        action = "promote" if "promote" in request.POST else request.POST.get("action")
        if action == "check_in":
            check_in_form = CheckInForm(request.POST, prefix="checkin")
            if check_in_form.is_valid():
                booking = bookings.model.objects.filter(
                    session_uid=session.uid, code=check_in_form.cleaned_data["code"]
                ).first()
                if mark_attended(request, booking):
                    return redirect(request.get_full_path())
        elif action == "attendance":
            ticked = {id_or_none(value) for value in request.POST.getlist("attended")} - {None}
            confirmed = Booking.objects.filter(
                session_uid=session.uid, status=BookingStatus.CONFIRMED
            )
            now = timezone.now()
            confirmed.filter(pk__in=ticked, attended_at__isnull=True).update(attended_at=now)
            confirmed.exclude(pk__in=ticked).exclude(attended_at=None).update(attended_at=None)
            log(instance=event, action="events.registrations.attendance", user=request.user)
            messages.success(request, _("Attendance saved."))
            return redirect(request.get_full_path())
        elif action == "promote":
            pk = id_or_none(request.POST.get("promote", ""))
            booking = Booking.objects.filter(session_uid=session.uid, pk=pk).first() if pk else None
            if booking is None:
                raise Http404
            try:
                engine.promote(booking, by=request.user)
            except engine.BookingRefused as error:
                messages.error(request, str(error))
            else:
                log(instance=event, action="events.registrations.promote", user=request.user)
                messages.success(request, _("Moved up from the waitlist; they were told."))
            return redirect(request.get_full_path())
        else:
            raise PermissionDenied
    ledger = SessionLedger.objects.filter(uid=session.uid).first()
    return TemplateResponse(
        request,
        "events/admin/registrations_session.html",
        {
            "session": session,
            "event": event,
            "bookings": bookings,
            "ledger": ledger,
            "status": status,
            "statuses": BookingStatus.choices,
            "check_in_form": check_in_form,
            "attended_count": sum(1 for b in bookings if b.attended_at),
            "is_shift": event._meta.label == "volunteers.VolunteerProjectPage",
        },
    )


def mark_attended(request, booking):
    if booking is None:
        messages.error(request, _("No registration for this session has that code."))
        return False
    if booking.status != BookingStatus.CONFIRMED:
        messages.error(
            request,
            _("%(code)s is not a confirmed registration (%(status)s).")
            % {"code": booking.code, "status": booking.get_status_display()},
        )
        return False
    if booking.attended_at:
        messages.info(request, _("%(code)s was already checked in.") % {"code": booking.code})
        return True
    booking.attended_at = timezone.now()
    booking.save(update_fields=["attended_at", "updated_at"])
    messages.success(
        request,
        ngettext(
            "Checked in: %(name)s, %(count)s place.",
            "Checked in: %(name)s, %(count)s places.",
            booking.party_size,
        )
        % {"name": display_name(booking), "count": booking.party_size},
    )
    return True


@require_http_methods(["GET", "POST"])
def check_in(request):
    """Where a scanned check-in QR code leads: the registration, and a button to check
    it in (a GET never changes anything)."""
    require_staff(request)
    code = request.GET.get("code", "").strip().upper()
    valid = engine.normalised_code(code)
    booking = Booking.objects.filter(code=valid).select_related("user").first() if valid else None
    session = None
    if booking is not None:
        session = (
            registration_sessions(request.user)
            .filter(uid=booking.session_uid)
            .select_related("page")
            .first()
        )
        if session is None:
            booking = None  # another library's registration: as if it did not exist
    if request.method == "POST" and booking is not None:
        mark_attended(request, booking)
        return redirect(request.get_full_path())
    return TemplateResponse(
        request,
        "events/admin/check_in.html",
        {"booking": booking, "session": session, "code": code},
    )


class MessageForm(forms.Form):
    subject = forms.CharField(label=gettext_lazy("Subject"), max_length=150)
    body = forms.CharField(label=gettext_lazy("Message"), widget=forms.Textarea, max_length=5000)
    include_waitlist = forms.BooleanField(
        label=gettext_lazy("Also write to the people on the waitlist"), required=False
    )


@require_http_methods(["GET", "POST"])
def message(request, uid):
    require_staff(request)
    session = session_or_404(request.user, uid)
    event = session.page.specific
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        statuses = [BookingStatus.CONFIRMED]
        if form.cleaned_data["include_waitlist"]:
            statuses.append(BookingStatus.WAITLISTED)
        emails = sorted(
            {
                b.user.email
                for b in Booking.objects.filter(
                    session_uid=session.uid, status__in=statuses
                ).select_related("user")
                if b.user and b.user.email
            }
        )
        subject, body = form.cleaned_data["subject"], form.cleaned_data["body"]
        send_mass_mail([(subject, body, None, [email]) for email in emails])
        log(instance=event, action="events.registrations.message", user=request.user)
        messages.success(request, _("Sent to %(count)s people.") % {"count": len(emails)})
        return redirect("event_registrations:session", session.uid)
    return TemplateResponse(
        request,
        "events/admin/registrations_message.html",
        {"session": session, "event": event, "form": form},
    )


def display_name(booking):
    user = booking.user
    if user is None:
        return _("(account deleted)")
    return user.get_full_name() or user.get_username()


def export(bookings, event, session, fmt):
    headings = [
        _("Check-in code"),
        pgettext("person", "Name"),
        _("E-mail"),
        _("Places"),
        pgettext("listing", "Status"),
        _("Registered at"),
        _("Attended at"),
    ]
    rows = [
        [
            b.code,
            display_name(b),
            b.user.email if b.user else "",
            b.party_size,
            b.get_status_display(),
            timezone.localtime(b.created_at).strftime("%Y-%m-%d %H:%M"),
            timezone.localtime(b.attended_at).strftime("%Y-%m-%d %H:%M") if b.attended_at else "",
        ]
        for b in bookings
    ]
    filename = f"registrations-{event.slug}-{timezone.localtime(session.start):%Y%m%d-%H%M}"
    return table_response(filename, _("Registrations"), headings, rows, fmt)
