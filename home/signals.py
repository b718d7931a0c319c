"""Onboard a member library whenever its page is saved, in any locale.

Runs inside the saving transaction, so a library page never exists without its
groups, collection and workflow; a translation created later (by wagtail-localize)
receives the same page permissions and workflow as the source.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver

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
