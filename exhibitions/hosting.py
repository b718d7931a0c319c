"""Sharing touring exhibitions between member libraries (展览联盟).

A moderator of one library asks to host another library's touring exhibition for a date
range; the owning library's moderators accept (which adds a tour stop to the exhibition)
or decline; each side is told by e-mail. Everyone sees only the requests their libraries
made or received; alliance administrators see all of them.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Locale

from alliance_site.public import alliance_name, public_url
from home.models import MemberLibraryAccess, MemberLibraryPage

from .models import ExhibitionPage, HostingRequest, HostingStatus, TourStop

logger = logging.getLogger(__name__)


class HostingError(Exception):
    """An action that cannot be done now; the message is shown to the user."""


def moderated_library_keys(user):
    """translation_keys of the (not archived) libraries the user moderates."""
    if not user.is_active:
        return set()
    return set(
        MemberLibraryAccess.objects.filter(
            moderators__user=user, archived_at__isnull=True
        ).values_list("translation_key", flat=True)
    )


def can_use_hosting(user):
    return user.is_active and (user.is_superuser or bool(moderated_library_keys(user)))


def visible_requests(user):
    requests = HostingRequest.objects.select_related(
        "exhibition", "exhibition__library", "host", "requested_by", "decided_by"
    )
    if user.is_superuser:
        return requests
    keys = moderated_library_keys(user)
    return requests.filter(
        Q(host__translation_key__in=keys) | Q(exhibition__library__translation_key__in=keys)
    )


def host_choices(user):
    """The libraries the user may request for: those it moderates (all, for an alliance
    administrator), in the default language."""
    libraries = MemberLibraryPage.objects.filter(locale=Locale.get_default()).order_by("title")
    if user.is_superuser:
        return libraries
    return libraries.filter(translation_key__in=moderated_library_keys(user))


def requestable_exhibitions(user):
    """Live exhibitions (in the default language) whose library lets others host them,
    not ending in the past, and not the user's own libraries' exhibitions."""
    exhibitions = (
        ExhibitionPage.objects.live()
        .filter(
            locale=Locale.get_default(),
            available_to_tour=True,
            closing_date__gte=timezone.localdate(),
        )
        .select_related("library")
        .order_by("title")
    )
    if user.is_superuser:
        return exhibitions
    return exhibitions.exclude(library__translation_key__in=moderated_library_keys(user))


def can_decide(user, hosting_request):
    return user.is_superuser or (
        hosting_request.exhibition.library is not None
        and hosting_request.exhibition.library.translation_key in moderated_library_keys(user)
    )


def can_withdraw(user, hosting_request):
    return user.is_superuser or hosting_request.host.translation_key in moderated_library_keys(user)


def overlapping_stop(exhibition, starts_on, ends_on):
    """The tour stop of the exhibition's latest version that overlaps the dates, if any."""
    latest = exhibition.get_latest_revision_as_object()
    for stop in latest.tour_stops.all():
        if stop.starts_on <= ends_on and starts_on <= stop.ends_on:
            return stop
    return None


def moderators_of(library):
    if library is None:
        return []
    access = MemberLibraryAccess.objects.filter(translation_key=library.translation_key).first()
    if access is None:
        return []
    return list(
        get_user_model()
        .objects.filter(groups=access.moderators, is_active=True)
        .exclude(email="")
        .select_related("wagtail_userprofile")
    )


def preferred_language(user):
    profile = getattr(user, "wagtail_userprofile", None)
    if profile is not None and profile.preferred_language:
        return profile.preferred_language
    return settings.LANGUAGE_CODE


