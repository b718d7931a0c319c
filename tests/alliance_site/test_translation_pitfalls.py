"""wagtail-localize's known pitfalls, tried with its real machinery (a TranslationSource,
translated strings, Translation.save_target): lists in StreamFields, inline rows (sessions,
tour stops, opening hours) after the source changes, and values cleared in the source."""

import datetime
import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import TestCase
from django.utils import timezone, translation
from wagtail import blocks
from wagtail.models import Locale
from wagtail.rich_text import RichText
from wagtail_localize.fields import SynchronizedField, TranslatableField
from wagtail_localize.models import Translation

from alliance_site.localization import SynchronizedRelation, TranslatableForeignKey
from events import booking as engine
from events.models import Audience, Campaign, EventPage, EventSession, ListingPage, RegistrationMode
from exhibitions.models import ExhibitionPage, TourStop
from home.models import ClosureReason, MemberLibraryPage, OpeningHoursException, StandardPage
from lectures.models import Speaker
from tests import factories
from tests.alliance_site.localize_helpers import publish, sync_translation
from tests.conftest import make_event, make_library

pytestmark = pytest.mark.django_db

# Whole minutes, as editors enter them (revisions keep datetimes to the millisecond).
START = timezone.now().replace(second=0, microsecond=0) + datetime.timedelta(days=30)


def stream_data(value):
    """A StreamField's value as stored: blocks with their types, ids and values."""
    return json.loads(json.dumps(value.get_prep_value()))


# Lists in a StreamField


@pytest.fixture
def list_blocks(monkeypatch):
    """The body of standard pages, with two ListBlocks added for this test only (the
    project's blocks use StreamBlocks for lists, as the design asks)."""
    stream = StandardPage._meta.get_field("body").stream_block
    facts = blocks.ListBlock(blocks.CharBlock())
    glossary = blocks.ListBlock(
        blocks.StructBlock([("term", blocks.CharBlock()), ("definition", blocks.TextBlock())])
    )
    for name, block in (("facts", facts), ("glossary", glossary)):
        block.set_name(name)
        monkeypatch.setitem(stream.child_blocks, name, block)


def test_list_block_items_translate_and_keep_their_structure(home, list_blocks):
    page = factories.StandardPageFactory(
        parent=home,
        title="关于联盟",
        slug="about",
        body=[
            ("facts", ["成员馆一百余家", "覆盖东盟十国"]),
            ("glossary", [{"term": "一馆一品", "definition": "每馆一个阅读品牌"}]),
            ("paragraph", RichText("<p>阅读点亮生活。</p>")),
        ],
    )
    publish(page)
    english = sync_translation(
        page,
        "en",
        {
            "成员馆一百余家": "Over a hundred member libraries",
            "覆盖东盟十国": "All ten ASEAN countries",
            "一馆一品": "One library, one brand",
            "每馆一个阅读品牌": "A reading brand for each library",
            "阅读点亮生活。": "Reading lights up life.",
        },
    )
    source, translated = stream_data(page.body), stream_data(english.body)
    # Same blocks, same item ids, in the same order: only the text differs.
    assert [(b["type"], b["id"]) for b in translated] == [(b["type"], b["id"]) for b in source]
    assert [i["id"] for i in translated[0]["value"]] == [i["id"] for i in source[0]["value"]]
    assert [i["value"] for i in translated[0]["value"]] == [
        "Over a hundred member libraries",
        "All ten ASEAN countries",
    ]
    assert translated[1]["value"][0]["value"] == {
        "term": "One library, one brand",
        "definition": "A reading brand for each library",
    }
    assert translated[2]["value"] == "<p>Reading lights up life.</p>"

    # A new item in the source: the translation gets it (in the source language until it
    # is translated); the items already translated keep their translation.
    page.body[0].value.append("每年三十场活动")
    publish(page)
    english = sync_translation(page, "en")
    assert [i["value"] for i in stream_data(english.body)[0]["value"]] == [
        "Over a hundred member libraries",
        "All ten ASEAN countries",
        "每年三十场活动",
    ]


