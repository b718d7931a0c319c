"""The moderation story in the real Wagtail admin, through the browser: library A's editor
logs in through allauth, edits A's brand page and submits it for moderation, and is
refused library B; A's moderator approves it from the dashboard; then an anonymous
visitor sees the new text."""

import pytest
from playwright.sync_api import expect
from wagtail.models import Page

from home.models import MemberLibraryPage
from tests import factories
from tests.conftest import access_of
from tests.e2e.conftest import PHONE

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "书香八桂-Lantern-4817"
OLD_INTRODUCTION = "市民身边的图书馆。"  # MemberLibraryPageFactory's
NEW_INTRODUCTION = "邕城书香：周末夜读、亲子共读，欢迎全家一起来南宁市图书馆。"
CHINESE = {"locale": "zh-CN"}  # Accept-Language of a Guangxi librarian's browser


def staff(username, group):
    user = factories.UserFactory(username=username, password=PASSWORD, groups=[group])
    assert user.check_password(PASSWORD)
    return user


def log_in(page, live_server, username, screenshot=None):
    """Open the admin, follow the redirect to allauth's login page and log in."""
    page.goto(live_server.url + "/admin/")
    assert page.url == live_server.url + "/zh-hans/accounts/login/?next=/admin/"
    form = page.locator("form", has=page.locator("input[name=login]"))
    form.locator("input[name=login]").fill(username)
    form.locator("input[name=password]").fill(PASSWORD)
    if screenshot:
        screenshot(page, f"workflow-01-login-{username}")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert page.url == live_server.url + "/admin/", "not sent on to the admin dashboard"
    expect(page.locator(".sidebar-footer__account-label")).to_have_text(username)


def messages(page, level):
    return page.locator(f".messages li.{level}")


def test_editor_submits_moderator_approves_visitor_sees(
    live_server, library_a, library_b, new_context, screenshot
):
    editor = staff("editor-a", access_of(library_a).editors)
    staff("moderator-a", access_of(library_a).moderators)
    edit_a = f"{live_server.url}/admin/pages/{library_a.pk}/edit/"
    edit_b = f"{live_server.url}/admin/pages/{library_b.pk}/edit/"

    # 1. A's editor logs in through allauth and edits A's brand page.
    _context, page = new_context(**CHINESE)
    log_in(page, live_server, "editor-a", screenshot)

    page.goto(edit_a)
    introduction = page.locator("textarea[name=introduction]")
    expect(introduction).to_have_value(OLD_INTRODUCTION)
    expect(page.locator("input[name=title]")).to_have_value(library_a.title)
    introduction.fill(NEW_INTRODUCTION)
    footer = page.locator("footer.footer")
    expect(footer.locator("button[name=action-publish]")).to_have_count(0)  # editors can't
    footer.locator(".w-dropdown-button .w-dropdown__toggle").click()
    submit = footer.locator("button[name=action-submit]")
    expect(submit).to_be_visible()
    screenshot(page, "workflow-02-editor-edits", full_page=False)
    with page.expect_navigation():
        submit.click()
    success = messages(page, "success")
    expect(success).to_be_visible()
    expect(success).to_contain_text(library_a.title)
    screenshot(page, "workflow-03-submitted", full_page=False)

    page_a = Page.objects.get(pk=library_a.pk)
    assert page_a.workflow_in_progress
    assert page_a.current_workflow_task_state.revision.content["introduction"] == NEW_INTRODUCTION
    assert page_a.get_latest_revision().user_id == editor.pk

    # Nothing is public before the moderator approves.
    _visitor_context, visitor = new_context(viewport=PHONE)
    visitor.goto(live_server.url + library_a.url)
    expect(visitor.locator("main .lead")).to_have_text(OLD_INTRODUCTION)
    visitor.close()

    # 2. The same editor is refused library B's edit view.
    page.goto(edit_b)
    assert page.url == live_server.url + "/admin/", "not sent back to the dashboard"
    expect(messages(page, "error")).to_be_visible()
    expect(page.locator("form[data-edit-form]")).to_have_count(0)
    expect(page.locator("input[name=title]")).to_have_count(0)
    assert library_b.title not in page.content()
    screenshot(page, "workflow-04-editor-refused-b", full_page=False)

    # 3. A's moderator, in a fresh browser, approves from "awaiting your review".
    _moderator_context, moderator = new_context(**CHINESE)
    log_in(moderator, live_server, "moderator-a")
    row = moderator.locator("tr", has_text=library_a.title)
    expect(row).to_have_count(1)
    screenshot(moderator, "workflow-05-moderator-dashboard", full_page=False)
    row.locator(".w-dropdown__toggle").click()
    approve_with_comment = row.locator(
        'button[data-workflow-action-url*="/approve/"][data-launch-modal]'
    )
    expect(approve_with_comment).to_be_visible()
    approve_with_comment.click()
    modal = moderator.locator(".modal-dialog form")
    expect(modal.locator("textarea[name=comment]")).to_be_visible()
    modal.locator("textarea[name=comment]").fill("内容属实，同意发布。")
    screenshot(moderator, "workflow-06-approve-modal", full_page=False)
    with moderator.expect_navigation():
        modal.locator("button[type=submit]").click()
    # Back on the dashboard (Wagtail adds no message for a dashboard action): the page
    # has left "awaiting your review".
    assert moderator.url == live_server.url + "/admin/"
    expect(moderator.locator("tr", has_text=library_a.title)).to_have_count(0)
    screenshot(moderator, "workflow-07-approved", full_page=False)

    page_a = MemberLibraryPage.objects.get(pk=library_a.pk)
    assert not page_a.workflow_in_progress
    assert page_a.live
    assert page_a.introduction == NEW_INTRODUCTION

    # 4. An anonymous visitor, in a fresh browser, sees the new introduction.
    _visitor_context, visitor = new_context(viewport=PHONE)
    visitor.goto(live_server.url + library_a.url)
    expect(visitor.get_by_role("heading", level=1)).to_have_text(library_a.title)
    expect(visitor.locator("main .lead")).to_have_text(NEW_INTRODUCTION)
    screenshot(visitor, "workflow-08-public-page-phone")


def test_admin_makes_no_external_request(live_server, library_a, new_context, blocked_requests):
    staff("editor-a", access_of(library_a).editors)
    _context, page = new_context(**CHINESE)
    log_in(page, live_server, "editor-a")
    page.goto(f"{live_server.url}/admin/pages/{library_a.pk}/edit/")
    page.wait_for_load_state("load")
    assert blocked_requests == []
