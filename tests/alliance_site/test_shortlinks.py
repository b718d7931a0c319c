"""Short links printed on posters and certificates: /e/<page id>/ redirects to a live,
public page (in the language of the prefix it is asked under, or the page's own); any
other value is a 404, never a 500 and never a redirect."""

import pytest
from django.test import TestCase
from wagtail.models import Page, PageViewRestriction

from tests.conftest import make_event, translate

pytestmark = pytest.mark.django_db

HOSTILE_IDS = [
    "0",
    "-1",
    str(10**30),
    str(2**31),  # one past the largest page id
    "abc",
    "%00",  # NUL
    "1%00",
    "%EF%BC%91",  # a full-width digit one
    "1.5",
    "+1",
    "%201",
    "007",
    "1e3",
    "' OR 1=1 --",
]


@pytest.fixture
def event(library_a):
    return make_event(library_a, title="世界读书日亲子共读", slug="世界读书日亲子共读")


def assert_redirects_to(response, url):
    assert response.status_code in (301, 302), response.status_code
    assert response["Location"] == url


def test_short_link_redirects_to_the_live_page(client, event):
    assert "%" in event.url or not event.url.isascii()  # the slug is Chinese
    assert_redirects_to(client.get(f"/e/{event.pk}/"), event.url)
    assert_redirects_to(client.head(f"/e/{event.pk}/"), event.url)
    assert client.get(f"/e/{event.pk}/", follow=True).status_code == 200
    # Without the trailing slash, CommonMiddleware adds it first.
    assert_redirects_to(client.get(f"/e/{event.pk}"), f"/e/{event.pk}/")
    assert client.post(f"/e/{event.pk}/").status_code == 405


def test_short_link_follows_the_language_of_its_prefix(client, event):
    thai = translate(event, "th", title="อ่านหนังสือกับครอบครัว")
    assert_redirects_to(client.get(f"/th/e/{event.pk}/"), thai.url)
    assert_redirects_to(client.get(f"/zh-hans/e/{thai.pk}/"), event.url)
    # Without a prefix, or with one the page is not translated into: the page itself.
    assert_redirects_to(client.get(f"/e/{thai.pk}/"), thai.url)
    assert_redirects_to(client.get(f"/e/{event.pk}/"), event.url)
    # whatever the browser's language
    thai_browser = {"accept-language": "th"}
    own = "/zh-hans/" + event.url.split("/", 2)[2]
    assert_redirects_to(client.get(f"/e/{event.pk}/", headers=thai_browser), own)
    # Under a prefix the page is not translated into: its address on that language's
    # site, which shows it in Chinese (translations/visitor.py).
    assert_redirects_to(client.get(f"/vi/e/{event.pk}/"), "/vi/" + event.url.split("/", 2)[2])
    # A translation that is not live is not offered.
    thai.unpublish()
    assert_redirects_to(client.get(f"/th/e/{event.pk}/"), "/th/" + event.url.split("/", 2)[2])


def test_short_link_is_a_404_for_drafts_private_pages_and_the_root(client, event, library_b):
    other = make_event(library_b, title="Other library's event")
    with TestCase.captureOnCommitCallbacks(execute=True):
        PageViewRestriction.objects.create(
            page=library_b, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )
    draft = make_event(event.get_parent().specific, title="Draft")
    draft.unpublish()
    root = Page.objects.get(depth=1)
    for page in (other, draft, root):
        for prefix in ("", "/zh-hans", "/th"):
            response = client.get(f"{prefix}/e/{page.pk}/")
            assert response.status_code == 404, (page, prefix)
    # The private library's page itself is not reachable either.
    assert client.get(f"/e/{library_b.pk}/").status_code == 404


@pytest.mark.parametrize("value", HOSTILE_IDS)
@pytest.mark.parametrize("prefix", ["", "/zh-hans", "/th"])
def test_hostile_ids_give_a_404(client, event, prefix, value):
    response = client.get(f"{prefix}/e/{value}/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_other_unprefixed_404s_still_lead_to_the_prefixed_address(client, event):
    """Only the language-neutral short links keep their 404: Django's redirect of a
    forgotten prefix works as before everywhere else."""
    path = event.url.removeprefix("/zh-hans")
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == "/zh-hans" + path
