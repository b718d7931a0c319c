"""Shared event machinery: small behaviours (Plone's IEventBasic, IEventLocation…) as
abstract mixins, event sessions, campaigns and audiences, and EventPage."""

import calendar as calendar_module
import datetime
import typing
import uuid
import zoneinfo

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import prefetch_related_objects
from django.db.models.functions import Coalesce
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, quote_etag
from django.utils.formats import get_format
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from alliance_site.blocks import BodyStreamBlock
from alliance_site.localization import SynchronizedRelation, TranslatableForeignKey
from alliance_site.models import AllianceIndexPage, BasePage, FeedsMixin
from alliance_site.pagination import paginate
from home.models import TIME_ZONE_CHOICES, MemberLibraryPage
from translations.listing import in_locale_or_source
from translations.privacy import public_everywhere


class AudienceCode(models.TextChoices):
    CHILDREN = "children", _("Children")
    TEENS = "teens", _("Teenagers")
    ADULTS = "adults", _("Adults")
    SENIORS = "seniors", _("Seniors")
    DISABILITIES = "disabilities", _("People with disabilities")
    MIGRANT_WORKERS = "migrant_workers", _("Migrant workers")
    FAMILIES = "families", _("Families")


class Audience(models.Model):
    """One row per AudienceCode (created by a migration); the label is translated by
    gettext, so audiences need no content translation."""

    code = models.CharField(max_length=30, choices=AudienceCode.choices, unique=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")

    def __str__(self):
        return str(self.get_code_display())


class Campaign(TranslatableMixin, models.Model):
    """A reading campaign shared by the alliance (World Book Day 4·23, Library Service
    Week…), translatable."""

    name = models.CharField(pgettext_lazy("campaign", "name"), max_length=120)
    slug = models.SlugField(pgettext_lazy("campaign", "slug"), max_length=60)
    description = models.TextField(pgettext_lazy("campaign", "description"), blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
    ]

    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("slug"),
        SynchronizedField("starts_on"),
        SynchronizedField("ends_on"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The campaign cannot end before it starts.")})


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", pgettext_lazy("event status", "Cancelled")
    POSTPONED = "postponed", _("Postponed")
    MOVED_ONLINE = "moved_online", _("Moved online")


class RegistrationMode(models.TextChoices):
    NONE = "none", _("No registration: just come")
    ONLINE = "online", _("Online registration on this site")
    EXTERNAL = "external", _("Registration elsewhere")


class EventDatesMixin(models.Model):
    """Sessions (inline rows) and the first/last dates derived from them."""

    time_zone = models.CharField(
        _("time zone"),
        max_length=40,
        choices=TIME_ZONE_CHOICES,
        default="Asia/Shanghai",
        help_text=_("Session times are shown in this time zone."),
    )
    first_start = models.DateTimeField(
        _("first session starts"), null=True, editable=False, db_index=True
    )
    last_end = models.DateTimeField(
        _("last session ends"), null=True, editable=False, db_index=True
    )

    panels = [
        FieldPanel("time_zone"),
        InlinePanel(
            "event_sessions",
            label=_("Session"),
            heading=pgettext_lazy("event session", "Sessions"),
            min_num=1,
        ),
    ]

    class Meta:
        abstract = True

    def update_dates(self):
        sessions = [s for s in self.event_sessions.all() if s.start and s.end]
        self.first_start = min((s.start for s in sessions), default=None)
        self.last_end = max((s.end for s in sessions), default=None)

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def first_day(self):
        return self.first_start.astimezone(self.zone).date() if self.first_start else None

    @property
    def last_day(self):
        """The last day the event runs (an end at midnight belongs to the day before)."""
        if self.last_end is None:
            return None
        return (self.last_end - datetime.timedelta(seconds=1)).astimezone(self.zone).date()

    @property
    def is_past(self):
        return self.last_end is not None and self.last_end < timezone.now()

    def search_period(self):
        """(first day, last day) for the site search's upcoming/past facet."""
        return (self.first_day, self.last_day) if self.first_start else None

    def sorted_sessions(self):
        return sorted(self.event_sessions.all(), key=lambda s: s.start)

    def calendar_entries(self):
        """(uid, start, end) for iCalendar: one per session; start and end are aware
        datetimes, or dates for all-day entries."""
        zone = self.zone
        return [
            (s.uid, s.start.astimezone(zone), s.end.astimezone(zone))
            for s in self.sorted_sessions()
        ]

    def prepare_to_serve(self):
        super().prepare_to_serve()
        prefetch_related_objects([self], "event_sessions")

    # The page cache: the places left of each session, and the clock (a session starts,
    # ends, opens or closes its registration).
    def page_cache_tags(self):
        sessions = self.event_sessions.all()
        return {*super().page_cache_tags(), *(f"places:{s.uid}" for s in sessions)}

    def page_cache_valid_until(self):
        now = timezone.now()
        moments = [
            moment
            for s in self.event_sessions.all()
            for moment in (s.start, s.end, s.registration_opens, s.registration_closes)
            if moment is not None and moment > now
        ]
        return min(moments, default=None)

    def page_cache_changes(self):
        label = self._meta.label_lower
        return {*super().page_cache_changes(), "events", f"events:{label}"}

    def next_session(self):
        """The first session that has not ended yet, else the first one."""
        sessions = self.sorted_sessions()
        now = timezone.now()
        return next((s for s in sessions if s.end >= now), sessions[0] if sessions else None)


class VenueMixin(models.Model):
    """Where: the owning library and a room, or another address, or online."""

    room = models.CharField(_("room"), max_length=120, blank=True)
    other_address = models.CharField(
        _("another address"),
        max_length=255,
        blank=True,
        help_text=_("Only when the event is not at the library."),
    )
    online_url = models.URLField(_("online link"), blank=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("room"), FieldPanel("other_address"), FieldPanel("online_url")],
            heading=_("Venue"),
        )
    ]

    class Meta:
        abstract = True

    @property
    def venue_address(self):
        if self.other_address:
            return self.other_address
        return self.library.address if self.library_id else ""


