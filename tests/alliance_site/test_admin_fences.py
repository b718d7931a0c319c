"""What the admin shows of another library (alliance_site/admin_fences.py).

Library B has an unpublished draft, a published page, an image and a document. People
who use the admin but are none of B's staff (an editor of library A, a judge of the
selection, a translator into Vietnamese) open the screens that used to name them (the
admin API, the move confirmation, the page chooser, bulk-action confirmations, the page
types report) and read what the HTML or JSON shows. An alliance administrator still
sees everything; library A's editor still sees A's own.
"""

import json

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model

from tests import factories
from tests.conftest import access_of
from translations.models import LocaleTranslators
from volunteers.selection import judges_group

pytestmark = pytest.mark.django_db

DRAFT = "柳州馆尚未公开的讲座计划"
PUBLISHED = "柳州馆公开的读书会"
IMAGE = "柳州馆内部照片"
DOCUMENT = "柳州馆内部预算"
OWN_DRAFT = "南宁馆自己的草稿"
OWN_IMAGE = "南宁馆自己的照片"
B_SECRETS = (DRAFT, IMAGE, DOCUMENT)

OUTSIDERS = ["editor_a", "judge", "translator"]


@pytest.fixture
def judge(db):
    return factories.UserFactory(username="judge", groups=[judges_group()])


@pytest.fixture
def translator(db):
    group = LocaleTranslators.objects.get(locale__language_code="vi").group
    return factories.UserFactory(username="translator-vi", groups=[group])


@pytest.fixture(params=OUTSIDERS)
def outsider(request, client):
    """Logged in: someone who uses the admin and is none of library B's staff."""
    user = request.getfixturevalue(request.param)
    client.force_login(user)
    return user


@pytest.fixture
def b_draft(library_b):
    page = factories.StandardPageFactory(parent=library_b, title=DRAFT, slug="plan", live=False)
    page.save_revision()
    return page


@pytest.fixture
def b_published(library_b):
    page = factories.StandardPageFactory(parent=library_b, title=PUBLISHED, slug="club")
    page.save_revision().publish()
    return page


@pytest.fixture
def b_image(library_b):
    return factories.ImageFactory(title=IMAGE, collection=access_of(library_b).collection)


@pytest.fixture
def b_document(library_b):
    return get_document_model().objects.create(
        title=DOCUMENT,
        collection=access_of(library_b).collection,
        file=ContentFile(b"budget", name="budget.txt"),
    )


@pytest.fixture
def own_draft(library_a):
    page = factories.StandardPageFactory(parent=library_a, title=OWN_DRAFT, slug="own", live=False)
    page.save_revision()
    return page


@pytest.fixture
def own_image(library_a):
    return factories.ImageFactory(title=OWN_IMAGE, collection=access_of(library_a).collection)


def shown(response):
    """What a person (or the admin's JavaScript) reads: the HTML, or the JSON decoded
    (the choosers' modal answers are JSON with the HTML inside, non-ASCII escaped)."""
    text = response.content.decode()
    if "json" in response.get("Content-Type", ""):
        text = json.dumps(json.loads(text), ensure_ascii=False)
    return text


def assert_not_shown(response, *titles):
    text = shown(response)
    for title in titles:
        assert title not in text, f"{title} shown at {response.request['PATH_INFO']}"


def assert_not_found(response):
    """The admin's 404 (which the locale middleware may first redirect under /zh-hans/)."""
    assert response.status_code in (302, 404), response.status_code
    if response.status_code == 302:
        assert response["Location"].startswith("/zh-hans/admin/")


def assert_refused(response):
    """Wagtail's answer to PermissionDenied: back to the dashboard with a message."""
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


def api(name, *args):
    return reverse(f"wagtailadmin_api:{name}", args=args)


# 1. The admin API -----------------------------------------------------------------------


def test_the_admin_api_lists_no_other_librarys_media(client, outsider, b_image, b_document):
    for endpoint in ("images", "documents"):
        response = client.get(api(f"{endpoint}:listing"))
        assert response.status_code == 200
        assert response.json()["meta"]["total_count"] == 0
        assert_not_shown(response, IMAGE, DOCUMENT)
    assert_not_found(client.get(api("images:detail", b_image.pk)))
    assert_not_found(client.get(api("documents:detail", b_document.pk)))


def test_the_admin_api_lists_no_other_librarys_pages(client, outsider, b_draft, library_b):
    for url in (
        api("pages:listing"),
        api("pages:listing") + "?search=柳州",
        api("pages:listing") + f"?descendant_of={library_b.get_parent().pk}",
    ):
        response = client.get(url)
        assert response.status_code in (200, 400)  # 400: a parent the user may not explore
        assert_not_shown(response, DRAFT)
    assert_not_found(client.get(api("pages:detail", b_draft.pk)))


