"""The translation status report: counts per library and locale equal what the test
computes, links lead to the right wagtail-localize views, each user sees their scope,
and the report's query count does not grow with the site."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from tests.conftest import make_library, translate
from tests.translations.test_translators import translators

pytestmark = pytest.mark.django_db

URL = "/admin/reports/translation-status/"


def page_in(library, title, slug):
    page = factories.StandardPageFactory(parent=library, title=title, slug=slug)
    page.save_revision().publish()
    return page


@pytest.fixture
def site(library_a, library_b):
    """Library A: itself and three pages, one translated into vi, one translated then
    changed, one never translated. Library B: itself and a page, nothing translated."""
    pages = [page_in(library_a, f"南宁{n}", f"a{n}") for n in range(3)]
    translate(library_a, "vi")
    translate(pages[0], "vi")
    translate(pages[1], "vi")
    pages[1].title = "南宁1（改）"
    pages[1].save_revision().publish()
    page_in(library_b, "柳州0", "b0")
    return pages


def counts(response, title, code):
    for section, cells in response.context["rows"]:
        if title in (section.title, section.key):
            for locale, count in cells:
                if locale.language_code == code:
                    return count["translated"], count["outdated"], count["missing"]
    raise AssertionError(f"no row {title} / {code}")


def test_administrators_see_every_library_and_locale(admin_client, site, library_a, library_b):
    response = admin_client.get(URL)
    assert response.status_code == 200
    assert [loc.language_code for loc in response.context["locales"]] == [
        "en",
        "vi",
        "th",
        "id",
        "ms",
        "lo",
        "km",
        "my",
        "fil",
    ]
    assert counts(response, library_a.title, "vi") == (2, 1, 1)
    assert counts(response, library_a.title, "th") == (0, 0, 4)
    assert counts(response, library_b.title, "vi") == (0, 0, 2)
    # The alliance's own pages (home, members index) are listed too. The home page's
    # Vietnamese version (made after migrate) is older than its source's last publication;
    # wagtail-localize made the members index's as an alias of the source on the way to
    # library A's translation: an alias is not a translation.
    assert counts(response, "alliance", "vi") == (0, 1, 1)
    body = response.content.decode()
    assert "已翻译 2 · 已过时 1 · 缺少 1" in body  # the admin in Chinese


def test_the_detail_links_move_each_page_forward(admin_client, site, library_a):
    response = admin_client.get(URL, {"section": str(library_a.translation_key), "locale": "vi"})
    rows = {page.title: (status, url) for page, status, url, _action in response.context["pages"]}
    assert rows["南宁0"][0] == "translated"
    vi_page = site[0].get_translation(translators("vi").translates.locale)
    assert rows["南宁0"][1] == reverse("wagtailadmin_pages:edit", args=[vi_page.pk])
    assert rows["南宁1（改）"][0] == "outdated"
    assert rows["南宁1（改）"][1].startswith("/admin/localize/update/")
    assert rows["南宁2"][0] == "missing"
    assert rows["南宁2"][1].startswith(
        reverse("wagtail_localize:submit_page_translation", args=[site[2].pk]) + "?select_locale=vi"
    )
    # Following the translate link offers Vietnamese, ticked.
    form = admin_client.get(rows["南宁2"][1]).context["form"]
    assert [loc.language_code for loc in form.initial["locales"]] == ["vi"]


def test_translators_see_their_locales_and_staff_their_library(
    client, site, library_a, library_b, editor_a
):
    translator = factories.UserFactory(username="tr-th", groups=[translators("th")])
    client.force_login(translator)
    response = client.get(URL)
    assert [loc.language_code for loc in response.context["locales"]] == ["th"]
    assert {section.title for section, _ in response.context["rows"]} >= {
        library_a.title,
        library_b.title,
    }

    client.force_login(editor_a)
    response = client.get(URL)
    assert len(response.context["locales"]) == 9
    assert {section.title for section, _ in response.context["rows"]} == {library_a.title}
    # Another library's detail is simply not there.
    response = client.get(URL, {"section": str(library_b.translation_key), "locale": "vi"})
    assert "pages" not in response.context and response.context["error"]


def test_bad_parameters_and_outsiders(client, admin_client, site):
    response = admin_client.get(URL, {"section": "nope", "locale": "xx"})
    assert response.status_code == 200 and response.context["error"]
    client.force_login(factories.UserFactory(username="nobody"))
    response = client.get(URL)
    assert response.status_code == 302


def test_the_report_runs_the_same_queries_for_a_bigger_site(admin_client, site, members_index):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert admin_client.get(URL).status_code == 200
        return len(captured)

    small = queries()
    for n in range(3):
        library = make_library(members_index, title=f"图书馆{n}", slug=f"lib{n}")
        for m in range(4):
            translate(page_in(library, f"页{n}-{m}", f"p{n}-{m}"), "en")
    assert queries() == small
