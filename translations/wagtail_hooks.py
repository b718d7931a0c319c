"""Serve the fenced translation views at wagtail-localize's own URLs.

Admin URL patterns are matched in hook order, so these (order=-1) come before
wagtail-localize's patterns for the same paths, and every `reverse()` of
wagtail_localize:submit_page_translation etc. lands on them."""

from django.urls import path
from wagtail import hooks

from . import views


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
