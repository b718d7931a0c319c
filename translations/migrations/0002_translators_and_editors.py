"""Library editors and moderators may submit their pages for translation (the views
fence them to what they may edit). The translators' groups of the locales are made and
completed after every migrate by `translations.setup.ensure_all_translators`."""

from django.db import migrations


def forwards(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    MemberLibraryAccess = apps.get_model("home", "MemberLibraryAccess")
    submit = Permission.objects.get(
        content_type__app_label="wagtail_localize", codename="submit_translation"
    )
    for access in MemberLibraryAccess.objects.filter(archived_at__isnull=True):
        access.editors.permissions.add(submit)
        access.moderators.permissions.add(submit)


class Migration(migrations.Migration):
    dependencies = [
        ("translations", "0001_initial"),
        ("home", "0003_remove_sitewide_default_groups"),
        ("wagtail_localize", "0006_create_submit_translation_permission"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