class AudienceMixin(models.Model):
    audiences = ParentalManyToManyField(Audience, blank=True, verbose_name=_("audiences"))

    panels = [FieldPanel("audiences", widget=forms.CheckboxSelectMultiple)]

    class Meta:
        abstract = True


class CampaignMixin(models.Model):
    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("campaign")]

    class Meta:
        abstract = True

    def page_cache_tags(self):
        tags = super().page_cache_tags()
        if self.campaign_id:
            tags.add(f"snippet:events.campaign:{self.campaign.translation_key}")
        return tags


class StatusMixin(models.Model):
    status = models.CharField(
        pgettext_lazy("event", "status"),
        max_length=20,
        choices=EventStatus.choices,
        default=EventStatus.SCHEDULED,
    )
    status_note = models.CharField(
        _("status note"),
        max_length=255,
        blank=True,
        help_text=_("E.g. the new date of a postponed event, or why it was cancelled."),
    )

    panels = [FieldRowPanel([FieldPanel("status"), FieldPanel("status_note")])]

    class Meta:
        abstract = True

    @property
    def is_cancelled(self):
        return self.status == EventStatus.CANCELLED


class RegistrationSettingsMixin(models.Model):
    registration_mode = models.CharField(
        _("registration"),
        max_length=20,
        choices=RegistrationMode.choices,
        default=RegistrationMode.NONE,
    )
    registration_url = models.URLField(_("registration address"), blank=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("registration_mode"), FieldPanel("registration_url")],
            heading=_("Registration"),
        )
    ]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.registration_mode == RegistrationMode.EXTERNAL and not self.registration_url:
            raise ValidationError(
                {"registration_url": _("Give the address where people register.")}
            )


