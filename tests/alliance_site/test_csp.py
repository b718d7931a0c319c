"""The Content-Security-Policy of the public site: one strict policy on every public
response, none on the admin, the documents' own, and templates that need nothing the
policy forbids (no inline script, style attribute or event handler)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import RequestFactory
from wagtail.embeds.finders import get_finders

from alliance_site import views
from alliance_site.csp import csp_hash
from tests.conftest import make_event

pytestmark = pytest.mark.django_db

HEADER = "Content-Security-Policy"
POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "frame-src": [
        "https://www.youtube.com",
        "https://player.vimeo.com",
        "https://w.soundcloud.com",
    ],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
VIDEO = "https://www.youtube.com/watch?v=reading01"


def directives(header):
    """{directive: [sources]} (django-csp writes the directives in no fixed order)."""
    parts = [part.split() for part in header.split(";") if part.strip()]
    return {name: sources for name, *sources in parts}


def policy_of(response):
    assert HEADER in response, response.request["PATH_INFO"]
    return directives(response[HEADER])


@pytest.fixture
def event(library_a):
    return make_event(library_a, title="周末亲子故事会", slug="story-time")


@pytest.mark.parametrize(
    "path",
    [
        "/zh-hans/",
        "/en/",
        "/zh-hans/members/nanning/story-time/",
        "/zh-hans/events/",
        "/zh-hans/events/month/",
        "/zh-hans/search/?q=故事",
        "/zh-hans/accounts/login/",
        "/zh-hans/accounts/signup/",
        "/zh-hans/no-such-page/",
    ],
)
def test_public_pages_carry_the_policy(client, calendar, event, path):
    response = client.get(path)
    assert response.status_code in (200, 404)
    assert policy_of(response) == POLICY


def test_a_redirect_and_a_password_form_carry_it_too(client, event):
    from wagtail.models import PageViewRestriction

    assert policy_of(client.get("/")) == POLICY  # to the language prefix
    PageViewRestriction.objects.create(page=event, restriction_type="password", password="x")
    response = client.get("/zh-hans/members/nanning/story-time/")
    assert 'name="password"' in response.content.decode()
    assert policy_of(response) == POLICY


def test_the_admin_has_no_policy(client, library_a, superuser):
    client.force_login(superuser)
    for path in ("/admin/", f"/admin/pages/{library_a.pk}/edit/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert HEADER not in response, path
    preview = client.get(f"/admin/pages/{library_a.pk}/view_draft/")
    assert preview.status_code == 200 and HEADER not in preview


def test_documents_keep_wagtails_stricter_policy(client, settings, tmp_path):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    settings.MEDIA_ROOT = tmp_path  # Wagtail serves documents from the disk
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    document = Document(title="年报")
    document.file.save("report.txt", ContentFile(b"annual report"))
    response = client.get(document.url)
    assert response.status_code == 200
    assert response[HEADER] == "default-src 'none'"


def test_the_error_page_allows_exactly_its_own_style(db):
    from csp.middleware import CSPMiddleware

    request = RequestFactory().get("/zh-hans/members/")
    response = CSPMiddleware(views.server_error)(request)
    html = response.content.decode()
    css = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
    expected = {**POLICY, "style-src": ["'self'", csp_hash(css)]}
    assert response.status_code == 500 and policy_of(response) == expected


def test_a_video_is_framed_from_its_provider_without_a_style_attribute(client, home):
    from wagtail.embeds.embeds import get_embed_hash
    from wagtail.embeds.models import Embed

    from home.models import StandardPage

    frame = (
        '<iframe width="960" height="540" src="https://www.youtube.com/embed/reading01" '
        'title="读书" allowfullscreen></iframe>'
    )
    Embed.objects.create(  # what YouTube's oEmbed answered, kept by Wagtail
        url=VIDEO, max_width=960, hash=get_embed_hash(VIDEO, 960), type="video", html=frame
    )
    page = StandardPage(title="读书视频", slug="video", body=[("embed", VIDEO)])
    home.add_child(instance=page)
    page.save_revision().publish()
    response = client.get(page.url)
    html = response.content.decode()
    assert f'<div class="embed">{frame}</div>' in html
    assert " style=" not in html
    assert "https://www.youtube.com" in policy_of(response)["frame-src"]


def test_editors_may_embed_only_what_the_policy_frames():
    finders = get_finders()

    def accepted(url):
        return any(finder.accept(url) for finder in finders)

    for url in (
        VIDEO,
        "https://vimeo.com/76979871",
        "https://soundcloud.com/a/b",
    ):
        assert accepted(url), url
    # Posts whose embed code runs the provider's script (the policy allows none), and
    # talks whose player is laid out with style attributes.
    for url in (
        "https://twitter.com/a/status/1",
        "https://www.instagram.com/p/abc/",
        "https://www.ted.com/talks/some_talk",
    ):
        assert not accepted(url), url


PUBLIC_TEMPLATES = [
    path
    for app in ("alliance_site", "home", "events", "lectures", "exhibitions", "volunteers")
    for path in (Path(settings.BASE_DIR) / app / "templates").rglob("*.html")
    # Printed (PDF) templates and the admin's own screens are not served under the policy.
    if "/admin/" not in str(path) and path.name not in ("poster.html", "certificate.html")
]


def test_public_templates_have_no_inline_script_style_or_handler():
    assert len(PUBLIC_TEMPLATES) > 40
    offending = re.compile(r"<script(?![^>]*\bsrc=)|\sstyle=|\son[a-z]+=|javascript:", re.I)
    found = {
        str(path.relative_to(settings.BASE_DIR)): match.group(0)
        for path in PUBLIC_TEMPLATES
        if path.name != "500.html"  # its own style, allowed by hash (above)
        for match in [offending.search(path.read_text())]
        if match
    }
    assert found == {}
