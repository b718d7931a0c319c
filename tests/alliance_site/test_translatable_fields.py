"""Every field of every translatable page type and snippet has a deliberate translation
decision (text is translated; dates, numbers, images, keys, coordinates, addresses of web
pages and choices are synchronised), and translating the snippets (speakers, lecture series,
campaigns) works as the pages that show them expect."""

import datetime
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import get_all_child_relations
from wagtail.fields import RichTextField, StreamField
from wagtail.models import COMMENTS_RELATION_NAME, Locale, Page, TranslatableMixin
from wagtail_localize.fields import TranslatableField

from alliance_site.localization import SynchronizedRelation, TranslatableForeignKey
from events.models import Campaign, EventIndexPage, EventPage, EventSession, ListingPage
from exhibitions.models import ExhibitionIndexPage, ExhibitionPage
from home.models import HomePage, MemberLibraryIndexPage, MemberLibraryPage, StandardPage
from lectures.models import LectureIndexPage, LecturePage, LectureSeries, LectureSpeaker, Speaker
from tests import factories
from tests.alliance_site.localize_helpers import publish, sync_translation
from tests.conftest import make_event
from volunteers.models import SelectionResultsPage, VolunteerIndexPage, VolunteerProjectPage


def project_apps():
    """The project's own apps (any new one included), not those installed in the venv."""
    base = Path(settings.BASE_DIR).resolve()
    return {
        config.label
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(base)
        and "site-packages" not in Path(config.path).parts
    }


T = "translated"
S = "synchronised"
# Not editable: save() computes it in every locale (from the sessions, the page's place
# in the tree or the level), so wagtail-localize must leave it alone.
DERIVED = "derived"
# EventSession's ParentalKey points at wagtailcore.Page, so every page type has an
# `event_sessions` relation; only the event-like pages have sessions.
UNUSED = "unused"

# Wagtail's own page fields, decided once in BasePage. The others (go_live_at, expire_at,
# owner, locked…) are each locale's own publishing state.
PAGE_FIELDS = {
    "title": T,
    "seo_title": T,
    "search_description": T,
    "slug": S,  # the same path in every language: /zh-hans/members/nanning/, /en/members/nanning/
    "show_in_menus": S,
}

PAGE_COLUMNS = {field.name for field in Page._meta.concrete_fields}

PAGE = {"social_image": S, "event_sessions": UNUSED}
INDEX = {**PAGE, "introduction": T}
EVENT = {
    **PAGE,
    "kind": S,
    "introduction": T,
    "image": S,
    "body": T,
    "time_zone": S,
    "first_start": DERIVED,
    "last_end": DERIVED,
    "event_sessions": S,  # rows without text; each keeps its uid, which bookings use
    "room": T,
    "other_address": T,
    "online_url": S,
    "audiences": S,  # labels come from gettext
    "campaign": T,  # points to the campaign's translation in the page's locale
    "status": S,
    "status_note": T,
    "registration_mode": S,
    "registration_url": S,
    "library": DERIVED,
}

