"""A page that exists only in zh-hans is reachable from every locale: listings in locale
X show X's translations and, for the rest, the source page marked with its language,
linked at the same address on X's site (translations/visitor.py). No alias pages are made
for it."""

import re

import pytest
from wagtail.models import Page

from tests.conftest import make_event, translate

pytestmark = pytest.mark.django_db


def card(html, title):
    """The attributes of the event card title holding `title`, and its link."""
    for match in re.finditer(r'<h3 class="event-card__title"([^>]*)>(.*?)</h3>', html, re.S):
        if title in match.group(2):
            link = re.search(r'<a href="([^"]+)">' + re.escape(title), match.group(2))
            return match.group(1), link and link.group(1)
    raise AssertionError(f"no card for {title}")


@pytest.fixture
def vi(home, calendar, library_a, library_b):
    """Calendar and library A in Vietnamese; library B only in Chinese. Event A1 is
    translated, A2 and B1 are not."""
    translate(home, "vi", title="Liên minh")
    vi_calendar = translate(calendar, "vi", title="Lịch")
    translate(library_a, "vi", title="Thư viện Nam Ninh", city="Nam Ninh")
    a1 = make_event(library_a, title="南宁故事会", slug="a1")
    a2 = make_event(library_a, title="南宁读书会", slug="a2")
    b1 = make_event(library_b, title="柳州讲座", slug="b1")
    a1_vi = translate(a1, "vi", title="Giờ kể chuyện Nam Ninh")
    return {"calendar": vi_calendar, "a1": a1, "a1_vi": a1_vi, "a2": a2, "b1": b1}


def test_the_calendar_shows_translations_and_marks_the_rest(client, vi):
    response = client.get(vi["calendar"].url)
    assert response.status_code == 200
    html = response.content.decode()
    attrs, link = card(html, "Giờ kể chuyện Nam Ninh")
    assert "lang=" not in attrs and link == vi["a1_vi"].url and link.startswith("/vi/")
    assert "南宁故事会" not in html  # the source of a translated event is not listed twice
    for key in ("a2", "b1"):
        attrs, link = card(html, vi[key].title)
        assert 'lang="zh-hans"' in attrs
        assert link == f"/vi/members/{'nanning' if key == 'a2' else 'liuzhou'}/{key}/"
        shown = client.get(link)
        assert shown.status_code == 200 and vi[key].title in shown.content.decode()
    assert html.count('class="tag tag--lang" lang="zh-hans"') == 2
    assert not Page.objects.filter(alias_of__in=[vi["a2"].pk, vi["b1"].pk]).exists()


def test_a_draft_translation_leaves_the_source_in_the_listing(client, vi):
    vi["a1_vi"].unpublish()
    html = client.get(vi["calendar"].url).content.decode()
    attrs, link = card(html, "南宁故事会")
    assert 'lang="zh-hans"' in attrs and link == "/vi/members/nanning/a1/"


def test_filters_find_untranslated_libraries_and_cities(client, vi, library_b):
    response = client.get(vi["calendar"].url)
    form = response.context["filter_form"]
    libraries = list(form.fields["library"].queryset)
    assert {lib.title for lib in libraries} == {"Thư viện Nam Ninh", "柳州市图书馆"}
    assert {value for value, _label in form.fields["city"].choices} == {"", "Nam Ninh", "柳州"}
    response = client.get(vi["calendar"].url, {"library": library_b.pk})
    assert [e.title for e in response.context["events"]] == ["柳州讲座"]
    response = client.get(vi["calendar"].url, {"city": "Nam Ninh"})
    assert {e.title for e in response.context["events"]} == {"Giờ kể chuyện Nam Ninh", "南宁读书会"}


def test_other_listings_fall_back_too(client, vi, members_index, library_b):
    vi_index = translate(members_index, "vi", title="Thành viên")
    html = client.get(vi_index.url).content.decode()
    assert "Thư viện Nam Ninh" in html
    marked = re.search(r'<h3 class="library-card__name" lang="zh-hans">(.*?)</h3>', html, re.S)
    assert marked and "柳州市图书馆" in marked.group(1)
    # The Vietnamese library page lists its events, translated or not.
    vi_library = vi["a1_vi"].get_parent()
    html = client.get(vi_library.url).content.decode()
    assert "Giờ kể chuyện Nam Ninh" in html and "南宁读书会" in html
    # The Vietnamese home page's upcoming events.
    html = client.get("/vi/").content.decode()
    assert "柳州讲座" in html and 'lang="zh-hans"' in html
