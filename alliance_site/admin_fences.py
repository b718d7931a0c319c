"""Fences between member libraries in Wagtail's admin.

Each library's staff have permissions on their library's section of the page tree and on
its media collection (home.onboarding); translators on their locale's tree; judges on
nothing but the selection. Wagtail's permission policies answer most screens from those
permissions, but a few screens show an object before (or without) asking them, so an
editor of one library, a judge or a translator could read another library's draft titles,
images and documents there:

- the admin API's image and document endpoints list every collection;
- the page move confirmation shows both pages before the move is checked;
- the page chooser lists every page, drafts included, and its "chosen" step describes
  any page by id;
- the bulk-action confirmations name every object asked for, even those refused;
- the page types usage report names the last edited page of each type anywhere;
- the page chooser names every page by its draft's title, even another library's live
  page whose next version that library has not published;
- the tag autocomplete suggests the tags of every library's images and documents.

What a user may see, here and in Wagtail's own listings:
- a page they may explore (Wagtail's explorable pages: those they hold a permission on,
  with their ancestors); in a chooser, also any live page (it is public anyway);
- an image or document in a collection where they hold a media permission (the API
  answers the choosers' question: "choose");
- a page's draft title where they hold a permission on the page, its live title (the one
  visitors read) elsewhere;
- a tag used on an image or document they may see.
Alliance administrators are superusers and see everything, as Wagtail's policies say.

Hooks do the work where Wagtail offers one; the few core views without one are wrapped
by `urlpatterns`, included before Wagtail's admin URLs in alliance_site/urls.py.
"""

import json

import swapper
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.views.decorators.cache import never_cache
from django.views.defaults import page_not_found
from taggit.models import Tag, TagBase
from wagtail import hooks
from wagtail.admin.auth import require_admin_access
from wagtail.admin.modal_workflow import render_modal_workflow
from wagtail.admin.views import chooser
from wagtail.admin.views.pages import bulk_actions as page_bulk_actions
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.admin.views.tags import TAGS_AUTOCOMPLETE_LIMIT
from wagtail.admin.viewsets.pages import page_viewset_registry
from wagtail.documents import get_document_model
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.documents.views import bulk_actions as document_bulk_actions
from wagtail.images import get_image_model
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.images.views import bulk_actions as image_bulk_actions
from wagtail.models import Site
from wagtail.permissions import policy_registry
from wagtail.utils.urlpatterns import decorate_urlpatterns

Page = swapper.load_model("wagtailcore", "Page")

MEDIA_ACTIONS = ["choose", "add", "change", "delete"]


# What a user may see ------------------------------------------------------------------


def explorable_pages(user):
    """Pages the user may explore in the admin (all of them for an administrator)."""
    return policy_registry.get_by_type(Page).explorable_instances(user)


def chooser_pages(user):
    """Pages a chooser may offer the user: live ones, and the drafts they may explore."""
    if user.is_active and user.is_superuser:
        return Page.objects.all()
    return Page.objects.filter(Q(live=True) | Q(pk__in=explorable_pages(user).values("pk")))


def media_collections(user, model, actions=MEDIA_ACTIONS):
    """Collections in which the user holds one of `actions` on images or documents."""
    return policy_registry.get_by_type(model).collections_user_has_any_permission_for(user, actions)


def may_see_drafts(user, page):
    """Whether the user holds a permission on the page (on it or above it), and so may
    read its unpublished draft's title. Answered from the permissions Wagtail caches on
    the user for the request: no query per page."""
    if user.is_active and user.is_superuser:
        return True
    policy = policy_registry.get_by_type(Page)
    return any(
        page.path.startswith(perm.page.path)
        for perm in policy.get_cached_permissions_for_user(user)
    )


def as_seen_by(user, page):
    """The page (an instance of this request, never saved) with the title the user may
    read: the draft's, or the live one visitors read."""
    if isinstance(page, Page) and not may_see_drafts(user, page):
        page.draft_title = page.title
    return page


def may_move(user, page, destination):
    permissions = page.permissions_for_user(user)
    return permissions.can_move() and permissions.can_move_to(destination)


