import re

import pytest
from django.conf import settings

from tests.conftest import translate

pytestmark = pytest.mark.django_db


def test_ten_content_locales():
    from wagtail.models import Locale

    codes = set(Locale.objects.values_list("language_code", flat=True))
    assert codes == {"zh-hans", "en", "vi", "th", "id", "ms", "lo", "km", "my", "fil"}
    assert settings.LANGUAGE_CODE == "zh-hans"


def test_switcher_leads_to_the_translation_or_the_same_address(client, home, library_a):
    translate(home, "en", title="Guangxi Reading Promotion Alliance")
    translate(library_a, "en", title="Nanning Library")
    response = client.get(library_a.url)
    html = response.content.decode()
    # English: the library page is translated.
    assert 'href="/en/members/nanning/" hreflang="en" lang="en"' in html
    # Every other language: the same address on that language's site, which shows the
    # page in Chinese until it is translated (translations/visitor.py).
    for code in ("th", "vi", "my", "fil"):
        assert f'href="/{code}/members/nanning/" hreflang="{code}" lang="{code}"' in html
    assert client.get("/th/members/nanning/").status_code == 200


def test_html_lang_and_hreflang_alternates(client, home, library_a):
    translate(home, "en")
    translate(library_a, "en", title="Nanning Library")
    response = client.get("/en/members/nanning/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<html lang="en"') == 1
    alternates = set(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', html))
    assert ("en", "http://testserver/en/members/nanning/") in alternates
    assert ("zh-hans", "http://testserver/zh-hans/members/nanning/") in alternates
    assert ("x-default", "http://testserver/zh-hans/members/nanning/") in alternates
    assert not any(code == "th" for code, _ in alternates)


def test_ui_strings_are_translated(client, home, library_a):
    translate(home, "en")
    zh = client.get("/zh-hans/").content.decode()
    en = client.get("/en/").content.decode()
    assert "跳到主要内容" in zh
    assert "Skip to main content" in en


def test_unknown_page_is_404_in_visitors_language(client, home):
    translate(home, "en")
    zh = client.get("/zh-hans/no-such-page/")
    en = client.get("/en/no-such-page/")
    assert zh.status_code == en.status_code == 404
    assert "找不到" in zh.content.decode()
    assert "Page not found" in en.content.decode()
    assert '<html lang="en"' in en.content.decode()


def test_server_error_page_is_translated(client, home):
    from django.test import RequestFactory
    from django.utils import translation

    from alliance_site.views import server_error

    with translation.override("zh-hans"):
        zh = server_error(RequestFactory().get("/zh-hans/")).content.decode()
    with translation.override("en"):
        en = server_error(RequestFactory().get("/en/")).content.decode()
    assert "服务器" in zh
    assert "Server error" in en