def test_list_block_in_the_old_plain_format_is_not_offered_for_translation(home, list_blocks):
    """The pitfall behind the design's rule. A ListBlock value stored as a plain list (as
    before Wagtail 2.16, or written as raw JSON by a script or data migration) has no item
    ids, and wagtail-localize 1.14 silently extracts nothing from it: the translation
    shows the source text. A StreamBlock always stores ids."""
    page = factories.StandardPageFactory(parent=home, title="关于联盟", slug="about")
    StandardPage.objects.filter(pk=page.pk).update(
        body=json.dumps([{"type": "facts", "value": ["成员馆一百余家"], "id": "f1"}])
    )
    page.refresh_from_db()
    publish(page)
    english = sync_translation(page, "en", {"成员馆一百余家": "Over a hundred member libraries"})
    assert stream_data(english.body) == [{"type": "facts", "value": ["成员馆一百余家"], "id": "f1"}]


def image_value(image, caption, alt_text=""):
    return {"image": image, "alt_text": alt_text, "caption": caption, "credit": ""}


def test_gallery_captions_translate_and_images_stay_the_same(members_index):
    first, second, third = (factories.ImageFactory() for _ in range(3))
    library = make_library(
        members_index,
        title="南宁市图书馆",
        slug="nanning",
        gallery=[
            ("image", image_value(first, "少儿阅览室", alt_text="孩子们在看书")),
            ("image", image_value(second, "古籍修复")),
        ],
    )
    english = sync_translation(
        library,
        "en",
        {
            "少儿阅览室": "Children's reading room",
            "孩子们在看书": "Children reading",
            "古籍修复": "Restoring old books",
        },
    )
    items = [block.value for block in english.gallery]
    assert [item["image"] for item in items] == [first, second]
    assert [(item["caption"], item["alt_text"]) for item in items] == [
        ("Children's reading room", "Children reading"),
        ("Restoring old books", ""),
    ]

    # The source changes: a third image, a new caption for the first, the second's cleared.
    library = MemberLibraryPage.objects.get(pk=library.pk)
    library.gallery[0].value["caption"] = "少儿借阅区"
    library.gallery[1].value["caption"] = ""
    library.gallery.append(("image", image_value(third, "读者服务台")))
    publish(library)
    english = sync_translation(library, "en", {"少儿借阅区": "Children's lending area"})
    items = [block.value for block in english.gallery]
    assert [item["image"] for item in items] == [first, second, third]
    assert [item["caption"] for item in items] == [
        "Children's lending area",
        "",  # cleared in the source: not the old "Restoring old books"
        "读者服务台",  # not translated yet
    ]
    assert items[0]["alt_text"] == "Children reading"


# Inline rows: synchronised by design


def sessions_of(page):
    return [(s.uid, s.start, s.end, s.capacity) for s in page.sorted_sessions()]


def test_sessions_follow_the_source_and_keep_the_uids_bookings_use(library_a):
    event = make_event(
        library_a, start=START, sessions=2, registration_mode=RegistrationMode.ONLINE
    )
    EventSession.objects.filter(page=event).update(capacity=3, max_party_size=2)
    event = publish(EventPage.objects.get(pk=event.pk))
    english = sync_translation(event, "en", {event.title: "Picture-book stories"})
    assert sessions_of(english) == sessions_of(event)
    with TestCase.captureOnCommitCallbacks(execute=True):
        engine.book(factories.UserFactory(), english.event_sessions.first().uid, party_size=2)

    # The library moves the first session ten days later and adds a third.
    first, second = EventSession.objects.filter(page=event).order_by("sort_order")
    first.start += datetime.timedelta(days=10)
    first.end += datetime.timedelta(days=10)
    later = START + datetime.timedelta(days=20)
    event.event_sessions = [
        first,
        second,
        EventSession(start=later, end=later + datetime.timedelta(hours=2), capacity=5),
    ]
    publish(event)
    english = sync_translation(event, "en")

    assert sessions_of(english) == sessions_of(event)
    assert len(sessions_of(english)) == 3
    assert english.title == "Picture-book stories"
    # The dates the calendar lists by are recomputed from the synchronised sessions.
    assert (english.first_start, english.last_end) == (event.first_start, event.last_end)
    assert english.last_end == later + datetime.timedelta(hours=2)
    # Rows are copied afresh on every sync (new primary keys); the uid is what bookings,
    # ledgers and calendars key on, and it is the same in every language.
    places = {
        row.session.uid: row.places_left for row in english.registration_rows(AnonymousUser())
    }
    assert places == {first.uid: 1, second.uid: 3, event.event_sessions.last().uid: 5}
    assert engine.live_session(first.uid).start == first.start


