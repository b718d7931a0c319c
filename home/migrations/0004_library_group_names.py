"""Name the libraries' groups in the site's default language: "南宁市图书馆 编辑" and
"南宁市图书馆 审核员" instead of "南宁市图书馆 editors" and "… moderators" (as
home.onboarding names them from now on, and renames them on every onboarding)."""

from django.conf import settings
from django.db import migrations
from django.utils import translation
from django.utils.translation import pgettext


def unique(Group, base, group):
    others = Group.objects.exclude(pk=group.pk)
    name, n = base, 2
    while others.filter(name=name).exists():
        name, n = f"{base} ({n})", n + 1
    return name


def rename(apps, templates):
    Group = apps.get_model("auth", "Group")
    MemberLibraryAccess = apps.get_model("home", "MemberLibraryAccess")
    for access in MemberLibraryAccess.objects.select_related("editors", "moderators"):
        for group, template in zip((access.editors, access.moderators), templates, strict=True):
            name = unique(Group, template % {"library": access.name}, group)
            if group.name != name:
                group.name = name
                group.save(update_fields=["name"])


def forwards(apps, schema_editor):
    with translation.override(settings.LANGUAGE_CODE):
        templates = (
            pgettext("group name", "%(library)s editors"),
            pgettext("group name", "%(library)s moderators"),
        )
    rename(apps, templates)


def backwards(apps, schema_editor):
    rename(apps, ("%(library)s editors", "%(library)s moderators"))


class Migration(migrations.Migration):
    dependencies = [("home", "0003_remove_sitewide_default_groups")]

    operations = [migrations.RunPython(forwards, backwards)]
