"""load_demo builds the whole demo site, idempotently. Transactional, because
wagtail-localize publishes translations when their transaction commits."""

import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Site

from home.models import LibraryLevel, MemberLibraryPage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_load_demo_builds_a_believable_site_and_is_idempotent(client, settings):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"  # as in development
    out = StringIO()
    call_command("load_demo", stdout=out)
    output = out.getvalue()
    assert "[1/5]" in output and "[5/5]" in output
    assert "reading-demo-2026" not in output  # DEBUG is off in tests: no passwords shown
    # It prints the public addresses of what it made, not tree paths (/home/events/), and
    # the Site has the public host and port, so that pages' full URLs are public ones.
    for address in (
        "http://127.0.0.1:8000/zh-hans/",
        "http://127.0.0.1:8000/zh-hans/members/",
        "http://127.0.0.1:8000/zh-hans/members/nanning/",
        "http://127.0.0.1:8000/zh-hans/events/",
        "http://127.0.0.1:8000/zh-hans/lectures/",
        "http://127.0.0.1:8000/zh-hans/exhibitions/",
        "http://127.0.0.1:8000/zh-hans/volunteers/",
        "http://127.0.0.1:8000/admin/",
    ):
        assert re.search(re.escape(address) + r"(?![\w/-])", output), address
    assert "/home/" not in output
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8000)
    assert site.root_page.full_url == "http://127.0.0.1:8000/zh-hans/"

    zh = MemberLibraryPage.objects.filter(locale__language_code="zh-hans")
    levels = {level: zh.filter(level=level).count() for level in LibraryLevel.values}
    assert levels["provincial"] >= 2 and levels["city"] == 14
    assert levels["county"] >= 3 and levels["asean"] >= 3
    assert zh.filter(title="广西壮族自治区图书馆", brand_name="八桂讲坛").exists()
    assert all(library.logo_id for library in zh)

    counts = (Page.objects.count(), get_user_model().objects.count())
    call_command("load_demo", stdout=StringIO())
    assert (Page.objects.count(), get_user_model().objects.count()) == counts

    for language, text in [("en", "Nanning"), ("vi", "Nam Ninh"), ("th", "หนานหนิง")]:
        response = client.get(f"/{language}/members/nanning/")
        assert response.status_code == 200, language
        html = response.content.decode()
        assert f'<html lang="{language}"' in html
        assert text in html
        assert client.get(f"/{language}/members/").status_code == 200

    from events.models import EventPage, EventStatus

    events = EventPage.objects.filter(locale__language_code="zh-hans")
    assert events.count() >= 40
    assert events.filter(status=EventStatus.CANCELLED).exists()
    assert events.filter(status=EventStatus.POSTPONED).exists()
    assert len(set(events.values_list("kind", flat=True))) >= 6
    for language in ("zh-hans", "en", "th"):
        assert client.get(f"/{language}/events/").status_code == 200

    users = set(get_user_model().objects.values_list("username", flat=True))
    assert {"admin", "nanning-editor", "nanning-moderator", "liuzhou-editor"} <= users
    translator = get_user_model().objects.get(username="translator-vi")
    vi_home = Page.objects.get(depth=2, locale__language_code="vi")
    assert vi_home.permissions_for_user(translator).can_edit()
    zh_home = Page.objects.get(depth=2, locale__language_code="zh-hans")
    assert not zh_home.permissions_for_user(translator).can_edit()
    editor = get_user_model().objects.get(username="nanning-editor")
    assert editor.groups.filter(name__endswith=" 编辑").exists()
    assert editor.emailaddress_set.filter(verified=True).exists()

    # A year of figures for the statistics (past months of this year).
    from django.utils import timezone

    from volunteers.statistics import at_a_glance

    glance = at_a_glance(timezone.localdate().year)
    if timezone.localdate().month > 1:
        assert glance["activities"] >= 100
        assert glance["volunteers"] >= 10 and glance["hours"] > 100
    admin = get_user_model().objects.get(username="admin")
    client.force_login(admin)
    report = client.get("/admin/reports/statistics/")
    assert report.status_code == 200
    assert report.context["total"].registrations > 0
    assert report.context["total"].turned_away > 0

    # Two selection rounds: last year's published, this year's taking nominations.
    from volunteers.selection import SelectionResultsPage, SelectionRound

    year = timezone.localdate().year
    finished = SelectionRound.objects.get(year=year - 1)
    current = SelectionRound.objects.get(year=year)
    assert finished.published_at and finished.nominations.filter(winner=True).exists()
    assert current.accepts_nominations() and current.judges.count() == 3
    winner = finished.nominations.filter(winner=True).first()
    for language in ("zh-hans", "en", "th"):
        page = SelectionResultsPage.objects.get(round=finished, locale__language_code=language)
        assert page.live
        response = client.get(page.url)
        assert response.status_code == 200
        assert response.context["groups"], language
    client.logout()
    assert winner.title in client.get(f"/zh-hans/volunteers/selection-{year - 1}/").content.decode()
    moderator = get_user_model().objects.get(username="gxlib-moderator")
    client.force_login(moderator)
    nominating = client.get(f"/admin/selection/{current.pk}/nominations/")
    assert nominating.status_code == 200 and nominating.context["has_projects"]
