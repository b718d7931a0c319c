"""A translators' group for every locale but the source one, with "change" and
"publish" on the locale's home page; and library editors and moderators may submit
their pages for translation (the views fence them to what they may edit)."""

from django.conf import settings
from django.db import migrations

PAGE_PERMISSIONS = ["change_page", "publish_page"]


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Locale = apps.get_model("wagtailcore", "Locale")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    LocaleTranslators = apps.get_model("translations", "LocaleTranslators")
    MemberLibraryAccess = apps.get_model("home", "MemberLibraryAccess")

    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    submit = Permission.objects.get(
        content_type__app_label="wagtail_localize", codename="submit_translation"
    )
    page_permissions = list(
        Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=PAGE_PERMISSIONS
        )
    )
    for locale in Locale.objects.exclude(language_code=settings.LANGUAGE_CODE):
        group, _ = Group.objects.get_or_create(name=f"Translators ({locale.language_code})")
        LocaleTranslators.objects.get_or_create(locale=locale, defaults={"group": group})
        group.permissions.add(access_admin, submit)
        GroupPagePermission.objects.filter(group=group).exclude(
            permission__codename__in=PAGE_PERMISSIONS
        ).delete()
        for root in Page.objects.filter(depth=2, locale=locale):
            for permission in page_permissions:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root, permission=permission
                )
    for access in MemberLibraryAccess.objects.filter(archived_at__isnull=True):
        access.editors.permissions.add(submit)
        access.moderators.permissions.add(submit)


class Migration(migrations.Migration):
    dependencies = [
        ("translations", "0001_initial"),
        ("home", "0003_remove_sitewide_default_groups"),
        ("wagtail_localize", "0006_create_submit_translation_permission"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