def notify(recipients, template, hosting_request):
    """One e-mail per recipient, in the recipient's admin language."""
    url = public_url(reverse("exhibition_hosting:detail", args=[hosting_request.pk]))
    seen = set()
    for user in recipients:
        if user is None or not user.email or user.email in seen:
            continue
        seen.add(user.email)
        with translation.override(preferred_language(user)):
            context = {
                "hosting_request": hosting_request,
                "url": url,
                "user": user,
                "alliance_name": alliance_name(),
            }
            subject = render_to_string(f"{template}_subject.txt", context).strip()
            body = render_to_string(f"{template}.txt", context)
        send_mail(subject, body, None, [user.email], fail_silently=False)


def request_hosting(user, *, exhibition, host, starts_on, ends_on, message=""):
    hosting_request = HostingRequest.objects.create(
        exhibition=exhibition,
        host=host,
        starts_on=starts_on,
        ends_on=ends_on,
        message=message,
        requested_by=user,
    )
    log(instance=hosting_request, action="exhibitions.hosting.request", user=user)
    transaction.on_commit(
        lambda: notify(
            moderators_of(exhibition.library),
            "exhibitions/email/hosting_requested",
            hosting_request,
        )
    )
    return hosting_request


def _lock_pending(hosting_request):
    locked = HostingRequest.objects.select_for_update().get(pk=hosting_request.pk)
    if locked.status != HostingStatus.PENDING:
        raise HostingError(_("This request has already been answered or withdrawn."))
    return locked


def accept(user, hosting_request, response=""):
    """Accept the request and add the tour stop to the exhibition. Published at once when
    the exhibition is live with no unpublished changes; otherwise the stop is added to the
    latest draft, which the moderators publish as usual."""
    with transaction.atomic():
        locked = _lock_pending(hosting_request)
        exhibition = ExhibitionPage.objects.select_for_update().get(pk=locked.exhibition_id)
        stop = overlapping_stop(exhibition, locked.starts_on, locked.ends_on)
        if stop is not None:
            raise HostingError(
                _(
                    "The exhibition is at %(host)s from %(start)s to %(end)s then; "
                    "decline this request or change that stop first."
                )
                % {"host": stop.host.title, "start": stop.starts_on, "end": stop.ends_on}
            )
        host = locked.host.get_translation_or_none(exhibition.locale) or locked.host
        draft = exhibition.get_latest_revision_as_object()
        draft.tour_stops.add(
            TourStop(host=host, starts_on=locked.starts_on, ends_on=locked.ends_on)
        )
        publish = exhibition.live and not exhibition.has_unpublished_changes
        revision = draft.save_revision(user=user, log_action=True)
        if publish:
            revision.publish(user=user)
        close(locked, HostingStatus.ACCEPTED, user, response)
        transaction.on_commit(lambda: _notify_decision(locked))
    return locked, publish


def decline(user, hosting_request, response=""):
    with transaction.atomic():
        locked = close(_lock_pending(hosting_request), HostingStatus.DECLINED, user, response)
        transaction.on_commit(lambda: _notify_decision(locked))
    return locked


def withdraw(user, hosting_request):
    with transaction.atomic():
        locked = close(_lock_pending(hosting_request), HostingStatus.WITHDRAWN, user)
        transaction.on_commit(
            lambda: notify(
                moderators_of(locked.exhibition.library),
                "exhibitions/email/hosting_withdrawn",
                locked,
            )
        )
    return locked


LOG_ACTIONS = {
    HostingStatus.ACCEPTED: "exhibitions.hosting.accept",
    HostingStatus.DECLINED: "exhibitions.hosting.decline",
    HostingStatus.WITHDRAWN: "exhibitions.hosting.withdraw",
}


def close(locked, status, user, response=""):
    """Record the answer (or the withdrawal) on the locked request and log it."""
    locked.status = status
    locked.decided_by = user
    locked.decided_at = timezone.now()
    locked.response = response
    locked.save()
    log(instance=locked, action=LOG_ACTIONS[status], user=user)
    return locked


def _notify_decision(hosting_request):
    notify(
        [hosting_request.requested_by, *moderators_of(hosting_request.host)],
        "exhibitions/email/hosting_decided",
        hosting_request,
    )
