"""Translators per locale, through the real admin views: a locale's translators translate
pages of every library into their locale and publish them, and nothing else; library
editors keep their rights on their own library in every locale."""

import pytest
from django.contrib.auth.models import Group
from django.test import TestCase
from django.urls import reverse
from wagtail.models import GroupPagePermission, Locale, Page
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from home.models import StandardPage
from tests import factories
from tests.conftest import translate
from translations.models import LocaleTranslators

pytestmark = pytest.mark.django_db


def pages_url(name, *args):
    return reverse(f"wagtailadmin_pages:{name}", args=args)


def locale(code):
    return Locale.objects.get(language_code=code)


def translators(code):
    return LocaleTranslators.objects.get(locale__language_code=code).group


def in_locale(page, code):
    return Page.objects.filter(translation_key=page.translation_key, locale__language_code=code)


def submit(client, page, *codes):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(
            reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
            {"locales": [locale(code).pk for code in codes]},
        )


def latest_title(page):
    return Page.objects.get(pk=page.pk).get_latest_revision().content["title"]


@pytest.fixture
def child_a(library_a):
    page = factories.StandardPageFactory(parent=library_a, title="南宁读书会", slug="club")
    page.save_revision().publish()
    return StandardPage.objects.get(pk=page.pk)


@pytest.fixture
def child_b(library_b):
    page = factories.StandardPageFactory(parent=library_b, title="柳州读书会", slug="club-b")
    page.save_revision().publish()
    return StandardPage.objects.get(pk=page.pk)


@pytest.fixture
def translator_vi(db):
    return factories.UserFactory(username="translator-vi", groups=[translators("vi")])


@pytest.fixture
def vi_client(client, translator_vi):
    client.force_login(translator_vi)
    return client


def test_every_locale_but_the_source_has_a_translators_group(home):
    codes = set(LocaleTranslators.objects.values_list("locale__language_code", flat=True))
    assert codes == {"en", "vi", "th", "id", "ms", "lo", "km", "my", "fil"}
    group = translators("th")
    assert group.name == "译者（th）"  # named in the site's default language
    assert set(group.permissions.values_list("codename", flat=True)) == {
        "access_admin",
        "submit_translation",
        # translatable snippets, fenced to the locale by translations.wagtail_hooks
        "change_speaker",
        "change_lectureseries",
        "change_campaign",
    }


def test_each_locale_home_page_is_granted_to_its_translators(home):
    # Every locale's home page is made after migrate (home.locale_trees).
    for code in ("vi", "th", "my"):
        locale_home = home.get_translation(locale(code))
        granted = GroupPagePermission.objects.filter(group=translators(code))
        assert {(p.page_id, p.permission.codename) for p in granted} == {
            (locale_home.pk, "change_page"),
            (locale_home.pk, "publish_page"),
        }


def test_a_translator_is_offered_only_their_locale(vi_client, child_a):
    response = vi_client.get(reverse("wagtail_localize:submit_page_translation", args=[child_a.pk]))
    assert response.status_code == 200
    offered = list(response.context["form"].fields["locales"].queryset)
    assert offered == [locale("vi")]

    response = submit(vi_client, child_a, "th")
    assert response.status_code == 200
    assert response.context["form"].errors["locales"]
    assert not in_locale(child_a, "th").exists()


