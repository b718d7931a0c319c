"""Every page type and snippet is made in the admin by the role that owns it.

Through the admin's own views, from the forms it serves (tests/admin_forms.py): the
library's editor finds the type under "add child page", fills the form and saves a
draft; the library's moderator opens it and publishes; a visitor reads it. The editor of
another library is refused on GET and on POST. Alliance-wide pages are made and
published by an alliance administrator. (The demo and the other tests build content in
code, which once hid that volunteer projects could not be added in the admin at all.)
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page

from tests.admin_forms import fill, form_data, form_errors

pytestmark = pytest.mark.django_db

SOON = timezone.localdate() + datetime.timedelta(days=10)


def at(hour, day=SOON):
    return f"{day:%Y-%m-%d} {hour:02d}:00"


def session(prefix="event_sessions-0", **extra):
    return {f"{prefix}-start": at(10), f"{prefix}-end": at(12), **extra}


# (app, model, title, fields a person fills in)
LIBRARY_CONTENT = [
    (
        "events",
        "eventpage",
        "周末亲子故事会",
        {"kind": "story_time", "introduction": "和孩子一起听故事。", **session(capacity="30")},
    ),
    (
        "lectures",
        "lecturepage",
        "八桂讲坛：阅读与人生",
        # The speaker is chosen by pk (the test adds one first, as the editor would).
        {"topic": "阅读与人生", "lecture_speakers-0-speaker": "SPEAKER", **session(capacity="200")},
    ),
    (
        "exhibitions",
        "exhibitionpage",
        "广西古籍保护成果展",
        {
            "opening_date": f"{SOON:%Y-%m-%d}",
            "closing_date": f"{SOON + datetime.timedelta(days=30):%Y-%m-%d}",
        },
    ),
    (
        "volunteers",
        "volunteerprojectpage",
        "阳光助残读书会",
        {
            "category": "disability",
            "introduction": "为视障读者朗读。",
            **session(capacity="6", **{"event_sessions-0-hours_credit": "2"}),
        },
    ),
    ("home", "standardpage", "馆史沿革", {"introduction": "本馆的历史。"}),
    ("events", "listingpage", "本馆少儿活动", {"introduction": "少儿活动一览。"}),
]


def add_url(app, model, parent):
    return reverse("wagtailadmin_pages:add", args=[app, model, parent.pk])


def create(client, user, app, model, parent, title, fields, **action):
    """Open the add form as `user`, fill it, submit it; returns (response, page or None)."""
    client.force_login(user)
    url = add_url(app, model, parent)
    response = client.get(url)
    assert response.status_code == 200, f"{user} cannot open the {model} form"
    # Wagtail's JavaScript fills the slug from the title as the person types it.
    slug = slugify(title, allow_unicode=True)
    data = fill(form_data(response.content.decode()), title=title, slug=slug, **fields, **action)
    response = client.post(url, data)
    page = Page.objects.child_of(parent).filter(title=title).first()
    return response, page and page.specific


def publish(client, user, page):
    """Open the edit form as `user` and press Publish without changing anything."""
    client.force_login(user)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.get(url)
    assert response.status_code == 200
    data = fill(form_data(response.content.decode()), **{"action-publish": "action-publish"})
    response = client.post(url, data)
    assert response.status_code == 302, form_errors(response)
    page.refresh_from_db()
    return page


def test_add_child_page_offers_every_library_content_type(client, library_a, editor_a):
    client.force_login(editor_a)
    response = client.get(reverse("wagtailadmin_pages:add_subpage", args=[library_a.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    for app, model, _title, _fields in LIBRARY_CONTENT:
        assert add_url(app, model, library_a) in html, f"{model} is not offered"


@pytest.mark.parametrize(("app", "model", "title", "fields"), LIBRARY_CONTENT, ids=lambda v: v)
def test_editor_drafts_and_moderator_publishes(
    client, library_a, editor_a, moderator_a, app, model, title, fields
):
    if "lecture_speakers-0-speaker" in fields:
        speaker = add_snippet(client, editor_a, "lectures", "speaker", {"name": "王教授"})
        fields = {**fields, "lecture_speakers-0-speaker": speaker.pk}
    response, page = create(client, editor_a, app, model, library_a, title, fields)
    assert response.status_code == 302, form_errors(response)
    assert page is not None and not page.live
    assert page.get_latest_revision().user == editor_a
    assert page.get_parent().pk == library_a.pk

    page = publish(client, moderator_a, page)
    assert page.live
    client.logout()
    visit = client.get(page.url)
    assert visit.status_code == 200
    assert title in visit.content.decode()


@pytest.mark.parametrize(("app", "model", "title", "fields"), LIBRARY_CONTENT, ids=lambda v: v)
def test_editor_of_another_library_is_refused(
    client, library_a, editor_b, app, model, title, fields
):
    client.force_login(editor_b)
    url = add_url(app, model, library_a)
    assert client.get(url).status_code in (302, 403)
    response = client.post(url, {"title": title, "slug": "intruder", **fields})
    assert response.status_code in (302, 403)
    assert not Page.objects.filter(title=title).exists()


ALLIANCE_PAGES = [
    ("home", "memberlibraryindexpage", "成员馆", {"introduction": "联盟成员馆。"}),
    ("events", "eventindexpage", "活动日历", {"introduction": "全联盟的活动。"}),
    ("lectures", "lectureindexpage", "讲座", {}),
    ("exhibitions", "exhibitionindexpage", "展览", {}),
    ("volunteers", "volunteerindexpage", "志愿服务", {}),
    ("home", "standardpage", "关于联盟", {"introduction": "联盟简介。"}),
    ("events", "listingpage", "世界读书日活动", {}),
]


@pytest.mark.parametrize(("app", "model", "title", "fields"), ALLIANCE_PAGES, ids=lambda v: v)
def test_administrator_makes_alliance_wide_pages(
    client, home, superuser, app, model, title, fields
):
    response, page = create(
        client, superuser, app, model, home, title, fields, **{"action-publish": "1"}
    )
    assert response.status_code == 302, form_errors(response)
    assert page.live and page.get_parent().pk == home.pk
    client.logout()
    assert title in client.get(page.url).content.decode()


def test_administrator_adds_a_member_library(client, members_index, superuser):
    from home.models import MemberLibraryAccess

    fields = {"level": "county", "city": "钦州", "short_name": "灵山县图书馆"}
    response, page = create(
        client,
        superuser,
        "home",
        "memberlibrarypage",
        members_index,
        "灵山县图书馆",
        fields,
        **{"action-publish": "1"},
    )
    assert response.status_code == 302, form_errors(response)
    assert page.live
    assert MemberLibraryAccess.objects.filter(translation_key=page.translation_key).exists()


def test_administrator_adds_a_selection_results_page(client, home, superuser):
    from volunteers.models import VolunteerIndexPage

    index = home.add_child(instance=VolunteerIndexPage(title="志愿服务", slug="volunteers"))
    index.save_revision().publish()
    response, page = create(
        client,
        superuser,
        "volunteers",
        "selectionresultspage",
        index,
        "2026年度志愿服务示范项目",
        {},
    )
    assert response.status_code == 302, form_errors(response)
    assert page is not None


# Snippets: (app, model, fields, the role that owns them)
SNIPPETS = [
    ("lectures", "speaker", {"name": "黄教授", "title": "广西民族大学教授"}, "editor"),
    ("lectures", "lectureseries", {"name": "红豆讲堂", "slug": "hongdou"}, "editor"),
    (
        "events",
        "campaign",
        {
            "name": "全民阅读月",
            "slug": "reading-month",
            "starts_on": f"{SOON:%Y-%m-%d}",
            "ends_on": f"{SOON + datetime.timedelta(days=30):%Y-%m-%d}",
        },
        "administrator",
    ),
]


@pytest.mark.parametrize(("app", "model", "fields", "owner"), SNIPPETS, ids=lambda v: v)
def test_snippets_are_made_by_their_owner(client, editor_a, superuser, app, model, fields, owner):

    user = editor_a if owner == "editor" else superuser
    snippet = add_snippet(client, user, app, model, fields)
    assert snippet.name == fields["name"]
    if owner == "administrator":
        client.force_login(editor_a)
        url = reverse(f"wagtailsnippets_{app}_{model}:add")
        assert client.get(url).status_code in (302, 403)
        assert client.post(url, fields).status_code in (302, 403)


def add_snippet(client, user, app, model, fields):
    from django.apps import apps

    client.force_login(user)
    url = reverse(f"wagtailsnippets_{app}_{model}:add")
    response = client.get(url)
    assert response.status_code == 200, f"{user} cannot open the {model} form"
    data = fill(form_data(response.content.decode(), form_id=None), **fields)
    response = client.post(url, data)
    assert response.status_code == 302, form_errors(response)
    return apps.get_model(app, model).objects.get(name=fields["name"])


# An administrator types a new library and presses "Publish" while the admin's autosave is
# still creating the draft: two create requests for the same page.


def library_form(client, superuser, members_index):
    client.force_login(superuser)
    url = add_url("home", "memberlibrarypage", members_index)
    data = form_data(client.get(url).content.decode())
    title = "灵川县图书馆"
    fill(data, title=title, slug="lingchuan", level="county", city="桂林")
    return url, data


def autosave(client, url, data):
    """What the admin's autosave sends: a draft save that expects JSON."""
    return client.post(url, data, headers={"accept": "application/json"})


