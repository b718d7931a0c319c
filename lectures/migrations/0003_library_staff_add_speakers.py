"""Library staff add the speakers and lecture series their lectures need (see
lectures.wagtail_hooks.STAFF_PERMISSIONS; new libraries get them when onboarded)."""

from django.db import migrations

EDITORS = ["add_speaker", "add_lectureseries"]
MODERATORS = EDITORS


def forwards(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are made after migrations on a new database; make them now.
    config = apps.get_app_config("lectures")
    config.models_module = True
    create_permissions(config, verbosity=0, apps=apps)
    config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    MemberLibraryAccess = apps.get_model("home", "MemberLibraryAccess")
    perms = {p.codename: p for p in Permission.objects.filter(content_type__app_label="lectures")}
    for access in MemberLibraryAccess.objects.filter(archived_at__isnull=True):
        access.editors.permissions.add(*(perms[c] for c in EDITORS))
        access.moderators.permissions.add(*(perms[c] for c in MODERATORS))


class Migration(migrations.Migration):
    dependencies = [
        ("lectures", "0002_lectureindexpage"),
        ("home", "0003_remove_sitewide_default_groups"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
