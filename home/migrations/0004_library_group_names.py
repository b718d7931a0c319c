"""Name the libraries' groups in the site's default language: "南宁市图书馆 编辑" and
"南宁市图书馆 审核员" instead of "南宁市图书馆 editors" and "… moderators" (as
home.onboarding names them from now on, and renames them on every onboarding)."""

from django.db import migrations

# The names themselves, not the catalogue: a migration must not depend on compiled .mo
# files (home.onboarding names new groups from the catalogue, the same words).
EDITORS, MODERATORS = "%(library)s 编辑", "%(library)s 审核员"
MAX_NAME = 150  # auth.Group.name


def unique(Group, base, group):
    others = Group.objects.exclude(pk=group.pk)
    base = base[: MAX_NAME - 6]
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
    rename(apps, (EDITORS, MODERATORS))


def backwards(apps, schema_editor):
    rename(apps, ("%(library)s editors", "%(library)s moderators"))


class Migration(migrations.Migration):
    dependencies = [("home", "0003_remove_sitewide_default_groups")]

    operations = [migrations.RunPython(forwards, backwards)]