def assert_one_whole_library(slug="lingchuan"):
    from django.contrib.auth.models import Group

    from home.models import MemberLibraryAccess, MemberLibraryPage

    pages = MemberLibraryPage.objects.filter(slug=slug)
    assert pages.count() == 1
    access = MemberLibraryAccess.objects.get(translation_key=pages.get().translation_key)
    groups = Group.objects.filter(pk__in=[access.editors_id, access.moderators_id])
    assert groups.count() == 2
    assert (
        MemberLibraryAccess.objects.count()
        == Group.objects.filter(library_as_editors__isnull=False).count()
    )


def test_publish_after_the_autosave_made_the_draft_goes_to_the_draft(
    client, members_index, superuser
):
    url, data = library_form(client, superuser, members_index)
    saved = autosave(client, url, data)
    assert saved.status_code == 200 and saved.json()["success"]
    draft = Page.objects.get(slug="lingchuan")
    published = client.post(url, fill(data.copy(), **{"action-publish": "1"}))
    # The person is taken to the draft their autosave made, with what they typed in it.
    assert published.status_code == 302
    assert published["Location"] == reverse("wagtailadmin_pages:edit", args=[draft.pk])
    page = client.get(published["Location"])
    assert "灵川县图书馆" in page.content.decode()
    assert_one_whole_library()


