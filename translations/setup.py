"""Create and complete the translators' group of each locale (idempotent)."""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.utils import translation
from django.utils.translation import pgettext
from wagtail.models import GroupPagePermission, Locale, Page, TranslatableMixin
from wagtail.snippets.models import get_snippet_models

from .models import LocaleTranslators

# Translating and publishing; never "add" (new pages), "bulk_delete" or "lock" for others.
PAGE_PERMISSIONS = ["change_page", "publish_page"]
GLOBAL_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("wagtail_localize", "submit_translation"),
]


def translatable_snippet_permissions():
    """ "change" on every translatable snippet (speakers, series, campaigns…): the
    translation editor of a snippet is its edit view. `translations.wagtail_hooks`
    fences it to the translators' own locales."""
    models = [model for model in get_snippet_models() if issubclass(model, TranslatableMixin)]
    content_types = ContentType.objects.get_for_models(*models)
    return [
        Permission.objects.get(
            content_type=content_types[model], codename=f"change_{model._meta.model_name}"
        )
        for model in models
    ]


def group_name(locale):
    """The translators' group of `locale`, named in the site's default language (the
    admin lists groups to everyone): "译者（vi）"."""
    with translation.override(settings.LANGUAGE_CODE):
        return pgettext("group name", "Translators (%(language)s)") % {
            "language": locale.language_code
        }


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def grant_locale_root(translators, root):
    """Give a locale's translators their page permissions on the locale's home page."""
    for codename in PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=translators.group,
            page=root,
            permission=_permission("wagtailcore", codename),
        )


def ensure_translators(locale):
    """The translators of `locale`, or None for the source locale."""
    if locale.language_code == settings.LANGUAGE_CODE:
        return None
    translators = LocaleTranslators.objects.filter(locale=locale).select_related("group").first()
    if translators is None:
        group, _created = Group.objects.get_or_create(name=group_name(locale))
        translators = LocaleTranslators.objects.create(locale=locale, group=group)
    group = translators.group
    name = group_name(locale)
    if group.name != name and not Group.objects.filter(name=name).exists():
        group.name = name  # an older "Translators (vi)"
        group.save(update_fields=["name"])
    group.permissions.add(*(_permission(app, codename) for app, codename in GLOBAL_PERMISSIONS))
    group.permissions.add(*translatable_snippet_permissions())
    # Only the permissions above: a group made by hand (or by an older demo) loses the rest.
    GroupPagePermission.objects.filter(group=group).exclude(
        permission__codename__in=PAGE_PERMISSIONS
    ).delete()
    for root in Page.objects.filter(depth=2, locale=locale):
        grant_locale_root(translators, root)
    return translators


def ensure_all_translators():
    return [
        translators
        for locale in Locale.objects.order_by("pk")
        if (translators := ensure_translators(locale)) is not None
    ]