def test_a_translator_translates_a_page_of_any_library_and_publishes_it(
    vi_client, child_a, child_b
):
    for page in (child_a, child_b):
        response = submit(vi_client, page, "vi")
        assert response.status_code == 302
        assert in_locale(page, "vi").exists()
    # wagtail-localize created the Vietnamese home and library pages on the way; the
    # new home page was granted to the translators at once.
    vi_page = in_locale(child_b, "vi").get().specific
    assert vi_page.get_parent().get_parent().get_parent().specific.locale.language_code == "vi"

    # The translation editor opens, a string is translated and the page published.
    response = vi_client.get(pages_url("edit", vi_page.pk))
    assert response.status_code == 200
    assert "wagtail_localize/admin/edit_translation.html" in [t.name for t in response.templates]
    translation = Translation.objects.get(
        source__object_id=child_b.translation_key, target_locale=locale("vi")
    )
    title = StringSegment.objects.get(source=translation.source, context__path="title")
    response = vi_client.put(
        reverse("wagtail_localize:edit_string_translation", args=[translation.pk, title.pk]),
        data="value=C%C3%A2u+l%E1%BA%A1c+b%E1%BB%99+%C4%91%E1%BB%8Dc+s%C3%A1ch",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 201, response.content
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = vi_client.post(pages_url("edit", vi_page.pk), {"action": "publish"})
    assert response.status_code == 302
    vi_page.refresh_from_db()
    assert vi_page.live and vi_page.title == "Câu lạc bộ đọc sách"
    assert vi_page.get_latest_revision().user.username == "translator-vi"


def test_a_translator_cannot_edit_the_source_or_another_locale(vi_client, child_a):
    th_page = translate(child_a, "th")
    for page in (child_a, th_page):
        response = vi_client.get(pages_url("edit", page.pk))
        assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
        vi_client.post(pages_url("edit", page.pk), {"title": "hacked", "action-publish": "1"})
        assert latest_title(page) != "hacked"
        vi_client.post(pages_url("unpublish", page.pk), {})
        assert Page.objects.get(pk=page.pk).live


def test_a_translator_cannot_change_the_structure_of_their_locale(vi_client, child_a):
    vi_page = translate(child_a, "vi")
    vi_library = vi_page.get_parent()
    other = translate(
        factories.StandardPageFactory(parent=child_a.get_parent(), title="另一页", slug="other"),
        "vi",
    )
    tester = vi_page.permissions_for_user(translator_of(vi_client))
    assert tester.can_edit() and tester.can_publish() and tester.can_unpublish()
    assert not tester.can_delete() and not tester.can_move() and not tester.can_copy()
    assert not tester.can_set_view_restrictions()
    assert not vi_library.permissions_for_user(translator_of(vi_client)).can_add_subpage()
    assert not vi_library.permissions_for_user(translator_of(vi_client)).can_reorder_children()

    refused = [
        ("get", pages_url("add_subpage", vi_library.pk), None),
        ("get", pages_url("add", "home", "standardpage", vi_library.pk), None),
        ("post", pages_url("delete", vi_page.pk), {}),
        ("get", pages_url("move", vi_page.pk), None),
        ("post", pages_url("set_page_position", other.pk) + "?position=0", {}),
        ("get", pages_url("copy", vi_page.pk), None),
        ("post", pages_url("set_privacy", vi_page.pk), {"restriction_type": "login"}),
    ]
    paths_before = dict(Page.objects.values_list("pk", "path"))
    for method, url, data in refused:
        response = getattr(vi_client, method)(url, data or {})
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert response.url == reverse("wagtailadmin_home"), url
    assert dict(Page.objects.values_list("pk", "path")) == paths_before
    assert not vi_page.view_restrictions.exists()


def translator_of(client):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(pk=client.session["_auth_user_id"])


def test_syncing_touches_only_the_translators_locale(vi_client, child_a):
    vi_page, th_page = translate(child_a, "vi"), translate(child_a, "th")
    th_revisions = th_page.revisions.count()
    child_a.title = "南宁读书会（新）"
    child_a.save_revision().publish()
    source = TranslationSource.objects.get(object_id=child_a.translation_key)

    url = reverse("wagtail_localize:update_translations", args=[source.pk])
    response = vi_client.get(url)
    assert response.status_code == 200
    listed = [row["locale"].language_code for row in response.context["translations"]]
    assert listed == ["vi"]
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = vi_client.post(url, {"publish_translations": "on"})
    assert response.status_code == 302
    assert Page.objects.get(pk=vi_page.pk).title == "南宁读书会（新）"  # untranslated yet
    assert th_page.revisions.count() == th_revisions
    assert Page.objects.get(pk=th_page.pk).title == "南宁读书会"


def test_a_translator_without_any_locale_is_refused(client, child_a):
    user = factories.UserFactory(username="lost", groups=[Group.objects.create(name="Nobody")])
    user.user_permissions.add(*translators("vi").permissions.all())
    client.force_login(user)
    response = client.get(reverse("wagtail_localize:submit_page_translation", args=[child_a.pk]))
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")


def test_library_editors_keep_their_rights_in_every_locale(client, editor_a, child_a, child_b):
    vi_page = translate(child_a, "vi")
    client.force_login(editor_a)
    # Their own page in Vietnamese: edit, and the structure of their library there.
    assert client.get(pages_url("edit", vi_page.pk)).status_code == 200
    tester = vi_page.get_parent().permissions_for_user(editor_a)
    assert tester.can_add_subpage() and tester.can_edit()
    # They translate their own pages into any locale...
    response = client.get(reverse("wagtail_localize:submit_page_translation", args=[child_a.pk]))
    offered = {loc.language_code for loc in response.context["form"].fields["locales"].queryset}
    assert offered == {"en", "th", "id", "ms", "lo", "km", "my", "fil"}
    response = submit(client, child_a, "th", "lo")
    assert response.status_code == 302
    assert in_locale(child_a, "th").exists() and in_locale(child_a, "lo").exists()
    # ...but not another library's.
    response = client.get(reverse("wagtail_localize:submit_page_translation", args=[child_b.pk]))
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    submit(client, child_b, "th")
    assert not in_locale(child_b, "th").exists()


def test_an_editor_who_also_translates_keeps_structure_only_in_their_library(
    client, editor_a, child_a, child_b
):
    editor_a.groups.add(translators("vi"))
    vi_a, vi_b = translate(child_a, "vi"), translate(child_b, "vi")
    editor = type(editor_a).objects.get(pk=editor_a.pk)
    # Their own library in Vietnamese: the structure too.
    assert vi_a.get_parent().permissions_for_user(editor).can_add_subpage()
    # Another library in Vietnamese: translate and publish, nothing more.
    tester = vi_b.permissions_for_user(editor)
    assert tester.can_edit() and tester.can_publish()
    assert not vi_b.get_parent().permissions_for_user(editor).can_add_subpage()
    assert not vi_b.get_parent().permissions_for_user(editor).can_reorder_children()
    client.force_login(editor)
    response = client.post(pages_url("delete", vi_b.pk), {})
    assert response.url == reverse("wagtailadmin_home")
    assert Page.objects.filter(pk=vi_b.pk).exists()


def translate_snippet(snippet, code):
    source, _ = TranslationSource.get_or_create_from_instance(snippet)
    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale(code))
    translation.save_target()
    return translation, type(snippet).objects.get(
        translation_key=snippet.translation_key, locale=locale(code)
    )