def test_the_admin_api_gives_an_editor_their_own_media(client, editor_a, own_image, b_image):
    client.force_login(editor_a)
    response = client.get(api("images:listing"))
    assert [item["title"] for item in response.json()["items"]] == [OWN_IMAGE]
    detail = client.get(api("images:detail", own_image.pk)).json()
    assert detail["title"] == OWN_IMAGE
    assert detail["meta"]["download_url"]


def test_the_admin_api_gives_an_administrator_every_librarys_media(
    client, superuser, own_image, b_image, b_document
):
    client.force_login(superuser)
    images = client.get(api("images:listing")).json()["items"]
    assert {item["title"] for item in images} == {OWN_IMAGE, IMAGE}
    assert client.get(api("documents:detail", b_document.pk)).json()["title"] == DOCUMENT


# 2. Admin screens -----------------------------------------------------------------------


def move_url(page, destination):
    return reverse("wagtailadmin_pages:move_confirm", args=[page.pk, destination.pk])


def test_moving_another_librarys_page_is_refused_before_it_is_named(
    client, outsider, b_draft, library_a
):
    response = client.get(move_url(b_draft, library_a))
    assert_refused(response)
    assert_not_shown(client.get(response["Location"]), DRAFT)
    assert client.post(move_url(b_draft, library_a)).status_code == 302
    b_draft.refresh_from_db()
    assert b_draft.get_parent().pk != library_a.pk


def test_moving_into_another_library_is_refused_before_anything_is_said_of_it(
    client, editor_a, own_draft, b_draft, library_b
):
    client.force_login(editor_a)
    assert_refused(client.get(move_url(own_draft, b_draft)))
    # A page with the same slug as one of library B's drafts: Wagtail would first say the
    # slug is taken there, telling which slugs B's drafts use.
    own_draft.slug = b_draft.slug
    own_draft.save()
    response = client.get(move_url(own_draft, library_b), follow=True)
    text = shown(response)
    assert b_draft.slug not in text
    assert "already in use" not in text


def test_an_editor_still_confirms_a_move_within_their_library(
    client, editor_a, own_draft, library_a
):
    client.force_login(editor_a)
    response = client.get(move_url(own_draft, library_a))
    assert response.status_code == 200
    assert OWN_DRAFT in shown(response)


def test_an_administrator_confirms_any_move(client, superuser, b_draft, library_a):
    client.force_login(superuser)
    response = client.get(move_url(b_draft, library_a))
    assert response.status_code == 200
    assert DRAFT in shown(response)


def test_the_page_chooser_offers_another_librarys_live_pages_only(
    client, outsider, b_draft, b_published, library_b
):
    at_library = client.get(reverse("wagtailadmin_choose_page_child", args=[library_b.pk]))
    assert at_library.status_code == 200
    assert PUBLISHED in shown(at_library)
    assert_not_shown(at_library, DRAFT)
    search = client.get(reverse("wagtailadmin_choose_page_search") + "?q=柳州馆")
    assert PUBLISHED in shown(search)
    assert_not_shown(search, DRAFT)
    # Opened at the draft itself (its title heads the chooser), or told it was chosen.
    assert_not_found(client.get(reverse("wagtailadmin_choose_page_child", args=[b_draft.pk])))
    chosen = client.get(
        reverse("wagtailadmin_choose_page_chosen_multiple") + f"?id={b_draft.pk}&id=x"
    )
    assert chosen.json()["result"] == []


def test_the_move_chooser_offers_no_other_librarys_drafts(
    client, editor_a, own_draft, b_draft, library_b
):
    client.force_login(editor_a)
    move = client.get(reverse("wagtailadmin_pages:move", args=[own_draft.pk]))
    assert move.status_code == 200
    chooser = client.get(
        reverse("wagtailadmin_choose_page_child", args=[library_b.pk]),
        {"user_perms": "move_to", "target_pages[]": own_draft.pk},
    )
    assert chooser.status_code == 200
    assert_not_shown(chooser, DRAFT)


def test_the_page_chooser_offers_an_editor_their_own_drafts(client, editor_a, own_draft):
    client.force_login(editor_a)
    response = client.get(reverse("wagtailadmin_choose_page_search") + "?q=南宁馆")
    assert OWN_DRAFT in shown(response)
    chosen = client.get(reverse("wagtailadmin_choose_page_chosen_multiple") + f"?id={own_draft.pk}")
    assert [page["adminTitle"] for page in chosen.json()["result"]] == [OWN_DRAFT]


