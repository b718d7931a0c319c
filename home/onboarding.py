"""Member-library onboarding: Plone's local roles as Wagtail groups.

`onboard_library(page)` gives a library, in one transaction and idempotently: its
editors' group (add, change, lock) and its moderators' group (also publish, unlock,
bulk delete), both allowed to submit pages for translation and named in the site's
default language ("南宁市图书馆 编辑", "南宁市图书馆 审核员"), a media collection with
matching image and document permissions, those page permissions on the library's page
in every locale, and a moderation workflow whose approval task belongs to the moderators.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from wagtail import hooks
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .models import MemberLibraryAccess, MemberLibraryPage

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page"]
MODERATOR_PAGE_PERMISSIONS = [
    *EDITOR_PAGE_PERMISSIONS,
    "publish_page",
    "unlock_page",
    "bulk_delete_page",
]
# Wagtail's media permission policy lets "change" also delete, so editors get "add"
# (which covers editing and deleting what they uploaded themselves) and "choose";
# moderators may change and delete any media of the library.
EDITOR_MEDIA_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
]
MODERATOR_MEDIA_PERMISSIONS = [
    *EDITOR_MEDIA_PERMISSIONS,
    ("wagtailimages", "change_image"),
    ("wagtailimages", "delete_image"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "delete_document"),
]


def staff_model_permissions(role):
    """Model permissions that apps above home give a library's staff (role "editors" or
    "moderators"), e.g. adding the speakers their lectures need: each app registers a
    `library_staff_permissions` hook returning (app_label, codename) pairs."""
    return [pair for fn in hooks.get_hooks("library_staff_permissions") for pair in fn(role)]


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _unique_group_name(base, group=None):
    """`base`, or `base (2)`, `base (3)`… if another group has it."""
    others = Group.objects.exclude(pk=group.pk) if group else Group.objects.all()
    base = base[: Group._meta.get_field("name").max_length - 6]  # room for " (99)"
    name, n = base, 2
    while others.filter(name=name).exists():
        name, n = f"{base} ({n})", n + 1
    return name


def group_names(library):
    """The names of a library's editors' and moderators' groups, in the site's default
    language: the admin lists them to every user whatever their language."""
    with translation.override(settings.LANGUAGE_CODE):
        return (
            pgettext("group name", "%(library)s editors") % {"library": library},
            pgettext("group name", "%(library)s moderators") % {"library": library},
        )


def name_groups(access):
    """Give the library's groups their names (idempotent: a name kept, a clash numbered)."""
    for group, base in zip(
        (access.editors, access.moderators), group_names(access.name), strict=True
    ):
        name = _unique_group_name(base, group)
        if group.name != name:
            group.name = name
            group.save(update_fields=["name"])


def _source_page(page):
    """The library's page in the default locale, or the page itself."""
    return (
        MemberLibraryPage.objects.filter(translation_key=page.translation_key)
        .order_by("pk")
        .first()
        or page
    )


@transaction.atomic
def onboard_library(page):
    """Create or complete the groups, collection, workflow and permissions of a library."""
    access = MemberLibraryAccess.objects.filter(translation_key=page.translation_key).first()
    if access is None:
        name = _source_page(page).title
        editors_name, moderators_name = group_names(name)
        editors = Group.objects.create(name=_unique_group_name(editors_name))
        moderators = Group.objects.create(name=_unique_group_name(moderators_name))
        root = Collection.get_first_root_node()
        collection = root.add_child(instance=Collection(name=_unique_collection_name(root, name)))
        # Named in the default language: the admin shows "Submit to <workflow>".
        with translation.override(settings.LANGUAGE_CODE):
            workflow_name = _("%(library)s moderation") % {"library": name}
            task_name = _("Approval by %(library)s moderators") % {"library": name}
        workflow = Workflow.objects.create(name=workflow_name, active=True)
        task = GroupApprovalTask.objects.create(name=task_name, active=True)
        task.groups.set([moderators])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        access = MemberLibraryAccess.objects.create(
            translation_key=page.translation_key,
            name=name,
            editors=editors,
            moderators=moderators,
            collection=collection,
            workflow=workflow,
        )
    name_groups(access)
    if access.archived_at is None:
        grant_permissions(access)
    for library_page in access.pages:
        WorkflowPage.objects.update_or_create(
            page=library_page.page_ptr, defaults={"workflow": access.workflow}
        )
    return access


def _unique_collection_name(root, base):
    name, n = base, 2
    while root.get_children().filter(name=name).exists():
        name, n = f"{base} ({n})", n + 1
    return name


def grant_permissions(access):
    admin_access = _permission("wagtailadmin", "access_admin")
    # Staff may submit their library's pages for translation into any locale; the
    # translation views (translations.views) fence them to pages they may edit.
    submit_translation = _permission("wagtail_localize", "submit_translation")
    for group, role, page_perms, media_perms in (
        (access.editors, "editors", EDITOR_PAGE_PERMISSIONS, EDITOR_MEDIA_PERMISSIONS),
        (access.moderators, "moderators", MODERATOR_PAGE_PERMISSIONS, MODERATOR_MEDIA_PERMISSIONS),
    ):
        group.permissions.add(admin_access, submit_translation)
        group.permissions.add(*(_permission(*pair) for pair in staff_model_permissions(role)))
        for library_page in access.pages:
            for codename in page_perms:
                GroupPagePermission.objects.get_or_create(
                    group=group,
                    page=library_page.page_ptr,
                    permission=_permission("wagtailcore", codename),
                )
        for app_label, codename in media_perms:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=access.collection,
                permission=_permission(app_label, codename),
            )


@transaction.atomic
def archive_library(access):
    """Revoke every permission of the library's groups; keep groups, members and content."""
    for group in (access.editors, access.moderators):
        GroupPagePermission.objects.filter(group=group).delete()
        GroupCollectionPermission.objects.filter(group=group).delete()
        group.permissions.clear()
    access.archived_at = timezone.now()
    access.save(update_fields=["archived_at"])
    return access


@transaction.atomic
def restore_library(access):
    access.archived_at = None
    access.save(update_fields=["archived_at"])
    grant_permissions(access)
    return access
