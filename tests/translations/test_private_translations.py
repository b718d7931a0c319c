"""A page made private is private in every language at once (translations/privacy.py):
its translations and what is below them are not served to a visitor who does not meet
the restriction, and no language site lists them (home page, calendar, month grid,
feeds, search, sitemap, short link). Making it public again opens it everywhere."""

import datetime
import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction

from tests import factories
from tests.alliance_site.test_language_sites import alliance, make_trees  # noqa: F401
from tests.conftest import make_event, translate

pytestmark = pytest.mark.django_db

CODES = [code for code, _name in settings.LANGUAGES]
SOON = timezone.now() + datetime.timedelta(days=3)


@pytest.fixture
def trees(alliance):  # noqa: F811 - the fixture imported above
    make_trees()
    return alliance


@pytest.fixture
def events(trees, library_a):
    """A public event and one to be made private, translated into English before any
    restriction exists (as in the report: /en/… stayed public)."""
    public = make_event(library_a, title="公开读书会", slug="open-reading", start=SOON)
    private = make_event(library_a, title="秘密读书会", slug="quiet-circle", start=SOON)
    translate(library_a, "en", title="Nanning Library")
    translate(public, "en", title="Open reading")
    translate(private, "en", title="Quiet reading circle")
    return public, private


def set_privacy(client, page, restriction_type, **fields):
    """Set a page's privacy in the admin as an administrator does."""
    admin = factories.UserFactory(username="privacy-admin", is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.post(
        reverse("wagtailadmin_pages:set_privacy", args=[page.pk]),
        {"restriction_type": restriction_type, **fields},
    )
    assert response.status_code == 200 and '"set_privacy_done"' in response.content.decode()
    client.logout()


def listings(code, month):
    word = "reading" if code == "en" else "读书会"  # in both events' titles
    return [
        f"/{code}/",
        f"/{code}/events/",
        f"/{code}/events/?library=&q={word}",
        f"/{code}/events/month/?month={month}",
        f"/{code}/events/feed.ics",
        f"/{code}/events/feed.xml",
        f"/{code}/search/?q={word}",
        "/sitemap.xml",
    ]


def shown(client, url, *needles):
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    return [needle for needle in needles if needle in html]


def refused(client, url):
    """The visitor is sent to log in or asked for the password, and sees nothing else."""
    response = client.get(url)
    if response.status_code == 302:
        return "login" in response["Location"]
    html = response.content.decode()
    return response.status_code == 200 and 'name="password"' in html and "读书会" not in html


def test_a_page_made_private_in_chinese_is_private_in_every_language(client, events):
    public, private = events
    english = private.get_translation(Locale.objects.get(language_code="en"))
    month = SOON.strftime("%Y-%m")
    secret = ("秘密读书会", "Quiet reading circle", "quiet-circle")
    set_privacy(client, private, PageViewRestriction.LOGIN)
    for code in CODES:
        assert refused(client, f"/{code}/members/nanning/quiet-circle/"), code
        assert refused(client, f"/{code}/members/nanning/quiet-circle/event.ics"), code
        assert shown(client, f"/{code}/members/nanning/open-reading/", "公开读书会", "Open")
        library = f"/{code}/members/nanning/"
        for url in [*listings(code, month), library, library + "feed.ics"]:
            assert shown(client, url, *secret) == [], url
            assert shown(client, url, "open-reading"), url  # the listing lists
    assert client.get(f"/e/{english.pk}/").status_code == 404  # its short link
    # Open again, everywhere at once (the feeds were cached while it was private).
    set_privacy(client, private, "none")
    assert not PageViewRestriction.objects.exists()
    for code in CODES:
        title = "Quiet reading circle" if code == "en" else "秘密读书会"
        assert shown(client, f"/{code}/members/nanning/quiet-circle/", title), code
        for url in listings(code, month):
            assert shown(client, url, "quiet-circle"), url
    assert client.get(f"/e/{english.pk}/").status_code == 302


def test_a_private_library_hides_its_section_in_every_language(client, events, library_a):
    public, private = events
    translate(private, "vi", title="Vòng đọc yên tĩnh")
    month = SOON.strftime("%Y-%m")
    set_privacy(client, library_a, PageViewRestriction.PASSWORD, password="s3cret-club")
    section = ("nanning/", "open-reading", "quiet-circle", "公开读书会", "秘密读书会")
    for code in CODES:
        for path in ("", "open-reading/", "quiet-circle/", "feed.ics"):
            assert refused(client, f"/{code}/members/nanning/{path}"), (code, path)
        for url in [*listings(code, month), f"/{code}/members/"]:
            assert shown(client, url, *section, "Nanning Library", "Vòng") == [], url
    # The password, entered once on the English site, opens the section in every
    # language (each translation carries the same restriction: one password).
    url = "/en/members/nanning/quiet-circle/"
    form = client.get(url).content.decode()
    action = re.search(r'<form action="([^"]+)"', form).group(1)
    response = client.post(action, {"password": "s3cret-club", "return_url": url})
    assert response.status_code == 302 and response["Location"] == url
    assert shown(client, url, "Quiet reading circle")
    assert shown(client, "/zh-hans/members/nanning/quiet-circle/", "秘密读书会")
    assert shown(client, "/th/members/nanning/", "Nanning Library") == []  # the source's
    response = client.get("/vi/members/nanning/quiet-circle/")
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]
    client.logout()
    set_privacy(client, library_a, "none")
    for code in CODES:
        assert shown(client, f"/{code}/members/nanning/quiet-circle/", "quiet-circle"), code
        assert shown(client, f"/{code}/members/", "nanning/"), code
        assert shown(client, f"/{code}/events/month/?month={month}", "quiet-circle"), code


