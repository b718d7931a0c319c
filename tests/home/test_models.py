import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

from home.models import ClosureReason, OpeningHours, OpeningHoursException
from tests import factories

pytestmark = pytest.mark.django_db


def test_closing_before_opening_is_an_error_on_the_field(library_a):
    row = OpeningHours(page=library_a, weekday=0, opens="18:00", closes="09:00")
    with pytest.raises(ValidationError) as error:
        row.full_clean()
    assert "closes" in error.value.message_dict


def test_missing_times_need_closed_ticked(library_a):
    with pytest.raises(ValidationError) as error:
        OpeningHours(page=library_a, weekday=0).full_clean()
    assert "opens" in error.value.message_dict
    OpeningHours(page=library_a, weekday=0, closed=True).full_clean()


def test_exception_cannot_end_before_it_starts(library_a):
    row = OpeningHoursException(
        page=library_a,
        start_date=datetime.date(2027, 2, 8),
        end_date=datetime.date(2027, 2, 6),
        reason=ClosureReason.SPRING_FESTIVAL,
    )
    with pytest.raises(ValidationError) as error:
        row.full_clean()
    assert "end_date" in error.value.message_dict


def test_holiday_exception_wins_over_weekly_hours(library_a):
    monday = datetime.date(2027, 2, 8)
    factories.OpeningHoursFactory(page=library_a, weekday=monday.weekday())
    assert library_a.hours_on(monday) == (datetime.time(9), datetime.time(17))
    OpeningHoursException.objects.create(
        page=library_a, start_date=datetime.date(2027, 2, 6), end_date=monday, closed=True
    )
    assert library_a.hours_on(monday) is None
    assert library_a.hours_on(monday + datetime.timedelta(days=7)) is not None


def test_admin_rejects_bad_hours_and_keeps_what_was_typed(client, superuser, library_a):
    from django.urls import reverse
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    client.force_login(superuser)
    data = nested_form_data(
        {
            "title": library_a.title,
            "slug": library_a.slug,
            "level": "city",
            "city": "南宁",
            "introduction": "我输入的简介",
            "time_zone": "Asia/Shanghai",
            "brand_story": streamfield([]),
            "gallery": streamfield([]),
            "opening_hours": inline_formset(
                [{"weekday": "0", "opens": "18:00", "closes": "09:00"}]
            ),
            "opening_exceptions": inline_formset([]),
            "comments": inline_formset([]),
        }
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[library_a.pk]), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "我输入的简介" in html
    assert "18:00" in html


def test_wagtails_sitewide_default_groups_are_removed():
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()


def test_opening_hours_are_synchronised_to_translations(library_a):
    from django.test import TestCase
    from wagtail_localize.models import Translation, TranslationSource

    from tests.conftest import translate

    english = translate(library_a, "en", title="Nanning Library")
    assert english.opening_hours.count() == 0
    factories.OpeningHoursFactory(page=library_a, weekday=2, opens="08:30", closes="20:00")
    library_a.save_revision().publish()
    source = TranslationSource.objects.get(object_id=library_a.translation_key)
    source.update_from_db()
    with TestCase.captureOnCommitCallbacks(execute=True):
        Translation.objects.get(source=source, target_locale=english.locale).save_target(
            publish=True
        )
    english.refresh_from_db()
    assert [(h.weekday, h.opens) for h in english.opening_hours.all()] == [
        (2, datetime.time(8, 30))
    ]


def test_page_tree_is_consistent_after_migrations(home):
    from wagtail.models import Page

    assert all(problem == [] for problem in Page.find_problems())
    assert Page.objects.get(depth=1).numchild == Page.objects.filter(depth=2).count()


def test_event_created_with_add_child_knows_its_library(library_a):
    from events.models import EventPage

    event = EventPage(title="直接创建的活动", slug="direct")
    library_a.add_child(instance=event)
    assert EventPage.objects.get(pk=event.pk).library_id == library_a.pk
