import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
)

from home.models import MemberLibraryAccess, MemberLibraryPage
from tests.conftest import translate

pytestmark = pytest.mark.django_db


def run(*args, language="en"):
    from io import StringIO

    from django.utils import translation

    out = StringIO()
    with translation.override(language):
        call_command("add_member_library", *args, stdout=out)
    return out.getvalue()


def test_command_messages_are_translated(home):
    run(*NANNING)
    with pytest.raises(CommandError, match="已被"):
        run(
            "--name",
            "其他",
            "--slug",
            "nanning",
            "--level",
            "city",
            "--city",
            "南宁",
            language="zh-hans",
        )


NANNING = ["--name", "南宁市图书馆", "--slug", "nanning", "--level", "city", "--city", "南宁"]


def counts():
    return (
        Page.objects.count(),
        Group.objects.count(),
        Collection.objects.count(),
        Workflow.objects.count(),
        GroupPagePermission.objects.count(),
        GroupCollectionPermission.objects.count(),
    )


def test_command_creates_library_groups_collection_workflow(home):
    output = run(*NANNING)
    assert "南宁市图书馆 编辑" in output
    page = MemberLibraryPage.objects.get(slug="nanning")
    assert page.live
    access = MemberLibraryAccess.objects.get(translation_key=page.translation_key)
    assert access.editors.name == "南宁市图书馆 编辑"
    assert access.moderators.name == "南宁市图书馆 审核员"
    editor_perms = set(
        GroupPagePermission.objects.filter(group=access.editors, page=page).values_list(
            "permission__codename", flat=True
        )
    )
    assert editor_perms == {"add_page", "change_page", "lock_page"}
    moderator_perms = set(
        GroupPagePermission.objects.filter(group=access.moderators, page=page).values_list(
            "permission__codename", flat=True
        )
    )
    assert {"publish_page", "unlock_page", "bulk_delete_page"} <= moderator_perms
    assert access.collection.name == "南宁市图书馆"
    assert GroupCollectionPermission.objects.filter(
        group=access.moderators, collection=access.collection, permission__codename="delete_image"
    ).exists()
    assert page.get_workflow() == access.workflow
    task = access.workflow.tasks.get().specific
    assert list(task.groups.all()) == [access.moderators]


def test_command_is_idempotent(home):
    run(*NANNING)
    before = counts()
    output = run(*NANNING)
    assert "already exists" in output
    assert counts() == before


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["--name", "其他图书馆", "--slug", "nanning", "--level", "city", "--city", "南宁"],
            "already used",
        ),
        (["--name", "X", "--slug", "x", "--level", "galactic", "--city", "南宁"], "Unknown level"),
        (["--slug", "y", "--level", "city", "--city", "南宁"], "--name is required"),
        (
            ["--name", "   ", "--slug", "y", "--level", "city", "--city", "南宁"],
            "--name is required",
        ),
        (
            ["--name", "Z", "--slug", "not a slug!", "--level", "city", "--city", "南宁"],
            "Invalid slug",
        ),
        (["--name", "Z", "--slug", "z", "--level", "city"], "--city is required"),
        (["--slug", "nowhere", "--archive"], "no member library"),
    ],
)
def test_bad_input_fails_clearly_and_changes_nothing(home, args, message):
    run(*NANNING)
    before = counts()
    with pytest.raises(CommandError, match=message):
        run(*args)
    assert counts() == before


def test_archive_revokes_permissions_and_keeps_content(home):
    run(*NANNING)
    page = MemberLibraryPage.objects.get(slug="nanning")
    access = MemberLibraryAccess.objects.get(translation_key=page.translation_key)
    run("--slug", "nanning", "--archive")
    assert not GroupPagePermission.objects.filter(
        group__in=[access.editors, access.moderators]
    ).exists()
    assert not GroupCollectionPermission.objects.filter(group=access.editors).exists()
    assert not access.editors.permissions.exists()
    assert MemberLibraryPage.objects.filter(pk=page.pk, live=True).exists()
    # Re-running the onboarding does not quietly undo an archive.
    run(*NANNING)
    assert not GroupPagePermission.objects.filter(group=access.editors).exists()
    run("--slug", "nanning", "--restore")
    assert GroupPagePermission.objects.filter(group=access.editors, page=page).count() == 3


