"""The public site search: the index follows the pages, and the search page answers every
query a visitor can type."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction

from alliance_site.search import engine
from alliance_site.search.models import SearchDocument
from alliance_site.search.text import index_terms, parse_query
from home.models import StandardPage
from tests.conftest import make_event, make_library, translate
from tests.home.test_query_budget import count_queries

pytestmark = pytest.mark.django_db


def search(client, q, language="zh-hans", **params):
    url = f"/{language}/search/"
    return client.get(url, {"q": q, **params})


def found(response):
    return [result.page.pk for result in response.context["results"]]


def hit_ids(q, language="zh-hans"):
    locale = Locale.objects.get(language_code=language)
    return [hit.page_id for hit in engine.hits(parse_query(q, language), locale.pk)]


@pytest.fixture
def lecture(library_a):
    return make_event(
        library_a, title="八桂讲坛：阅读与人生", introduction="一场关于图书馆的讲座。"
    )


# The index follows the pages ------------------------------------------------------------


def test_a_published_page_is_found_by_a_word_inside_its_unspaced_title(client, lecture):
    response = search(client, "阅读")
    assert response.status_code == 200
    assert lecture.pk in found(response)
    assert "<mark>阅读</mark>" in response.content.decode()


def test_a_draft_is_not_indexed_and_publishing_adds_it(library_a):
    from tests import factories

    draft = factories.EventPageFactory(parent=library_a, title="光影榭电影放映", live=False)
    assert draft.pk not in hit_ids("电影")
    draft.save_revision().publish()
    assert draft.pk in hit_ids("电影")


def test_draft_changes_stay_out_until_published(lecture):
    lecture.title = "八桂讲坛：历史与文化"
    lecture.save_revision()
    assert lecture.pk in hit_ids("人生")
    assert lecture.pk not in hit_ids("文化")
    lecture.get_latest_revision().publish()
    assert lecture.pk in hit_ids("文化")
    assert lecture.pk not in hit_ids("人生")


def test_unpublishing_removes_a_page(lecture):
    lecture.unpublish()
    assert lecture.pk not in hit_ids("阅读")
    assert not SearchDocument.objects.filter(page_id=lecture.pk).exists()


def test_deleting_removes_a_page(lecture):
    pk = lecture.pk
    lecture.delete()
    assert pk not in hit_ids("阅读")
    assert not SearchDocument.objects.filter(page_id=pk).exists()


def test_an_expired_page_is_not_found(lecture):
    lecture.expired = True
    lecture.save()
    assert lecture.pk not in hit_ids("阅读")


def test_a_private_section_is_not_found_and_becomes_findable_when_opened(lecture, library_a):
    restriction = PageViewRestriction.objects.create(
        page=library_a, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert lecture.pk not in hit_ids("阅读")
    assert library_a.pk not in hit_ids("南宁")
    restriction.delete()
    assert lecture.pk in hit_ids("阅读")


def test_moving_a_page_to_another_library_moves_it_in_the_library_facet(
    lecture, library_a, library_b
):
    assert SearchDocument.objects.get(page_id=lecture.pk).library_id == library_a.pk
    lecture.move(library_b, pos="last-child")
    assert SearchDocument.objects.get(page_id=lecture.pk).library_id == library_b.pk


def test_moving_a_library_section_updates_the_pages_under_it(lecture, library_a, home):
    from tests import factories

    other_index = factories.MemberLibraryIndexPageFactory(parent=home, slug="partners")
    other_index.save_revision().publish()
    library_a.move(other_index, pos="last-child")
    lecture.refresh_from_db()
    assert lecture.url_path.startswith(other_index.url_path)
    assert SearchDocument.objects.get(page_id=lecture.pk).library_id == library_a.pk
    assert lecture.pk in hit_ids("阅读")


def test_a_translation_is_indexed_in_its_own_locale(lecture):
    thai = translate(lecture, "th", title="แปดกุ้ยเสวนา: การอ่านกับชีวิต")
    assert thai.pk in hit_ids("การอ่าน", "th")
    assert thai.pk not in hit_ids("阅读", "th")
    assert lecture.pk in hit_ids("阅读")
    assert thai.pk not in hit_ids("การอ่าน", "zh-hans")


def test_aliases_made_for_untranslated_parents_are_not_indexed(lecture, library_a):
    translate(lecture, "th", title="แปดกุ้ยเสวนา")
    thai_library = library_a.get_translation(Locale.objects.get(language_code="th"))
    assert thai_library.alias_of_id == library_a.pk
    assert not SearchDocument.objects.filter(page_id=thai_library.pk).exists()


def test_update_index_rebuilds_the_site_index_with_progress(lecture, library_a):
    SearchDocument.objects.all().delete()
    out = io.StringIO()
    call_command("update_index", backend_name="site", stdout=out)
    output = out.getvalue()
    assert "Updating backend: site" in output
    assert "site: Rebuilding index site pages" in output
    assert "." in output and "indexed" in output
    assert lecture.pk in hit_ids("阅读")
    assert library_a.pk in hit_ids("南宁")


# The search page -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "q",
    [
        "",
        " ",
        "     ",
        "？！。，",
        "!!!",
        "📚🎉",
        "👩‍👩‍👧",
        "\u200b",
        '"',
        "*",
        "AND OR NOT",
        "NEAR(",
        "'",
        "\\",
        "%_",
        "阅读" * 100,
    ],
)
def test_any_query_answers_200(client, lecture, q):
    response = search(client, q)
    assert response.status_code == 200
    assert response.context["form"] is not None


def test_queries_without_words_say_so_and_search_nothing(client, lecture):
    with CaptureQueriesContext(connection) as queries:
        response = search(client, "📚！？")
    text = response.content.decode()
    assert response.status_code == 200
    assert response.context["results"] == []
    assert "📚！？" in text  # what was typed is kept, and quoted in the message
    assert response.context["query_message"]
    assert not [q for q in queries.captured_queries if "searchdocument" in q["sql"]]


def test_a_10000_character_query_is_refused_quickly_and_kept_in_the_box(client, lecture):
    q = "阅读" * 5000
    started = timezone.now()
    response = search(client, q)
    elapsed = timezone.now() - started
    assert response.status_code == 200
    assert response.context["results"] == []
    assert response.context["form"].errors["q"]
    assert elapsed < datetime.timedelta(seconds=2)


def test_an_empty_query_shows_the_form_only(client, lecture):
    response = search(client, "")
    assert response.status_code == 200
    assert not response.context["searched"]
    assert 'role="search"' in response.content.decode()


def test_stop_words_and_punctuation_do_not_break_a_query(client, lecture):
    assert lecture.pk in found(search(client, "「阅读」的人生！"))
    assert lecture.pk in found(search(client, "  阅读，人生  "))


def test_traditional_characters_find_simplified_text(client, lecture):
    assert lecture.pk in found(search(client, "閱讀"))
    assert lecture.pk in found(search(client, "圖書館"))


def test_full_width_latin_and_digits_match(client, library_a):
    event = make_event(library_a, title="World Book Day 2026 读书日")
    assert event.pk in found(search(client, "ＷＯＲＬＤ ２０２６"))


def test_an_exact_title_ranks_first(client, library_a):
    longer = make_event(
        library_a,
        title="少儿阅读推广活动：阅读推广",
        introduction="阅读推广，阅读推广，阅读推广，阅读推广。",
    )
    exact = make_event(library_a, title="阅读推广", introduction="欢迎参加。")
    response = search(client, "阅读推广")
    assert found(response)[0] == exact.pk
    assert longer.pk in found(response)


def test_only_the_visitors_locale_is_searched(client, lecture):
    thai = translate(lecture, "th", title="แปดกุ้ยเสวนา: การอ่านกับชีวิต")
    assert found(search(client, "การอ่าน", "th")) == [thai.pk]
    assert thai.pk not in found(search(client, "การอ่าน"))


def test_no_hit_in_the_locale_offers_the_source_language(client, lecture):
    response = search(client, "阅读", "en")
    assert response.status_code == 200
    assert response.context["fallback"]["code"] == "zh-hans"
    assert lecture.pk in found(response)
    text = response.content.decode()
    assert 'lang="zh-hans"' in text
    assert reverse("search") not in [r.url for r in response.context["results"]]


def test_a_hit_in_the_locale_shows_no_fallback(client, lecture):
    translate(lecture, "en", title="Bagui Forum: Reading and Life")
    response = search(client, "reading", "en")
    assert response.context["fallback"] is None
    assert len(found(response)) == 1


def test_facets_by_kind_library_and_time(client, library_a, library_b):
    from lectures.models import LecturePage

    now = timezone.now()
    past = make_event(library_a, title="往期阅读分享会", start=now - datetime.timedelta(days=30))
    upcoming = make_event(library_b, title="阅读分享会预告", start=now + datetime.timedelta(days=5))
    talk = LecturePage(title="阅读讲座", slug="reading-talk", topic="阅读")
    library_b.add_child(instance=talk)
    from tests import factories

    factories.EventSessionFactory(page=talk, start=now + datetime.timedelta(days=9))
    talk.save_revision().publish()

    response = search(client, "阅读")
    facets = {facet["name"]: facet for facet in response.context["facets"]}
    kinds = {option["label"]: option["count"] for option in facets["kind"]["options"]}
    assert kinds[str(LecturePage._meta.verbose_name_plural)] == 1
    libraries = {option["label"]: option["count"] for option in facets["library"]["options"]}
    assert libraries["柳州市图书馆"] == 2
    times = {option["label"]: option["count"] for option in facets["time"]["options"]}
    assert sum(times.values()) == 3

    assert found(search(client, "阅读", time="past")) == [past.pk]
    assert set(found(search(client, "阅读", library=library_b.pk))) == {upcoming.pk, talk.pk}
    assert found(search(client, "阅读", kind="lectures.lecturepage")) == [talk.pk]
    response = search(
        client, "阅读", library=library_b.pk, time="upcoming", kind="events.eventpage"
    )
    assert found(response) == [upcoming.pk]


def test_bad_facet_values_are_ignored_with_a_message(client, lecture):
    response = search(client, "阅读", kind="nope", library="x", time="yesterday", page="abc")
    assert response.status_code == 200
    assert lecture.pk in found(response)
    assert response.context["filter_message"]


def test_results_are_paginated(client, library_a):
    events = [make_event(library_a, title=f"故事会第{n}期") for n in range(12)]
    first = search(client, "故事会")
    assert first.context["result_count"] == 12
    assert len(found(first)) == 10
    second = search(client, "故事会", page=2)
    assert len(found(second)) == 2
    assert set(found(first)) | set(found(second)) == {e.pk for e in events}
    assert search(client, "故事会", page=99).status_code == 200


def test_highlighted_text_is_escaped(client, library_a):
    event = make_event(library_a, title="<script>alert(1)</script> 阅读")
    text = search(client, "阅读").content.decode()
    assert event.pk
    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;" in text


def test_the_header_has_a_search_box_on_every_page(client, lecture):
    text = client.get(lecture.url).content.decode()
    assert 'action="/zh-hans/search/"' in text
    assert 'name="q"' in text


def test_search_query_count_does_not_grow_with_results(client, library_a, library_b):
    url = "/zh-hans/search/?q=读书会"
    for n in range(3):
        make_event(library_a, title=f"读书会{n}")
    few = count_queries(client, url, cold=True)
    for n in range(25):
        make_event(library_b if n % 2 else library_a, title=f"读书会{n + 3}")
    many = count_queries(client, url, cold=True)
    assert search(client, "读书会").context["result_count"] == 28
    assert many == few
    assert many <= 14  # measured: the search, pages, excerpts, libraries; the rest is the layout


# Segmentation ---------------------------------------------------------------------------


def test_index_terms_cut_each_script():
    terms = index_terms("八桂讲坛 ห้องสมุดแห่งชาติ Đọc sách ຫໍສະໝຸດແຫ່ງຊາດ")
    assert {"八桂", "讲坛", "桂讲"} <= set(terms)
    assert {"ห้อง", "สมุด", "ชาติ"} <= set(terms)
    assert {"doc", "sach"} <= set(terms)
    assert "ຫໍສະໝຸດ" in terms


def test_a_standard_page_and_the_library_page_are_searchable(client, library_a, home):
    page = StandardPage(
        title="加入联盟", slug="join", introduction="成员馆申请加入阅读推广联盟的流程。"
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    assert page.pk in found(search(client, "推广联盟"))
    assert library_a.pk in found(search(client, "南宁"))
    new_library = make_library(
        library_a.get_parent(), title="桂林图书馆", slug="guilin", city="桂林"
    )
    assert new_library.pk in found(search(client, "桂林"))


def test_a_broad_query_says_it_shows_the_best_matches(client, library_a, monkeypatch):
    monkeypatch.setattr(engine, "MAX_HITS", 3)
    for n in range(5):
        make_event(library_a, title=f"读书会{n}")
    response = search(client, "读书会")
    assert response.context["capped"]
    assert response.context["result_count"] == 3
    assert "以上是最相关的 3 条结果" in response.content.decode()


@pytest.mark.parametrize("library", ["²", "9" * 5000, "-1", "1e3", "٣"])
def test_odd_library_values_are_ignored_not_500(client, lecture, library):
    response = search(client, "阅读", library=library)
    assert response.status_code == 200
    assert response.context["filter_message"]
    assert lecture.pk in found(response)


def test_a_chinese_word_is_found_only_where_its_characters_follow_each_other(library_a):
    apart = make_event(library_a, title="大学图书馆招募学生志愿者")
    together = make_event(library_a, title="大学生读书节")
    assert hit_ids("大学生") == [together.pk]
    assert set(hit_ids("大学 学生")) == {apart.pk, together.pk}
    assert apart.pk in hit_ids("学生")


def test_words_deep_in_a_long_page_are_found(library_a, home):
    page = StandardPage(
        title="长文", slug="long", introduction="读" * 9000 + "。光影榭电影放映。" + "书" * 100
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    assert page.pk in hit_ids("光影榭")
    assert page.pk in hit_ids("电影放映")


def test_a_rebuild_takes_out_pages_no_signal_told_about_and_keeps_the_rest(lecture, library_a):
    from wagtail.models import Page

    Page.objects.filter(pk=lecture.pk).update(live=False)  # no signal
    assert SearchDocument.objects.filter(page_id=lecture.pk).exists()
    call_command("update_index", backend_name="site", schema_only=True, stdout=io.StringIO())
    assert SearchDocument.objects.filter(page_id=library_a.pk).exists()
    call_command("update_index", backend_name="site", stdout=io.StringIO())
    assert not SearchDocument.objects.filter(page_id=lecture.pk).exists()
    assert library_a.pk in hit_ids("南宁")


def test_glyph_variants_and_combining_marks_do_not_split_words():
    assert "葛城" in index_terms("葛\U000e0100城")
    assert "cafe" in index_terms("cafe\u0301")


def test_a_speakers_name_or_series_finds_the_lecture(client, library_a):
    from lectures.models import LectureSeries, Speaker
    from tests.lectures.test_lectures import make_lecture

    speaker = Speaker.objects.create(name="王晓明", title="广西大学文学院教授")
    series = LectureSeries.objects.create(name="八桂讲坛", slug="bagui")
    lecture = make_lecture(library_a, speaker, series=series, title="地方文献与家族记忆")
    assert lecture.pk in found(search(client, "王晓明"))
    assert lecture.pk in found(search(client, "文学院"))
    assert lecture.pk in found(search(client, "八桂讲坛"))
    # The name is searched, but the excerpt is cut from the lecture's own text.
    assert "王晓明" not in str(search(client, "王晓明").context["results"][0].excerpt)


def test_robots_keep_crawlers_out_of_search_results(client):
    assert "Disallow: /*/search/" in client.get("/robots.txt").content.decode()


def test_a_well_formed_filter_that_matches_nothing_offers_to_clear_it(client, lecture, library_b):
    response = search(client, "阅读", library=library_b.pk, kind="volunteers.volunteerprojectpage")
    assert response.status_code == 200
    assert not response.context["filter_message"]
    assert found(response) == []
    assert response.context["total"] >= 1
    assert "?q=%E9%98%85%E8%AF%BB" in response.content.decode()  # Clear filters
