"""Translators may translate and publish, never change the structure of the tree.

A translators' group holds "change" and "publish" on its locale's home page. Wagtail
would read those as leave to delete pages, reorder them and set their privacy too, so
`TranslatorAwarePermissionTester` decides those structural actions on the user's other
permissions only (an editor of a library who also translates keeps them there).

`translatable_locales` is the fence of the translation views: a translator translates
into their own locales; an editor translates what they may edit (their library's
pages) into any locale; an administrator translates anything anywhere."""

from contextlib import contextmanager

from django.contrib.auth.models import Permission
from django.db.models import Q
from wagtail.models import Locale, Page, PagePermissionTester

from .models import LocaleTranslators

_CACHE = "_translator_group_ids"


def translator_group_ids(user):
    """Ids of the user's translators' groups, cached on the user for the request."""
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, _CACHE):
        setattr(
            user,
            _CACHE,
            frozenset(
                LocaleTranslators.objects.filter(group__user=user).values_list(
                    "group_id", flat=True
                )
            ),
        )
    return getattr(user, _CACHE)


class TranslatorAwarePermissionTester(PagePermissionTester):
    def __init__(self, user, page):
        super().__init__(user, page)
        self.structure_permissions = getattr(self, "permissions", set())
        if user.is_active and not user.is_superuser and (groups := translator_group_ids(user)):
            self.structure_permissions = {
                perm.permission.codename.rsplit("_", maxsplit=1)[0]
                for perm in self.permission_policy.get_cached_permissions_for_user(user)
                if perm.group_id not in groups and page.path.startswith(perm.page.path)
            }

    @contextmanager
    def _structure_only(self):
        if self.user.is_superuser:
            yield
            return
        permissions, self.permissions = self.permissions, self.structure_permissions
        try:
            yield
        finally:
            self.permissions = permissions

    def can_add_subpage(self):
        with self._structure_only():
            return super().can_add_subpage()

    def can_delete(self, ignore_bulk=False):
        with self._structure_only():
            return super().can_delete(ignore_bulk=ignore_bulk)

    def can_reorder_children(self):
        with self._structure_only():
            return super().can_reorder_children()

    def can_publish_subpage(self):
        with self._structure_only():
            return super().can_publish_subpage()

    def can_set_view_restrictions(self):
        with self._structure_only():
            return super().can_publish()

    def can_copy(self):
        with self._structure_only():
            return super().can_edit()

    def can_edit_structurally(self):
        """Whether the user may edit this page other than as its locale's translator."""
        with self._structure_only():
            return super().can_edit()


def translatable_locales(user, instance):
    """The locales into which `user` may translate `instance` (a page or a snippet)."""
    if not user.is_active:
        return Locale.objects.none()
    if user.is_superuser:
        return Locale.objects.exclude(pk=instance.locale_id)
    own = Q(translators__group__in=translator_group_ids(user))
    if isinstance(instance, Page):
        may_edit_source = TranslatorAwarePermissionTester(user, instance).can_edit_structurally()
    else:
        may_edit_source = may_edit_snippet_in_any_locale(user, type(instance))
    if may_edit_source:
        own = Q()
    return Locale.objects.filter(own).exclude(pk=instance.locale_id)


def may_edit_snippet_in_any_locale(user, model):
    """Whether `user` may change snippets of `model` other than as a translator."""
    if user.is_superuser:
        return True
    codename = f"change_{model._meta.model_name}"
    own = Permission.objects.filter(
        content_type__app_label=model._meta.app_label, codename=codename
    )
    return (
        own.filter(user=user).exists()
        or own.filter(group__user=user).exclude(group__in=translator_group_ids(user)).exists()
    )


def may_translate(user, translation):
    """Whether `user` may work on a wagtail-localize Translation (its target locale)."""
    source = translation.source.get_source_instance()
    return translatable_locales(user, source).filter(pk=translation.target_locale_id).exists()