# The admin API ------------------------------------------------------------------------


class FencedImagesAPIViewSet(ImagesAdminAPIViewSet):
    """/admin/api/main/images/: the images the user may choose, listed and in detail."""

    def get_queryset(self):
        collections = media_collections(self.request.user, self.model, ["choose"])
        return super().get_queryset().filter(collection__in=collections)


class FencedDocumentsAPIViewSet(DocumentsAdminAPIViewSet):
    """/admin/api/main/documents/: the documents the user may choose."""

    def get_queryset(self):
        collections = media_collections(self.request.user, self.model, ["choose"])
        return super().get_queryset().filter(collection__in=collections)


@hooks.register("construct_admin_api", order=1)  # after wagtail.images and wagtail.documents
def fence_media_endpoints(router):
    router.register_endpoint("images", FencedImagesAPIViewSet)
    router.register_endpoint("documents", FencedDocumentsAPIViewSet)


# Moving a page ------------------------------------------------------------------------


@hooks.register("before_move_page")
def refuse_moves_the_user_may_not_make(request, page, destination=None):
    """The confirmation (GET) names both pages: show it only for a move the user may make,
    as Wagtail checks only when the move is posted."""
    if destination is not None and not may_move(request.user, page, destination):
        raise PermissionDenied


_move_confirm = page_viewset_registry.as_view("move_confirm", page_id_kwarg="page_to_move_id")


def move_confirm(request, page_to_move_id, destination_id):
    """Wagtail's move confirmation, asked first whether the user may make the move: its
    own first step (is the slug free under the destination?) would otherwise tell an
    editor which slugs another library's pages, drafts included, use."""
    page = get_object_or_404(Page, pk=page_to_move_id)
    destination = get_object_or_404(Page, pk=destination_id)
    if not may_move(request.user, page, destination):
        raise PermissionDenied
    return _move_confirm(request, page_to_move_id=page_to_move_id, destination_id=destination_id)


# The page chooser ---------------------------------------------------------------------


@hooks.register("construct_page_chooser_queryset")
def offer_live_and_own_pages(pages, request):
    """Browsing and searching in the chooser (links, the move destination) offer live
    pages of every library, drafts only where the user may explore them."""
    if request.user.is_superuser:
        return pages
    return pages.filter(pk__in=chooser_pages(request.user).values("pk"))


def live_titles_where_drafts_are_hidden(view_class):
    """A chooser view whose table names each page (and each search result's parent) by
    the title the user may read (as_seen_by)."""

    class View(view_class):
        @property
        def columns(self):
            columns = super().columns
            for column in columns:
                column.get_value = self._seen(column.get_value)
            return columns

        def _seen(self, get_value):
            def get_value_as_seen(instance):
                value = get_value(as_seen_by(self.request.user, instance))
                return as_seen_by(self.request.user, value)

            return get_value_as_seen

    View.__name__ = View.__qualname__ = f"Fenced{view_class.__name__}"
    return View


FencedBrowseView = live_titles_where_drafts_are_hidden(chooser.BrowseView)
FencedSearchView = live_titles_where_drafts_are_hidden(chooser.SearchView)
_browse = FencedBrowseView.as_view()


def browse_chooser(request, parent_page_id=None):
    """The chooser opened at a page shows that page's title: only at a page the chooser
    may offer."""
    if (
        parent_page_id is not None
        and not chooser_pages(request.user).filter(pk=parent_page_id).exists()
    ):
        raise Http404
    return _browse(request, parent_page_id=parent_page_id)


class FencedChosenMultipleView(chooser.ChosenMultipleView):
    """The chooser's last step describes the pages chosen by id: only pages it may offer,
    by the titles the user may read."""

    def get(self, request):
        ids = [pk for pk in request.GET.getlist("id") if pk.isdigit()]
        visible = chooser_pages(request.user).filter(pk__in=ids).values_list("pk", flat=True)
        request.GET = request.GET.copy()
        request.GET.setlist("id", [str(pk) for pk in visible])
        return super().get(request)

    def render_chosen_response(self, result):
        return super().render_chosen_response(_with_readable_titles(self.request.user, result))


