import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from lectures.models import LecturePage, LectureSeries, LectureSpeaker, Speaker
from tests import factories
from tests.conftest import translate

pytestmark = pytest.mark.django_db


def make_lecture(library, speaker, series=None, **kwargs):
    lecture = LecturePage(
        title=kwargs.pop("title", "阅读与人生"),
        slug=kwargs.pop("slug", "reading-and-life"),
        topic="经典阅读",
        series=series,
        **kwargs,
    )
    start = timezone.now() + datetime.timedelta(days=4)
    lecture.lecture_speakers = [LectureSpeaker(speaker=speaker)]
    from events.models import EventSession

    lecture.event_sessions = [EventSession(start=start, end=start + datetime.timedelta(hours=2))]
    library.add_child(instance=lecture)
    lecture.save_revision().publish()
    return LecturePage.objects.get(pk=lecture.pk)


@pytest.fixture
def speaker(db):
    return Speaker.objects.create(
        name="王教授", title="广西大学文学院教授", bio="<p>研究地方文献。</p>"
    )


@pytest.fixture
def series(db):
    return LectureSeries.objects.create(name="八桂讲坛", slug="bagui")


def test_lecture_page_shows_speakers_series_and_materials(client, library_a, speaker, series):
    lecture = make_lecture(library_a, speaker, series)
    document = factories.wagtail_factories.DocumentFactory(title="讲座课件")
    lecture.materials = [("material", {"document": document, "label": ""})]
    lecture.recording_url = "https://video.example.org/bagui/1"
    lecture.save_revision().publish()
    html = client.get(lecture.url).content.decode()
    assert "王教授" in html and "广西大学文学院教授" in html
    assert "八桂讲坛" in html
    assert "讲座课件" in html
    assert "https://video.example.org/bagui/1" in html
    assert lecture.kind == "lecture"


def test_lectures_are_on_the_calendar_with_their_kind(client, calendar, library_a, speaker):
    make_lecture(library_a, speaker, title="八桂讲坛：阅读与人生")
    from tests.conftest import make_event

    make_event(library_a, title="绘本故事会")
    html = client.get(calendar.url, {"kind": "lecture"}).content.decode()
    assert "八桂讲坛：阅读与人生" in html and "绘本故事会" not in html


def test_speakers_are_shown_in_the_visitors_language(client, home, library_a, speaker):
    from wagtail_localize.models import Translation, TranslationSource

    lecture = make_lecture(library_a, speaker)
    english = Locale.objects.get(language_code="en")
    source, _ = TranslationSource.get_or_create_from_instance(speaker)
    Translation.objects.create(source=source, target_locale=english).save_target()
    speaker_en = speaker.get_translation(english)
    speaker_en.name = "Professor Wang"
    speaker_en.save()
    translate(home, "en")
    translate(lecture, "en")
    html = client.get("/en/members/nanning/reading-and-life/").content.decode()
    assert "Professor Wang" in html


def test_editor_creates_a_lecture_with_two_sessions_and_a_speaker(
    client, library_a, editor_a, speaker
):
    client.force_login(editor_a)
    url = reverse("wagtailadmin_pages:add", args=["lectures", "lecturepage", library_a.pk])
    assert client.get(url).status_code == 200
    data = nested_form_data(
        {
            "title": "广西古籍里的故事",
            "slug": "ancient-books",
            "topic": "古籍保护",
            "time_zone": "Asia/Shanghai",
            "status": "scheduled",
            "registration_mode": "none",
            "lecture_speakers": inline_formset([{"speaker": speaker.pk}]),
            "event_sessions": inline_formset(
                [
                    {
                        "start": "2027-03-06 14:30",
                        "end": "2027-03-06 16:30",
                        "capacity": "200",
                        "max_party_size": "1",
                    },
                    {
                        "start": "2027-03-13 14:30",
                        "end": "2027-03-13 16:30",
                        "capacity": "200",
                        "max_party_size": "1",
                    },
                ]
            ),
            "materials": streamfield([]),
            "body": streamfield([]),
            "comments": inline_formset([]),
            "action-submit": "1",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    lecture = LecturePage.objects.get(slug="ancient-books")
    assert lecture.workflow_in_progress
    draft = lecture.get_latest_revision_as_object()
    assert len(draft.event_sessions.all()) == 2
    assert [row.speaker for row in draft.lecture_speakers.all()] == [speaker]