def test_a_restriction_is_carried_by_every_translation(client, trees, library_a):
    """wagtail-localize copies the source's restriction when it creates or syncs a
    translation; between syncs, each translation has the same one all the same."""
    event = make_event(library_a, title="秘密读书会", slug="quiet-circle", start=SOON)
    translate(library_a, "en", title="Nanning Library")
    translate(event, "en", title="Quiet reading circle")
    staff = Group.objects.create(name="Reading club")
    set_privacy(client, event, PageViewRestriction.GROUPS, groups=[staff.pk])
    copies = PageViewRestriction.objects.filter(page__translation_key=event.translation_key)
    assert {(r.page.locale.language_code, r.restriction_type) for r in copies.all()} == {
        ("zh-hans", "groups"),
        ("en", "groups"),
    }
    assert all(list(r.groups.all()) == [staff] for r in copies.all())
    # A translation made now: wagtail-localize copies it.
    vietnamese = translate(event, "vi", title="Vòng đọc yên tĩnh")
    assert vietnamese.view_restrictions.get().restriction_type == "groups"
    member = factories.UserFactory(username="club-member", groups=[staff])
    outsider = factories.UserFactory(username="outsider")
    client.force_login(outsider)
    for code in ("zh-hans", "en", "vi", "th"):
        assert refused(client, f"/{code}/members/nanning/quiet-circle/"), code
    client.force_login(member)
    for code in ("zh-hans", "en", "vi", "th"):
        assert client.get(f"/{code}/members/nanning/quiet-circle/").status_code == 200, code
    client.logout()
    # Made public on the English translation: public in every language, and syncing the
    # translations from the source does not bring the restriction back.
    set_privacy(client, event.get_translation(Locale.objects.get(language_code="en")), "none")
    assert not copies.exists()
    translate(event, "vi")  # a sync: wagtail-localize copies the source's privacy again
    assert not copies.exists()
    for code in CODES:
        assert client.get(f"/{code}/members/nanning/quiet-circle/").status_code == 200, code


def test_a_new_password_is_the_password_of_every_translation(client, events):
    _public, private = events
    set_privacy(client, private, PageViewRestriction.PASSWORD, password="first-one")
    set_privacy(client, private, PageViewRestriction.PASSWORD, password="second-one")
    copies = PageViewRestriction.objects.filter(page__translation_key=private.translation_key)
    assert sorted(r.password for r in copies) == ["second-one", "second-one"]
    url = "/en/members/nanning/quiet-circle/"
    action = re.search(r'<form action="([^"]+)"', client.get(url).content.decode()).group(1)
    client.post(action, {"password": "second-one", "return_url": url})
    assert shown(client, url, "Quiet reading circle")


def test_deleting_a_translation_keeps_the_source_private(client, events):
    _public, private = events
    set_privacy(client, private, PageViewRestriction.LOGIN)
    private.get_translation(Locale.objects.get(language_code="en")).delete()
    assert private.view_restrictions.exists()
    for code in ("zh-hans", "en", "km"):
        assert refused(client, f"/{code}/members/nanning/quiet-circle/"), code


def test_a_restriction_set_on_a_translation_is_the_sources_too(client, trees, library_a):
    """Set on the Thai library, below which an untranslated event is shown in Chinese:
    the event is private on every language site, and so is the Chinese library."""
    make_event(library_a, title="秘密读书会", slug="quiet-circle", start=SOON)
    thai = translate(library_a, "th", title="ห้องสมุดหนานหนิง")
    with TestCase.captureOnCommitCallbacks(execute=True):
        PageViewRestriction.objects.create(page=thai, restriction_type="login")
    for code in CODES:
        assert refused(client, f"/{code}/members/nanning/quiet-circle/"), code
        assert shown(client, f"/{code}/events/", "quiet-circle") == [], code
    assert library_a.view_restrictions.get().restriction_type == "login"
