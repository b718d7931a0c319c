"""The home page's volunteering box lists the libraries' live projects, those with shifts
to come first, in the page's language (the Chinese page where a project is not
translated), with a link to /volunteers/, in a fixed number of queries."""

import datetime

import pytest
from django.utils import timezone

from tests.conftest import translate
from tests.home.test_query_budget import count_queries
from tests.volunteers.test_volunteers import make_project
from volunteers.models import VolunteerCategory, VolunteerIndexPage

pytestmark = pytest.mark.django_db

PLACEHOLDER_ZH = "各成员馆的志愿服务项目将在此发布。"
PLACEHOLDER_EN = "Volunteer projects of the member libraries will be listed here."


@pytest.fixture
def volunteers_index(home):
    index = VolunteerIndexPage(title="志愿服务", slug="volunteers")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def volunteering_box(html):
    start = html.index('aria-labelledby="volunteer-heading"')
    return html[start : html.index("</section>", start)]


def test_the_home_page_lists_projects_with_shifts_to_come(
    client, home, volunteers_index, library_a, library_b
):
    over = make_project(
        library_a,
        title="已结束的项目",
        slug="over",
        start=timezone.now() - datetime.timedelta(days=30),
        shifts=1,
    )
    later = make_project(
        library_b,
        title="盲人有声书录制",
        slug="audio",
        category=VolunteerCategory.DISABILITY,
        start=timezone.now() + datetime.timedelta(days=9),
    )
    soon = make_project(library_a, title="农民工子女课后阅读辅导", slug="homework")
    draft = make_project(library_a, title="尚未发布的项目", slug="draft")
    draft.unpublish()
    box = volunteering_box(client.get(home.url).content.decode())
    assert PLACEHOLDER_ZH not in box
    assert f'href="{soon.url}"' in box and f'href="{later.url}"' in box
    assert draft.title not in box
    # Shifts to come first, the soonest first; then the others.
    assert box.index(soon.title) < box.index(later.title) < box.index(over.title)
    # Like the events box: the next shift's time, the category, the library.
    shift = soon.upcoming_shifts()[0]
    assert f'datetime="{timezone.localtime(shift.start).isoformat()}"' in box
    assert "2 个班次待开始" in box and "关爱农民工子女" in box
    assert library_a.display_name in box
    assert "暂无待开始的班次" in box  # the project whose shifts are over
    assert f'href="{volunteers_index.url}"' in box
    assert volunteers_index.url == "/zh-hans/volunteers/"


def test_in_english_translated_projects_in_english_the_others_from_chinese(
    client, home, volunteers_index, library_a
):
    english_home = translate(home, "en", title="Guangxi Reading Promotion Alliance")
    translate(volunteers_index, "en", title="Volunteering")
    translated = make_project(library_a, title="农民工子女课后阅读辅导", slug="homework")
    translate(library_a, "en", title="Nanning Library")
    translate(translated, "en", title="Homework help for children of migrant workers")
    untranslated = make_project(
        library_a,
        title="盲人有声书录制",
        slug="audio",
        start=timezone.now() + datetime.timedelta(days=5),
    )
    html = client.get(english_home.url).content.decode()
    box = volunteering_box(html)
    assert '<html lang="en"' in html
    assert PLACEHOLDER_EN not in box
    assert "Homework help for children of migrant workers" in box
    assert "农民工子女课后阅读辅导" not in box  # the translation replaces its source
    assert 'href="/en/members/nanning/homework/"' in box
    # The untranslated project is listed from Chinese, at its Chinese address, marked.
    assert f'lang="zh-hans"><a href="{untranslated.url}">盲人有声书录制</a>' in box
    assert "Children of migrant workers" in box and "2 shifts to come" in box
    assert 'href="/en/volunteers/">All volunteer projects</a>' in box


def test_without_projects_the_box_says_what_will_come(client, home, volunteers_index):
    box = volunteering_box(client.get(home.url).content.decode())
    assert PLACEHOLDER_ZH in box
    assert "event-card" not in box


def test_the_home_page_runs_the_same_queries_with_more_projects(
    client, home, volunteers_index, library_a, library_b
):
    def add(start, count):
        for n in range(start, start + count):
            make_project(
                (library_a, library_b)[n % 2],
                title=f"志愿项目{n}",
                slug=f"project-{n}",
                start=timezone.now() + datetime.timedelta(days=1 + n),
                shifts=1 + n % 3,
            )

    add(0, 2)
    few = count_queries(client, home.url, cold=True)
    add(2, 10)
    many = count_queries(client, home.url, cold=True)
    assert few == many
    box = volunteering_box(client.get(home.url).content.decode())
    # Six projects, the soonest.
    assert box.count('class="event-card"') == 6
    assert "志愿项目0" in box and "志愿项目5" in box and "志愿项目6" not in box