def bulk_url(app, model, action, *objects):
    url = reverse("wagtail_bulk_action", args=[app, model, action])
    return url + "?" + "&".join(f"id={obj.pk}" for obj in objects)


BULK_PAGE_ACTIONS = ["delete", "move", "publish", "unpublish"]
BULK_MEDIA_ACTIONS = ["delete", "add_tags", "add_to_collection"]


def test_bulk_actions_do_not_name_another_librarys_objects(
    client, outsider, b_draft, b_image, b_document
):
    for action in BULK_PAGE_ACTIONS:
        response = client.get(bulk_url("wagtailcore", "page", action, b_draft))
        assert_not_found(response)
        assert_not_shown(response, DRAFT)
    for action in BULK_MEDIA_ACTIONS:
        for app, model, item in (
            ("wagtailimages", "image", b_image),
            ("wagtaildocs", "document", b_document),
        ):
            response = client.get(bulk_url(app, model, action, item))
            assert_not_found(response)
            assert_not_shown(response, IMAGE, DOCUMENT)
    # "Select all" in another library's listing.
    response = client.get(
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
        + f"?id=all&childOf={b_draft.get_parent().pk}"
    )
    assert_not_shown(response, DRAFT)


def test_a_bulk_action_names_only_the_editors_own_pages(client, editor_a, own_draft, b_draft):
    client.force_login(editor_a)
    response = client.get(bulk_url("wagtailcore", "page", "delete", own_draft, b_draft))
    assert response.status_code == 200
    assert OWN_DRAFT in shown(response)
    assert_not_shown(response, DRAFT)
    client.post(bulk_url("wagtailcore", "page", "delete", own_draft, b_draft))
    assert b_draft.__class__.objects.filter(pk=b_draft.pk).exists()


def test_an_administrators_bulk_action_names_every_librarys_objects(
    client, superuser, b_draft, b_image
):
    client.force_login(superuser)
    assert DRAFT in shown(client.get(bulk_url("wagtailcore", "page", "unpublish", b_draft)))
    assert IMAGE in shown(client.get(bulk_url("wagtailimages", "image", "delete", b_image)))


def test_the_explorer_does_not_open_another_librarys_pages(client, outsider, b_draft, library_b):
    for page in (library_b, b_draft):
        response = client.get(reverse("wagtailadmin_explore", args=[page.pk]))
        assert response.status_code == 302
        assert_not_shown(client.get(response["Location"], follow=True), DRAFT)
        assert_not_shown(
            client.get(reverse("wagtailadmin_explore_results", args=[page.pk]), follow=True),
            DRAFT,
        )


def test_page_types_usage_names_only_pages_the_user_may_explore(
    client, editor_a, translator, superuser, own_draft, b_draft
):
    # Library B's draft is the standard page edited last.
    type(b_draft).objects.filter(pk=own_draft.pk).update(
        latest_revision_created_at="2020-01-01T00:00:00Z"
    )
    report = reverse("wagtailadmin_reports:page_types_usage")
    usage = reverse("wagtailadmin_pages:type_use", args=["home", "standardpage"])
    client.force_login(editor_a)
    response = client.get(report)
    assert response.status_code == 200
    assert OWN_DRAFT in shown(response)
    assert_not_shown(response, DRAFT)
    results = reverse("wagtailadmin_reports:page_types_usage_results")
    in_chinese = client.get(results, {"page_locale": "zh-hans"})
    assert OWN_DRAFT in shown(in_chinese)
    assert_not_shown(in_chinese, DRAFT)
    assert_not_shown(client.get(usage), DRAFT)
    client.force_login(translator)
    response = client.get(report)
    assert response.status_code == 200
    assert_not_shown(response, DRAFT, OWN_DRAFT)
    client.force_login(superuser)
    assert DRAFT in shown(client.get(report))


def test_a_judge_has_no_page_types_report(client, judge, b_draft):
    client.force_login(judge)
    assert_refused(client.get(reverse("wagtailadmin_reports:page_types_usage")))


# 3. Wagtail's own password reset leads to allauth's ------------------------------------


OLD_RESET_URLS = [
    "/admin/password_reset/",
    "/admin/password_reset/done/",
    "/admin/password_reset/confirm/MQ/abc-123/",
    "/admin/password_reset/complete/",
]


@pytest.mark.parametrize("url", OLD_RESET_URLS)
def test_wagtails_password_reset_leads_to_allauths(client, home, url):
    response = client.get(url, follow=True)
    assert response.redirect_chain[0][0] == reverse("account_reset_password")
    assert response.status_code == 200
    assert 'name="email"' in response.content.decode()


