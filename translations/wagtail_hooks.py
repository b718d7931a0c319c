"""Serve the fenced translation views at wagtail-localize's own URLs.

Admin URL patterns are matched in hook order, so these (order=-1) come before
wagtail-localize's patterns for the same paths, and every `reverse()` of
wagtail_localize:submit_page_translation etc. lands on them."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from events.admin_views import staff_library_keys

from . import report, views
from .permissions import translator_group_ids


@hooks.register("register_admin_urls", order=-1)
def register_fenced_translation_urls():
    return [
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
