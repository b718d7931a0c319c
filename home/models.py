"""The alliance portal, the member libraries (一馆一品 brand pages) and standard pages."""

import datetime
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from alliance_site.blocks import BodyStreamBlock, GalleryStreamBlock
from alliance_site.models import BasePage, FeedsMixin
from alliance_site.pagination import paginate
from translations.listing import in_locale_or_source
from translations.privacy import public_everywhere


class LibraryLevel(models.TextChoices):
    PROVINCIAL = "provincial", _("Provincial library")
    CITY = "city", _("City library")
    COUNTY = "county", _("County library")
    ASEAN = "asean", _("ASEAN partner library")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class ClosureReason(models.TextChoices):
    PUBLIC_HOLIDAY = "public_holiday", _("Public holiday")
    SPRING_FESTIVAL = "spring_festival", _("Spring Festival")
    NATIONAL_DAY = "national_day", _("National Day")
    MAINTENANCE = "maintenance", _("Maintenance")
    STAFF_TRAINING = "staff_training", _("Staff training")
    SPECIAL_EVENT = "special_event", _("Special event")
    OTHER = "other", _("Other")


TIME_ZONE_CHOICES = [
    ("Asia/Shanghai", "Asia/Shanghai (UTC+8)"),
    ("Asia/Ho_Chi_Minh", "Asia/Ho_Chi_Minh (UTC+7)"),
    ("Asia/Bangkok", "Asia/Bangkok (UTC+7)"),
    ("Asia/Vientiane", "Asia/Vientiane (UTC+7)"),
    ("Asia/Phnom_Penh", "Asia/Phnom_Penh (UTC+7)"),
    ("Asia/Jakarta", "Asia/Jakarta (UTC+7)"),
    ("Asia/Yangon", "Asia/Yangon (UTC+6:30)"),
    ("Asia/Kuala_Lumpur", "Asia/Kuala_Lumpur (UTC+8)"),
    ("Asia/Singapore", "Asia/Singapore (UTC+8)"),
    ("Asia/Manila", "Asia/Manila (UTC+8)"),
    ("Asia/Brunei", "Asia/Brunei (UTC+8)"),
]


class HomePage(BasePage):
    """The alliance portal: one per locale, the root of each language's tree."""

    introduction = models.TextField(_("introduction"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("about the alliance"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
    ]
    promote_panels = BasePage.promote_panels

    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.MemberLibraryIndexPage",
        "home.StandardPage",
        "events.EventIndexPage",
        "lectures.LectureIndexPage",
        "exhibitions.ExhibitionIndexPage",
        "volunteers.VolunteerIndexPage",
        "events.ListingPage",
    ]
    page_description = _("The alliance portal: the root of one language's pages.")

    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("introduction"),
        TranslatableField("body"),
        SynchronizedField("hero_image"),
    ]

    page_cache_shows = ("events", "libraries", "snippet:events.campaign")

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        locale = self.listing_locale
        libraries = list(MemberLibraryPage.objects.for_listing(locale))
        context["members_index"] = (
            MemberLibraryIndexPage.objects.live().filter(locale=locale).first()
        )
        context["libraries_by_level"] = group_by_level(libraries)
        context["library_count"] = len(libraries)
        context["brands"] = [lib for lib in libraries if lib.brand_name]
        # Slots that apps above home fill through hooks (events, volunteers).
        context["upcoming_events"] = fill_slot("home_upcoming_events", locale=locale)
        context["calendar"] = first_hook_result("calendar_page", locale=locale)
        context["volunteer_projects"] = fill_slot("home_volunteer_projects", locale=locale)
        if context["volunteer_projects"]:
            context["volunteers_index"] = first_hook_result("volunteers_page", locale=locale)
        context["glance"] = first_hook_result("home_at_a_glance")
        return context


