"""Onboard a member library whenever its page is saved, in any locale.

Runs inside the saving transaction, so a library page never exists without its
groups, collection and workflow; a translation created later (by wagtail-localize)
receives the same page permissions and workflow as the source.
"""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import Locale
from wagtail.signals import page_published

from .locale_trees import ensure_locale_tree, page_in_every_locale
from .models import MemberLibraryAccess, MemberLibraryPage
from .onboarding import onboard_library


@receiver(post_save, sender=MemberLibraryPage)
def onboard_member_library(sender, instance, created=False, raw=False, **kwargs):
    if raw:
        return
    if (
        created
        or not MemberLibraryAccess.objects.filter(translation_key=instance.translation_key).exists()
    ):
        onboard_library(instance)


@receiver(page_published)
def alliance_wide_page_in_every_locale(sender, instance, **kwargs):
    page_in_every_locale(instance)


@receiver(post_save, sender=Locale)
def new_locale_tree(sender, instance, created=False, raw=False, **kwargs):
    """A locale added in Settings → Locales gets its tree of the alliance-wide pages."""
    if created and not raw:
        transaction.on_commit(lambda: ensure_locale_tree(instance), robust=True)
