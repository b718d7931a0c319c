"""wagtail-localize's translation views, fenced to the locales a user may translate into.

wagtail-localize checks only the global "submit translation" permission: anyone holding
it could create a translation in any locale, or sync and publish every locale's
translations at once. These subclasses offer, accept and update only the locales of
`translatable_locales`; `wagtail_hooks` serves them at wagtail-localize's own URLs."""

import contextlib

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.views.edit_translation import apply_machine_translation
from wagtail_localize.views.submit_translations import (
    SubmitPageTranslationView,
    SubmitSnippetTranslationView,
)
from wagtail_localize.views.update_translations import UpdateTranslationsView

from .permissions import translatable_locales


class FencedSubmitMixin:
    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("wagtail_localize.submit_translation"):
            raise PermissionDenied
        self.allowed_locales = translatable_locales(request.user, self.get_object())
        if not self.allowed_locales.exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form(self):
        form = super().get_form()
        field = form.fields["locales"]
        field.queryset = field.queryset.filter(pk__in=self.allowed_locales.values("pk"))
        return form


class FencedSubmitPageTranslationView(FencedSubmitMixin, SubmitPageTranslationView):
    pass


class FencedSubmitSnippetTranslationView(FencedSubmitMixin, SubmitSnippetTranslationView):
    pass


class FencedUpdateTranslationsView(UpdateTranslationsView):
    """Sync a source's translations in the user's locales only."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("wagtail_localize.submit_translation"):
            raise PermissionDenied
        source = self.get_object()
        instance = source.get_source_instance()
        allowed = translatable_locales(request.user, instance)
        self.own_translations = source.translations.filter(
            enabled=True, target_locale__in=allowed.values("pk")
        ).select_related("source", "target_locale")
        if not self.own_translations.exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["translations"] = [
            {
                "title": str(translation.get_target_instance()),
                "locale": translation.target_locale,
                "edit_url": self.get_edit_url(translation.get_target_instance()),
            }
            for translation in self.own_translations
        ]
        return context

    @transaction.atomic
    def form_valid(self, form):
        # As UpdateTranslationsView.form_valid, over the user's own translations.
        self.object.update_from_db()
        translations = list(self.own_translations)
        if form.cleaned_data.get("use_machine_translation"):
            machine_translator = get_machine_translator()
            for translation in translations:
                apply_machine_translation(translation.id, self.request.user, machine_translator)
        for translation in translations:
            with contextlib.suppress(ValidationError):
                if form.cleaned_data["publish_translations"]:
                    translation.save_target(user=self.request.user, publish=True)
                else:
                    translation.source.update_target_view_restrictions(translation.target_locale)
        self.components.save(self.object, sources_and_translations={self.object: translations})
        messages.success(self.request, self.get_success_message())
        return redirect(self.get_success_url() or self.get_default_success_url())
