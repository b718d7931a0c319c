"""Public volunteer views: the profile, off-site hours, the honour roll, certificates and
their verification page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe
from wagtail.models import Locale

from alliance_site.exports import content_disposition
from alliance_site.public import alliance_name, public_url
from alliance_site.shortlinks import language_neutral, printable_address
from home.models import MemberLibraryPage
from translations.listing import in_locale_or_source

from . import service
from .forms import OffSiteHoursForm, VolunteerProfileForm
from .models import Certificate, RecordStatus, VolunteerProfile


def current_locale():
    try:
        return Locale.get_active()
    except Locale.DoesNotExist:
        return Locale.get_default()


def all_libraries(locale):
    """Every live member library, in the locale's translation where there is one (a
    library not yet translated still appears, under its own name)."""
    libraries = in_locale_or_source(MemberLibraryPage.objects.live(), locale)
    return sorted(libraries, key=lambda lib: lib.title)


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    instance = VolunteerProfile.objects.filter(user=request.user).first() or VolunteerProfile(
        user=request.user
    )
    form = VolunteerProfileForm(request.POST or None, instance=instance)
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = ""
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your volunteer profile is saved."))
        return redirect(next_url or reverse("account_overview"))
    return render(request, "volunteers/profile.html", {"form": form, "next": next_url})


@login_required
@require_http_methods(["GET", "POST"])
def log_hours(request):
    profile = VolunteerProfile.objects.filter(user=request.user).first()
    if profile is None or not profile.is_complete:
        messages.info(request, _("Please complete your volunteer profile first."))
        return redirect(reverse("volunteer_profile") + "?next=" + reverse("volunteer_log_hours"))
    libraries = all_libraries(current_locale())
    form = OffSiteHoursForm(request.POST or None, libraries=libraries)
    if request.method == "POST" and form.is_valid():
        record = form.save(commit=False)
        record.user = request.user
        record.off_site = True
        record.status = RecordStatus.PENDING
        record.library_key = form.libraries[form.cleaned_data["library"]].translation_key
        record.save()
        messages.success(request, _("Your hours are logged; the library will verify them."))
        return redirect("account_overview")
    return render(request, "volunteers/log_hours.html", {"form": form})


def honour_roll(request):
    this_year = timezone.localdate().year
    message = None
    try:
        year = int(request.GET.get("year", this_year))
        if not 2000 <= year <= this_year:
            raise ValueError
    except ValueError:
        message, year = _("That year is not valid; showing this year."), this_year
    locale = current_locale()
    libraries = all_libraries(locale)
    library = None
    slug = request.GET.get("library", "")
    if slug:
        library = next((lib for lib in libraries if lib.slug == slug), None)
        if library is None:
            message = _("That library is not known; showing the whole alliance.")
    rows = service.honour_roll(year, library.translation_key if library else None)
    return render(
        request,
        "volunteers/honour_roll.html",
        {
            "rows": rows,
            "year": year,
            "years": range(this_year, this_year - 5, -1),
            "libraries": libraries,
            "library": library,
            "message": message,
        },
    )


def verify(request, code=None):
    """Confirms or denies a certificate's code, showing only what the certificate shows."""
    code = (code or request.GET.get("code", "")).strip().upper()
    valid = service.normalised_code(code)
    certificate = Certificate.objects.filter(code=valid).first() if valid else None
    return render(
        request,
        "volunteers/verify.html",
        {"code": code, "certificate": certificate},
        status=404 if code and certificate is None else 200,
    )


@language_neutral
@require_safe
def verify_short(request, code):
    """/v/<code>/, printed on certificates: the verification page in the visitor's
    language (from the language cookie or the browser). A code that cannot be one is a
    404 at once."""
    code = service.normalised_code(code)
    if code is None:
        raise Http404
    response = redirect("volunteer_verify_code", code)
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response


@login_required
def certificate_pdf(request):
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    from events.posters import qr_data_uri

    summary = service.service_summary(request.user, current_locale())
    if summary["hours"] <= 0:
        messages.info(request, _("A certificate is available once you have verified hours."))
        return redirect("account_overview")
    certificate = service.issue_certificate(request.user, current_locale())
    # The short link: a small QR code, and an address that fits on one printed line.
    verify_url = public_url(reverse("certificate_short_link", args=[certificate.code]))
    html = render_to_string(
        "volunteers/certificate.html",
        {
            "certificate": certificate,
            "verify_url": verify_url,
            "verify_address": printable_address(verify_url),
            "qr_code": qr_data_uri(verify_url),
            "language": get_language(),
            "alliance_name": alliance_name(),
        },
        request=request,
    )
    pdf = HTML(
        string=html, base_url=verify_url, url_fetcher=URLFetcher(allowed_protocols={"data"})
    ).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(
        f"certificate-{certificate.code}.pdf", as_attachment=False
    )
    response["Cache-Control"] = "private, no-store"
    return response