class EventSession(Orderable):
    """One session of an event. The uid stays the same across edits and translations
    (it is copied to each locale), so calendars see one event per session."""

    page = ParentalKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="event_sessions")
    uid = models.UUIDField(default=uuid.uuid4, editable=False)
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    # Used when the event takes registrations on this site.
    registration_opens = models.DateTimeField(
        _("registration opens"), null=True, blank=True, help_text=_("Empty: at once.")
    )
    registration_closes = models.DateTimeField(
        _("registration closes"),
        null=True,
        blank=True,
        help_text=_("Empty: when the session starts."),
    )
    max_party_size = models.PositiveSmallIntegerField(
        _("places per registration"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_("How many places one person may book (e.g. a family)."),
    )
    waitlist = models.BooleanField(_("waitlist when full"), default=True)
    # Volunteer shifts: the service hours a volunteer is credited for attending.
    hours_credit = models.DecimalField(
        _("service hours credited"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(24)],
    )

    panels = [
        FieldRowPanel([FieldPanel("start"), FieldPanel("end"), FieldPanel("capacity")]),
        FieldRowPanel(
            [
                FieldPanel("registration_opens"),
                FieldPanel("registration_closes"),
                FieldPanel("max_party_size"),
                FieldPanel("waitlist"),
            ],
            heading=_("Online registration"),
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = pgettext_lazy("event session", "session")
        verbose_name_plural = pgettext_lazy("event session", "sessions")

    def __str__(self):
        return f"{self.start:%Y-%m-%d %H:%M}"

    def registration_state(self, ledger, now, event):
        if event.is_cancelled or self.start <= now:
            return RegistrationState.CLOSED
        if self.registration_opens and now < self.registration_opens:
            return RegistrationState.NOT_YET
        if self.registration_closes and now >= self.registration_closes:
            return RegistrationState.CLOSED
        taken = ledger.confirmed if ledger else 0
        if self.capacity is not None and taken >= self.capacity:
            return RegistrationState.WAITLIST if self.waitlist else RegistrationState.FULL
        return RegistrationState.OPEN

    def clean(self):
        super().clean()
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("A session must end after it starts.")})
        opens, closes = self.registration_opens, self.registration_closes
        if opens and closes and closes <= opens:
            raise ValidationError(
                {"registration_closes": _("Registration must close after it opens.")}
            )
        if closes and self.end and closes > self.end:
            raise ValidationError(
                {"registration_closes": _("Registration cannot close after the session ends.")}
            )


class RegistrationState(models.TextChoices):
    OPEN = "open", _("Open")
    WAITLIST = "waitlist", _("Full: waitlist open")
    FULL = "full", _("Full")
    NOT_YET = "not_yet", _("Not open yet")
    CLOSED = "closed", _("Closed")


class RegistrationRow(typing.NamedTuple):
    session: "EventSession"
    ledger: typing.Any
    state: str
    booking: typing.Any

    @property
    def places_left(self):
        if self.session.capacity is None:
            return None
        taken = self.ledger.confirmed if self.ledger else 0
        return max(self.session.capacity - taken, 0)

    @property
    def state_label(self):
        return RegistrationState(self.state).label

    @property
    def party_sizes(self):
        return range(1, self.session.max_party_size + 1)


class EventKind(models.TextChoices):
    STORY_TIME = "story_time", _("Story time")
    READING_PERFORMANCE = "reading_performance", _("Reading performance")
    BOOK_CLUB = "book_club", _("Book club")
    TRAINING = "training", _("Training")
    COMPETITION = "competition", _("Competition")
    FILM_SCREENING = "film_screening", _("Film screening")
    CAMPAIGN_DAY = "campaign_day", _("Festival or campaign day")
    LECTURE = "lecture", _("Lecture")
    EXHIBITION = "exhibition", _("Exhibition")
    OTHER = "other", _("Other activity")


# Kinds an editor picks for a reading activity; lectures and exhibitions are their own
# page types (LecturePage, ExhibitionPage subclass EventPage and set their kind).
ACTIVITY_KINDS = [
    (value, label)
    for value, label in EventKind.choices
    if value not in (EventKind.LECTURE, EventKind.EXHIBITION)
]


def next_session_start(now, *, until="end"):
    """A subquery for a page with sessions: the start of its first session that has not
    ended at `now` (until="end", what an event's card shows: EventDatesMixin.next_session)
    or not started (until="start", a volunteer project's shifts to come); NULL if none."""
    still_to_come = {"end__gte": now} if until == "end" else {"start__gt": now}
    sessions = EventSession.objects.filter(page_id=models.OuterRef("pk"), **still_to_come)
    return models.Subquery(sessions.order_by("start", "pk").values("start")[:1])


def by_next_session(events, now=None, descending=False):
    """Order events by the date their card shows, in the database: the next session that
    has not ended (the first session once all have ended); an exhibition by its run,
    which starts on its opening day. Ties by page id."""
    key = models.Case(
        models.When(kind=EventKind.EXHIBITION, then=models.F("first_start")),
        default=Coalesce(next_session_start(now or timezone.now()), models.F("first_start")),
    )
    events = events.annotate(next_start=key)
    if descending:
        return events.order_by(models.F("next_start").desc(nulls_last=True), "-pk")
    return events.order_by(models.F("next_start").asc(nulls_last=True), "pk")


class RegistrationMixin:
    """Online registration on a routable page with sessions: the places left per session
    (pages stay cacheable: caches must revalidate, and the ETag changes with every
    booking), and the …/book/ and …/unbook/ routes that call the booking engine."""

    def before_booking(self, request):
        """A response that stops the booking (e.g. a profile to complete first), or None."""
        return None

    def render_with_registration(self, request, context):
        """The page, with the registration rows when it takes registrations here."""
        if self.registration_mode != RegistrationMode.ONLINE:
            return self.render(request, context_overrides=context)
        # Registration: places left change with every booking, so caches must ask again
        # each time; the ETag changes with the page and with every session's places.
        registration = self.registration_rows(request.user)
        etag = self.registration_etag(registration)
        if not request.user.is_authenticated:
            cached = get_conditional_response(request, etag=etag)
            if cached is not None:
                return cached
        response = self.render(
            request,
            context_overrides={
                **context,
                "registration": registration,
                "registration_action": self.registration_action(registration),
            },
        )
        response["ETag"] = etag
        if not request.user.is_authenticated:
            patch_cache_control(response, public=True, no_cache=True)
        return response

    @staticmethod
    def registration_action(rows):
        """What the visitor can do, for the shortcut under the page's title: "open" when
        a session they have not booked takes registrations, "waitlist" when only
        waitlists do, else None."""
        states = {row.state for row in rows if row.booking is None}
        for state in (RegistrationState.OPEN, RegistrationState.WAITLIST):
            if state in states:
                return state
        return None

    def registration_rows(self, user):
        """(session, ledger or None, state, the user's active booking or None) for each
        session, in two queries."""
        now = timezone.now()
        sessions = [session for session in self.sorted_sessions() if session.end > now]
        uids = [session.uid for session in sessions]
        ledgers = {ledger.uid: ledger for ledger in SessionLedger.objects.filter(uid__in=uids)}
        mine = {}
        if user.is_authenticated:
            mine = {
                booking.session_uid: booking
                for booking in Booking.objects.filter(user=user, session_uid__in=uids).exclude(
                    status__in=CLOSED
                )
            }
        rows = []
        for session in sessions:
            ledger = ledgers.get(session.uid)
            rows.append(
                RegistrationRow(
                    session,
                    ledger,
                    session.registration_state(ledger, now, self),
                    mine.get(session.uid),
                )
            )
        return rows

    def registration_etag(self, rows):
        # Places (ledger versions) and states (which also change with the clock).
        versions = ",".join(
            f"{row.ledger.version if row.ledger else 0}{row.state[0]}" for row in rows
        )
        return quote_etag(f"{self.live_revision_id}-{self.locale_id}-{get_language()}-{versions}")

    @path("book/")
    def book_view(self, request):
        from . import booking as engine

        if request.method != "POST":
            return redirect(self.get_url(request=request))
        if not request.user.is_authenticated:
            return redirect_to_login(self.get_url(request=request))
        refusal = self.before_booking(request)
        if refusal is not None:
            return refusal
        try:
            party_size = int(request.POST.get("party_size", 1))
            uid = uuid.UUID(request.POST.get("session", ""))
        except ValueError:
            messages.error(request, _("Choose a session and the number of places."))
            return redirect(self.get_url(request=request) + "#registration")
        if uid not in {session.uid for session in self.event_sessions.all()}:
            messages.error(request, _("Choose a session and the number of places."))
            return redirect(self.get_url(request=request) + "#registration")
        try:
            booking, created = engine.book(request.user, uid, party_size)
        except engine.BookingRefused as error:
            messages.error(request, str(error))
        else:
            for level, text in engine.outcome_messages(booking, created):
                messages.add_message(request, level, text)
        return redirect(self.get_url(request=request) + "#registration")

    @path("unbook/")
    def unbook_view(self, request):
        from . import booking as engine

        if request.method != "POST" or not request.user.is_authenticated:
            return redirect(self.get_url(request=request))
        code = engine.normalised_code(request.POST.get("code"))
        booking = Booking.objects.filter(user=request.user, code=code).first() if code else None
        if booking is None:
            messages.error(request, _("That registration was not found."))
        else:
            try:
                engine.cancel(booking)
            except engine.BookingRefused as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("Your registration is cancelled."))
        return redirect(self.get_url(request=request) + "#registration")