def snippet_edit_url(snippet):
    return reverse("wagtailsnippets_lectures_speaker:edit", args=[snippet.pk])


def test_a_translator_translates_snippets_into_their_locale_only(vi_client, superuser):
    from lectures.models import Speaker

    speaker = Speaker.objects.create(name="黄伟林", title="广西师范大学教授")
    url = reverse(
        "wagtail_localize:submit_snippet_translation", args=["lectures", "speaker", speaker.pk]
    )
    response = vi_client.get(url)
    assert [loc.language_code for loc in response.context["form"].fields["locales"].queryset] == [
        "vi"
    ]
    response = vi_client.post(url, {"locales": [locale("vi").pk]})
    assert response.status_code == 302
    vi_speaker = Speaker.objects.get(translation_key=speaker.translation_key, locale=locale("vi"))

    # The Vietnamese speaker opens in the translation editor; the source and the Thai
    # translation do not open at all.
    response = vi_client.get(snippet_edit_url(vi_speaker))
    assert response.status_code == 200
    assert "wagtail_localize/admin/edit_translation.html" in [t.name for t in response.templates]
    th_translation, th_speaker = translate_snippet(speaker, "th")
    for refused in (speaker, th_speaker):
        response = vi_client.get(snippet_edit_url(refused))
        assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
        vi_client.post(snippet_edit_url(refused), {"name": "hacked", "title": "", "bio": ""})
    assert not Speaker.objects.filter(name="hacked").exists()

    # Nor can the Thai translation's strings be written through wagtail-localize's API.
    segment = StringSegment.objects.get(source=th_translation.source, context__path="name")
    response = vi_client.put(
        reverse("wagtail_localize:edit_string_translation", args=[th_translation.pk, segment.pk]),
        data="value=hacked",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in (302, 403)
    assert not th_translation.source.stringsegment_set.filter(
        string__translations__data="hacked"
    ).exists()


def test_a_translator_cannot_write_another_locales_page_strings(vi_client, child_a):
    th_page = translate(child_a, "th")
    translation = Translation.objects.get(
        source__object_id=child_a.translation_key, target_locale=locale("th")
    )
    title = StringSegment.objects.get(source=translation.source, context__path="title")
    for method in ("put", "delete"):
        response = getattr(vi_client, method)(
            reverse("wagtail_localize:edit_string_translation", args=[translation.pk, title.pk]),
            data="value=hacked",
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code in (302, 403)
    response = vi_client.post(reverse("wagtail_localize:stop_translation", args=[translation.pk]))
    assert response.status_code in (302, 403)
    translation.refresh_from_db()
    assert translation.enabled
    assert Page.objects.get(pk=th_page.pk).title == child_a.title


def test_a_translators_group_named_in_english_is_renamed_after_migrate(home):
    from translations.setup import ensure_all_translators

    Group.objects.filter(pk=translators("vi").pk).update(name="Translators (vi)")
    ensure_all_translators()  # what every migrate runs
    assert translators("vi").name == "译者（vi）"
    ensure_all_translators()
    assert translators("vi").name == "译者（vi）"
