"""What every page shares (BasePage) and the site-wide settings."""

from django.conf import settings
from django.db import models
from django.http import Http404
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks, hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from translations.privacy import is_private
from translations.visitor import in_visitor_site, locale_by_id, shared_cached, visitor_locale

from .localization import empty_relations_emptied_in_source
from .page_cache import next_midnight
from .search.models import SearchDocument  # noqa: F401 (the app's models live here)


class FeedsMixin:
    """For routable listing pages: …/feed.ics and …/feed.xml (with the listing's query
    string) answered by the page's feed(request, "ics" or "xml")."""

    @path("feed.ics/")
    def ics_feed(self, request):
        return self.feed(request, "ics")

    @path("feed.xml/")
    def rss_feed(self, request):
        return self.feed(request, "xml")

    def feed(self, request, fmt):
        raise NotImplementedError


class BasePage(Page):
    """Abstract base of every page type: SEO and social panels, cache headers,
    and the list of translatable fields for wagtail-localize."""

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("social image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when the page is shared on WeChat and other social media."),
    )

    def permissions_for_user(self, user):
        # Translators translate and publish; the structure of the tree stays with editors.
        from translations.permissions import TranslatorAwarePermissionTester

        return TranslatorAwarePermissionTester(user, self)

    promote_panels = [
        MultiFieldPanel(
            [FieldPanel("slug"), FieldPanel("seo_title"), FieldPanel("search_description")],
            heading=pgettext_lazy("page editor", "For search engines"),
        ),
        MultiFieldPanel(
            [FieldPanel("show_in_menus"), FieldPanel("social_image")],
            heading=_("Menus and sharing"),
        ),
    ]

    # Text is translated; the slug and images stay the same in every locale, so that
    # /zh-hans/members/nanning/ and /en/members/nanning/ are the same page.
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        SynchronizedField("slug"),
        SynchronizedField("show_in_menus"),
        SynchronizedField("social_image"),
    ]

    # Seconds a shared cache (the front-end cache) may keep an anonymous page.
    cache_max_age = 60
    cache_shared_max_age = 300

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # A translation being synced: wagtail-localize would keep a many-to-many set
        # (audiences…) that the source has emptied.
        empty_relations_emptied_in_source(self)
        return super().save(*args, **kwargs)

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            patch_cache_control(response, private=True, no_cache=True)
        elif not response.has_header("Cache-Control"):
            patch_cache_control(
                response,
                public=True,
                max_age=self.cache_max_age,
                s_maxage=self.cache_shared_max_age,
            )
        patch_vary_headers(response, ["Cookie"])
        return response

    # Content not yet translated (translations/visitor.py): /<X>/<path> is the page in X's
    # tree, or where X's tree has no live page there (none, a draft translation), the
    # source locale's page at the same place.
    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        slug, rest = path_components[0], path_components[1:]
        child = self.get_children().filter(slug=slug).first()
        if child is not None:
            child = child.specific
            child._cached_parent_obj = self  # the page cache's tags walk up the route
            try:
                return child.route(request, rest)
            except Http404:
                pass
        source = self._source_child(slug)
        if source is None or (child is not None and source.pk == child.pk):
            raise Http404
        result = source.specific.route(request, rest)
        # Served under this page: its view restrictions apply too (translations hooks).
        result[0]._reached_through = self
        return result

    def _source_child(self, slug):
        """The child `slug` of this page's counterpart in the source locale, when this page
        is in another locale (only asked when the slug is missing here)."""
        source_path = (
            Page.objects.filter(
                translation_key=self.translation_key, locale__language_code=settings.LANGUAGE_CODE
            )
            .exclude(pk=self.pk)
            .values_list("path", flat=True)
            .first()
        )
        if source_path is None:
            return None
        return Page.objects.filter(
            path__startswith=source_path, depth=self.depth + 1, slug=slug
        ).first()

    def get_view_restrictions(self):
        # Wagtail asks with two queries for every page served; the private sections of
        # every locale are known once per request (translations/privacy.py).
        if not self.alias_of_id and not is_private(self):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def get_url_parts(self, request=None):
        # A source page's address on the visitor's language site is the same path there.
        parts = super().get_url_parts(request)
        if parts and parts[2]:
            return (parts[0], parts[1], in_visitor_site(parts[2]))
        return parts

    # The page cache (alliance_site/page_cache.py): the tags of what a page shows, and
    # until when it stays right. `page_cache_shows`: the tags of what a page type lists
    # ("events", "libraries", "snippet:events.campaign"…); `page_cache_lists_below`: it
    # lists the pages below it (a library's section).
    page_cache_shows = ()
    page_cache_lists_below = False

    def page_cache_tags(self):
        """This page, its ancestors (breadcrumbs, a library's name), what it lists."""
        keys = {self.translation_key}
        page = self
        while page.depth > 3 and getattr(page, "_cached_parent_obj", None) is not None:
            page = page._cached_parent_obj  # the pages the route went through
            keys.add(page.translation_key)
        prefixes = [
            self.path[:end] for end in range(Page.steplen * 3, len(page.path), Page.steplen)
        ]
        if prefixes:  # served other than through the route
            keys.update(
                Page.objects.filter(path__in=prefixes).values_list("translation_key", flat=True)
            )
        tags = {"site", *(f"page:{key}" for key in keys), *self.page_cache_shows}
        if self.page_cache_lists_below:
            tags.add(f"below:{self.translation_key}")
        return tags

    def prepare_to_serve(self):
        """Read at once what serving the page will read (called by the page cache's hook,
        before the page is served)."""
        locale = locale_by_id(self.locale_id)
        if locale is not None:
            self._state.fields_cache.setdefault("locale", locale)

    def page_cache_valid_until(self):
        """When the page may change by itself, with the clock (None: never)."""
        if "events" not in self.page_cache_shows:
            return None
        return self.next_change_of_listings()

    @staticmethod
    def next_change_of_listings(zone=None):
        """The next moment a listing of upcoming events changes by itself: a session of
        any event starts or ends (the events app says when), or a day begins."""
        changes = [fn() for fn in hooks.get_hooks("page_cache_listings_change")]
        return min(filter(None, [*changes, next_midnight(zone)]))

    def page_cache_changes(self):
        """The tags made stale when this page is published, unpublished or deleted: the
        page, the pages below it, the listings above it, menus (the top levels), and
        what lists pages of its kind."""
        ancestors = Page.objects.filter(
            path__in=[self.path[:end] for end in range(Page.steplen, len(self.path), Page.steplen)]
        ).values_list("translation_key", flat=True)
        tags = {
            "pages",
            f"page:{self.translation_key}",
            f"below:{self.translation_key}",
            *(f"below:{key}" for key in ancestors),
        }
        if self.depth <= 3:
            tags.add("site")
        return tags

    @property
    def listing_locale(self):
        """The locale whose content this page's listings show: the visitor's (a page in
        the source language standing in for a translation lists the visitor's content)."""
        return visitor_locale() or self.locale

    @property
    def share_image(self):
        """The image for Open Graph: the social image, else a page type's own (a logo)."""
        return self.social_image or getattr(self, "logo", None)

    @property
    def language_code(self):
        return self.locale.language_code