def test_tour_stops_follow_the_source(members_index, library_a, library_b):
    library_c = make_library(members_index, title="桂林图书馆", slug="guilin", city="桂林")
    exhibition = ExhibitionPage(
        title="壮锦之美",
        slug="zhuang-brocade",
        opening_date=datetime.date(2027, 5, 1),
        closing_date=datetime.date(2027, 5, 31),
        curator="展览部",
    )
    exhibition.tour_stops = [
        TourStop(
            host=library_b, starts_on=datetime.date(2027, 6, 5), ends_on=datetime.date(2027, 6, 30)
        )
    ]
    library_a.add_child(instance=exhibition)
    exhibition = publish(exhibition)
    english = sync_translation(exhibition, "en", {"展览部": "Exhibitions department"})
    stops = [(s.host_id, s.starts_on, s.ends_on) for s in english.sorted_stops()]
    assert stops == [(library_b.pk, datetime.date(2027, 6, 5), datetime.date(2027, 6, 30))]

    stop = exhibition.tour_stops.get()
    stop.ends_on = datetime.date(2027, 7, 10)
    exhibition.tour_stops = [
        stop,
        TourStop(
            host=library_c, starts_on=datetime.date(2027, 7, 15), ends_on=datetime.date(2027, 8, 15)
        ),
    ]
    exhibition.closing_date = datetime.date(2027, 6, 2)
    publish(exhibition)
    english = sync_translation(exhibition, "en")
    assert [(s.host_id, s.starts_on, s.ends_on) for s in english.sorted_stops()] == [
        (library_b.pk, datetime.date(2027, 6, 5), datetime.date(2027, 7, 10)),
        (library_c.pk, datetime.date(2027, 7, 15), datetime.date(2027, 8, 15)),
    ]
    assert english.closing_date == datetime.date(2027, 6, 2)
    assert english.curator == "Exhibitions department"


def test_opening_hours_and_exceptions_follow_the_source(members_index):
    library = make_library(members_index, title="南宁市图书馆", slug="nanning")
    factories.OpeningHoursFactory(page=library, weekday=0, opens="09:00", closes="17:00")
    OpeningHoursException.objects.create(
        page=library,
        start_date=datetime.date(2027, 2, 5),
        end_date=datetime.date(2027, 2, 11),
        reason=ClosureReason.SPRING_FESTIVAL,
    )
    library = publish(MemberLibraryPage.objects.get(pk=library.pk))
    english = sync_translation(library, "en", {"南宁市图书馆": "Nanning Library"})
    assert english.hours_on(datetime.date(2027, 2, 8)) is None  # a Monday in the holiday
    assert english.hours_on(datetime.date(2027, 2, 15)) == (datetime.time(9), datetime.time(17))

    # The holiday is shortened, and a special-hours day is added.
    holiday = library.opening_exceptions.get()
    holiday.end_date = datetime.date(2027, 2, 7)
    library.opening_exceptions = [
        holiday,
        OpeningHoursException(
            start_date=datetime.date(2027, 2, 22),
            reason=ClosureReason.SPECIAL_EVENT,
            closed=False,
            opens=datetime.time(9),
            closes=datetime.time(21),
        ),
    ]
    publish(library)
    english = sync_translation(library, "en")
    assert english.hours_on(datetime.date(2027, 2, 8)) == (datetime.time(9), datetime.time(17))
    assert english.hours_on(datetime.date(2027, 2, 22)) == (datetime.time(9), datetime.time(21))
    # The reason is a choice: its label comes from the UI catalogue of the language.
    with translation.override("en"):
        labels = [e.get_reason_display() for e in english.opening_exceptions.all()]
    assert labels == ["Spring Festival", "Special event"]


# Values cleared in the source


def test_text_cleared_in_the_source_is_cleared_in_translations(library_a):
    """wagtail-localize 1.14 treats an emptied text field as synchronised, and a
    StreamField's structure always follows the source: nothing stale is kept."""
    event = make_event(
        library_a,
        start=START,
        introduction="和孩子们一起读绘本。",
        status_note="因天气改期",
        body=[("paragraph", RichText("<p>请提前十分钟到场。</p>"))],
    )
    english = sync_translation(
        event,
        "en",
        {
            "和孩子们一起读绘本。": "Picture books with children.",
            "因天气改期": "Postponed because of the weather",
            "请提前十分钟到场。": "Please arrive ten minutes early.",
        },
    )
    assert english.status_note == "Postponed because of the weather"
    event.introduction = ""
    event.status_note = ""
    event.body = []
    publish(event)
    english = sync_translation(event, "en")
    assert (english.introduction, english.status_note, len(english.body)) == ("", "", 0)

    speaker = Speaker.objects.create(name="王教授", bio="<p>研究地方文献。</p>")
    sync_translation(speaker, "en", {"研究地方文献。": "Studies local documents."})
    speaker.bio = ""
    speaker.save()
    assert sync_translation(speaker, "en").bio == ""


