"""Exhibitions (e.g. 广图展览): opening and closing dates, curator, gallery, a virtual
exhibition, and for touring exhibitions the stops at other member libraries."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail_localize.fields import SynchronizedField, TranslatableField

from alliance_site.blocks import GalleryStreamBlock
from alliance_site.models import AllianceIndexPage, BasePage, FeedsMixin
from events.models import EVENT_SETTINGS_PANELS, EventKind, EventPage
from home.models import MemberLibraryPage
from translations.listing import in_locale_or_source
from translations.privacy import public_everywhere

from .forms import ExhibitionPageForm


class ExhibitionPage(EventPage):
    opening_date = models.DateField(pgettext_lazy("exhibition", "opening date"))
    closing_date = models.DateField(pgettext_lazy("exhibition", "closing date"))
    curator = models.CharField(_("curator"), max_length=200, blank=True)
    available_to_tour = models.BooleanField(
        _("other libraries may ask to host it"),
        default=False,
        help_text=_(
            "Moderators of other member libraries can then request it for their library "
            "(Exhibition hosting in the admin)."
        ),
    )
    gallery = StreamField(GalleryStreamBlock(), blank=True, verbose_name=_("gallery"))

    base_form_class = ExhibitionPageForm

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("opening_date"), FieldPanel("closing_date")]),
        FieldPanel("curator"),
        FieldPanel("introduction"),
        FieldPanel("image"),
        FieldPanel("gallery"),
        FieldPanel("time_zone"),
        InlinePanel(
            "event_sessions",
            label=_("Session"),
            heading=_("Opening ceremony, guided tours and other sessions"),
        ),
        FieldPanel("available_to_tour"),
        InlinePanel(
            "tour_stops", label=_("Tour stop"), heading=_("Touring: stops at other libraries")
        ),
        *EVENT_SETTINGS_PANELS,
        FieldPanel("body", heading=_("Virtual exhibition")),
    ]
    promote_panels = BasePage.promote_panels

    translatable_fields = [
        *EventPage.translatable_fields,
        TranslatableField("curator"),
        TranslatableField("gallery"),
        SynchronizedField("opening_date"),
        SynchronizedField("closing_date"),
        SynchronizedField("tour_stops"),
        SynchronizedField("available_to_tour"),
    ]

    parent_page_types = ["home.MemberLibraryPage"]
    subpage_types = []
    page_description = _("An exhibition: dates, curator, gallery, virtual exhibition, tour.")
    poster_template = "exhibitions/poster.html"
    fixed_kind = EventKind.EXHIBITION

    class Meta:
        verbose_name = _("exhibition")
        verbose_name_plural = _("exhibitions")

    def update_dates(self):
        """An exhibition is on the calendar from its opening to its closing day (and any
        session outside those, should one have been saved before the dates changed)."""
        super().update_dates()
        if self.opening_date and self.closing_date:
            opens = datetime.datetime.combine(self.opening_date, datetime.time(), self.zone)
            closes = datetime.datetime.combine(
                self.closing_date + datetime.timedelta(days=1), datetime.time(), self.zone
            )
            self.first_start = min(filter(None, [self.first_start, opens]))
            self.last_end = max(filter(None, [self.last_end, closes]))

    def calendar_entries(self):
        """The whole run as an all-day entry, then any sessions (opening, guided tours)."""
        run = (
            self.translation_key,
            self.opening_date,
            self.closing_date + datetime.timedelta(days=1),
        )
        return [run, *super().calendar_entries()]

    def sorted_stops(self):
        return sorted(self.tour_stops.all(), key=lambda stop: stop.starts_on)


class TourStop(Orderable):
    """A stop of a touring exhibition at another member library. Synchronised to
    translations; the host is shown in the visitor's language."""

    page = ParentalKey(ExhibitionPage, on_delete=models.CASCADE, related_name="tour_stops")
    host = models.ForeignKey(
        MemberLibraryPage,
        verbose_name=_("host library"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))

    panels = [FieldRowPanel([FieldPanel("host"), FieldPanel("starts_on"), FieldPanel("ends_on")])]

    class Meta(Orderable.Meta):
        verbose_name = _("tour stop")
        verbose_name_plural = _("tour stops")

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("A stop cannot end before it starts.")})


class ExhibitionIndexPage(RoutablePageMixin, FeedsMixin, AllianceIndexPage):
    """/exhibitions/: current, upcoming, touring and past exhibitions of every library."""

    page_description = _("Exhibitions of every library: current, upcoming, touring, past.")

    past_limit = 24
    page_cache_shows = ("events", "libraries", "snippet:events.campaign")

    class Meta:
        verbose_name = _("exhibition index")

    def exhibitions(self):
        return (
            in_locale_or_source(
                public_everywhere(ExhibitionPage.objects.live()), self.listing_locale
            )
            .select_related("library", "image")
            .prefetch_related("event_sessions", "audiences", "tour_stops__host")
        )

    def feed(self, request, fmt):
        """Exhibitions on show now and coming, as iCalendar or RSS."""
        from events.feeds import FEED_LIMIT, feed_response

        showing = self.exhibitions().filter(closing_date__gte=timezone.localdate())
        return feed_response(
            request,
            self,
            showing.order_by("opening_date", "pk")[:FEED_LIMIT],
            fmt,
            description=self.introduction,
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        exhibitions = self.exhibitions()
        context["current"] = exhibitions.filter(
            opening_date__lte=today, closing_date__gte=today
        ).order_by("closing_date")
        context["upcoming"] = exhibitions.filter(opening_date__gt=today).order_by("opening_date")
        context["touring"] = (
            exhibitions.filter(tour_stops__ends_on__gte=today).distinct().order_by("opening_date")
        )
        context["past"] = exhibitions.filter(closing_date__lt=today).order_by("-closing_date")[
            : self.past_limit
        ]
        return context


class HostingStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class HostingRequest(models.Model):
    """A member library asks to host another library's touring exhibition (展览联盟).
    The owning library's moderators accept (which adds a tour stop) or decline."""

    exhibition = models.ForeignKey(
        ExhibitionPage,
        verbose_name=_("exhibition"),
        on_delete=models.CASCADE,
        related_name="hosting_requests",
    )
    host = models.ForeignKey(
        MemberLibraryPage,
        verbose_name=_("host library"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(
        pgettext_lazy("exhibition hosting", "status"),
        max_length=20,
        choices=HostingStatus.choices,
        default=HostingStatus.PENDING,
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("exhibition hosting", "requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    response = models.TextField(_("answer"), blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("hosting request")
        verbose_name_plural = _("hosting requests")

    def __str__(self):
        return f"{self.exhibition.title} → {self.host.title} ({self.starts_on}–{self.ends_on})"

    @property
    def is_pending(self):
        return self.status == HostingStatus.PENDING
