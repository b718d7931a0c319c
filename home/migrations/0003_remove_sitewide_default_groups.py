"""Remove Wagtail's default "Editors" and "Moderators" groups while they have no members.

They hold page permissions on the whole tree, which would undo the per-library isolation
if library staff were added to them by mistake. Alliance administrators are superusers;
library staff belong to their library's groups (home.onboarding)."""

from django.db import migrations


def remove_default_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ("Editors", "Moderators"):
        group = Group.objects.filter(name=name).first()
        if group is not None and not group.user_set.exists():
            group.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_locales_and_home_page"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(remove_default_groups, migrations.RunPython.noop)]