def test_a_slug_taken_by_someone_else_is_a_form_error(client, members_index, superuser):
    from tests import factories

    url, data = library_form(client, superuser, members_index)
    other = factories.UserFactory(username="other-admin", is_superuser=True, is_staff=True)
    autosave(client_for(other), url, data)
    published = client.post(url, fill(data.copy(), **{"action-publish": "1"}))
    assert published.status_code == 200
    assert "slug" in published.context["form"].errors
    assert_one_whole_library()


def client_for(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


@pytest.mark.postgres
@pytest.mark.skipif(
    not __import__("os").environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="the race needs PostgreSQL (DATABASE_URL); SQLite serialises writers anyway",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_autosave_and_publish_at_once_end_in_one_whole_library(members_index, superuser):
    import threading

    from django.db import connection, connections
    from django.test import Client

    assert connection.vendor == "postgresql"
    url, data = library_form(Client(), superuser, members_index)
    barrier = threading.Barrier(4)
    responses, errors = [], []

    def request(publish):
        client = Client(raise_request_exception=False)
        client.force_login(superuser)
        try:
            barrier.wait()
            if publish:
                responses.append(client.post(url, fill(data.copy(), **{"action-publish": "1"})))
            else:
                responses.append(autosave(client, url, data))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=request, args=(n % 2,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    codes = sorted(r.status_code for r in responses)
    # One request saves the page; the others get the form's error (the autosave's JSON
    # 400) or, for Publish, are taken to the draft that was saved first.
    assert all(code in (200, 302, 400) for code in codes), codes
    assert sum(r.status_code == 500 for r in responses) == 0
    assert_one_whole_library()