class MemberLibraryIndexPage(BasePage):
    """/members/: every member library, filterable by level and city."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    promote_panels = BasePage.promote_panels

    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.MemberLibraryPage"]
    max_count_per_parent = 1
    alliance_wide = True  # one in every locale's tree (home/locale_trees.py)
    page_description = _("The list of member libraries. One per language.")

    translatable_fields = [*BasePage.translatable_fields, TranslatableField("introduction")]

    per_page = 48
    page_cache_shows = ("libraries",)

    class Meta:
        verbose_name = _("member library index")

    def get_context(self, request, *args, **kwargs):
        from .forms import LibraryFilterForm

        context = super().get_context(request, *args, **kwargs)
        locale = self.listing_locale
        libraries = MemberLibraryPage.objects.for_listing(locale)
        if locale.language_code == settings.LANGUAGE_CODE and self.locale_id == locale.pk:
            libraries = libraries.child_of(self)
        else:
            # Children of this index in any locale: untranslated libraries are listed
            # from the source's index.
            within = models.Q(pk__in=[])
            indexes = Page.objects.filter(translation_key=self.translation_key)
            for path in indexes.values_list("path", flat=True):
                within |= models.Q(path__startswith=path, depth=self.depth + 1)
            libraries = libraries.filter(within)
        cities = [c for c in dict.fromkeys(libraries.values_list("city", flat=True)) if c]
        form = LibraryFilterForm(request.GET or None, cities=cities)
        if form.is_bound and form.is_valid():
            if form.cleaned_data["level"]:
                libraries = libraries.filter(level=form.cleaned_data["level"])
            if form.cleaned_data["city"]:
                libraries = libraries.filter(city=form.cleaned_data["city"])
        elif form.is_bound:
            libraries = libraries.none()
        context.update(paginate(request, libraries, self.per_page))
        context["filter_form"] = form
        context["libraries_by_level"] = group_by_level(context["page_obj"].object_list)
        return context


class MemberLibraryPageManager(PageManager):
    def for_listing(self, locale):
        """Live, public libraries of one locale (the source page of a library not translated
        into it), ready to list without further queries."""
        return (
            in_locale_or_source(public_everywhere(self.get_queryset().live()), locale)
            .select_related("logo")
            .prefetch_related("logo__renditions")
            .order_by("level_order", "path")
        )


class MemberLibraryPage(RoutablePageMixin, FeedsMixin, BasePage):
    """A member library's section and its "one library, one brand" page."""

    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    level = models.CharField(_("level"), max_length=20, choices=LibraryLevel.choices)
    level_order = models.PositiveSmallIntegerField(editable=False, default=0)
    city = models.CharField(
        _("city or country"),
        max_length=60,
        help_text=_("The prefecture-level city, or the country of an ASEAN partner."),
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    time_zone = models.CharField(
        _("time zone"), max_length=40, choices=TIME_ZONE_CHOICES, default="Asia/Shanghai"
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    wechat_qr = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("WeChat official account QR code"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    introduction = models.TextField(_("introduction"), blank=True)
    brand_name = models.CharField(
        _("brand name"),
        max_length=60,
        blank=True,
        help_text=_("The library's reading-promotion brand, e.g. 八桂讲坛."),
    )
    brand_story = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("brand story"))
    gallery = StreamField(GalleryStreamBlock(), blank=True, verbose_name=_("gallery"))

    content_panels = [
        FieldPanel("title", heading=_("Official name")),
        MultiFieldPanel(
            [
                FieldPanel("short_name"),
                FieldRowPanel([FieldPanel("level"), FieldPanel("city")]),
                FieldPanel("introduction"),
                FieldPanel("logo"),
            ],
            heading=_("Library"),
        ),
        MultiFieldPanel(
            [FieldPanel("brand_name"), FieldPanel("brand_story"), FieldPanel("gallery")],
            heading=_("One library, one brand"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("website"),
                FieldPanel("wechat_qr"),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("time_zone"),
                InlinePanel("opening_hours", label=_("Opening hours"), heading=_("Weekly hours")),
                InlinePanel(
                    "opening_exceptions",
                    label=_("Exception"),
                    heading=_("Holidays and other exceptions"),
                ),
            ],
            heading=_("Opening hours"),
        ),
    ]
    promote_panels = BasePage.promote_panels

    search_fields = [
        *Page.search_fields,
        index.SearchField("short_name"),
        index.SearchField("brand_name"),
        index.SearchField("introduction"),
        index.SearchField("brand_story"),
        index.SearchField("city"),
        index.FilterField("level"),
        index.FilterField("city"),
    ]
    search_owner = True  # the site search groups results by library

    parent_page_types = ["home.MemberLibraryIndexPage"]
    # Content of the library lives below its page (apps above home add their types here).
    subpage_types = [
        "home.StandardPage",
        "events.EventPage",
        "lectures.LecturePage",
        "exhibitions.ExhibitionPage",
        "volunteers.VolunteerProjectPage",
        "events.ListingPage",
    ]
    page_description = _("A member library's brand page and the home of its content.")

    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("short_name"),
        TranslatableField("city"),
        TranslatableField("address"),
        TranslatableField("introduction"),
        TranslatableField("brand_name"),
        TranslatableField("brand_story"),
        TranslatableField("gallery"),
        SynchronizedField("level"),
        SynchronizedField("latitude"),
        SynchronizedField("longitude"),
        SynchronizedField("time_zone"),
        SynchronizedField("phone"),
        SynchronizedField("email"),
        SynchronizedField("website"),
        SynchronizedField("logo"),
        SynchronizedField("wechat_qr"),
        SynchronizedField("opening_hours"),
        SynchronizedField("opening_exceptions"),
    ]

    objects = MemberLibraryPageManager()

    class Meta:
        verbose_name = _("member library")
        verbose_name_plural = _("member libraries")

    def save(self, *args, **kwargs):
        self.level_order = list(LibraryLevel.values).index(self.level) if self.level else 0
        return super().save(*args, **kwargs)

    @property
    def display_name(self):
        return self.short_name or self.title

    def local_today(self):
        return timezone.now().astimezone(zoneinfo.ZoneInfo(self.time_zone)).date()

    def hours_on(self, day):
        """The opening hours on a date: (opens, closes) or None when closed; an exception wins."""
        for exception in self.opening_exceptions.all():
            if exception.start_date <= day <= (exception.end_date or exception.start_date):
                if exception.closed:
                    return None
                return (exception.opens, exception.closes)
        for row in self.opening_hours.all():
            if row.weekday == day.weekday():
                return None if row.closed else (row.opens, row.closes)
        return None

    def upcoming_exceptions(self, days=60):
        today = self.local_today()
        horizon = today + datetime.timedelta(days=days)
        return [
            e
            for e in self.opening_exceptions.all()
            if (e.end_date or e.start_date) >= today and e.start_date <= horizon
        ]

    def structured_data(self, request):
        """schema.org Library, for search engines and maps."""
        data = {
            "@context": "https://schema.org",
            "@type": "Library",
            "name": self.title,
            "url": request.build_absolute_uri(self.get_url(request=request)),
            "inLanguage": self.locale.language_code,
        }
        if self.short_name:
            data["alternateName"] = self.short_name
        if self.introduction:
            data["description"] = self.introduction
        if self.address:
            data["address"] = {"@type": "PostalAddress", "streetAddress": self.address}
        if self.latitude is not None and self.longitude is not None:
            data["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(self.latitude),
                "longitude": float(self.longitude),
            }
        for key, value in (("telephone", self.phone), ("email", self.email)):
            if value:
                data[key] = value
        if self.website:
            data["sameAs"] = [self.website]
        days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        data["openingHoursSpecification"] = [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": f"https://schema.org/{days[row.weekday]}",
                "opens": row.opens.strftime("%H:%M"),
                "closes": row.closes.strftime("%H:%M"),
            }
            for row in self.opening_hours.all()
            if not row.closed and row.opens and row.closes
        ]
        return data

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        prefetch_related_objects([self], "opening_hours", "opening_exceptions")
        context["structured_data"] = self.structured_data(request)
        today = self.local_today()
        context["today"] = today
        context["hours_today"] = self.hours_on(today)
        context["weekly_hours"] = sorted(self.opening_hours.all(), key=lambda r: r.weekday)
        context["exceptions"] = self.upcoming_exceptions()
        context["upcoming_events"] = fill_slot(
            "library_upcoming_events", locale=self.listing_locale, library=self
        )
        return context

    # The page cache: the library lists its own events (they are below it) and today's
    # hours, in its own time zone.
    page_cache_lists_below = True

    def page_cache_valid_until(self):
        return self.next_change_of_listings(zoneinfo.ZoneInfo(self.time_zone))

    def page_cache_changes(self):
        return {*super().page_cache_changes(), "libraries"}

    # The library's upcoming events as iCalendar and RSS, from the events app.
    def feed(self, request, fmt):
        response = first_hook_result("library_feed", library=self, request=request, fmt=fmt)
        if response is None:
            raise Http404
        return response


