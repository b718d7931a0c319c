import pytest
from django.urls import reverse

from tests.conftest import translate

pytestmark = pytest.mark.django_db


def test_sitemap_lists_live_public_pages_of_every_locale(client, home, library_a, members_index):
    translate(library_a, "en")
    from tests import factories

    draft = factories.StandardPageFactory(parent=home, title="草稿", slug="draft", live=False)
    # Asked for by a Thai browser: each page at its own address all the same.
    response = client.get("/sitemap.xml", headers={"accept-language": "th"})
    assert response.status_code == 200
    xml = response.content.decode()
    assert "<loc>http://testserver/zh-hans/members/nanning/</loc>" in xml
    assert "http://testserver/en/members/nanning/" in xml
    assert "/th/members/" not in xml
    assert draft.slug not in xml


def test_robots_txt_points_to_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_admin_login_goes_through_allauth(client, db):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert "next=/admin/pages/" in response["Location"]


def test_login_rate_limit_applies_to_staff(client, db):
    from tests import factories

    factories.UserFactory(username="staff", password="right-password-123")
    url = "/en/accounts/login/"
    for n in range(6):
        response = client.post(url, {"login": "staff", "password": f"wrong-{n}"})
    assert "Too many failed login attempts" in response.content.decode()
    # Even the right password is refused while the limit holds.
    response = client.post(url, {"login": "staff", "password": "right-password-123"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_staff_log_in_with_allauth_and_reach_admin(client, db):
    from tests import factories

    factories.UserFactory(username="boss", password="right-password-123", is_superuser=True)
    response = client.post(
        reverse("account_login") + "?next=/admin/",
        {"login": "boss", "password": "right-password-123", "next": "/admin/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_static_files_are_served_by_whitenoise(client, db):
    response = client.get("/static/css/site.css")
    assert response.status_code == 200
    assert b"Noto Sans Thai" in b"".join(response.streaming_content)


def test_no_external_requests_in_pages(client, home, library_a):
    """No CDN, no web fonts: every script, stylesheet and image comes from this site."""
    import re

    html = client.get(library_a.url).content.decode()
    loaded = re.findall(r'<(?:script|link|img|source)\b[^>]*?(?:src|srcset)="([^"]+)"', html)
    loaded += re.findall(r'<link\b[^>]*rel="stylesheet"[^>]*href="([^"]+)"', html)
    assert loaded
    assert all(url.startswith("/") and not url.startswith("//") for url in loaded), loaded
    assert "@font-face" not in html


def test_cache_headers_for_anonymous_visitors(client, home):
    response = client.get("/zh-hans/")
    assert "public" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]