class LibraryOwnedMixin(models.Model):
    """A page inside a member library's section, which knows its library (kept by save()
    from the page's ancestors, so listings filter and show it without walking the tree)."""

    library = models.ForeignKey(
        MemberLibraryPage,
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The library that owns the event: the page's ancestor, kept by save().",
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.depth:
            # Paths identify pages in every locale, so no locale filter is needed (and the
            # locale may not be set yet on a page created with add_child).
            self.library = (
                MemberLibraryPage.objects.filter(path__in=self._ancestor_paths())
                .order_by("-depth")
                .first()
            )
        return super().save(*args, **kwargs)

    def _ancestor_paths(self):
        return [self.path[:n] for n in range(self.steplen, len(self.path), self.steplen)]


def library_follows_move(sender, instance, **kwargs):
    """post_page_move: pages moved (with their section) into another library belong to
    it; `save()` keeps the library only when a page is saved."""
    from django.apps import apps

    for model in apps.get_models():
        if not issubclass(model, LibraryOwnedMixin):
            continue
        if model._meta.get_field("library").model is not model:
            continue  # a subclass of a page type that has the field (lectures)
        moved = model.objects.filter(path__startswith=instance.path)
        for page in moved.only("pk", "path", "depth", "library_id"):
            library = (
                MemberLibraryPage.objects.filter(path__in=page._ancestor_paths())
                .order_by("-depth")
                .values_list("pk", flat=True)
                .first()
            )
            if page.library_id != library:
                model.objects.filter(pk=page.pk).update(library=library)


def next_change_of_listings(now=None):
    """When listings of upcoming events next change by themselves: the next start, end
    or registration boundary of any session of a live event."""
    now = now or timezone.now()
    sessions = EventSession.objects.filter(page__live=True)
    moments = sessions.aggregate(
        start=models.Min("start", filter=models.Q(start__gt=now)),
        end=models.Min("end", filter=models.Q(end__gt=now)),
        opens=models.Min("registration_opens", filter=models.Q(registration_opens__gt=now)),
        closes=models.Min("registration_closes", filter=models.Q(registration_closes__gt=now)),
    )
    return min(filter(None, moments.values()), default=None)


# Panels every kind of event page shows after its own: status, venue, audience and
# campaign, registration.
EVENT_SETTINGS_PANELS = [
    *StatusMixin.panels,
    *VenueMixin.panels,
    MultiFieldPanel(
        [*AudienceMixin.panels, *CampaignMixin.panels], heading=_("Audience and campaign")
    ),
    *RegistrationSettingsMixin.panels,
]


class EventPage(  # noqa: DJ008 (Page provides __str__)
    RoutablePageMixin,
    RegistrationMixin,
    EventDatesMixin,
    VenueMixin,
    AudienceMixin,
    CampaignMixin,
    StatusMixin,
    RegistrationSettingsMixin,
    LibraryOwnedMixin,
    BasePage,
):
    """A reading-promotion activity (story time, book club, film…). Lecture and exhibition
    pages subclass it, so the alliance calendar is one query over this table."""

    kind = models.CharField(
        _("kind of activity"), max_length=30, choices=EventKind.choices, default=EventKind.OTHER
    )
    introduction = models.TextField(_("introduction"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=pgettext_lazy("event", "image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind", widget=forms.Select(choices=ACTIVITY_KINDS)),
        FieldPanel("introduction"),
        FieldPanel("image"),
        *EventDatesMixin.panels,
        *EVENT_SETTINGS_PANELS,
        FieldPanel("body"),
    ]
    promote_panels = BasePage.promote_panels

    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.FilterField("first_start"),
        index.FilterField("last_end"),
    ]

    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("introduction"),
        TranslatableField("body"),
        TranslatableField("room"),
        TranslatableField("other_address"),
        TranslatableField("status_note"),
        TranslatableForeignKey("campaign"),
        SynchronizedField("kind"),
        SynchronizedField("image"),
        SynchronizedField("time_zone"),
        SynchronizedField("event_sessions"),
        SynchronizedRelation("audiences"),
        SynchronizedField("status"),
        SynchronizedField("online_url"),
        SynchronizedField("registration_mode"),
        SynchronizedField("registration_url"),
    ]

    parent_page_types = ["home.MemberLibraryPage"]
    subpage_types = []
    page_description = _("A reading activity of this library: story time, book club, film…")

    class Meta:
        verbose_name = _("reading activity")
        verbose_name_plural = _("reading activities")

    # Subclasses that are one kind of event (lectures, exhibitions) set it here.
    fixed_kind = None
    poster_template = "events/poster.html"

    def save(self, *args, **kwargs):
        if self.fixed_kind:
            self.kind = self.fixed_kind
        self.update_dates()
        return super().save(*args, **kwargs)

    SCHEMA_STATUS = {
        EventStatus.SCHEDULED: "https://schema.org/EventScheduled",
        EventStatus.CANCELLED: "https://schema.org/EventCancelled",
        EventStatus.POSTPONED: "https://schema.org/EventPostponed",
        EventStatus.MOVED_ONLINE: "https://schema.org/EventMovedOnline",
    }

    def structured_data(self, request):
        """schema.org Event: status, attendance mode, place, organiser, free offer."""
        url = request.build_absolute_uri(self.get_url(request=request))
        zone = self.zone
        online = self.status == EventStatus.MOVED_ONLINE or (
            self.online_url and not self.room and not self.other_address
        )
        place = {
            "@type": "Place",
            "name": self.room or (self.library.title if self.library_id else self.title),
            "address": self.venue_address,
        }
        data = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": self.title,
            "url": url,
            "inLanguage": self.locale.language_code,
            "eventStatus": self.SCHEMA_STATUS[self.status],
            "eventAttendanceMode": "https://schema.org/"
            + (
                "OnlineEventAttendanceMode"
                if online
                else "MixedEventAttendanceMode"
                if self.online_url
                else "OfflineEventAttendanceMode"
            ),
        }
        if self.first_start:
            data["startDate"] = self.first_start.astimezone(zone).isoformat()
            data["endDate"] = self.last_end.astimezone(zone).isoformat()
        if self.introduction:
            data["description"] = self.introduction
        if online:
            data["location"] = {"@type": "VirtualLocation", "url": self.online_url or url}
        elif self.online_url:
            data["location"] = [place, {"@type": "VirtualLocation", "url": self.online_url}]
        else:
            data["location"] = place
        if self.library_id:
            data["organizer"] = {
                "@type": "Organization",
                "name": self.library.title,
                "url": request.build_absolute_uri(self.library.get_url(request=request)),
            }
        if self.registration_mode != RegistrationMode.EXTERNAL:
            data["offers"] = {
                "@type": "Offer",
                "price": "0",
                "priceCurrency": "CNY",
                "availability": "https://schema.org/InStock",
                "url": url,
            }
            data["isAccessibleForFree"] = True
        return data

    @path("")
    def detail(self, request):
        return self.render_with_registration(
            request, {"structured_data": self.structured_data(request)}
        )

    @path("event.ics/")
    def ics(self, request):
        from .feeds import ics_response

        return ics_response([self], request, self.title, f"{self.slug}.ics")

    @path("poster.pdf/")
    def poster(self, request):
        from .posters import poster_response

        return poster_response(self, request)


