"""Ten language sites: each locale has its own tree of the alliance-wide pages, and one
rule for what is not yet translated, the same in every locale (translations/visitor.py):
shown at the same address on the visitor's site, in its source language, marked with
that language's `lang`, with the interface, links and dates in the visitor's language."""

import re

import pytest
from django.conf import settings
from django.test import TestCase
from django.urls import reverse
from wagtail.models import Locale, Page

from home.locale_trees import ensure_locale_trees
from tests.conftest import make_event, translate

pytestmark = pytest.mark.django_db

LANGUAGES = dict(settings.LANGUAGES)
CODES = list(LANGUAGES)
SOURCE = settings.LANGUAGE_CODE
# The alliance-wide pages (and the search) at the same path in every language.
ALLIANCE_PATHS = ["", "members/", "events/", "lectures/", "exhibitions/", "volunteers/", "search/"]


@pytest.fixture
def alliance(home, members_index, calendar, lecture_index, exhibition_index, library_a):
    """The alliance-wide pages in zh-hans. (Every locale's home page exists already: made
    after `migrate`.)"""
    from volunteers.models import VolunteerIndexPage

    volunteers = VolunteerIndexPage(title="志愿服务", slug="volunteers", show_in_menus=True)
    home.add_child(instance=volunteers)
    volunteers.save_revision().publish()
    for index in (members_index, calendar, lecture_index, exhibition_index):
        index.show_in_menus = True
        index.save_revision().publish()
    return home


def make_trees(locales=None):
    """What the commit of the publications above does in production (home.locale_trees)."""
    from home.locale_trees import ensure_locale_tree

    with TestCase.captureOnCommitCallbacks(execute=True):
        if locales is None:
            ensure_locale_trees()
        else:
            for code in locales:
                ensure_locale_tree(Locale.objects.get(language_code=code))


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def title_attrs(html):
    """The attributes of the page's title: the <h1>, or the <span> holding it."""
    match = re.search(r"<h1\b([^>]*)>\s*(?:<span\b([^>]*)>)?", html)
    assert match, "no <h1> in the page"
    return (match.group(1) or "") + (match.group(2) or "")


def switcher_current(html):
    match = re.search(r'<summary><span class="visually-hidden">[^<]*</span>([^<]*)</summary>', html)
    return match and match.group(1).strip()


def menu_links(html):
    menu = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)
    return re.findall(r'href="([^"]+)"', menu)


def test_ten_language_sites(client, alliance, library_a):
    """Each alliance-wide page in all ten locales: its own page in that locale's tree, the
    visitor's `lang`, switcher and menu; and a page not yet translated, at the same
    address in every language, marked as Chinese."""
    from events.models import EventIndexPage
    from exhibitions.models import ExhibitionIndexPage
    from home.models import HomePage, MemberLibraryIndexPage
    from lectures.models import LectureIndexPage
    from volunteers.models import VolunteerIndexPage

    make_trees()
    for model in (
        HomePage,
        MemberLibraryIndexPage,
        EventIndexPage,
        LectureIndexPage,
        ExhibitionIndexPage,
        VolunteerIndexPage,
    ):
        codes = set(model.objects.live().values_list("locale__language_code", flat=True))
        assert codes == set(CODES), model
    # Only the alliance-wide pages: a library stays in its own language until someone
    # translates it, and no alias pages are made.
    assert not Page.objects.filter(alias_of__isnull=False).exists()
    assert Page.objects.filter(translation_key=library_a.translation_key).count() == 1

    event = make_event(library_a, title="周末亲子故事会", slug="story-time")
    for code in CODES:
        for path in [*ALLIANCE_PATHS, "members/nanning/", "members/nanning/story-time/"]:
            url = f"/{code}/{path}"
            html = html_of(client, url)
            assert f'<html lang="{code}"' in html, url
            assert switcher_current(html) == LANGUAGES[code], url
            current = rf'href="[^"]*" hreflang="{code}" lang="{code}" aria-current="true"'
            assert re.search(current, html), url
            links = menu_links(html)
            assert links and all(link.startswith(f"/{code}/") for link in links), (url, links)
            if path == "search/":
                continue
            # Nobody has translated these pages or their titles yet: Chinese, and marked.
            expected = "" if code == SOURCE else 'lang="zh-hans"'
            assert expected in title_attrs(html) and (
                expected or "lang=" not in title_attrs(html)
            ), url
        # The event: its address on this site, its calendar entry there, its .ics.
        url = f"/{code}/members/nanning/story-time/"
        html = html_of(client, url)
        canonical = re.search(r'<link rel="canonical" href="([^"]+)">', html)
        if code == SOURCE:
            assert canonical is None
        else:  # search engines index it once, at its own address
            assert canonical.group(1).endswith("/zh-hans/members/nanning/story-time/")
        assert client.get(url + "event.ics").status_code == 200
        calendar = html_of(client, f"/{code}/events/")
        assert f'href="{url}"' in calendar and event.title in calendar


def test_a_translation_marks_the_fields_nobody_has_translated_yet(client, alliance, library_a):
    event = make_event(
        library_a, title="周末亲子故事会", slug="story-time", introduction="和孩子一起听故事。"
    )
    translate(library_a, "vi", title="Thư viện Nam Ninh")
    translate(event, "vi", title="Giờ kể chuyện cuối tuần")  # the introduction stays Chinese
    html = html_of(client, "/vi/members/nanning/story-time/")
    assert "Giờ kể chuyện cuối tuần" in html
    assert "lang=" not in title_attrs(html)
    assert re.search(r'<p class="lead" lang="zh-hans">和孩子一起听故事。</p>', html)
    assert re.search(r'<link rel="canonical"', html) is None


