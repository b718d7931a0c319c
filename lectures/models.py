"""Lectures (e.g. the 八桂讲坛 series): a LecturePage is an EventPage with speakers from a
shared, translatable Speaker pool, a series, a topic, a livestream, and afterwards a
recording and slides or handouts."""

from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from alliance_site.bounds import YearForm
from alliance_site.localization import TranslatableForeignKey
from alliance_site.models import AllianceIndexPage, BasePage, FeedsMixin
from alliance_site.pagination import paginate
from events.models import (
    EVENT_SETTINGS_PANELS,
    EventDatesMixin,
    EventKind,
    EventPage,
    by_next_session,
)
from translations.listing import in_locale_or_source
from translations.privacy import public_everywhere


class Speaker(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(pgettext_lazy("person", "name"), max_length=120)
    title = models.CharField(
        pgettext_lazy("speaker", "title"),
        max_length=200,
        blank=True,
        help_text=_("E.g. professor of history, writer."),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bio = RichTextField(_("biography"), blank=True, features=["bold", "italic", "link"])

    panels = [FieldPanel("name"), FieldPanel("title"), FieldPanel("photo"), FieldPanel("bio")]
    search_fields = [index.SearchField("name"), index.SearchField("title")]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("title"),
        TranslatableField("bio"),
        SynchronizedField("photo"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self):
        return self.name


class LectureSeries(TranslatableMixin, models.Model):
    name = models.CharField(pgettext_lazy("lecture series", "name"), max_length=120)
    slug = models.SlugField(pgettext_lazy("lecture series", "slug"), max_length=60)
    description = models.TextField(pgettext_lazy("lecture series", "description"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=pgettext_lazy("lecture series", "image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("image"),
    ]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("slug"),
        SynchronizedField("image"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("lecture series")
        verbose_name_plural = _("lecture series")
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        return self.name


class MaterialBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=pgettext_lazy("content block", "Document"))
    label = blocks.CharBlock(label=_("Label"), required=False, max_length=120)

    class Meta:
        icon = "doc-full"
        label = _("Slides or handout")
        description = _("A document for the audience: slides, a handout, a reading list")


class LecturePage(EventPage):
    topic = models.CharField(_("topic"), max_length=255, blank=True)
    series = models.ForeignKey(
        LectureSeries,
        verbose_name=_("series"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    livestream_url = models.URLField(_("livestream address"), blank=True)
    recording_url = models.URLField(
        _("recording"),
        blank=True,
        help_text=_("After the lecture: the address of the video or audio recording."),
    )
    materials = StreamField(
        [("material", MaterialBlock())], blank=True, verbose_name=_("slides and handouts")
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("topic"),
        FieldPanel("series"),
        InlinePanel("lecture_speakers", label=_("Speaker"), heading=_("Speakers"), min_num=1),
        FieldPanel("introduction"),
        FieldPanel("image"),
        *EventDatesMixin.panels,
        *EVENT_SETTINGS_PANELS,
        MultiFieldPanel(
            [FieldPanel("livestream_url"), FieldPanel("recording_url"), FieldPanel("materials")],
            heading=_("Livestream, recording and handouts"),
        ),
        FieldPanel("body"),
    ]
    promote_panels = BasePage.promote_panels

    search_fields = [
        *EventPage.search_fields,
        index.SearchField("topic"),
        # A speaker's name or a series finds the lecture (the site search indexes the
        # lecture when it is published; a renamed speaker is picked up by update_index).
        index.RelatedFields(
            "lecture_speakers",
            [
                index.RelatedFields(
                    "speaker", [index.SearchField("name"), index.SearchField("title")]
                )
            ],
        ),
        index.RelatedFields("series", [index.SearchField("name")]),
    ]

    translatable_fields = [
        *EventPage.translatable_fields,
        TranslatableField("topic"),
        TranslatableForeignKey("series"),
        TranslatableField("materials"),
        SynchronizedField("lecture_speakers"),
        SynchronizedField("livestream_url"),
        SynchronizedField("recording_url"),
    ]

    parent_page_types = ["home.MemberLibraryPage"]
    subpage_types = []
    page_description = _("A lecture: speakers, series, livestream and recording.")
    poster_template = "lectures/poster.html"
    fixed_kind = EventKind.LECTURE

    class Meta:
        verbose_name = _("lecture")
        verbose_name_plural = _("lectures")

    def speakers(self):
        return [row.speaker.localized for row in self.lecture_speakers.all() if row.speaker_id]

    def page_cache_tags(self):
        tags = super().page_cache_tags()
        speakers = Speaker.objects.filter(
            pk__in=[row.speaker_id for row in self.lecture_speakers.all()]
        ).values_list("translation_key", flat=True)
        tags.update(f"snippet:lectures.speaker:{key}" for key in speakers)
        if self.series_id:
            tags.add(f"snippet:lectures.lectureseries:{self.series.translation_key}")
        return tags


class LectureSpeaker(Orderable):
    """A speaker of a lecture: synchronised to translations (the speaker itself is a
    translatable snippet, shown in the visitor's language)."""

    page = ParentalKey(LecturePage, on_delete=models.CASCADE, related_name="lecture_speakers")
    speaker = models.ForeignKey(Speaker, verbose_name=_("speaker"), on_delete=models.CASCADE)

    panels = [FieldPanel("speaker")]

    class Meta(Orderable.Meta):
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")


class LectureIndexPage(RoutablePageMixin, FeedsMixin, AllianceIndexPage):
    """/lectures/: upcoming lectures of every library, the archive by year and series,
    and a page per speaker."""

    page_description = _("Lectures of every library: upcoming, archive, series, speakers.")

    class Meta:
        verbose_name = _("lecture index")

    per_page = 20
    page_cache_shows = (
        "events",
        "libraries",
        "snippet:events.campaign",
        "snippet:lectures.speaker",
        "snippet:lectures.lectureseries",
    )

    def lectures(self):
        return (
            in_locale_or_source(public_everywhere(LecturePage.objects.live()), self.listing_locale)
            .select_related("library", "series")
            .prefetch_related("event_sessions", "audiences", "lecture_speakers__speaker")
        )

    def series_list(self):
        return in_locale_or_source(LectureSeries.objects.all(), self.listing_locale)

    @path("")
    def index_view(self, request):
        now = timezone.now()
        lectures = self.lectures()
        years = [
            d.year
            for d in lectures.filter(last_end__lt=now).dates("first_start", "year", order="DESC")
        ]
        year, message = years[0] if years else None, None
        if request.GET.get("year"):
            # A year the archive can hold (a year 0 or 99999 is no date to filter by).
            form = YearForm(request.GET)
            if form.is_valid():
                year = form.cleaned_data["year"]
            else:
                message = _("That year is not valid.")
        archive = lectures.filter(last_end__lt=now, first_start__year=year).order_by(
            "-first_start", "-pk"
        )
        context = paginate(request, archive if year else archive.none(), self.per_page)
        context.update(
            {
                "upcoming": by_next_session(lectures.filter(last_end__gte=now), now),
                "archive": context["page_obj"].object_list,
                "years": years,
                "year": year,
                "message": message or context["page_error"],
                "series_list": self.series_list(),
            }
        )
        return self.render(request, context_overrides=context)

    def feed(self, request, fmt):
        """Upcoming lectures, as iCalendar or RSS."""
        from events.feeds import FEED_LIMIT, feed_response

        now = timezone.now()
        upcoming = by_next_session(self.lectures().filter(last_end__gte=now), now)
        return feed_response(
            request, self, upcoming[:FEED_LIMIT], fmt, description=self.introduction
        )

    @path("series/<slug:slug>/")
    def series_view(self, request, slug):
        series = in_locale_or_source(
            LectureSeries.objects.filter(slug=slug), self.listing_locale
        ).first()
        if series is None:
            raise Http404
        lectures = self.lectures().filter(series__translation_key=series.translation_key)
        return self.render(
            request,
            template="lectures/lecture_index_series.html",
            context_overrides=self.paginated(request, lectures, series=series),
        )

    @path("speakers/<int:pk>/")
    def speaker_view(self, request, pk):
        speaker = Speaker.objects.filter(pk=pk).first()
        if speaker is None:
            raise Http404
        speaker = speaker.get_translation_or_none(self.listing_locale) or speaker
        lectures = self.lectures().filter(
            lecture_speakers__speaker__translation_key=speaker.translation_key
        )
        return self.render(
            request,
            template="lectures/lecture_index_speaker.html",
            context_overrides=self.paginated(request, lectures, speaker=speaker),
        )

    def paginated(self, request, lectures, **extra):
        """The lectures newest first, a page at a time, for the series and speaker pages."""
        context = paginate(request, lectures.order_by("-first_start", "-pk"), self.per_page)
        context.update(extra, lectures=context["page_obj"].object_list)
        return context
