import datetime

import pytest
from django.utils import timezone

from tests.exhibitions.test_exhibitions import make_exhibition
from tests.lectures.test_lectures import make_lecture

pytestmark = pytest.mark.django_db


def test_lecture_index_upcoming_archive_series_and_speaker(client, lecture_index, library_a):
    from lectures.models import LectureSeries, Speaker

    speaker = Speaker.objects.create(name="黄教授")
    series = LectureSeries.objects.create(name="八桂讲坛", slug="bagui")
    upcoming = make_lecture(library_a, speaker, series, title="将来的讲座", slug="future")
    past = make_lecture(library_a, speaker, series, title="去年的讲座", slug="past")
    session = past.event_sessions.get()
    session.start -= datetime.timedelta(days=400)
    session.end -= datetime.timedelta(days=400)
    session.save()
    past.save_revision().publish()
    html = client.get(lecture_index.url).content.decode()
    assert "将来的讲座" in html and "去年的讲座" in html  # archive shows the latest year
    assert f'href="{lecture_index.url}speakers/{speaker.pk}/"' in html
    series_html = client.get(lecture_index.url + "series/bagui/").content.decode()
    assert "将来的讲座" in series_html and "去年的讲座" in series_html
    speaker_html = client.get(lecture_index.url + f"speakers/{speaker.pk}/").content.decode()
    assert "黄教授" in speaker_html and "将来的讲座" in speaker_html
    assert client.get(lecture_index.url + "series/none/").status_code == 404
    assert client.get(lecture_index.url, {"year": "abc"}).context["message"]
    assert upcoming.kind == "lecture"


def test_exhibition_index_sections(client, exhibition_index, library_a, library_b):
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    make_exhibition(library_a, today - 5 * day, today + 5 * day, title="正在展出", slug="now")
    make_exhibition(library_a, today + 10 * day, today + 20 * day, title="即将开展", slug="soon")
    make_exhibition(library_a, today - 50 * day, today - 20 * day, title="已经闭展", slug="past")
    make_exhibition(
        library_a,
        today - 90 * day,
        today - 60 * day,
        title="巡展中",
        slug="touring",
        stops=[(library_b, today - 10 * day, today + 10 * day)],
    )
    context = client.get(exhibition_index.url).context
    assert [e.title for e in context["current"]] == ["正在展出"]
    assert [e.title for e in context["upcoming"]] == ["即将开展"]
    assert [e.title for e in context["touring"]] == ["巡展中"]
    assert "已经闭展" in [e.title for e in context["past"]]


def test_index_pages_query_counts_do_not_grow(client, lecture_index, exhibition_index, library_a):
    from lectures.models import LectureSeries, Speaker
    from tests.home.test_query_budget import count_queries

    series = LectureSeries.objects.create(name="八桂讲坛", slug="bagui")
    today = timezone.localdate()

    def add(start, count):
        for n in range(start, start + count):
            speaker = Speaker.objects.create(name=f"讲者{n}")
            make_lecture(library_a, speaker, series, title=f"讲座{n}", slug=f"l{n}")
            make_exhibition(
                library_a,
                today - datetime.timedelta(days=n),
                today + datetime.timedelta(days=n + 1),
                title=f"展览{n}",
                slug=f"x{n}",
            )

    urls = [lecture_index.url, lecture_index.url + "series/bagui/", exhibition_index.url]
    add(0, 2)
    small = [count_queries(client, url) for url in urls]
    add(2, 8)
    assert [count_queries(client, url) for url in urls] == small