DECISIONS = {
    HomePage: {**PAGE, "introduction": T, "hero_image": S, "body": T},
    MemberLibraryIndexPage: INDEX,
    MemberLibraryPage: {
        **PAGE,
        "short_name": T,
        "level": S,
        "level_order": DERIVED,
        "city": T,
        "address": T,
        "latitude": S,
        "longitude": S,
        "time_zone": S,
        "phone": S,
        "email": S,
        "website": S,
        "logo": S,
        "wechat_qr": S,
        "introduction": T,
        "brand_name": T,
        "brand_story": T,
        "gallery": T,  # a StreamBlock of images: captions and alt text translate
        "opening_hours": S,
        "opening_exceptions": S,  # the reason is a choice, translated by gettext
    },
    StandardPage: {**PAGE, "introduction": T, "body": T},
    EventPage: EVENT,
    EventIndexPage: INDEX,
    ListingPage: {
        **PAGE,
        "introduction": T,
        "kinds": S,
        "libraries": S,
        "audiences": S,
        "campaigns": S,  # matched by translation_key, so any locale's campaign will do
        "window": S,
        "order": S,
        "count": S,
    },
    LecturePage: {
        **EVENT,
        "topic": T,
        "series": T,
        "livestream_url": S,
        "recording_url": S,
        "materials": T,  # labels translate; each document can be overridden per language
        "lecture_speakers": S,  # rows point at speakers, shown via speaker.localized
    },
    LectureIndexPage: INDEX,
    ExhibitionPage: {
        **EVENT,
        "opening_date": S,
        "closing_date": S,
        "curator": T,
        "available_to_tour": S,
        "gallery": T,
        "tour_stops": S,  # host library and dates; the host is shown via host.localized
    },
    ExhibitionIndexPage: INDEX,
    VolunteerProjectPage: {
        **PAGE,
        "category": S,
        "introduction": T,
        "image": S,
        "requirements": T,
        "body": T,
        "requires_approval": S,
        "time_zone": S,
        "first_start": DERIVED,
        "last_end": DERIVED,
        "event_sessions": S,  # the shifts
        "room": T,
        "other_address": T,
        "online_url": S,
        "status": S,
        "status_note": T,
        "library": DERIVED,
    },
    VolunteerIndexPage: INDEX,
    SelectionResultsPage: {**PAGE, "round": S, "introduction": T},
    Campaign: {"name": T, "slug": S, "description": T, "starts_on": S, "ends_on": S},
    Speaker: {"name": T, "title": T, "photo": S, "bio": T},
    LectureSeries: {"name": T, "slug": S, "description": T, "image": S},
}

# Text fields that hold something other than prose: the same in every language.
NOT_PROSE = {(MemberLibraryPage, "phone")}


def translatable_models():
    return sorted(
        (
            model
            for model in apps.get_models()
            if model._meta.app_label in project_apps() and issubclass(model, TranslatableMixin)
        ),
        key=lambda model: model._meta.label,
    )


def fields_to_decide(model):
    """The model's own fields and child relations (not Wagtail's page fields, not the keys
    and locale that TranslatableMixin manages, not the search index's relation)."""
    fields = {}
    for field in model._meta.get_fields():
        if field.auto_created and not field.concrete:
            continue  # reverse relations; child relations are added below
        if field.primary_key or field.name in ("translation_key", "locale"):
            continue
        if isinstance(field, models.OneToOneField) and field.remote_field.parent_link:
            continue
        if not field.concrete or (issubclass(model, Page) and field.name in PAGE_COLUMNS):
            continue
        fields[field.name] = field
    for relation in get_all_child_relations(model):
        if relation.name != COMMENTS_RELATION_NAME:
            fields[relation.name] = relation
    return fields


def decision_in_model(model, name):
    found = [field for field in model.translatable_fields if field.field_name == name]
    assert len(found) <= 1, f"{model.__name__}.{name} is listed twice in translatable_fields"
    if not found:
        return None
    return T if isinstance(found[0], TranslatableField) else S


def is_prose(model, field):
    if (model, field.name) in NOT_PROSE:
        return False
    if isinstance(field, StreamField | RichTextField | models.TextField):
        return True
    return (
        isinstance(field, models.CharField)
        and not field.choices
        and not isinstance(field, models.SlugField | models.URLField | models.EmailField)
    )


def is_data(field):
    """Values that are the same in every language."""
    if isinstance(field, models.ForeignKey):
        related = field.related_model
        return not issubclass(related, TranslatableMixin) or issubclass(related, Page)
    return bool(getattr(field, "choices", None)) or isinstance(
        field,
        models.DateField
        | models.TimeField
        | models.IntegerField
        | models.DecimalField
        | models.BooleanField
        | models.URLField
        | models.EmailField
        | models.SlugField
        | models.JSONField
        | ParentalManyToManyField,
    )


def test_the_table_covers_every_translatable_model():
    missing = [m.__name__ for m in translatable_models() if m not in DECISIONS]
    assert not missing, f"Decide the translatable fields of {missing} and add them to DECISIONS"