def _with_readable_titles(user, results):
    """The chooser's answer ({"id", "adminTitle", …}, one or a list), each page's
    adminTitle replaced by its live title where the user may not read its draft."""
    listed = results if isinstance(results, list) else [results]
    ids = [result["id"] for result in listed if "id" in result]
    pages = {page.pk: page for page in Page.objects.filter(pk__in=ids)}
    for result in listed:
        page = pages.get(result.get("id"))
        if page is not None:
            result["adminTitle"] = as_seen_by(user, page).get_admin_display_title()
    return results


class FencedExternalLinkView(chooser.ExternalLinkView):
    """A pasted URL of one of the site's pages becomes a link to that page, named by the
    title the user may read (Wagtail names it by its draft's)."""

    def render_chosen_response(self, result):
        return super().render_chosen_response(_with_readable_titles(self.request.user, result))

    def post(self, request):
        response = super().post(request)
        data = json.loads(response.content)
        if data.get("step") != "confirm_external_to_internal":
            return response
        # "Convert this URL to a link to the page …?": asked again with the readable title.
        internal = _with_readable_titles(request.user, data["internal"])
        page = get_object_or_404(Page, pk=internal["id"])
        return render_modal_workflow(
            request,
            "wagtailadmin/chooser/confirm_external_to_internal.html",
            None,
            {
                "submitted_url": data["external"]["url"],
                "internal_url": _confirmed_url(request, page, data["external"]["url"]),
                "page": internal["adminTitle"],
            },
            json_data={key: value for key, value in data.items() if key != "html"}
            | {"internal": internal},
        )


def _confirmed_url(request, page, submitted_url):
    """The page's own URL as ExternalLinkView shows it beside the submitted one."""
    if submitted_url.startswith("/") and len(Site.get_site_root_paths()) == 1:
        return page.specific.get_url_parts(request=request)[-1]
    return page.specific.get_full_url(request=request)


# Tags ---------------------------------------------------------------------------------


def tag_autocomplete(request, app_name=None, model_name=None):
    """Wagtail's tag autocomplete (image and document forms), suggesting only the tags
    of images and documents the user may see; an administrator's, every tag."""
    tag_model = Tag
    if app_name and model_name:
        try:
            content_type = ContentType.objects.get_by_natural_key(app_name, model_name)
        except ContentType.DoesNotExist as error:
            raise Http404 from error
        tag_model = content_type.model_class()
        if tag_model is None or not issubclass(tag_model, TagBase):
            raise Http404
    term = request.GET.get("term", "")[:100]
    if not term:
        return JsonResponse([], safe=False)
    tags = tag_model.objects.filter(name__istartswith=term)
    if not request.user.is_superuser:
        tags = tags.filter(pk__in=_visible_tags(request.user)) if tag_model is Tag else tags.none()
    names = tags.order_by("name").values_list("name", flat=True).distinct()
    return JsonResponse(list(names[:TAGS_AUTOCOMPLETE_LIMIT]), safe=False)


def _visible_tags(user):
    """Ids of the tags on images and documents in the collections the user may see."""
    seen = Q(pk__in=[])
    for model in (get_image_model(), get_document_model()):
        items = model.objects.filter(collection__in=media_collections(user, model))
        seen |= Q(
            taggit_taggeditem_items__content_type=ContentType.objects.get_for_model(model),
            taggit_taggeditem_items__object_id__in=items.values("pk"),
        )
    return Tag.objects.filter(seen).values("pk")


# Bulk actions -------------------------------------------------------------------------


class FencedBulkAction:
    """A bulk action's confirmation lists the objects asked for that the user may not act
    on ("you don't have permission to…"): list only those the user may see, and answer
    404, as for ids that do not exist, when nothing the user may see is left."""

    def visible(self, user):
        raise NotImplementedError

    def get_actionable_objects(self):
        objects, refused = super().get_actionable_objects()
        user = self.request.user
        denied = refused.get("items_with_no_access", [])
        if denied and not user.is_superuser:
            seen = set(
                self.visible(user)
                .filter(pk__in=[obj.pk for obj in denied])
                .values_list("pk", flat=True)
            )
            refused = {**refused, "items_with_no_access": [o for o in denied if o.pk in seen]}
        if not objects and not any(refused.values()):
            raise Http404
        return objects, refused