@pytest.fixture
def campaigns(db):
    world_book_day = Campaign.objects.create(name="世界读书日", slug="world-book-day")
    service_week = Campaign.objects.create(name="图书馆服务宣传周", slug="service-week")
    sync_translation(world_book_day, "en", {"世界读书日": "World Book Day"})
    return world_book_day, service_week


def test_campaign_changed_or_cleared_in_the_source_is_not_kept_by_translations(
    library_a, campaigns
):
    world_book_day, service_week = campaigns
    english_locale = Locale.objects.get(language_code="en")
    event = make_event(library_a, start=START, campaign=world_book_day)
    english = sync_translation(event, "en")
    assert english.campaign == world_book_day.get_translation(english_locale)

    # Another campaign, not translated yet: the source's choice, not the old campaign.
    event.campaign = service_week
    publish(event)
    assert sync_translation(event, "en").campaign == service_week

    event.campaign = None
    publish(event)
    assert sync_translation(event, "en").campaign is None


def test_relations_emptied_in_the_source_are_emptied_in_translations(home, library_a, campaigns):
    event = make_event(library_a, start=START, audiences=["children", "families"])
    english = sync_translation(event, "en")
    assert {a.code for a in english.audiences.all()} == {"children", "families"}
    event.audiences = Audience.objects.filter(code="seniors")
    publish(event)
    assert [a.code for a in sync_translation(event, "en").audiences.all()] == ["seniors"]
    event.audiences = []
    publish(event)
    english = sync_translation(event, "en")
    assert list(english.audiences.all()) == []
    assert list(english.get_latest_revision_as_object().audiences.all()) == []

    listing = ListingPage(title="少儿活动", slug="children", count=10)
    listing.libraries = [library_a]
    listing.audiences = Audience.objects.filter(code="children")
    listing.campaigns = list(campaigns)
    home.add_child(instance=listing)
    listing = publish(listing)
    english = sync_translation(listing, "en")
    assert english.libraries.count() == 1 and english.campaigns.count() == 2
    listing.libraries = []
    listing.audiences = []
    listing.campaigns = []
    publish(listing)
    english = sync_translation(listing, "en")
    assert (english.libraries.count(), english.audiences.count(), english.campaigns.count()) == (
        0,
        0,
        0,
    )


def test_a_translation_no_longer_synced_keeps_its_own_relations(library_a):
    event = make_event(library_a, start=START, audiences=["children"])
    english = sync_translation(event, "en")
    event.audiences = []
    publish(event)
    # The translator chose to stop synchronising: the translation is edited by hand.
    Translation.objects.filter(target_locale=english.locale).update(enabled=False)
    english.title = "Stories"
    publish(english)
    assert [a.code for a in english.audiences.all()] == ["children"]


def test_wagtail_localize_alone_keeps_stale_keys_and_relations(monkeypatch, library_a, campaigns):
    """Why EventPage uses TranslatableForeignKey and SynchronizedRelation: with the plain
    kinds, a campaign and audiences cleared in the source stay in the translation. If a
    wagtail-localize upgrade makes this test fail, the project's kinds can go."""
    plain = [
        TranslatableField(f.field_name)
        if isinstance(f, TranslatableForeignKey)
        else SynchronizedField(f.field_name)
        if isinstance(f, SynchronizedRelation)
        else f
        for f in EventPage.translatable_fields
    ]
    monkeypatch.setattr(EventPage, "translatable_fields", plain)
    world_book_day, _service_week = campaigns
    event = make_event(library_a, start=START, campaign=world_book_day, audiences=["children"])
    english = sync_translation(event, "en")
    event.campaign = None
    event.audiences = []
    publish(event)
    english = sync_translation(event, "en")
    assert english.campaign.name == "World Book Day"
    assert [a.code for a in english.audiences.all()] == ["children"]