def test_the_switcher_keeps_the_sub_route_and_query(client, alliance):
    html = html_of(client, "/th/events/month/?month=2027-04")
    for code in CODES:
        assert f'href="/{code}/events/month/?month=2027-04" hreflang="{code}"' in html


def test_unknown_addresses_are_404_in_every_language(client, alliance):
    for code in CODES:
        assert client.get(f"/{code}/members/nowhere/").status_code == 404
        assert client.get(f"/{code}/no-such-page/").status_code == 404


@pytest.fixture
def without_filipino(alliance):
    """The database as if Filipino had never been added."""
    from wagtail_localize.models import Translation

    from translations.models import LocaleTranslators

    fil = Locale.objects.get(language_code="fil")
    Page.objects.get(locale=fil, depth=2).delete()
    Translation.objects.filter(target_locale=fil).delete()
    for translators in LocaleTranslators.objects.filter(locale=fil):
        group = translators.group
        translators.delete()
        group.delete()
    fil.delete()
    return alliance


def test_a_locale_added_in_the_admin_gets_its_own_tree(client, without_filipino, superuser):
    from tests.admin_forms import fill, form_data

    client.force_login(superuser)
    url = reverse("wagtaillocales:add")
    data = fill(form_data(client.get(url).content.decode(), form_id=None), language_code="fil")
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302
    client.logout()
    for path in ALLIANCE_PATHS:
        html = html_of(client, f"/fil/{path}")
        assert '<html lang="fil"' in html
    fil = Locale.objects.get(language_code="fil")
    assert Page.objects.filter(locale=fil, live=True).count() == 6


def test_a_draft_or_unpublished_translation_leaves_the_source_at_its_address(
    client, alliance, library_a
):
    from wagtail_localize.models import Translation, TranslationSource

    event = make_event(library_a, title="周末亲子故事会", slug="story-time")
    # A translation submitted but not yet published (a draft in Thai's tree).
    source, _ = TranslationSource.get_or_create_from_instance(library_a)
    thai = Locale.objects.get(language_code="th")
    with TestCase.captureOnCommitCallbacks(execute=True):
        Translation.objects.create(source=source, target_locale=thai).save_target(publish=False)
    assert not library_a.get_translation(thai).live
    for url in ("/th/members/nanning/", "/th/members/nanning/story-time/"):
        assert 'lang="zh-hans"' in title_attrs(html_of(client, url)), url
    # A translation taken offline: the source again, at the same address.
    vi_event = translate(event, "vi", title="Giờ kể chuyện cuối tuần")
    vi_event.unpublish()
    html = html_of(client, "/vi/members/nanning/story-time/")
    assert "周末亲子故事会" in html and "Giờ kể chuyện cuối tuần" not in html


def test_the_visitors_tree_keeps_its_view_restrictions(client, alliance, library_a):
    from wagtail.models import PageViewRestriction

    make_event(library_a, title="周末亲子故事会", slug="story-time")
    thai_library = translate(library_a, "th", title="ห้องสมุดหนานหนิง")
    PageViewRestriction.objects.create(page=thai_library, restriction_type="login")
    for url in ("/th/members/nanning/", "/th/members/nanning/story-time/"):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"], url
    # A restriction on a translation is the page's in every language
    # (tests/translations/test_private_translations.py).
    assert client.get("/zh-hans/members/nanning/story-time/").status_code == 302


def test_chooser_links_stay_on_the_visitors_site(client, alliance):
    from alliance_site.models import SiteSettings
    from home.models import StandardPage

    about = StandardPage(title="关于联盟", slug="about")
    alliance.add_child(instance=about)
    about.save_revision().publish()
    settings_ = SiteSettings.for_site(alliance.get_site())
    settings_.footer_links = [("link", {"page": about, "text": ""})]
    settings_.save()
    html = html_of(client, "/th/")
    footer = re.search(r'<footer class="site-footer".*?</footer>', html, re.S).group(0)
    assert 'href="/th/about/" lang="zh-hans"' in footer


def test_mail_sent_from_the_admin_links_to_the_bookers_language_site(
    client, alliance, library_a, editor_a
):
    from django.core import mail

    from events import booking as engine
    from events.models import Booking, BookingStatus
    from tests import factories
    from tests.events.test_booking import online_event
    from tests.events.test_registrations_admin import session_url

    event, session = online_event(library_a, capacity=1)
    first = factories.UserFactory(username="first")
    thai_booker = factories.UserFactory(username="thai-booker")
    with TestCase.captureOnCommitCallbacks(execute=True):
        engine.book(first, session.uid)
        engine.book(thai_booker, session.uid, language="th")
    waiting = Booking.objects.get(user=thai_booker)
    assert waiting.status == BookingStatus.WAITLISTED
    client.force_login(editor_a)
    mail.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(session_url(session), {"promote": waiting.pk})
    (message,) = mail.outbox
    path = event.url.split("/", 2)[2]
    assert f"/th/{path}" in message.body and "/zh-hans/" not in message.body
