"""Volunteer projects of the member libraries, their shifts (sessions booked through the
events' booking engine), volunteer profiles and service records."""

import datetime
import decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from alliance_site.blocks import BodyStreamBlock
from alliance_site.models import AllianceIndexPage, BasePage
from events.models import (
    EventDatesMixin,
    LibraryOwnedMixin,
    RegistrationMixin,
    RegistrationMode,
    StatusMixin,
    VenueMixin,
    next_session_start,
)
from translations.listing import in_locale_or_source
from translations.privacy import public_everywhere


class VolunteerCategory(models.TextChoices):
    """The eight categories of the alliance's volunteer plan."""

    DISABILITY = "disability", _("Disability assistance")  # 阳光助残
    MIGRANT_CHILDREN = "migrant_children", _("Children of migrant workers")  # 关爱农民工子女
    NEIGHBOURHOOD = "neighbourhood", _("Neighbourhood and elderly care")  # 邻里守望与为老服务
    RELIEF = "relief", _("Poverty relief and emergency rescue")  # 扶贫开发与应急救援
    CULTURE = "culture", _("Cultural publicity and online civility")  # 文化宣传与网络文明
    LAW = "law", _("Drug-prevention education and legal aid")  # 禁毒教育与法律服务
    RESEARCH = "research", _("Research and groundwork")  # 理论研究与基础建设
    OTHER = "other", _("Other fields")  # 其它领域


# Star levels by verified hours (the alliance's plan).
STAR_LEVELS = [(1, 100), (2, 300), (3, 600), (4, 1000), (5, 1500)]


def stars_for(hours):
    return max((stars for stars, needed in STAR_LEVELS if hours >= needed), default=0)


def next_star(hours):
    """(stars, hours needed) of the next level, or None at five stars."""
    return next(((s, needed) for s, needed in STAR_LEVELS if hours < needed), None)


