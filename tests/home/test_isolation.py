"""Isolation matrix: an editor or moderator of library A is refused every admin action
on library B's pages and media (403 or a redirect away, never the content, never a
change), and succeeds at each action its role allows on A."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page, TaskState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield
from wagtail_localize.models import TranslationSource

from home.models import StandardPage
from tests import factories
from tests.conftest import access_of, translate

pytestmark = pytest.mark.django_db

SECRET = "柳州秘密草稿"  # text only library B's staff may read


def page_form(title, slug, **extra):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "introduction": extra.pop("introduction", "简介"),
            "body": streamfield([]),
            "comments": inline_formset([]),
            **extra,
        }
    )


def make_child(library, title, owner=None):
    child = factories.StandardPageFactory(
        parent=library, title=title, slug=f"p{library.pk}x", owner=owner
    )
    child.save_revision(user=owner).publish()
    child.title = f"{title} {SECRET if 'B' in title else ''}".strip()
    child.save_revision(user=owner)  # a draft revision on top of the live one
    return StandardPage.objects.get(pk=child.pk)


class World:
    """Two libraries, each with a child page, an image, a document; B's page also in
    English and in moderation."""

    def __init__(self, library_a, library_b, editor_b):
        self.a, self.b = library_a, library_b
        self.a_child = make_child(library_a, "A 活动")
        self.b_child = make_child(library_b, "B 活动", owner=editor_b)
        self.b_rev_old, self.b_rev_new = list(self.b_child.revisions.order_by("pk"))[:2]
        self.a_image = factories.ImageFactory(collection=access_of(library_a).collection)
        self.b_image = factories.ImageFactory(
            title=f"B image {SECRET}", collection=access_of(library_b).collection
        )
        Document = get_document_model()
        self.a_doc = Document.objects.create(
            title="A doc",
            file=ContentFile(b"a", name="a.txt"),
            collection=access_of(library_a).collection,
        )
        self.b_doc = Document.objects.create(
            title=f"B doc {SECRET}",
            file=ContentFile(b"b", name="b.txt"),
            collection=access_of(library_b).collection,
        )
        # B's child in English through wagtail-localize.
        self.b_child_en = translate(self.b_child, "en")
        # A second B page in moderation, submitted by B's editor.
        self.b_pending = factories.StandardPageFactory(
            parent=library_b, title=f"B 待审 {SECRET}", slug="pending", live=False, owner=editor_b
        )
        revision = self.b_pending.save_revision(user=editor_b)
        self.b_pending.get_workflow().start(self.b_pending, editor_b)
        self.b_task_state = TaskState.objects.get(revision=revision)
        self.b_child.refresh_from_db()


@pytest.fixture
def world(library_a, library_b, editor_b):
    return World(library_a, library_b, editor_b)


@pytest.fixture(params=["editor", "moderator"])
def staff_a(request, library_a):
    group = getattr(access_of(library_a), f"{request.param}s")
    return factories.UserFactory(username=f"{request.param}-a", groups=[group])


def refused(response, client=None, hops=3):
    """Never the content: 403 or 404, or a redirect away (to the dashboard, the login page,
    or the user's own part of the explorer) whose target does not show the secret."""
    if response.status_code in (403, 404):
        return SECRET not in response.content.decode(errors="ignore")
    if response.status_code == 302:
        location = response["Location"]
        if not location.startswith("/admin/") or client is None or not hops:
            return True
        return refused_target(client.get(location), client, hops - 1)
    return False


def refused_target(response, client, hops):
    if response.status_code == 200:
        return SECRET not in response.content.decode(errors="ignore")
    return refused(response, client, hops)


def body_of(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="ignore")
    return response.content.decode(errors="ignore")


def pages_url(name, *args):
    return reverse(f"wagtailadmin_pages:{name}", args=args)


# Each case: (description, method, url(world), data(world) or None, unchanged(world) check).
# "list" views may answer, but must not show B's content.
CASES = [
    ("edit GET", "get", lambda w: pages_url("edit", w.b_child.pk), None, None),
    (
        "edit POST",
        "post",
        lambda w: pages_url("edit", w.b_child.pk),
        lambda w: page_form("hacked", w.b_child.slug),
        lambda w: (
            Page.objects.get(pk=w.b_child.pk).get_latest_revision().content["title"] != "hacked"
        ),
    ),
    (
        "publish",
        "post",
        lambda w: pages_url("edit", w.b_child.pk),
        lambda w: page_form("hacked", w.b_child.slug, **{"action-publish": "publish"}),
        lambda w: Page.objects.get(pk=w.b_child.pk).title != "hacked",
    ),
    ("unpublish GET", "get", lambda w: pages_url("unpublish", w.b_child.pk), None, None),
    (
        "unpublish POST",
        "post",
        lambda w: pages_url("unpublish", w.b_child.pk),
        lambda w: {},
        lambda w: Page.objects.get(pk=w.b_child.pk).live,
    ),
    ("delete GET", "get", lambda w: pages_url("delete", w.b_child.pk), None, None),
    (
        "delete POST",
        "post",
        lambda w: pages_url("delete", w.b_child.pk),
        lambda w: {},
        lambda w: Page.objects.filter(pk=w.b_child.pk).exists(),
    ),
    ("move GET", "get", lambda w: pages_url("move", w.b_child.pk), None, None),
    (
        "move POST",
        "post",
        lambda w: pages_url("move_confirm", w.b_child.pk, w.a.pk),
        lambda w: {},
        lambda w: Page.objects.get(pk=w.b_child.pk).get_parent().pk == w.b.pk,
    ),
    ("copy GET", "get", lambda w: pages_url("copy", w.b_child.pk), None, None),
    (
        "copy POST",
        "post",
        lambda w: pages_url("copy", w.b_child.pk),
        lambda w: {"new_title": "copied", "new_slug": "copied", "new_parent_page": w.a.pk},
        lambda w: not Page.objects.filter(slug="copied").exists(),
    ),
    (
        "lock",
        "post",
        lambda w: pages_url("lock", w.b_child.pk),
        lambda w: {},
        lambda w: not Page.objects.get(pk=w.b_child.pk).locked,
    ),
    ("history", "get", lambda w: pages_url("history", w.b_child.pk), None, None),
    ("revisions index", "get", lambda w: pages_url("revisions_index", w.b_child.pk), None, None),
    (
        "revision view",
        "get",
        lambda w: pages_url("revisions_view", w.b_child.pk, w.b_rev_new.pk),
        None,
        None,
    ),
    (
        "revisions compare",
        "get",
        lambda w: pages_url("revisions_compare", w.b_child.pk, w.b_rev_old.pk, w.b_rev_new.pk),
        None,
        None,
    ),
    (
        "revision revert",
        "get",
        lambda w: pages_url("revisions_revert", w.b_child.pk, w.b_rev_old.pk),
        None,
        None,
    ),
    (
        "preview POST",
        "post",
        lambda w: pages_url("preview_on_edit", w.b_child.pk),
        lambda w: page_form("preview", w.b_child.slug),
        None,
    ),
    ("preview GET", "get", lambda w: pages_url("preview_on_edit", w.b_child.pk), None, None),
    ("view draft", "get", lambda w: pages_url("view_draft", w.b_child.pk), None, None),
    (
        "workflow approve",
        "post",
        lambda w: pages_url("workflow_action", w.b_pending.pk, "approve", w.b_task_state.pk),
        lambda w: {},
        lambda w: TaskState.objects.get(pk=w.b_task_state.pk).status == "in_progress",
    ),
    (
        "workflow reject",
        "post",
        lambda w: pages_url("workflow_action", w.b_pending.pk, "reject", w.b_task_state.pk),
        lambda w: {},
        lambda w: TaskState.objects.get(pk=w.b_task_state.pk).status == "in_progress",
    ),
    (
        "translation create GET",
        "get",
        lambda w: reverse("wagtail_localize:submit_page_translation", args=[w.b_child.pk]),
        None,
        None,
    ),
    (
        "translation create POST",
        "post",
        lambda w: reverse("wagtail_localize:submit_page_translation", args=[w.b_child.pk]),
        lambda w: {"locales": [Locale.objects.get(language_code="vi").pk]},
        lambda w: (
            not Page.objects.filter(
                translation_key=w.b_child.translation_key, locale__language_code="vi"
            ).exists()
        ),
    ),
    ("translation edit GET", "get", lambda w: pages_url("edit", w.b_child_en.pk), None, None),
    (
        "translation edit POST",
        "post",
        lambda w: pages_url("edit", w.b_child_en.pk),
        lambda w: page_form("hacked", w.b_child_en.slug),
        lambda w: (
            Page.objects.get(pk=w.b_child_en.pk).get_latest_revision().content["title"] != "hacked"
        ),
    ),
    (
        "translation update",
        "post",
        lambda w: reverse(
            "wagtail_localize:update_translations",
            args=[TranslationSource.objects.get(object_id=w.b_child.translation_key).pk],
        ),
        lambda w: {},
        None,
    ),
    (
        "image edit GET",
        "get",
        lambda w: reverse("wagtailimages:edit", args=[w.b_image.pk]),
        None,
        None,
    ),
    (
        "image edit POST",
        "post",
        lambda w: reverse("wagtailimages:edit", args=[w.b_image.pk]),
        lambda w: {"title": "hacked"},
        lambda w: w.b_image.__class__.objects.get(pk=w.b_image.pk).title != "hacked",
    ),
    (
        "image delete POST",
        "post",
        lambda w: reverse("wagtailimages:delete", args=[w.b_image.pk]),
        lambda w: {},
        lambda w: w.b_image.__class__.objects.filter(pk=w.b_image.pk).exists(),
    ),
    (
        "document edit GET",
        "get",
        lambda w: reverse("wagtaildocs:edit", args=[w.b_doc.pk]),
        None,
        None,
    ),
    (
        "document edit POST",
        "post",
        lambda w: reverse("wagtaildocs:edit", args=[w.b_doc.pk]),
        lambda w: {"title": "hacked"},
        lambda w: get_document_model().objects.get(pk=w.b_doc.pk).title != "hacked",
    ),
    (
        "document delete POST",
        "post",
        lambda w: reverse("wagtaildocs:delete", args=[w.b_doc.pk]),
        lambda w: {},
        lambda w: get_document_model().objects.filter(pk=w.b_doc.pk).exists(),
    ),
    ("add child GET", "get", lambda w: pages_url("add_subpage", w.b.pk), None, None),
    (
        "add child POST",
        "post",
        lambda w: pages_url("add", "home", "standardpage", w.b.pk),
        lambda w: page_form("intruder", "intruder"),
        lambda w: not Page.objects.filter(slug="intruder").exists(),
    ),
    ("explore B", "get", lambda w: reverse("wagtailadmin_explore", args=[w.b.pk]), None, None),
    ("page search", "list", lambda w: pages_url("search") + "?q=柳州", None, None),
    (
        "page chooser on B",
        "list",
        lambda w: reverse("wagtailadmin_choose_page_child", args=[w.b.pk]),
        None,
        None,
    ),
    (
        "workflow history",
        "get",
        lambda w: pages_url("workflow_history", w.b_pending.pk),
        None,
        None,
    ),
    (
        "site history report",
        "list",
        lambda w: reverse("wagtailadmin_reports:site_history"),
        None,
        None,
    ),
    ("dashboard", "list", lambda w: reverse("wagtailadmin_home"), None, None),
    (
        "site history export",
        "list",
        lambda w: reverse("wagtailadmin_reports:site_history") + "?export=csv",
        None,
        None,
    ),
    (
        "aging pages export",
        "list",
        lambda w: reverse("wagtailadmin_reports:aging_pages") + "?export=csv",
        None,
        None,
    ),
    ("locked pages", "list", lambda w: reverse("wagtailadmin_reports:locked_pages"), None, None),
    (
        "workflow tasks",
        "list",
        lambda w: reverse("wagtailadmin_reports:workflow_tasks"),
        None,
        None,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_staff_of_a_are_refused_on_b(client, world, staff_a, case):
    _name, method, url, data, unchanged = case
    client.force_login(staff_a)
    if method == "list":
        # Lists A's staff may open: they must not show B's content.
        response = client.get(url(world))
        assert response.status_code in (200, 302, 403, 404)
        assert SECRET not in body_of(response)
        return
    if method == "get":
        response = client.get(url(world))
    else:
        response = client.post(url(world), data(world) if data else {})
    assert refused(response, client), (response.status_code, response.get("Location"))
    if unchanged:
        assert unchanged(world)


def test_unlock_of_b_is_refused(client, world, editor_b, staff_a):
    client.force_login(editor_b)
    client.post(pages_url("lock", world.b_child.pk))
    assert Page.objects.get(pk=world.b_child.pk).locked
    client.force_login(staff_a)
    response = client.post(pages_url("unlock", world.b_child.pk))
    assert refused(response, client)
    assert Page.objects.get(pk=world.b_child.pk).locked


def test_b_images_are_not_listed_for_a(client, world, staff_a):
    client.force_login(staff_a)
    response = client.get(reverse("wagtailimages:index"))
    assert response.status_code == 200
    assert SECRET not in response.content.decode()
    response = client.get(reverse("wagtailimages_chooser:choose"))
    assert SECRET not in response.content.decode()


# What each role may do on its own library.


def test_editor_edits_and_submits_own_page(client, world, editor_a):
    client.force_login(editor_a)
    url = pages_url("edit", world.a_child.pk)
    assert client.get(url).status_code == 200
    response = client.post(url, page_form("A 修改", world.a_child.slug))
    assert response.status_code == 302
    assert Page.objects.get(pk=world.a_child.pk).get_latest_revision().content["title"] == "A 修改"
    response = client.post(url, page_form("A 送审", world.a_child.slug, **{"action-submit": "1"}))
    assert response.status_code == 302
    page = Page.objects.get(pk=world.a_child.pk)
    assert page.workflow_in_progress
    assert page.title != "A 送审"  # not published by the editor


def test_editor_cannot_publish_directly(client, world, editor_a):
    client.force_login(editor_a)
    client.post(
        pages_url("edit", world.a_child.pk),
        page_form("直接发布", world.a_child.slug, **{"action-publish": "1"}),
    )
    assert Page.objects.get(pk=world.a_child.pk).title != "直接发布"


def test_editor_cannot_approve_own_submission(client, world, editor_a):
    client.force_login(editor_a)
    client.post(
        pages_url("edit", world.a_child.pk),
        page_form("A 送审", world.a_child.slug, **{"action-submit": "1"}),
    )
    task_state = TaskState.objects.get(
        revision__object_id=str(world.a_child.pk), status="in_progress"
    )
    response = client.post(pages_url("workflow_action", world.a_child.pk, "approve", task_state.pk))
    assert refused(response, client)
    assert TaskState.objects.get(pk=task_state.pk).status == "in_progress"


def test_moderator_approves_submission_of_own_library(client, world, editor_a, moderator_a):
    client.force_login(editor_a)
    client.post(
        pages_url("edit", world.a_child.pk),
        page_form("A 送审", world.a_child.slug, **{"action-submit": "1"}),
    )
    task_state = TaskState.objects.get(
        revision__object_id=str(world.a_child.pk), status="in_progress"
    )
    client.force_login(moderator_a)
    response = client.post(pages_url("workflow_action", world.a_child.pk, "approve", task_state.pk))
    assert response.status_code in (200, 302)
    assert TaskState.objects.get(pk=task_state.pk).status == "approved"
    assert Page.objects.get(pk=world.a_child.pk).title == "A 送审"


def test_staff_use_revisions_preview_lock_on_own_library(client, world, staff_a):
    client.force_login(staff_a)
    page = world.a_child
    revisions = list(page.revisions.order_by("pk"))
    assert client.get(pages_url("history", page.pk)).status_code == 200
    assert client.get(pages_url("revisions_view", page.pk, revisions[-1].pk)).status_code == 200
    compare = pages_url("revisions_compare", page.pk, revisions[0].pk, revisions[-1].pk)
    assert client.get(compare).status_code == 200
    assert client.get(pages_url("revisions_revert", page.pk, revisions[0].pk)).status_code == 200
    preview = client.post(pages_url("preview_on_edit", page.pk), page_form("预览", page.slug))
    assert preview.json()["is_valid"]
    assert "预览" in client.get(pages_url("preview_on_edit", page.pk)).content.decode()
    client.post(pages_url("lock", page.pk))
    assert Page.objects.get(pk=page.pk).locked
    client.post(pages_url("unlock", page.pk))
    assert not Page.objects.get(pk=page.pk).locked


def test_staff_add_child_and_media_on_own_library(client, world, staff_a):
    client.force_login(staff_a)
    response = client.post(
        pages_url("add", "home", "standardpage", world.a.pk), page_form("新页面", "new-page")
    )
    assert response.status_code == 302
    assert Page.objects.child_of(world.a).filter(slug="new-page").exists()
    world.a_image.uploaded_by_user = staff_a  # editors edit the media they uploaded
    world.a_image.save()
    response = client.post(
        reverse("wagtailimages:edit", args=[world.a_image.pk]),
        {"title": "改名", "collection": world.a_image.collection_id, "tags": ""},
    )
    assert response.status_code == 302
    world.a_image.refresh_from_db()
    assert world.a_image.title == "改名"


def test_moderator_publishes_unpublishes_deletes_on_own_library(client, world, moderator_a):
    client.force_login(moderator_a)
    page = world.a_child
    client.post(
        pages_url("edit", page.pk), page_form("发布了", page.slug, **{"action-publish": "1"})
    )
    assert Page.objects.get(pk=page.pk).title == "发布了"
    client.post(pages_url("unpublish", page.pk))
    assert not Page.objects.get(pk=page.pk).live
    client.post(pages_url("delete", page.pk))
    assert not Page.objects.filter(pk=page.pk).exists()
    client.post(reverse("wagtailimages:delete", args=[world.a_image.pk]))
    assert not world.a_image.__class__.objects.filter(pk=world.a_image.pk).exists()


def test_editor_cannot_delete_images(client, world, editor_a):
    client.force_login(editor_a)
    client.post(reverse("wagtailimages:delete", args=[world.a_image.pk]))
    assert world.a_image.__class__.objects.filter(pk=world.a_image.pk).exists()


def test_library_staff_cannot_delete_or_move_their_library_page(client, world, moderator_a):
    client.force_login(moderator_a)
    client.post(pages_url("delete", world.a.pk))
    assert Page.objects.filter(pk=world.a.pk).exists()
    client.post(pages_url("move_confirm", world.a.pk, world.a.get_parent().pk))
    assert Page.objects.get(pk=world.a.pk).get_parent().pk == world.a.get_parent().pk


def test_b_staff_do_see_their_content(client, world, editor_b):
    """Control for the "list" cases: the secret is visible to B's own staff."""
    client.force_login(editor_b)
    assert SECRET in client.get(reverse("wagtailadmin_explore", args=[world.b.pk])).content.decode()
    assert SECRET in client.get(pages_url("edit", world.b_child.pk)).content.decode()


def test_editor_edits_own_library_in_another_language(client, world, editor_a):
    english = translate(world.a, "en", title="Nanning Library")
    client.force_login(editor_a)
    response = client.get(pages_url("edit", english.pk))
    assert response.status_code == 200
    assert "Nanning Library" in response.content.decode()


def test_b_staff_do_find_their_content_in_search(client, world, editor_b):
    """Control for the "page search" case."""
    client.force_login(editor_b)
    assert SECRET in body_of(client.get(pages_url("search") + "?q=柳州"))
