from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class TranslationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "translations"
    verbose_name = pgettext_lazy("app", "Translations")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import privacy, signals  # noqa: F401 (privacy: its receivers)
        from .visitor import serve_locales_from_the_request

        serve_locales_from_the_request()  # Wagtail's Locale lookups, once per request

        # After every migrate, once the permissions of the apps before this one exist.
        post_migrate.connect(signals.complete_translators, sender=self)