class VolunteerProjectPage(  # noqa: DJ008 (Page provides __str__)
    RoutablePageMixin,
    RegistrationMixin,
    EventDatesMixin,
    VenueMixin,
    StatusMixin,
    LibraryOwnedMixin,
    BasePage,
):
    """A volunteer project of a library: what volunteers do, what it asks of them, and
    its shifts, which volunteers sign up for (with the library's approval if it wants)."""

    category = models.CharField(_("category"), max_length=30, choices=VolunteerCategory.choices)
    introduction = models.TextField(_("introduction"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=pgettext_lazy("volunteer project", "image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requirements = RichTextField(
        _("requirements"),
        blank=True,
        features=["bold", "italic", "ul", "ol", "link"],
        help_text=_("Age, skills, languages, training, what to bring."),
    )
    body = StreamField(
        BodyStreamBlock(),
        blank=True,
        verbose_name=pgettext_lazy("volunteer project", "description"),
    )
    requires_approval = models.BooleanField(
        _("sign-ups need the library's approval"),
        default=False,
        help_text=_("Each sign-up waits until a member of staff approves it."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("category"),
        FieldPanel("introduction"),
        FieldPanel("image"),
        FieldPanel("body"),
        FieldPanel("requirements"),
        FieldPanel("requires_approval"),
        FieldPanel("time_zone"),
        InlinePanel(
            "event_sessions",
            label=_("Shift"),
            heading=_("Shifts"),
            min_num=1,
            panels=[
                FieldRowPanel([FieldPanel("start"), FieldPanel("end"), FieldPanel("capacity")]),
                FieldRowPanel(
                    [
                        FieldPanel("hours_credit"),
                        FieldPanel("registration_opens"),
                        FieldPanel("registration_closes"),
                        FieldPanel("waitlist"),
                    ]
                ),
            ],
        ),
        *StatusMixin.panels,
        *VenueMixin.panels,
    ]
    promote_panels = BasePage.promote_panels
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
        index.FilterField("category"),
    ]
    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("introduction"),
        TranslatableField("body"),
        TranslatableField("requirements"),
        TranslatableField("room"),
        TranslatableField("other_address"),
        TranslatableField("status_note"),
        SynchronizedField("category"),
        SynchronizedField("image"),
        SynchronizedField("time_zone"),
        SynchronizedField("event_sessions"),
        SynchronizedField("status"),
        SynchronizedField("online_url"),
        SynchronizedField("requires_approval"),
    ]

    parent_page_types = ["home.MemberLibraryPage"]
    subpage_types = []
    page_description = _("A volunteer project of this library, with shifts to sign up for.")

    # Shifts are always booked on this site (RegistrationMixin and the engine read it).
    registration_mode = RegistrationMode.ONLINE

    class Meta:
        verbose_name = _("volunteer project")
        verbose_name_plural = _("volunteer projects")

    def save(self, *args, **kwargs):
        self.update_dates()
        return super().save(*args, **kwargs)

    def before_booking(self, request):
        """A volunteer completes the profile before a first sign-up."""
        from django.shortcuts import redirect
        from django.urls import reverse

        profile = VolunteerProfile.objects.filter(user=request.user).first()
        if profile is None or not profile.is_complete:
            from django.contrib import messages

            messages.info(request, _("Please complete your volunteer profile first."))
            return redirect(reverse("volunteer_profile") + "?next=" + self.get_url(request=request))
        return None

    @path("")
    def detail(self, request):
        return self.render_with_registration(request, {})

    def upcoming_shifts(self, now=None):
        """The shifts that have not started yet, soonest first (from prefetched rows)."""
        now = now or timezone.now()
        return [shift for shift in self.sorted_sessions() if shift.start > now]


def listed_projects(locale, now=None):
    """Live, public projects in `locale` (the source page where untranslated): those
    with shifts to come first, the soonest first, then the others by title; ready to
    list in two queries, however many projects."""
    projects = in_locale_or_source(public_everywhere(VolunteerProjectPage.objects.live()), locale)
    return (
        projects.annotate(next_shift=next_session_start(now or timezone.now(), until="start"))
        .order_by(models.F("next_shift").asc(nulls_last=True), "title", "pk")
        .select_related("library", "image")
        .prefetch_related("event_sessions")
    )


class VolunteerIndexPage(AllianceIndexPage):
    """/volunteers/: every library's volunteer projects by category and library, those
    with open shifts first."""

    page_description = _("Volunteer projects of every library. One per language.")
    subpage_types = ["volunteers.SelectionResultsPage"]
    page_cache_shows = ("events", "libraries")

    class Meta:
        verbose_name = _("volunteer projects index")

    def get_context(self, request, *args, **kwargs):
        from home.models import MemberLibraryPage

        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        projects = listed_projects(self.listing_locale, now)
        category = request.GET.get("category", "")
        library = request.GET.get("library", "")
        message = None
        if category and category not in VolunteerCategory.values:
            message, category = _("That category is not known; showing all."), ""
        if category:
            projects = projects.filter(category=category)
        libraries = list(
            in_locale_or_source(
                public_everywhere(MemberLibraryPage.objects.live()), self.listing_locale
            ).order_by("title")
        )
        if library:
            chosen = next((lib for lib in libraries if lib.slug == library), None)
            if chosen is None:
                message, library = _("That library is not known; showing all."), ""
            else:
                projects = projects.filter(library__translation_key=chosen.translation_key)
        rows = [(project, project.upcoming_shifts(now)) for project in projects]
        context.update(
            {
                "rows": rows,
                "categories": VolunteerCategory.choices,
                "category": category,
                "libraries": libraries,
                "library": library,
                "filter_message": message,
            }
        )
        return context


class VolunteerProfile(models.Model):
    """What a library needs to know before a volunteer's first shift."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="volunteer_profile"
    )
    real_name = models.CharField(_("real name"), max_length=100)
    phone = models.CharField(_("phone"), max_length=30)
    birth_date = models.DateField(_("date of birth"))
    languages = models.CharField(
        _("languages"), max_length=200, blank=True, help_text=_("E.g. 中文, English, ภาษาไทย")
    )
    skills = models.TextField(_("skills"), blank=True)
    availability = models.TextField(
        _("availability"), blank=True, help_text=_("E.g. weekend mornings, school holidays.")
    )
    guardian_name = models.CharField(_("guardian's name"), max_length=100, blank=True)
    guardian_phone = models.CharField(_("guardian's phone"), max_length=30, blank=True)
    guardian_consent_at = models.DateTimeField(_("guardian consent given at"), null=True)
    consent_at = models.DateTimeField(_("consent given at"), null=True)
    public_listing = models.BooleanField(
        _("show my name on the honour rolls"),
        default=True,
        help_text=_("Untick to keep your name off the public honour rolls."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("volunteer profile")
        verbose_name_plural = _("volunteer profiles")

    def __str__(self):
        return self.real_name

    def age_on(self, day):
        born = self.birth_date
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    @property
    def is_minor(self):
        return self.birth_date is not None and self.age_on(timezone.localdate()) < 18

    @property
    def is_complete(self):
        if not (self.real_name and self.phone and self.birth_date and self.consent_at):
            return False
        if self.is_minor:
            return bool(self.guardian_name and self.guardian_phone and self.guardian_consent_at)
        return True


class RecordStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for verification")
    VERIFIED = "verified", pgettext_lazy("service record status", "Verified")
    REJECTED = "rejected", pgettext_lazy("service record status", "Rejected")


class ServiceRecord(models.Model):
    """Hours of service: from a shift (confirmed by staff after it) or logged by the
    volunteer for work off-site (verified or rejected by staff). Only verified hours
    count."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("volunteer"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="service_records",
    )
    booking = models.OneToOneField(
        "events.Booking",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="service_record",
    )
    project = models.ForeignKey(
        VolunteerProjectPage,
        verbose_name=_("project"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="service_records",
    )
    library_key = models.UUIDField(db_index=True, editable=False)
    date = models.DateField(pgettext_lazy("service record", "date"))
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(decimal.Decimal("0.5")), MaxValueValidator(24)],
    )
    description = models.CharField(_("what was done"), max_length=300, blank=True)
    hours_reason = models.CharField(
        _("why the hours differ from the shift's"), max_length=300, blank=True
    )
    off_site = models.BooleanField(_("off-site"), default=False)
    status = models.CharField(
        pgettext_lazy("service record", "status"),
        max_length=20,
        choices=RecordStatus.choices,
        default=RecordStatus.PENDING,
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    comment = models.TextField(_("comment for the volunteer"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("service record")
        verbose_name_plural = _("service records")
        indexes = [models.Index(fields=["user", "status"])]

    def __str__(self):
        return f"{self.date} {self.hours} h"

    def clean(self):
        super().clean()
        if self.date and self.date > timezone.localdate() + datetime.timedelta(days=1):
            raise ValidationError({"date": _("Service cannot be logged ahead of time.")})


class Certificate(models.Model):
    """A certificate of service as issued: what it says is kept, so that the public
    verification page confirms exactly that and nothing more."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="volunteer_certificates",
    )
    code = models.CharField(_("verification code"), max_length=20, unique=True)
    name = models.CharField(pgettext_lazy("person", "name"), max_length=100)
    hours = models.DecimalField(_("hours"), max_digits=8, decimal_places=1)
    stars = models.PositiveSmallIntegerField(_("star level"), default=0)
    projects = models.JSONField(_("projects"), default=list)
    libraries = models.JSONField(_("libraries"), default=list)
    issued_on = models.DateField(_("issued on"), default=timezone.localdate)

    class Meta:
        ordering = ["-issued_on", "-pk"]
        verbose_name = _("certificate of service")
        verbose_name_plural = _("certificates of service")

    def __str__(self):
        return self.code


# The demonstration-project selection keeps its models beside its rules.
from .selection import (  # noqa: E402,F401
    Criterion,
    Evidence,
    Judge,
    Nomination,
    Score,
    SelectionResultsPage,
    SelectionRound,
)
