from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Alliance and member libraries")

    def ready(self):
        from django.apps import apps
        from django.db.models.signals import post_migrate

        from . import signals  # noqa: F401
        from .locale_trees import ensure_locale_trees

        # After every migrate, once every app's tables, permissions and groups exist (the
        # signal of the last app with models): each locale's tree of the alliance-wide pages.
        last = [config for config in apps.get_app_configs() if config.models_module][-1]
        post_migrate.connect(ensure_locale_trees, sender=last)