@pytest.mark.parametrize("model", translatable_models(), ids=lambda m: m._meta.label)
def test_every_field_has_a_deliberate_decision(model):
    expected = DECISIONS[model]
    fields = fields_to_decide(model)
    undecided = sorted(set(fields) - set(expected))
    assert not undecided, (
        f"{model.__name__} has fields without a translation decision: {undecided}. List each "
        "in the model's translatable_fields (TranslatableField for text, SynchronizedField "
        "for everything else) and in DECISIONS in this test."
    )
    assert not set(expected) - set(fields), f"DECISIONS lists fields {model.__name__} lacks"
    for name, decision in expected.items():
        declared = decision_in_model(model, name)
        if decision in (DERIVED, UNUSED):
            assert declared is None, f"{model.__name__}.{name} is {decision}: leave it out"
            if decision == DERIVED:
                assert not fields[name].editable, f"{model.__name__}.{name} is editable"
        else:
            assert declared == decision, f"{model.__name__}.{name} should be {decision}"
    declared_names = {field.field_name for field in model.translatable_fields}
    assert declared_names <= set(fields) | set(PAGE_FIELDS), "a declared field is not decided"


@pytest.mark.parametrize("model", translatable_models(), ids=lambda m: m._meta.label)
def test_text_is_translated_and_data_synchronised(model):
    for name, field in fields_to_decide(model).items():
        decision = DECISIONS[model][name]
        if is_prose(model, field):
            assert decision == T, f"{model.__name__}.{name} is text a visitor reads: translate it"
        elif is_data(field) and field.editable:
            assert decision == S, f"{model.__name__}.{name} is the same in every language"


@pytest.mark.parametrize(
    "model",
    [m for m in translatable_models() if issubclass(m, Page)],
    ids=lambda m: m._meta.label,
)
def test_wagtails_page_fields_are_decided_once(model):
    declared = {
        field.field_name: decision_in_model(model, field.field_name)
        for field in model.translatable_fields
        if field.field_name in PAGE_COLUMNS
    }
    assert declared == PAGE_FIELDS


def test_foreign_keys_to_snippets_and_many_to_many_fields_use_the_projects_kinds():
    """Plain TranslatableField and SynchronizedField leave stale values in translations
    for these (see alliance_site/localization.py and test_translation_pitfalls.py)."""
    for model in DECISIONS:
        for entry in model.translatable_fields:
            field = model._meta.get_field(entry.field_name)
            if isinstance(field, models.ForeignKey) and isinstance(entry, TranslatableField):
                assert isinstance(entry, TranslatableForeignKey), f"{model.__name__}.{field.name}"
            if isinstance(field, ParentalManyToManyField):
                assert isinstance(entry, SynchronizedRelation), f"{model.__name__}.{field.name}"


def test_synchronised_rows_hold_no_text_to_translate():
    """Inline rows are copied as they are to every translation: text in them would stay
    in the source language (design: keep translatable text out of them)."""
    for model in DECISIONS:
        for name, field in fields_to_decide(model).items():
            if not isinstance(field, models.ManyToOneRel) or DECISIONS[model][name] != S:
                continue
            row_model = field.related_model
            assert not issubclass(row_model, TranslatableMixin)
            text = [f.name for f in row_model._meta.get_fields() if is_prose(row_model, f)]
            assert not text, f"{row_model.__name__} rows hold text {text}: they would not translate"


# Snippets


@pytest.mark.django_db
def test_speaker_translation_has_its_own_name_and_biography_and_the_same_photo():
    photo = factories.ImageFactory()
    speaker = Speaker.objects.create(
        name="王教授", title="广西大学文学院教授", bio="<p>研究<b>地方文献</b>。</p>", photo=photo
    )
    english = sync_translation(
        speaker,
        "en",
        {
            "王教授": "Professor Wang",
            "广西大学文学院教授": "Professor of literature, Guangxi University",
            "研究<b>地方文献</b>。": "Studies <b>local documents</b>.",
        },
    )
    assert english.locale.language_code == "en"
    assert english.translation_key == speaker.translation_key
    assert (english.name, english.title) == (
        "Professor Wang",
        "Professor of literature, Guangxi University",
    )
    assert english.bio == "<p>Studies <b>local documents</b>.</p>"
    assert english.photo == photo

    # A new photo in the source reaches the translation; the translated text stays.
    speaker.photo = factories.ImageFactory()
    speaker.save()
    english = sync_translation(speaker, "en")
    assert english.photo == speaker.photo
    assert english.name == "Professor Wang"