def test_posting_wagtails_password_reset_sends_nothing(client, home, editor_a):
    response = client.post("/admin/password_reset/", {"email": editor_a.email})
    assert mail.outbox == []
    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password")
    assert reverse("wagtailadmin_password_reset") == "/admin/password_reset/"


# 6. Titles of another library's live pages, tags of its media ---------------------------

NEXT_TITLE = "柳州馆读书会下一版尚未发布的标题"
B_TAG = "柳州馆内部标签"
OWN_TAG = "柳江边的标签"


@pytest.fixture
def b_published_with_draft(b_published):
    """Library B's live page, whose next version B has saved but not published."""
    b_published.title = NEXT_TITLE
    b_published.save_revision()
    b_published.refresh_from_db()
    assert (b_published.title, b_published.draft_title) == (PUBLISHED, NEXT_TITLE)
    return b_published


def link_chooser_post(client, url):
    return client.post(
        reverse("wagtailadmin_choose_page_external_link"), {"external-link-chooser-url": url}
    )


def test_the_page_chooser_names_another_librarys_live_page_as_visitors_read_it(
    client, outsider, b_published_with_draft, library_b
):
    page = b_published_with_draft
    at_library = client.get(reverse("wagtailadmin_choose_page_child", args=[library_b.pk]))
    search = client.get(reverse("wagtailadmin_choose_page_search"), {"q": "柳州馆"})
    chosen = client.get(reverse("wagtailadmin_choose_page_chosen_multiple"), {"id": page.pk})
    for response in (at_library, search, chosen):
        assert response.status_code == 200
        assert PUBLISHED in shown(response)
        assert_not_shown(response, NEXT_TITLE)
    assert [result["adminTitle"] for result in chosen.json()["result"]] == [PUBLISHED]


def test_a_pasted_url_of_another_librarys_page_is_named_as_visitors_read_it(
    client, outsider, b_published_with_draft
):
    url = b_published_with_draft.full_url
    exact = link_chooser_post(client, url)
    assert exact.json()["step"] == "external_link_chosen"
    assert exact.json()["result"]["adminTitle"] == PUBLISHED
    # With a query string Wagtail asks first whether to link to the page instead.
    confirm = link_chooser_post(client, url + "?from=newsletter")
    data = confirm.json()
    assert data["step"] == "confirm_external_to_internal"
    assert data["internal"]["adminTitle"] == PUBLISHED
    assert PUBLISHED in data["html"] and url in data["html"]
    assert_not_shown(confirm, NEXT_TITLE)


def test_library_staff_and_administrators_read_their_drafts_title_in_the_chooser(
    client, editor_b, superuser, b_published_with_draft, library_b
):
    page = b_published_with_draft
    for user in (editor_b, superuser):
        client.force_login(user)
        at_library = client.get(reverse("wagtailadmin_choose_page_child", args=[library_b.pk]))
        assert NEXT_TITLE in shown(at_library)
        chosen = client.get(reverse("wagtailadmin_choose_page_chosen_multiple"), {"id": page.pk})
        assert [result["adminTitle"] for result in chosen.json()["result"]] == [NEXT_TITLE]
        pasted = link_chooser_post(client, page.full_url + "?from=newsletter")
        assert pasted.json()["internal"]["adminTitle"] == NEXT_TITLE


@pytest.fixture
def tagged_images(b_image, own_image):
    b_image.tags.add(B_TAG)
    own_image.tags.add(OWN_TAG)


def suggested(client, term, url=None):
    response = client.get(url or reverse("wagtailadmin_tag_autocomplete"), {"term": term})
    assert response.status_code == 200
    return response.json()


def test_tag_suggestions_come_only_from_media_the_user_may_see(
    client, outsider, editor_a, tagged_images
):
    assert suggested(client, "柳") == ([OWN_TAG] if outsider == editor_a else [])
    taggit_url = reverse("wagtailadmin_tag_model_autocomplete", args=["taggit", "tag"])
    assert B_TAG not in suggested(client, "柳", taggit_url)


def test_library_staff_and_administrators_are_offered_their_tags(
    client, editor_b, superuser, tagged_images
):
    client.force_login(editor_b)
    assert suggested(client, "柳州") == [B_TAG]
    client.force_login(superuser)
    assert suggested(client, "柳") == sorted([B_TAG, OWN_TAG])


def test_tag_autocomplete_refuses_what_is_not_a_tag_model(client, editor_a, tagged_images):
    client.force_login(editor_a)
    assert suggested(client, "") == []
    for app, model in [("wagtailcore", "page"), ("nosuch", "model")]:
        url = reverse("wagtailadmin_tag_model_autocomplete", args=[app, model])
        assert_not_found(client.get(url, {"term": "a"}))