class AllianceIndexPage(BasePage):
    """Abstract base of the alliance-wide indexes under the home page (the calendar, the
    lectures, the exhibitions): one per language, an introduction, then the listing the
    page type builds."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    promote_panels = BasePage.promote_panels
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    alliance_wide = True  # one in every locale's tree (home/locale_trees.py)

    translatable_fields = [*BasePage.translatable_fields, TranslatableField("introduction")]

    class Meta:
        abstract = True


class FooterLinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=pgettext_lazy("content block", "Page"))
    text = blocks.CharBlock(
        label=pgettext_lazy("content block", "Text"), required=False, max_length=60
    )

    class Meta:
        icon = "link"
        label = _("Footer link")


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Footer and contact details, edited by alliance administrators."""

    organisation_name = models.CharField(
        _("organisation name"), max_length=120, default="广西阅读推广联盟"
    )
    secretariat = models.CharField(
        _("secretariat"),
        max_length=200,
        blank=True,
        default="广西壮族自治区图书馆",
        help_text=_("The library that hosts the alliance's secretariat."),
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    icp_licence = models.CharField(
        _("ICP licence number"),
        max_length=60,
        blank=True,
        help_text=_("The 备案号 shown in the footer, e.g. 桂ICP备00000000号."),
    )
    footer_links = StreamField(
        [("link", FooterLinkBlock())], blank=True, verbose_name=_("footer links")
    )

    panels = [
        FieldPanel("organisation_name"),
        FieldPanel("secretariat"),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("phone"), FieldPanel("email")],
            heading=_("Contact"),
        ),
        FieldPanel("icp_licence"),
        FieldPanel("footer_links"),
    ]

    class Meta:
        verbose_name = _("site settings")

    @classmethod
    def for_site(cls, site):
        # Read by every page; saving the settings changes "site".
        return shared_cached(
            f"settings:{cls._meta.label_lower}:{site.pk}",
            {"site"},
            lambda: super(SiteSettings, cls).for_site(site),
        )
