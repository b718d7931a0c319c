"""Keep the translators' groups in step with the locales and their home pages."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import Locale, Page

from .models import LocaleTranslators
from .setup import ensure_all_translators, ensure_translators, grant_locale_root


def complete_translators(sender, using="default", **kwargs):
    """Give every locale's translators their permissions (idempotent)."""
    if using == "default":
        ensure_all_translators()


@receiver(post_save, sender=Locale)
def create_translators(sender, instance, created=False, raw=False, **kwargs):
    if created and not raw:
        ensure_translators(instance)


@receiver(post_save)
def grant_new_locale_root(sender, instance, created=False, raw=False, **kwargs):
    """wagtail-localize creates a locale's home page the first time something is
    translated into the locale: its translators receive their permissions on it."""
    if not created or raw or not isinstance(instance, Page) or instance.depth != 2:
        return
    translators = LocaleTranslators.objects.filter(locale_id=instance.locale_id).first()
    if translators is not None:
        grant_locale_root(translators, instance)