class OpeningHours(Orderable):
    """One weekday's opening hours. Synchronised to every translation (no text)."""

    page = ParentalKey(MemberLibraryPage, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    closed = models.BooleanField(_("closed all day"), default=False)
    opens = models.TimeField(_("opens"), null=True, blank=True)
    closes = models.TimeField(_("closes"), null=True, blank=True)

    panels = [
        FieldRowPanel(
            [FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes"), FieldPanel("closed")]
        )
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")

    def clean(self):
        super().clean()
        clean_hours(self)


class OpeningHoursException(Orderable):
    """A dated exception (holiday closure or special hours). The reason is a choice, so
    its label is translated by gettext rather than stored as text in the row."""

    page = ParentalKey(
        MemberLibraryPage, on_delete=models.CASCADE, related_name="opening_exceptions"
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True)
    reason = models.CharField(
        _("reason"),
        max_length=30,
        choices=ClosureReason.choices,
        default=ClosureReason.PUBLIC_HOLIDAY,
    )
    closed = models.BooleanField(_("closed"), default=True)
    opens = models.TimeField(_("opens"), null=True, blank=True)
    closes = models.TimeField(_("closes"), null=True, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date"), FieldPanel("reason")]),
        FieldRowPanel([FieldPanel("closed"), FieldPanel("opens"), FieldPanel("closes")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("opening hours exception")
        verbose_name_plural = _("opening hours exceptions")

    def clean(self):
        super().clean()
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The last day cannot be before the first day.")})
        clean_hours(self)


def clean_hours(row):
    """Shared validation of an opening-hours row; errors are keyed to the field."""
    if row.closed:
        return
    if row.opens is None:
        raise ValidationError({"opens": _("Enter the opening time, or tick “closed”.")})
    if row.closes is None:
        raise ValidationError({"closes": _("Enter the closing time, or tick “closed”.")})
    if row.closes <= row.opens:
        raise ValidationError({"closes": _("The closing time must be after the opening time.")})


class StandardPage(BasePage):
    """About, privacy policy, how to join: a rich body and nothing else."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    promote_panels = BasePage.promote_panels

    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage", "home.MemberLibraryPage", "home.StandardPage"]
    subpage_types = ["home.StandardPage", "events.ListingPage"]
    page_description = _("A page of text and media: about, privacy policy, how to join.")

    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("introduction"),
        TranslatableField("body"),
    ]

    class Meta:
        verbose_name = _("standard page")


def fill_slot(name, **kwargs):
    """Items for a slot of a page of this app, from the apps that depend on it: each app
    registers a Wagtail hook under the slot's name (home never imports them)."""
    items = []
    for fn in hooks.get_hooks(name):
        items.extend(fn(**kwargs))
    return items


def first_hook_result(name, **kwargs):
    for fn in hooks.get_hooks(name):
        result = fn(**kwargs)
        if result is not None:
            return result
    return None


def group_by_level(libraries):
    """[(level label, [(city, [library, …]), …]), …] in the order of LibraryLevel."""
    groups = {}
    for library in libraries:
        groups.setdefault(library.level, {}).setdefault(library.city, []).append(library)
    return [
        (LibraryLevel(level).label, list(cities.items()))
        for level in LibraryLevel.values
        if (cities := groups.get(level))
    ]


class MemberLibraryAccess(models.Model):
    """The roles, media collection and workflow of one member library, shared by the
    library's page in every locale (they have the same translation_key)."""

    translation_key = models.UUIDField(unique=True, editable=False)
    name = models.CharField(pgettext_lazy("member library", "name"), max_length=255)
    editors = models.OneToOneField(
        "auth.Group", on_delete=models.PROTECT, related_name="library_as_editors"
    )
    moderators = models.OneToOneField(
        "auth.Group", on_delete=models.PROTECT, related_name="library_as_moderators"
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection", on_delete=models.PROTECT, related_name="library_access"
    )
    workflow = models.OneToOneField(
        "wagtailcore.Workflow", on_delete=models.PROTECT, related_name="library_access"
    )
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("member library access")
        verbose_name_plural = _("member library access")

    def __str__(self):
        return self.name

    @property
    def pages(self):
        return MemberLibraryPage.objects.filter(translation_key=self.translation_key)