def test_translation_created_later_gets_the_same_permissions_and_workflow(home):
    run(*NANNING)
    page = MemberLibraryPage.objects.get(slug="nanning")
    access = MemberLibraryAccess.objects.get(translation_key=page.translation_key)
    thai_page = translate(page, "th")
    codenames = set(
        GroupPagePermission.objects.filter(group=access.editors, page=thai_page).values_list(
            "permission__codename", flat=True
        )
    )
    assert codenames == {"add_page", "change_page", "lock_page"}
    assert thai_page.get_workflow() == access.workflow
    assert MemberLibraryAccess.objects.count() == 1


def test_library_created_in_admin_is_onboarded(client, members_index, superuser):
    from django.urls import reverse
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    client.force_login(superuser)
    data = nested_form_data(
        {
            "title": "钦州市图书馆",
            "slug": "qinzhou",
            "short_name": "钦州图书馆",
            "level": "city",
            "city": "钦州",
            "time_zone": "Asia/Shanghai",
            "brand_story": streamfield([]),
            "gallery": streamfield([]),
            "opening_hours": inline_formset([]),
            "opening_exceptions": inline_formset([]),
            "comments": inline_formset([]),
            "action-publish": "1",
        }
    )
    url = reverse("wagtailadmin_pages:add", args=["home", "memberlibrarypage", members_index.pk])
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    page = MemberLibraryPage.objects.get(slug="qinzhou")
    assert Group.objects.filter(name="钦州市图书馆 编辑").exists()
    assert page.get_workflow().name == "钦州市图书馆审核流程"


def test_roles_report_for_alliance_administrators(client, superuser, editor_a, library_b):
    from django.urls import reverse

    url = reverse("member_library_roles")
    client.force_login(superuser)
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "南宁市图书馆 编辑" in html and "柳州市图书馆 审核员" in html
    export = client.get(url + "?export=csv")
    rows = b"".join(export.streaming_content).decode().splitlines()
    assert rows[0].startswith("Library,") or rows[0].startswith("图书馆,")
    assert any(row.startswith("南宁市图书馆,南宁市图书馆 编辑,1,") for row in rows)
    client.force_login(editor_a)
    refused = client.get(url)
    assert refused.status_code in (302, 403)
    assert "柳州市图书馆" not in refused.content.decode()


def test_groups_named_in_english_are_renamed_on_onboarding_once(library_a, library_b):
    """Groups made before the names followed the site's language ("… editors") get
    their Chinese names; a name another group already has is numbered, and onboarding
    again changes nothing."""
    from home.onboarding import onboard_library

    access = MemberLibraryAccess.objects.get(translation_key=library_a.translation_key)
    Group.objects.filter(pk=access.editors.pk).update(name="南宁市图书馆 editors")
    Group.objects.filter(pk=access.moderators.pk).update(name="南宁市图书馆 moderators")
    taken = Group.objects.create(name="南宁市图书馆 审核员")  # made by hand meanwhile

    onboard_library(library_a)
    access.refresh_from_db()
    names = (access.editors.name, access.moderators.name)
    assert names == ("南宁市图书馆 编辑", "南宁市图书馆 审核员 (2)")
    onboard_library(library_a)
    access.refresh_from_db()
    assert (access.editors.name, access.moderators.name) == names
    taken.refresh_from_db()
    assert taken.name == "南宁市图书馆 审核员"
    other = MemberLibraryAccess.objects.get(translation_key=library_b.translation_key)
    assert (other.editors.name, other.moderators.name) == (
        "柳州市图书馆 编辑",
        "柳州市图书馆 审核员",
    )


def test_migration_renames_the_libraries_groups(library_a):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("home.migrations.0004_library_group_names")
    access = MemberLibraryAccess.objects.get(translation_key=library_a.translation_key)
    migration.backwards(apps, None)
    access.editors.refresh_from_db()
    assert access.editors.name == "南宁市图书馆 editors"
    migration.forwards(apps, None)
    migration.forwards(apps, None)
    access.editors.refresh_from_db()
    access.moderators.refresh_from_db()
    assert (access.editors.name, access.moderators.name) == (
        "南宁市图书馆 编辑",
        "南宁市图书馆 审核员",
    )
