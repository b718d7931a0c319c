import pytest

from home.models import HomePage, MemberLibraryIndexPage, MemberLibraryPage, StandardPage
from tests import factories

pytestmark = pytest.mark.django_db


def test_root_redirects_to_default_language(client, home):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/zh-hans/"


def test_home_page_renders_libraries_grouped_by_level(client, library_a, library_b):
    response = client.get("/zh-hans/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="zh-hans"' in html
    assert "南宁市图书馆" in html and "柳州市图书馆" in html
    assert "市级图书馆" in html  # the level heading, translated


def test_members_index_filters_by_level_and_city(client, members_index, library_a, library_b):
    url = members_index.url
    response = client.get(url, {"city": "柳州"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "柳州市图书馆" in html
    assert "南宁市图书馆" not in html


def test_members_index_rejects_unknown_filter_values_without_error(
    client, members_index, library_a
):
    response = client.get(
        members_index.url, {"level": "nonsense", "city": "<script>", "page": "99999"}
    )
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()
    assert response.context["filter_form"].errors


def test_members_index_bad_page_number(client, members_index, library_a):
    response = client.get(members_index.url, {"page": "abc"})
    assert response.status_code == 200
    assert response.context["page_error"]


def test_brand_page_shows_brand_hours_and_contact(client, library_a):
    factories.OpeningHoursFactory(page=library_a, weekday=0, opens="09:00", closes="21:00")
    library_a.phone = "0771-1234567"
    library_a.save_revision().publish()
    response = client.get(library_a.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert library_a.brand_name in html
    assert "21:00" in html
    assert "0771-1234567" in html


def test_parent_child_rules():
    from events.models import EventIndexPage, EventPage, ListingPage
    from exhibitions.models import ExhibitionIndexPage
    from lectures.models import LectureIndexPage
    from volunteers.models import VolunteerIndexPage, VolunteerProjectPage

    assert HomePage.allowed_subpage_models() == [
        MemberLibraryIndexPage,
        StandardPage,
        EventIndexPage,
        LectureIndexPage,
        ExhibitionIndexPage,
        VolunteerIndexPage,
        ListingPage,
    ]
    assert EventPage in MemberLibraryPage.allowed_subpage_models()
    assert VolunteerProjectPage in MemberLibraryPage.allowed_subpage_models()
    assert MemberLibraryIndexPage.allowed_parent_page_models() == [HomePage]
    assert MemberLibraryPage.allowed_parent_page_models() == [MemberLibraryIndexPage]
    assert StandardPage in MemberLibraryPage.allowed_subpage_models()
    assert MemberLibraryIndexPage.max_count_per_parent == 1


def test_brand_page_has_library_structured_data_and_share_image(client, library_a):
    import json
    import re

    factories.OpeningHoursFactory(page=library_a, weekday=1, opens="09:00", closes="21:00")
    library_a.logo = factories.ImageFactory()
    library_a.introduction = "</script><script>alert(1)</script>"
    library_a.latitude, library_a.longitude = "22.8170", "108.3669"
    library_a.save_revision().publish()
    html = client.get(library_a.url).content.decode()
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(scripts) == 1
    data = json.loads(scripts[0])
    assert data["@type"] == "Library"
    assert data["name"] == library_a.title
    assert data["geo"]["latitude"] == 22.817
    assert data["openingHoursSpecification"][0]["dayOfWeek"] == "https://schema.org/Tuesday"
    assert data["description"] == "</script><script>alert(1)</script>"  # escaped, not executed
    assert "<script>alert(1)" not in html
    assert re.search(r'<meta property="og:image" content="http://testserver/[^"]+\.jpg">', html)
