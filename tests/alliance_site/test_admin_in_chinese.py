"""Library staff use the admin in Chinese (zh-hans). The dashboard, the sidebar, the
page explorer, the page editor and wagtail-localize's translation editor speak Chinese
to a library editor and to an alliance administrator: the zh_Hans catalogue completes
and corrects Wagtail's and wagtail-localize's Chinese, and no string of ours takes over
one of theirs (the pagination's "Pages", 分页, once renamed the Pages menu, and a
speaker's "title", 头衔, the title of every page)."""

import html
import json
import re

import pytest
from django.urls import reverse
from django.utils import translation

from tests.conftest import make_event, translate

pytestmark = pytest.mark.django_db

# What staff read in English on those screens before the zh_Hans catalogue had them.
ENGLISH = [
    "Search all pages…",
    "More actions",
    "Exploring",
    "created in",  # the dashboard's "N Pages / Images / Documents created in …"
    "Has child pages",
    "Edited by",
    "Date updated",
    "Page type",
    "Checks",
    "Content metrics",
    "Reading time",
    "Locking:",
    "Anyone can edit this",
    "Choose when this page should go live",
    "To be created by",
    "Show keyboard shortcuts",
    "Save changes",
    "Page types usage",
    "Oldest",
]
# Chinese that said something else (分页, pagination, is right for Wagtail's own
# pagination, so only the menu is checked for it).
MISLEADING = ["头衔", "更多动作", "实时查看", "注销"]


def visible_text(page):
    """The text a person reads or hears: text nodes (screen-reader-only ones too) and
    the aria-label, title, placeholder and alt attributes; not scripts."""
    page = re.sub(r"<(script|style)\b.*?</\1>|<!--.*?-->", " ", page, flags=re.S)
    attributes = re.findall(r'\b(?:aria-label|title|placeholder|alt)="([^"]*)"', page)
    return html.unescape(" ".join([re.sub(r"<[^>]+>", " ", page), *attributes]))


def sidebar_labels(page):
    """The labels of the sidebar's menu, which the admin renders into every page as
    JSON for its script."""
    props = re.search(r'<script id="wagtail-sidebar-props"[^>]*>(.*?)</script>', page, re.S)
    labels = {}

    def walk(value):
        if isinstance(value, dict):
            if isinstance(value.get("name"), str) and isinstance(value.get("label"), str):
                labels[value["name"]] = value["label"]
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(json.loads(props.group(1)))
    return labels


def assert_chinese(page):
    text = visible_text(page)
    assert [english for english in ENGLISH if english in text] == []
    assert [wrong for wrong in MISLEADING if wrong in text] == []
    labels = sidebar_labels(page)
    assert labels["explorer"] == "页面"
    assert [label for label in labels.values() if label in [*ENGLISH, *MISLEADING, "分页"]] == []


@pytest.fixture
def event(library_a):
    return make_event(library_a, title="世界读书日·南宁市图书馆阅读嘉年华")


@pytest.mark.parametrize("who", ["editor_a", "superuser"])
def test_the_admin_speaks_chinese_to_library_staff(client, request, library_a, event, who):
    client.force_login(request.getfixturevalue(who))
    screens = {
        "dashboard": reverse("wagtailadmin_home"),
        "explorer": reverse("wagtailadmin_explore", args=[library_a.pk]),
        "page editor": reverse("wagtailadmin_pages:edit", args=[event.pk]),
        "images": reverse("wagtailimages:index"),
    }
    for screen, url in screens.items():
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")
        assert response.status_code == 200, screen
        page = response.content.decode()
        assert '<html lang="zh-hans"' in page or 'lang="zh-hans"' in page[:500], screen
        assert_chinese(page)
    dashboard = visible_text(client.get(screens["dashboard"]).content.decode())
    assert "搜索全部页面…" in dashboard and re.search(r"\d+ 个页面", dashboard)
    assert "浏览" in visible_text(client.get(screens["explorer"]).content.decode())
    editor = visible_text(client.get(screens["page editor"]).content.decode())
    assert "标题" in editor and "内容指标" in editor


def test_the_translation_editor_calls_a_title_a_title(client, superuser, event):
    """wagtail-localize's editor labels each field with its verbose name: a page's
    "title" is 标题 (a speaker's title, 头衔, has its own context)."""
    translated = translate(event, "en")
    client.force_login(superuser)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[translated.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    props = re.search(r'data-props="([^"]*)"', page)
    labels = json.dumps(json.loads(html.unescape(props.group(1))), ensure_ascii=False)
    assert '"标题"' in labels and "头衔" not in labels
    assert_chinese(page)


def test_upstream_messages_staff_meet_after_acting_read_right():
    """Messages of Wagtail and wagtail-localize that are shown after an action."""
    with translation.override("zh-hans"):
        published = translation.gettext(
            "Published '{object}' in {locale} with missing translations - see below."
        )
        assert published == "已在{locale}中发布“{object}”，但有内容尚未翻译，详见下方。"
        assert translation.gettext("Log out") == "退出登录"
        assert (
            translation.ngettext(
                "%(num_parent_objects)d page has been published",
                "%(num_parent_objects)d pages have been published",
                3,
            )
            % {"num_parent_objects": 3}
            == "已发布 3 个页面"
        )