class FencedPageBulkAction(FencedBulkAction):
    def visible(self, user):
        return explorable_pages(user)


class FencedMediaBulkAction(FencedBulkAction):
    def visible(self, user):
        return self.model.objects.filter(collection__in=media_collections(user, self.model))


def _fenced(fence, action_class):
    return type(action_class.__name__, (fence, action_class), {"__module__": __name__})


FENCED_BULK_ACTIONS = [
    *(
        _fenced(FencedPageBulkAction, action_class)
        for action_class in (
            page_bulk_actions.DeleteBulkAction,
            page_bulk_actions.MoveBulkAction,
            page_bulk_actions.PublishBulkAction,
            page_bulk_actions.UnpublishBulkAction,
        )
    ),
    *(
        _fenced(FencedMediaBulkAction, action_class)
        for module in (image_bulk_actions, document_bulk_actions)
        for action_class in (
            module.AddTagsBulkAction,
            module.AddToCollectionBulkAction,
            module.DeleteBulkAction,
        )
    ),
]

# Registered after Wagtail's own (order 0): the same action types, so these replace them.
for action_class in FENCED_BULK_ACTIONS:
    hooks.register("register_bulk_action", action_class, order=1)


# The page types usage report ----------------------------------------------------------


class FencedPageTypesUsageReportView(PageTypesUsageReportView):
    """Each page type with the number of pages and the last edited page among the pages
    the user may explore (Wagtail counts and names them across the whole tree)."""

    def get_queryset(self):
        user = self.request.user
        if user.is_superuser:
            return super().get_queryset()
        self.queryset = ContentType.objects.filter(model__in=self.page_models)
        page_types = self.filter_queryset(self.queryset).distinct()
        chosen = self.filters.form.cleaned_data
        pages = Page.objects.filter(pk__in=explorable_pages(user).values("pk"))
        if chosen.get("page_locale"):
            pages = pages.filter(locale__language_code=chosen["page_locale"])
        if chosen.get("site"):
            pages = pages.filter(path__startswith=chosen["site"])
        of_type = pages.filter(content_type=OuterRef("pk"))
        count = of_type.order_by().values("content_type").annotate(n=Count("pk")).values("n")
        latest = of_type.order_by(
            F("latest_revision_created_at").desc(nulls_last=True), "title", "-pk"
        )
        return page_types.annotate(
            count=Coalesce(Subquery(count, output_field=IntegerField()), Value(0)),
            last_edited_page_id=Subquery(latest.values("pk")[:1]),
        ).order_by("-count", "app_label", "model")


# Core admin views without a hook, wrapped (alliance_site/urls.py includes these first) -


def _as_admin_view(view):
    """Decorated as Wagtail decorates its admin views (wagtail.admin.urls, not imported
    here: its import runs the hooks that import this module)."""

    def with_admin_404(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Http404:
            return page_not_found(request, "", template_name="wagtailadmin/404.html")

    return never_cache(with_admin_404)


urlpatterns = decorate_urlpatterns(
    [
        path(
            "pages/<int:page_to_move_id>/move/<int:destination_id>/confirm/",
            move_confirm,
        ),
        path("choose-page/", browse_chooser),
        path("choose-page/<int:parent_page_id>/", browse_chooser),
        path("choose-page/search/", FencedSearchView.as_view()),
        path("choose-page/chosen-multiple/", FencedChosenMultipleView.as_view()),
        path("choose-external-link/", FencedExternalLinkView.as_view()),
        path("tag-autocomplete/", tag_autocomplete),
        path("tag-autocomplete/<slug:app_name>/<slug:model_name>/", tag_autocomplete),
        path("reports/page-types-usage/", FencedPageTypesUsageReportView.as_view()),
        path(
            "reports/page-types-usage/results/",
            FencedPageTypesUsageReportView.as_view(results_only=True),
        ),
    ],
    lambda view: _as_admin_view(require_admin_access(view)),
)