class EventIndexPage(RoutablePageMixin, FeedsMixin, AllianceIndexPage):
    """/events/: the alliance calendar. Every kind of event from every library, upcoming
    first, with filters, an archive, and iCalendar and RSS feeds of any filtered view."""

    page_description = _("The alliance calendar: every event of every library. One per language.")

    per_page = 20
    feed_limit = 500
    page_cache_shows = ("events", "libraries", "snippet:events.campaign")

    class Meta:
        verbose_name = _("event calendar")

    def events(self, request, archive=False, data=None):
        """(form, queryset, message) for the request's filters (or the given data)."""
        from .forms import CalendarFilterForm

        data = request.GET if data is None else data
        form = CalendarFilterForm(data or None, locale=self.listing_locale)
        events = in_locale_or_source(
            public_everywhere(EventPage.objects.live()), self.listing_locale
        )
        now = timezone.now()
        if form.is_bound and not form.is_valid():
            return form, events.none(), _("Some filters were not understood. Check them below.")
        first_day = last_day = None
        if form.is_bound:
            data = form.cleaned_data
            if data["q"]:
                events = events.filter(
                    models.Q(title__icontains=data["q"])
                    | models.Q(introduction__icontains=data["q"])
                )
            if data["library"]:
                events = events.filter(library__translation_key=data["library"].translation_key)
            if data["city"]:
                # By library, not by name: an untranslated library's city is in Chinese.
                in_city = form.fields["library"].queryset.filter(city=data["city"])
                events = events.filter(
                    library__translation_key__in=in_city.values("translation_key")
                )
            if data["kind"]:
                events = events.filter(kind=data["kind"])
            if data["audience"]:
                # One row per matching audience: at most one, since codes are unique.
                events = events.filter(audiences__code=data["audience"])
            if data["campaign"]:
                # Any locale's row of the campaign: a translation points at the source's
                # campaign until the campaign itself is translated and the page synced.
                events = events.filter(campaign__translation_key=data["campaign"].translation_key)
            first_day, last_day = form.date_range(timezone.localdate())
        if first_day:
            events = events.filter(last_end__gte=local_midnight(first_day))
        if last_day:
            events = events.filter(
                first_start__lt=local_midnight(last_day + datetime.timedelta(days=1))
            )
        if first_day or last_day:
            events = by_next_session(events, now)
        elif archive:
            events = events.filter(last_end__lt=now).order_by("-first_start", "-pk")
        else:
            events = by_next_session(events.filter(last_end__gte=now), now)
        events = events.select_related("library", "image", "campaign")
        return (
            form,
            events.prefetch_related("audiences", "event_sessions", "image__renditions"),
            None,
        )

    def listing_context(self, request, archive):
        context = self.get_context(request)
        form, events, message = self.events(request, archive=archive)
        context.update(paginate(request, events, self.per_page))
        context.update(
            {
                "filter_form": form,
                "filter_message": message or context["page_error"],
                "events": context["page_obj"].object_list,
                "archive": archive,
            }
        )
        return context

    @path("")
    def upcoming(self, request):
        return self.render(request, context_overrides=self.listing_context(request, False))

    @path("archive/")
    def archive_view(self, request):
        return self.render(request, context_overrides=self.listing_context(request, True))

    @path("month/")
    def month_view(self, request):
        """A month grid of sessions (exhibitions listed above it), with the same filters."""
        from .forms import MonthForm, month_links

        context = self.get_context(request)
        today = timezone.localdate()
        message = None
        month_form = MonthForm(request.GET)
        if month_form.is_valid():
            first = month_form.cleaned_data["month"]
        else:
            if request.GET.get("month"):
                message = _("That month is not valid; showing this month.")
            first = today.replace(day=1)
        last = (first + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
        query = request.GET.copy()
        for key in ("month", "when", "start", "end", "page"):
            query.pop(key, None)
        query.update({"start": first.isoformat(), "end": last.isoformat()})
        form, events, filter_message = self.events(request, data=query)
        # The language's first day of the week (Django: 0 is Sunday; calendar: 0 is Monday).
        first_weekday = (int(get_format("FIRST_DAY_OF_WEEK")) - 1) % 7
        weeks = calendar_module.Calendar(firstweekday=first_weekday).monthdatescalendar(
            first.year, first.month
        )
        days = {day: [] for week in weeks for day in week}
        exhibitions = []
        for event in events:
            if event.kind == EventKind.EXHIBITION:
                exhibitions.append(event)
                continue
            for session in event.sorted_sessions():
                day = timezone.localtime(session.start).date()
                if day in days:
                    days[day].append((session, event))
        for entries in days.values():
            entries.sort(key=lambda entry: entry[0].start)
        keep = query.copy()
        for key in ("start", "end"):
            keep.pop(key, None)
        previous_month, next_month = month_links(first)
        context.update(
            {
                "filter_form": form,
                "filter_message": message or filter_message,
                "month": first,
                "weeks": [[(day, days[day]) for day in week] for week in weeks],
                "exhibitions": exhibitions,
                "today": today,
                "filter_query": keep.urlencode(),
                "previous_month": previous_month.strftime("%Y-%m") if previous_month else "",
                "next_month": next_month.strftime("%Y-%m") if next_month else "",
            }
        )
        return self.render(
            request, template="events/event_index_month.html", context_overrides=context
        )

    def feed(self, request, fmt):
        from .feeds import feed_response

        _form, events, _message = self.events(request)
        return feed_response(
            request, self, events[: self.feed_limit], fmt, description=self.introduction
        )


def local_midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


class ListingWindow(models.TextChoices):
    UPCOMING = "upcoming", _("All upcoming events")
    NEXT_30 = "next_30", _("The next 30 days")
    NEXT_90 = "next_90", _("The next 90 days")
    PAST_90 = "past_90", _("The past 90 days")
    PAST = "past", _("All past events")


class ListingOrder(models.TextChoices):
    SOONEST = "soonest", _("Soonest first")
    LATEST = "latest", _("Latest first")


class ListingPageForm(WagtailAdminPageForm):
    """The kinds are a JSON list on the model, edited as checkboxes."""

    kinds = forms.MultipleChoiceField(
        label=_("Kinds"),
        choices=EventKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class ListingPage(RoutablePageMixin, FeedsMixin, BasePage):
    """An editor-defined smart listing of events (Plone's "Collection"): kinds, libraries,
    audiences, campaigns, a date window, order and count. Rendered like the calendar,
    with the same feeds."""

    introduction = models.TextField(_("introduction"), blank=True)
    kinds = models.JSONField(_("kinds"), default=list, blank=True)
    libraries = ParentalManyToManyField(
        MemberLibraryPage, blank=True, verbose_name=_("libraries"), related_name="+"
    )
    audiences = ParentalManyToManyField(Audience, blank=True, verbose_name=_("audiences"))
    campaigns = ParentalManyToManyField(Campaign, blank=True, verbose_name=_("campaigns"))
    window = models.CharField(
        _("dates"), max_length=20, choices=ListingWindow.choices, default=ListingWindow.UPCOMING
    )
    order = models.CharField(
        _("order"), max_length=20, choices=ListingOrder.choices, default=ListingOrder.SOONEST
    )
    count = models.PositiveSmallIntegerField(
        _("how many"), default=12, validators=[MinValueValidator(1), MaxValueValidator(200)]
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        MultiFieldPanel(
            [
                FieldPanel("kinds"),
                FieldPanel("libraries", widget=forms.CheckboxSelectMultiple),
                FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
                FieldPanel("campaigns", widget=forms.CheckboxSelectMultiple),
                FieldRowPanel([FieldPanel("window"), FieldPanel("order"), FieldPanel("count")]),
            ],
            heading=_("What to list (leave a choice empty for all)"),
        ),
    ]
    promote_panels = BasePage.promote_panels
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    parent_page_types = ["home.HomePage", "home.MemberLibraryPage", "home.StandardPage"]
    subpage_types = []
    page_description = _("A smart listing of events chosen by kind, library, audience, dates…")

    base_form_class = ListingPageForm

    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("introduction"),
        SynchronizedField("kinds"),
        SynchronizedRelation("libraries"),
        SynchronizedRelation("audiences"),
        SynchronizedRelation("campaigns"),
        SynchronizedField("window"),
        SynchronizedField("order"),
        SynchronizedField("count"),
    ]

    page_cache_shows = ("events", "libraries", "snippet:events.campaign")

    class Meta:
        verbose_name = _("event listing")

    def listed_events(self):
        events = in_locale_or_source(
            public_everywhere(EventPage.objects.live()), self.listing_locale
        )
        if self.kinds:
            events = events.filter(kind__in=self.kinds)
        libraries = [library.translation_key for library in self.libraries.all()]
        if libraries:
            events = events.filter(library__translation_key__in=libraries)
        audiences = list(self.audiences.all())
        if audiences:
            events = events.filter(audiences__in=audiences)
        campaigns = [campaign.translation_key for campaign in self.campaigns.all()]
        if campaigns:
            events = events.filter(campaign__translation_key__in=campaigns)
        now = timezone.now()
        window = {
            ListingWindow.UPCOMING: {"last_end__gte": now},
            ListingWindow.NEXT_30: {
                "last_end__gte": now,
                "next_start__lt": now + datetime.timedelta(days=30),
            },
            ListingWindow.NEXT_90: {
                "last_end__gte": now,
                "next_start__lt": now + datetime.timedelta(days=90),
            },
            ListingWindow.PAST_90: {
                "last_end__lt": now,
                "last_end__gte": now - datetime.timedelta(days=90),
            },
            ListingWindow.PAST: {"last_end__lt": now},
        }[self.window]
        # The window's "next 30 days" are those of the date the card shows.
        events = by_next_session(
            events.distinct(), now, descending=self.order == ListingOrder.LATEST
        ).filter(**window)
        return events.select_related("library", "image").prefetch_related(
            "audiences", "event_sessions"
        )[: self.count]

    @path("")
    def listing(self, request):
        return self.render(request, context_overrides={"events": self.listed_events()})

    def feed(self, request, fmt):
        from .feeds import feed_response

        return feed_response(
            request, self, self.listed_events(), fmt, description=self.introduction
        )


class BookingStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    PENDING = "pending", _("Waiting for the library's approval")
    WAITLISTED = "waitlisted", _("On the waitlist")
    DECLINED = "declined", _("Declined by the library")
    CANCELLED = "cancelled", pgettext_lazy("booking status", "Cancelled")


# Bookings that hold places, and bookings that are over (they hold nothing).
HOLDING = (BookingStatus.CONFIRMED, BookingStatus.PENDING)
CLOSED = (BookingStatus.CANCELLED, BookingStatus.DECLINED)


class SessionLedger(models.Model):
    """The places of one session (by uid, so in every language at once): locked by every
    booking change, and the figures pages show ("places left") without counting."""

    uid = models.UUIDField(unique=True)
    confirmed = models.PositiveIntegerField(default=0)
    waitlisted = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("session places")
        verbose_name_plural = _("session places")

    def __str__(self):
        return str(self.uid)


class Booking(models.Model):
    """A person's registration for one session of an event (or a volunteer shift)."""

    session_uid = models.UUIDField(pgettext_lazy("event session", "session"), db_index=True)
    # The page booked on: an event, a lecture, an exhibition or a volunteer project.
    event = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("event"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="bookings",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="bookings",
    )
    party_size = models.PositiveSmallIntegerField(
        _("places"), default=1, validators=[MinValueValidator(1)]
    )
    status = models.CharField(
        pgettext_lazy("booking", "status"),
        max_length=20,
        choices=BookingStatus.choices,
        default=BookingStatus.CONFIRMED,
    )
    code = models.CharField(_("check-in code"), max_length=12, unique=True)
    language = models.CharField(max_length=10, blank=True)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("moved from the waitlist at"), null=True, blank=True)
    attended_at = models.DateTimeField(_("attended at"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["session_uid", "user"],
                condition=~models.Q(status__in=["cancelled", "declined"]),
                name="one_active_booking_per_person_and_session",
            )
        ]
        indexes = [models.Index(fields=["session_uid", "status"])]

    def __str__(self):
        return f"{self.code} ({self.get_status_display()})"

    @property
    def is_active(self):
        return self.status not in CLOSED