@pytest.mark.django_db
def test_lecture_series_and_campaign_translations_keep_slug_image_and_dates():
    image = factories.ImageFactory()
    series = LectureSeries.objects.create(
        name="八桂讲坛", slug="bagui", description="广西图书馆的公益讲座。", image=image
    )
    campaign = Campaign.objects.create(
        name="世界读书日",
        slug="world-book-day",
        description="4月23日前后的阅读活动。",
        starts_on=datetime.date(2026, 4, 18),
        ends_on=datetime.date(2026, 4, 26),
    )
    series_th = sync_translation(
        series, "th", {"八桂讲坛": "เวทีปาฐกถาปากุ้ย", "广西图书馆的公益讲座。": "การบรรยายสาธารณะ"}
    )
    assert (series_th.name, series_th.description) == ("เวทีปาฐกถาปากุ้ย", "การบรรยายสาธารณะ")
    assert (series_th.slug, series_th.image) == ("bagui", image)

    campaign_en = sync_translation(campaign, "en", {"世界读书日": "World Book Day"})
    assert campaign_en.name == "World Book Day"
    # Not yet translated: the source text until a translator supplies one.
    assert campaign_en.description == "4月23日前后的阅读活动。"
    assert campaign_en.slug == "world-book-day"
    assert (campaign_en.starts_on, campaign_en.ends_on) == (campaign.starts_on, campaign.ends_on)

    campaign.ends_on = datetime.date(2026, 4, 30)
    campaign.save()
    assert sync_translation(campaign, "en").ends_on == datetime.date(2026, 4, 30)


def make_lecture(library, speaker, series):
    start = timezone.now().replace(second=0, microsecond=0) + datetime.timedelta(days=4)
    lecture = LecturePage(
        title="阅读与人生", slug="reading-and-life", topic="经典阅读", series=series
    )
    lecture.lecture_speakers = [LectureSpeaker(speaker=speaker)]
    lecture.event_sessions = [EventSession(start=start, end=start + datetime.timedelta(hours=2))]
    library.add_child(instance=lecture)
    return publish(lecture)


@pytest.mark.django_db
def test_translated_pages_show_the_snippets_translations(client, home, library_a):
    speaker = Speaker.objects.create(name="王教授", title="教授")
    series = LectureSeries.objects.create(name="八桂讲坛", slug="bagui")
    lecture = make_lecture(library_a, speaker, series)
    sync_translation(speaker, "en", {"王教授": "Professor Wang", "教授": "Professor"})
    sync_translation(series, "en", {"八桂讲坛": "Bagui Lectures"})
    sync_translation(home, "en")
    lecture_en = sync_translation(lecture, "en", {"阅读与人生": "Reading and life"})

    assert lecture_en.series == series.get_translation(Locale.objects.get(language_code="en"))
    html = client.get(lecture_en.url).content.decode()
    assert "Reading and life" in html
    assert "Bagui Lectures" in html and "八桂讲坛" not in html
    assert "Professor Wang" in html and "王教授" not in html


@pytest.mark.django_db
def test_a_snippet_translated_after_the_page_is_used_once_the_page_is_synced(
    client, home, calendar, library_a
):
    campaign = Campaign.objects.create(name="世界读书日", slug="world-book-day")
    event = make_event(library_a, title="绘本故事会", slug="stories", campaign=campaign)
    sync_translation(home, "en")
    calendar_en = sync_translation(calendar, "en", {"活动日历": "Calendar"})
    event_en = sync_translation(event, "en", {"绘本故事会": "Picture-book stories"})
    # No English campaign yet: the translation keeps the source's campaign.
    assert event_en.campaign == campaign

    campaign_en = sync_translation(campaign, "en", {"世界读书日": "World Book Day"})
    # The calendar's campaign filter (English campaigns) already finds the event.
    html = client.get(calendar_en.url, {"campaign": campaign_en.slug}).content.decode()
    assert "Picture-book stories" in html

    event_en = sync_translation(event, "en")
    assert event_en.campaign == campaign_en
    assert "World Book Day" in client.get(event_en.url).content.decode()


@pytest.mark.django_db
def test_translation_editor_opens_with_the_campaign_in_the_pages_language(
    client, superuser, library_a
):
    campaign = Campaign.objects.create(name="世界读书日", slug="world-book-day")
    sync_translation(campaign, "en", {"世界读书日": "World Book Day"})
    event = make_event(library_a, campaign=campaign, audiences=["children"])
    english = sync_translation(event, "en")
    client.force_login(superuser)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[english.pk]))
    assert response.status_code == 200
    assert "World Book Day" in response.content.decode()
