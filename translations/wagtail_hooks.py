"""Serve the fenced translation views at wagtail-localize's own URLs.

Admin URL patterns are matched in hook order, so these (order=-1) come before
wagtail-localize's patterns for the same paths, and every `reverse()` of
wagtail_localize:submit_page_translation etc. lands on them."""

import functools

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.forms import PasswordViewRestrictionForm
from wagtail.models import PageViewRestriction, TranslatableMixin
from wagtail.wagtail_hooks import require_wagtail_login
from wagtail_localize.models import Translation
from wagtail_localize.views import edit_translation

from events.admin_views import staff_library_keys

from . import report, views
from .models import LocaleTranslators
from .permissions import may_edit_snippet_in_any_locale, may_translate, translator_group_ids
from .privacy import is_private, unmet_restriction


def fenced(view):
    """Run wagtail-localize's per-translation view only for a user who may translate
    into the translation's locale (it checks page permissions, but for snippets only
    the model-wide "change")."""

    @functools.wraps(view)
    def wrapped(request, translation_id, *args, **kwargs):
        translation = get_object_or_404(Translation, pk=translation_id)
        if not may_translate(request.user, translation):
            raise PermissionDenied
        return view(request, translation_id, *args, **kwargs)

    return wrapped


TRANSLATION_VIEWS = [
    ("strings/<int:string_segment_id>/edit/", edit_translation.edit_string_translation),
    ("overrides/<int:overridable_segment_id>/edit/", edit_translation.edit_override),
    ("pofile/download/", edit_translation.download_pofile),
    ("pofile/upload/", edit_translation.upload_pofile),
    ("machine_translate/", edit_translation.machine_translate),
    ("preview/", edit_translation.preview_translation),
    ("preview/<str:mode>/", edit_translation.preview_translation),
    ("disable/", edit_translation.stop_translation),
]


@hooks.register("before_edit_snippet", order=-1)
def fence_snippet_translators(request, instance):
    """A translator edits (translates) a snippet only in their own locales."""
    user = request.user
    if not isinstance(instance, TranslatableMixin) or may_edit_snippet_in_any_locale(
        user, type(instance)
    ):
        return None
    if LocaleTranslators.objects.filter(
        group__in=translator_group_ids(user), locale_id=instance.locale_id
    ).exists():
        return None
    raise PermissionDenied


@hooks.register("register_admin_urls", order=-1)
def register_fenced_translation_urls():
    return [
        *(
            path(f"localize/translate/<int:translation_id>/{route}", fenced(view))
            for route, view in TRANSLATION_VIEWS
        ),
        path(
            "localize/submit/page/<int:page_id>/",
            views.FencedSubmitPageTranslationView.as_view(),
            name="translations_submit_page",
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            views.FencedSubmitSnippetTranslationView.as_view(),
            name="translations_submit_snippet",
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            views.FencedUpdateTranslationsView.as_view(),
            name="translations_update",
        ),
    ]


@hooks.register("register_admin_urls")
def register_translation_status_url():
    return [
        path(
            "reports/translation-status/",
            report.translation_status,
            name="translation_status",
        )
    ]


class TranslationStatusMenuItem(MenuItem):
    def is_shown(self, request):
        user = request.user
        return user.is_superuser or bool(
            user.has_perm("wagtail_localize.submit_translation")
            and (translator_group_ids(user) or staff_library_keys(user))
        )


@hooks.register("register_reports_menu_item")
def register_translation_status_menu_item():
    return TranslationStatusMenuItem(
        gettext_lazy("Translation status"),
        reverse("translation_status"),
        name="translation-status",
        icon_name="wagtail-localize-language",
        order=1200,
    )


@hooks.register("on_serve_page")
def restrictions_of_every_translation(callback):
    """A page is private when it, or a page above it, is private in any language
    (translations/privacy.py): its translations' restrictions apply to it, and so do
    those of the visitor's tree when it is shown there in its source language
    (translations/visitor.py). Asked as Wagtail asks its own: the password form, or the
    login page; and never cached when a restriction was met."""

    def inner(page, request, serve_args, serve_kwargs):
        through = getattr(page, "_reached_through", None)
        pages = [page] if through is None else [page, through]
        restriction = unmet_restriction(request, *pages)
        if restriction is not None:
            return refuse(page, request, restriction)
        response = callback(page, request, serve_args, serve_kwargs)
        if any(is_private(each) for each in pages):
            add_never_cache_headers(response)
        return response

    return inner


def refuse(page, request, restriction):
    """Wagtail's answer to a restriction not met (wagtail.wagtail_hooks)."""
    if restriction.restriction_type == PageViewRestriction.PASSWORD:
        form = PasswordViewRestrictionForm(
            instance=restriction, initial={"return_url": request.get_full_path()}
        )
        action_url = reverse(
            "wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk]
        )
        response = page.serve_password_required_response(request, form, action_url)
    else:
        response = require_wagtail_login(next=request.get_full_path())
    add_never_cache_headers(response)
    return response
